package dev.intake.web;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.Socket;

/** Opens the TCP connection to an already resolved and checked address (a seam for tests). */
@FunctionalInterface
interface Connector {

  /** A plain socket that bypasses any configured proxy, which would do its own name lookup. */
  Connector DIRECT = (target, timeoutMillis) -> {
    Socket socket = new Socket(Proxy.NO_PROXY);
    try {
      socket.connect(target, timeoutMillis);
      return socket;
    } catch (IOException | RuntimeException e) {
      socket.close();
      throw e;
    }
  };

  /** {@code target} is never unresolved: connecting must not look the name up again. */
  Socket connect(InetSocketAddress target, int timeoutMillis) throws IOException;
}
