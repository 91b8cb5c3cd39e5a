package dev.intake.web;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records every connection attempt; either refuses them all or passes them to the real connector. */
final class RecordingConnector implements Connector {

  private final List<InetSocketAddress> attempts = new CopyOnWriteArrayList<>();
  private final Connector next;

  private RecordingConnector(Connector next) {
    this.next = next;
  }

  /** Sends no traffic anywhere. */
  static RecordingConnector refusingAll() {
    return new RecordingConnector(null);
  }

  static RecordingConnector direct() {
    return new RecordingConnector(Connector.DIRECT);
  }

  @Override public Socket connect(InetSocketAddress target, int timeoutMillis) throws IOException {
    attempts.add(target);
    if (next == null) {
      throw new ConnectException("the test connector sends no traffic");
    }
    return next.connect(target, timeoutMillis);
  }

  List<InetSocketAddress> attempts() {
    return List.copyOf(attempts);
  }
}
