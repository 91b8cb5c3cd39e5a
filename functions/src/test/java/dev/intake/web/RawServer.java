package dev.intake.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;

/** A TCP server on 127.0.0.1 that answers each request with whatever bytes a test scripts. */
final class RawServer implements AutoCloseable {

  /** Writes the response (the request has been read up to its blank line). */
  @FunctionalInterface
  interface Script {
    void answer(OutputStream out) throws IOException, InterruptedException;
  }

  private final ServerSocket socket;
  private final Thread acceptor;
  private final AtomicInteger connections = new AtomicInteger();

  private final boolean readRequest;

  private RawServer(Script script, boolean readRequest) throws IOException {
    this.readRequest = readRequest;
    socket = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
    acceptor = new Thread(() -> serve(script), "raw-server");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  static RawServer start(Script script) throws IOException {
    return new RawServer(script, true);
  }

  /** Answers as soon as a client connects, without waiting for a request it may never send. */
  static RawServer startAnsweringAtOnce(Script script) throws IOException {
    return new RawServer(script, false);
  }

  int port() {
    return socket.getLocalPort();
  }

  InetSocketAddress address() {
    return new InetSocketAddress(socket.getInetAddress(), socket.getLocalPort());
  }

  int connections() {
    return connections.get();
  }

  private void serve(Script script) {
    while (!socket.isClosed()) {
      try (Socket client = socket.accept()) {
        connections.incrementAndGet();
        if (readRequest) {
          skipRequest(client.getInputStream());
        }
        OutputStream out = client.getOutputStream();
        script.answer(out);
        out.flush();
      } catch (IOException ignored) {
        // The client hung up (as it should on caps and timeouts) or the server was closed.
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private static void skipRequest(InputStream in) throws IOException {
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    while (matched < 4) {
      int c = in.read();
      if (c < 0) {
        return;
      }
      matched = c == end[matched] ? matched + 1 : (c == '\r' ? 1 : 0);
    }
  }

  @Override public void close() throws IOException {
    socket.close();
    acceptor.interrupt();
  }
}
