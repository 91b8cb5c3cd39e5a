package dev.intake.web;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Turns a host name into addresses. The URL checker calls it once per hop and connects only to an
 * address it returned and checked, so a name cannot resolve differently between check and connect.
 */
@FunctionalInterface
public interface HostResolver {

  /** All addresses of {@code host}; throws when the name does not resolve. */
  List<InetAddress> resolve(String host) throws UnknownHostException;

  /** The JVM's resolver ({@link InetAddress#getAllByName}). */
  static HostResolver system() {
    return host -> List.of(InetAddress.getAllByName(host));
  }
}
