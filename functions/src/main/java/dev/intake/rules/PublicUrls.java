package dev.intake.rules;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;

/**
 * Whether a case-study URL is an absolute web address on a public host name, and how two of them
 * compare. The checklist asks for a public URL; https is our wish, so plain http is accepted here
 * and warned about by the rule.
 */
final class PublicUrls {

  private static final Set<String> PRIVATE_SUFFIXES = Set.of("localhost", "local", "internal", "intranet", "corp",
      "home", "lan", "test", "example", "invalid", "onion", "localdomain", "home.arpa", "arpa");

  private PublicUrls() {
  }

  /** Null when the URL is fine; otherwise what is wrong with it, as the end of a sentence. */
  static String problem(String raw) {
    String text = raw.strip();
    if (text.isEmpty()) {
      return "is missing";
    }
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException e) {
      return "is not a valid web address";
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (scheme.isEmpty()) {
      return "is not an absolute address (it needs https:// in front)";
    }
    if (!scheme.equals("https") && !scheme.equals("http")) {
      return "is a " + scheme + ": address, not a web page";
    }
    String host = uri.getHost();
    if (host == null || host.isEmpty()) {
      return "has no host name";
    }
    if (uri.getRawUserInfo() != null) {
      return "contains a user name or password";
    }
    int standard = scheme.equals("https") ? 443 : 80;
    if (uri.getPort() != -1 && uri.getPort() != standard) {
      return "uses port " + uri.getPort() + "; a public page is served on the standard " + scheme + " port";
    }
    String h = host.toLowerCase(Locale.ROOT);
    if (h.endsWith(".")) {
      h = h.substring(0, h.length() - 1);
    }
    if (h.startsWith("[") || h.matches("[0-9.]+") || h.matches("(0x[0-9a-f]+\\.?)+")) {
      return "points at an IP address; a public case study has a public host name";
    }
    if (!h.contains(".")) {
      return "points at '" + h + "', which is not a public host name";
    }
    String tld = h.substring(h.lastIndexOf('.') + 1);
    for (String suffix : PRIVATE_SUFFIXES) {
      if (h.equals(suffix) || h.endsWith("." + suffix)) {
        return "points at '" + h + "', a private or reserved name, not a public host";
      }
    }
    if (!tld.matches("[a-z]{2,63}|xn--[a-z0-9-]+")) {
      return "points at '" + h + "', which is not a public host name";
    }
    return null;
  }

  /** True for a URL {@link #problem} accepts that is served over plain http. */
  static boolean plainHttp(String raw) {
    return raw.strip().toLowerCase(Locale.ROOT).startsWith("http:");
  }

  /**
   * The page a URL {@link #problem} accepts is: host without "www." and case, path without a trailing
   * slash, and the query; scheme, port and fragment left out, so http and https of one page, or a link
   * to one of its headings, are the same page.
   */
  static String page(String raw) {
    URI uri = URI.create(raw.strip());
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    while (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    return bareHost(uri.getHost()) + path + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
  }

  /** The host of a URL {@link #problem} accepts, without "www." and a trailing dot, in lower case. */
  static String host(String raw) {
    return bareHost(URI.create(raw.strip()).getHost());
  }

  /**
   * The domain of the partner's website as the profile gives it (with or without https://), without
   * "www."; empty when it names no host.
   */
  static String siteDomain(String website) {
    String text = website.strip();
    if (text.isEmpty()) {
      return "";
    }
    try {
      URI uri = new URI(text.contains("://") ? text : "https://" + text);
      return uri.getHost() == null || !uri.getHost().contains(".") ? "" : bareHost(uri.getHost());
    } catch (URISyntaxException e) {
      return "";
    }
  }

  private static String bareHost(String host) {
    String h = host == null ? "" : host.toLowerCase(Locale.ROOT);
    if (h.endsWith(".")) {
      h = h.substring(0, h.length() - 1);
    }
    return h.startsWith("www.") ? h.substring(4) : h;
  }
}

