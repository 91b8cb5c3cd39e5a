package dev.intake.rules;

import java.net.URI;

/**
 * Fetches a public web page for the optional live check of public case studies. Implementations
 * must refuse internal addresses; the rules only read the result.
 */
public interface PageFetcher {

  Result fetch(URI uri);

  /** What a fetch gave. */
  sealed interface Result {
  }

  /** The page was fetched; {@code text} is its body as text, possibly cut at a size limit. */
  record Page(int status, String text) implements Result {
  }

  /** The page could not be fetched (timeout, DNS, TLS, HTTP error). */
  record Failed(String reason) implements Result {
  }

  /** The fetch was not attempted because the address is not allowed (internal, bad port...). */
  record Refused(String reason) implements Result {
  }
}
