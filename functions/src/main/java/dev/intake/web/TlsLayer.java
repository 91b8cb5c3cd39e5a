package dev.intake.web;

import java.io.IOException;
import java.net.Socket;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/** Puts TLS over a connected socket (a seam for tests, which have no publicly trusted certificate). */
@FunctionalInterface
interface TlsLayer {

  /** The JDK's default trust store. */
  TlsLayer DEFAULT = verifying((SSLSocketFactory) SSLSocketFactory.getDefault());

  Socket wrap(Socket plain, String host, int port) throws IOException;

  /**
   * TLS from {@code factory}, with the certificate verified against the host name, which is also
   * sent as SNI. The socket stays connected to the checked address: no second lookup.
   */
  static TlsLayer verifying(SSLSocketFactory factory) {
    return (plain, host, port) -> {
      SSLSocket tls = (SSLSocket) factory.createSocket(plain, host, port, true);
      SSLParameters parameters = tls.getSSLParameters();
      parameters.setServerNames(List.of(new SNIHostName(host)));
      parameters.setEndpointIdentificationAlgorithm("HTTPS");
      tls.setSSLParameters(parameters);
      tls.startHandshake();
      return tls;
    };
  }
}
