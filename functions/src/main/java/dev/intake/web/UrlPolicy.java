package dev.intake.web;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** The checks on a URL itself, before any name is resolved: scheme, port, user-info and host form. */
final class UrlPolicy {

  static final Set<Integer> STANDARD_PORTS = Set.of(80, 443);

  private static final Pattern HOST_NAME =
      Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*");
  /**
   * A last label that is a number in any base. Resolvers (glibc's inet_aton, browsers' URL parser)
   * read such hosts as IPv4 addresses in decimal, octal or hex: 2130706433, 0x7f.1, 0177.0.0.1.
   */
  private static final Pattern NUMERIC_LABEL = Pattern.compile("[0-9]+|0x[0-9a-f]*");

  private UrlPolicy() {
  }

  /** Where a checked URL points. */
  record Target(URI uri, boolean tls, String host, int port, String requestTarget, String hostHeader) {
  }

  /** A URL that passed, or why it did not. */
  sealed interface Verdict {
  }

  /** The URL may be resolved and fetched. */
  record Allowed(Target target) implements Verdict {
  }

  /** The URL must not be fetched. */
  record Denied(String reason) implements Verdict {
  }

  /**
   * Checks {@code uri}. {@code extraPorts} are ports admitted besides 80 and 443 (only ever the
   * test allow-list's ports).
   */
  static Verdict check(URI uri, Set<Integer> extraPorts) {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      return new Denied(scheme.isEmpty() ? "it is not an absolute http or https address"
          : "it uses the scheme '" + scheme + "'; only http and https are fetched");
    }
    if (uri.isOpaque() || uri.getRawAuthority() == null) {
      return new Denied("it has no host name");
    }
    if (uri.getRawUserInfo() != null || uri.getRawAuthority().contains("@")) {
      return new Denied("it contains a user name or password");
    }
    String hostText = hostOf(uri);
    if (hostText.startsWith("[") || hostText.contains(":")) {
      return new Denied("its host is an IP address; only host names are fetched");
    }
    String host = hostText.toLowerCase(Locale.ROOT);
    if (host.endsWith(".")) {
      host = host.substring(0, host.length() - 1);
    }
    String lastLabel = host.substring(host.lastIndexOf('.') + 1);
    if (NUMERIC_LABEL.matcher(lastLabel).matches()) {
      return new Denied("its host is an IP address; only host names are fetched");
    }
    if (uri.getHost() == null || host.length() > 253 || !HOST_NAME.matcher(host).matches()) {
      return new Denied("its host is not a valid host name");
    }
    boolean tls = scheme.equals("https");
    int defaultPort = tls ? 443 : 80;
    int port = uri.getPort() == -1 ? defaultPort : uri.getPort();
    if (!STANDARD_PORTS.contains(port) && !extraPorts.contains(port)) {
      return new Denied("it uses port " + port + "; only ports 80 and 443 are fetched");
    }
    String hostHeader = port == defaultPort ? host : host + ":" + port;
    return new Allowed(new Target(uri, tls, host, port, requestTarget(uri), hostHeader));
  }

  /** The host as written, also when {@link URI} did not accept it as a server-based authority. */
  private static String hostOf(URI uri) {
    if (uri.getHost() != null) {
      return uri.getHost();
    }
    String authority = uri.getRawAuthority();
    if (authority.startsWith("[")) {
      return authority;
    }
    int colon = authority.lastIndexOf(':');
    return colon >= 0 ? authority.substring(0, colon) : authority;
  }

  /** Origin-form path and query, with anything outside printable ASCII percent-encoded. */
  private static String requestTarget(URI uri) {
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    String target = uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
    StringBuilder out = new StringBuilder(target.length());
    for (byte b : target.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if (c > 0x20 && c < 0x7f) {
        out.append((char) c);
      } else {
        out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return out.toString();
  }
}
