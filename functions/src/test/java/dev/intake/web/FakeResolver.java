package dev.intake.web;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** A resolver with fixed answers that records every lookup. */
final class FakeResolver implements HostResolver {

  private final Map<String, List<InetAddress>> answers = new ConcurrentHashMap<>();
  private final List<String> lookups = new CopyOnWriteArrayList<>();

  FakeResolver answer(String host, String... literals) {
    answers.put(host, Arrays.stream(literals).map(TestAddresses::parse).toList());
    return this;
  }

  @Override public List<InetAddress> resolve(String host) throws UnknownHostException {
    lookups.add(host);
    List<InetAddress> found = answers.get(host);
    if (found == null) {
      throw new UnknownHostException(host);
    }
    return found;
  }

  List<String> lookups() {
    return List.copyOf(lookups);
  }
}
