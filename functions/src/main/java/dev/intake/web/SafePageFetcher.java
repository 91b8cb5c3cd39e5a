package dev.intake.web;

import dev.intake.rules.PageFetcher;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.stream.Collectors;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches a public page without reaching internal addresses (SSRF). Each hop, the first and every
 * redirect, is checked from scratch: http or https only, port 80 or 443 only, no user-info, a host
 * name rather than an IP literal; the name is resolved once, every address is checked against
 * {@link AddressPolicy}, and the socket connects to that very address, so no later lookup can
 * rebind it. At most 3 redirects, never from https to http; 3 s to connect, 3 s per read, 10 s in
 * all; 1 MB of body and 32 KB of headers are read at most. See docs/security-url-checker.md.
 */
public final class SafePageFetcher implements PageFetcher {

  private static final Logger LOG = LoggerFactory.getLogger(SafePageFetcher.class);
  private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);
  private static final int MAX_SHOWN_URL = 200;

  private final HostResolver resolver;
  private final Connector connector;
  private final TlsLayer tls;
  private final FetchLimits limits;
  private final Set<InetSocketAddress> testAllowList;

  /** The production checker: the JVM's resolver, the standard limits, nothing allow-listed. */
  public SafePageFetcher() {
    this(HostResolver.system());
  }

  /** The production checker with another resolver (every address it returns is still checked). */
  public SafePageFetcher(HostResolver resolver) {
    this(resolver, Connector.DIRECT, TlsLayer.DEFAULT, FetchLimits.DEFAULT, Set.of());
  }

  private SafePageFetcher(HostResolver resolver, Connector connector, TlsLayer tls, FetchLimits limits,
      Set<InetSocketAddress> testAllowList) {
    this.resolver = resolver;
    this.connector = connector;
    this.tls = tls;
    this.limits = limits;
    this.testAllowList = Set.copyOf(testAllowList);
  }

  SafePageFetcher withConnector(Connector other) {
    return new SafePageFetcher(resolver, other, tls, limits, testAllowList);
  }

  SafePageFetcher withTls(TlsLayer other) {
    return new SafePageFetcher(resolver, connector, other, limits, testAllowList);
  }

  SafePageFetcher withLimits(FetchLimits other) {
    return new SafePageFetcher(resolver, connector, tls, other, testAllowList);
  }

  /**
   * FOR TESTS ONLY: admits exactly these address-and-port pairs (and their ports) although the
   * address is internal, so a test can serve pages from 127.0.0.1. Package-private so that no
   * production class outside this package can call it; a test checks none inside does.
   */
  SafePageFetcher allowingForTestsOnly(InetSocketAddress... exactly) {
    for (InetSocketAddress a : exactly) {
      if (a.isUnresolved()) {
        throw new IllegalArgumentException("allow-list entries must be addresses, not names: " + a);
      }
    }
    return new SafePageFetcher(resolver, connector, tls, limits, Set.of(exactly));
  }

  @Override public Result fetch(URI uri) {
    long deadline = System.nanoTime() + limits.deadline().toNanos();
    Set<Integer> extraPorts = testAllowList.stream().map(InetSocketAddress::getPort).collect(Collectors.toSet());
    URI current = uri;
    for (int redirects = 0; ; redirects++) {
      String hop = redirects == 0 ? "" : "the redirect to " + shown(current) + " was refused: ";
      UrlPolicy.Verdict verdict = UrlPolicy.check(current, extraPorts);
      if (verdict instanceof UrlPolicy.Denied denied) {
        return refused(hop + denied.reason());
      }
      UrlPolicy.Target target = ((UrlPolicy.Allowed) verdict).target();
      List<InetAddress> addresses;
      try {
        addresses = List.copyOf(resolver.resolve(target.host()));
      } catch (UnknownHostException e) {
        return failed("the host name " + target.host() + " does not resolve");
      }
      if (addresses.isEmpty()) {
        return failed("the host name " + target.host() + " has no addresses");
      }
      for (InetAddress address : addresses) {
        Optional<String> kind = addressRefusal(address, target.port());
        if (kind.isPresent()) {
          return refused(hop + "its host " + target.host() + " resolves to " + address.getHostAddress()
              + ", " + kind.get());
        }
      }
      HttpGet.Response response;
      try {
        response = exchange(target, addresses, deadline);
      } catch (IOException e) {
        return failed(describe(e, target, deadline));
      }
      int status = response.status();
      if (REDIRECTS.contains(status)) {
        Optional<String> location = response.header("location");
        if (location.isEmpty()) {
          return failed("HTTP " + status + " without a Location");
        }
        if (redirects >= limits.maxRedirects()) {
          return failed("it redirects more than " + limits.maxRedirects() + " times");
        }
        Optional<URI> next = resolveLocation(current, location.get().strip());
        if (next.isEmpty()) {
          return failed("it redirects to an invalid address");
        }
        String nextScheme = next.get().getScheme() == null ? "" : next.get().getScheme().toLowerCase(Locale.ROOT);
        if (target.tls() && !nextScheme.equals("https")) {
          return refused("it redirects from https to " + shown(next.get()) + ", which is not https");
        }
        current = next.get();
        continue;
      }
      if (status < 200 || status > 299) {
        return failed("HTTP " + status);
      }
      if (response.truncated()) {
        LOG.debug("URL check read only the first {} bytes of {}", limits.maxBodyBytes(), target.host());
      }
      String contentType = response.header("content-type").orElse(null);
      return new Page(status, TextExtractor.text(response.body(), contentType, limits.maxTextChars()));
    }
  }

  private Optional<String> addressRefusal(InetAddress address, int port) {
    if (testAllowList.contains(new InetSocketAddress(address, port))) {
      return Optional.empty();
    }
    return AddressPolicy.refusal(address);
  }

  /** Connects to the checked addresses in turn (never to anything else) and runs one GET. */
  private HttpGet.Response exchange(UrlPolicy.Target target, List<InetAddress> addresses, long deadline)
      throws IOException {
    IOException last = null;
    for (InetAddress address : addresses) {
      long left = millisLeft(deadline);
      if (left <= 0) {
        throw new SocketTimeoutException("deadline");
      }
      Socket socket;
      try {
        int timeout = (int) Math.max(1, Math.min(limits.connectTimeout().toMillis(), left));
        socket = connector.connect(new InetSocketAddress(address, target.port()), timeout);
      } catch (IOException e) {
        last = new ConnectFailure("could not connect to " + target.host() + " (" + connectProblem(e) + ")");
        continue;
      }
      ScheduledFuture<?> guard = Watchdog.closeAfter(socket, millisLeft(deadline));
      try {
        socket.setSoTimeout((int) limits.readTimeout().toMillis());
        Socket stream = target.tls() ? tls.wrap(socket, target.host(), target.port()) : socket;
        try (stream) {
          return HttpGet.exchange(stream, target, limits);
        }
      } finally {
        guard.cancel(false);
        Watchdog.closeQuietly(socket);
      }
    }
    throw last;
  }

  private String describe(IOException e, UrlPolicy.Target target, long deadline) {
    if (millisLeft(deadline) <= 0) {
      return "it took longer than " + shown(limits.deadline());
    }
    if (e instanceof HttpGet.ProtocolException || e instanceof ConnectFailure) {
      return e.getMessage();
    }
    if (e instanceof SocketTimeoutException) {
      return "the server did not answer within " + shown(limits.readTimeout());
    }
    if (e instanceof SSLException) {
      return "the TLS connection to " + target.host() + " failed (" + brief(e) + ")";
    }
    return "the connection to " + target.host() + " failed (" + brief(e) + ")";
  }

  private static String connectProblem(IOException e) {
    if (e instanceof SocketTimeoutException) {
      return "timed out";
    }
    if (e instanceof ConnectException) {
      return "connection refused";
    }
    return brief(e);
  }

  private static String brief(Exception e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return message.length() <= 120 ? message : message.substring(0, 120) + "...";
  }

  private static Optional<URI> resolveLocation(URI current, String location) {
    try {
      if (location.startsWith("?")) {
        // URI.resolve drops the last path segment for a query-only reference; RFC 3986 keeps it.
        String base = current.toString().replaceFirst("[?#].*$", "");
        return Optional.of(new URI(base + location));
      }
      return Optional.of(current.resolve(new URI(location)));
    } catch (URISyntaxException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static long millisLeft(long deadline) {
    return (deadline - System.nanoTime()) / 1_000_000;
  }

  private static String shown(Duration duration) {
    long millis = duration.toMillis();
    return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
  }

  private static String shown(URI uri) {
    String text = uri.toString();
    return text.length() <= MAX_SHOWN_URL ? text : text.substring(0, MAX_SHOWN_URL) + "...";
  }

  private static Refused refused(String reason) {
    LOG.info("URL check refused: {}", reason);
    return new Refused(reason);
  }

  private static Failed failed(String reason) {
    LOG.debug("URL check failed: {}", reason);
    return new Failed(reason);
  }

  /** No checked address accepted a connection. */
  private static final class ConnectFailure extends IOException {

    private static final long serialVersionUID = 1L;

    ConnectFailure(String reason) {
      super(reason);
    }
  }
}
