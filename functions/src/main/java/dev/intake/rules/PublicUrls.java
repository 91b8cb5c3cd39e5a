package dev.intake.rules;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;

/** Whether a case-study URL is an absolute https address on a public host name. */
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
    if (scheme.equals("http")) {
      return "uses http; a public case study must be served over https";
    }
    if (!scheme.equals("https")) {
      return "is a " + scheme + ": address, not an https web page";
    }
    String host = uri.getHost();
    if (host == null || host.isEmpty()) {
      return "has no host name";
    }
    if (uri.getRawUserInfo() != null) {
      return "contains a user name or password";
    }
    if (uri.getPort() != -1 && uri.getPort() != 443) {
      return "uses port " + uri.getPort() + "; a public page is served on the standard https port";
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
}
