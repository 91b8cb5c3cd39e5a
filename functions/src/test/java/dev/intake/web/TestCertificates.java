package dev.intake.web;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** A self-signed certificate for one host name, made with the JDK's keytool, and contexts that use it. */
final class TestCertificates {

  private static final char[] PASSWORD = "changeit".toCharArray();

  private final KeyStore keyStore;

  private TestCertificates(KeyStore keyStore) {
    this.keyStore = keyStore;
  }

  static TestCertificates selfSigned(String hostName, Path directory) throws IOException, GeneralSecurityException,
      InterruptedException {
    Path file = directory.resolve(hostName + ".p12");
    String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    Process process = new ProcessBuilder(List.of(keytool, "-genkeypair", "-alias", "server", "-keyalg", "EC",
        "-groupname", "secp256r1", "-dname", "CN=" + hostName, "-ext", "SAN=dns:" + hostName, "-validity", "2",
        "-storetype", "PKCS12", "-keystore", file.toString(), "-storepass", new String(PASSWORD)))
        .redirectErrorStream(true).redirectOutput(directory.resolve("keytool.log").toFile()).start();
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IOException("keytool failed: " + Files.readString(directory.resolve("keytool.log")));
    }
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(file)) {
      store.load(in, PASSWORD);
    }
    return new TestCertificates(store);
  }

  /** For the server: presents the certificate. */
  SSLContext serverContext() throws GeneralSecurityException {
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(keyStore, PASSWORD);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keys.getKeyManagers(), null, null);
    return context;
  }

  /** For the client: trusts exactly this certificate. */
  SSLContext clientContext() throws GeneralSecurityException {
    TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(keyStore);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, trust.getTrustManagers(), null);
    return context;
  }
}
