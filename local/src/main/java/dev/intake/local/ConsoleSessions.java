package dev.intake.local;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The local console's sign-in: one-time sign-in tokens (what the printed console URL carries) and the
 * browser sessions they are exchanged for, like a notebook server's token link. A sign-in token is
 * good once and until it expires; the session it opens is a random id in an HttpOnly, SameSite=Strict
 * cookie, with its own CSRF token that every state-changing request must send back in a header.
 * Both live in this process only: a restart ends every session and voids every unused link (a new
 * link is printed and written to runtime.json at each start).
 */
public final class ConsoleSessions {

  /** How long a sign-in link stays good, and how long a session lasts (from sign-in, not from last use). */
  public static final Duration LINK_TTL = Duration.ofHours(12);
  public static final Duration SESSION_TTL = Duration.ofHours(12);
  /** Bounds on what a client can make this process hold; the oldest goes first. */
  static final int MAX_LINKS = 256;
  static final int MAX_SESSIONS = 256;

  /**
   * A signed-in browser.
   *
   * @param principal the principal ARN it acts as (the reviewer role or one partner's)
   * @param csrfToken what its state-changing requests send as {@code X-CSRF-Token}
   */
  public record Session(String id, String principal, String csrfToken, Instant expiresAt) {
  }

  private record Link(String principal, Instant expiresAt) {
  }

  private final SecureRandom random = new SecureRandom();
  private final Clock clock;
  private final Map<String, Link> links = new LinkedHashMap<>();
  private final Map<String, Session> sessions = new LinkedHashMap<>();

  public ConsoleSessions(Clock clock) {
    this.clock = clock;
  }

  /** A new one-time sign-in token acting as {@code principal}, good for {@link #LINK_TTL}. */
  public synchronized String issueLink(String principal) {
    purge(links, l -> l.expiresAt());
    if (links.size() >= MAX_LINKS) {
      removeOldest(links);
    }
    String token = randomToken();
    links.put(token, new Link(principal, clock.instant().plus(LINK_TTL)));
    return token;
  }

  /**
   * Exchanges a sign-in token for a new session: empty when the token was never issued, was used
   * already, or has expired. The token is spent either way.
   */
  public synchronized Optional<Session> signIn(String token) {
    if (token == null || token.isEmpty()) {
      return Optional.empty();
    }
    // A HashMap lookup compares by hash first; the token is 256 random bits, so timing tells nothing useful.
    Link link = links.remove(token);
    Instant now = clock.instant();
    if (link == null || !now.isBefore(link.expiresAt())) {
      return Optional.empty();
    }
    purge(sessions, Session::expiresAt);
    if (sessions.size() >= MAX_SESSIONS) {
      removeOldest(sessions);
    }
    Session s = new Session(randomToken(), link.principal(), randomToken(), now.plus(SESSION_TTL));
    sessions.put(s.id(), s);
    return Optional.of(s);
  }

  /** The live session with this id, if any. */
  public synchronized Optional<Session> session(String id) {
    if (id == null) {
      return Optional.empty();
    }
    Session s = sessions.get(id);
    if (s == null) {
      return Optional.empty();
    }
    if (!clock.instant().isBefore(s.expiresAt())) {
      sessions.remove(id);
      return Optional.empty();
    }
    return Optional.of(s);
  }

  public synchronized void signOut(String id) {
    if (id != null) {
      sessions.remove(id);
    }
  }

  private String randomToken() {
    byte[] b = new byte[32];
    random.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  private <V> void purge(Map<String, V> map, java.util.function.Function<V, Instant> expiry) {
    Instant now = clock.instant();
    map.values().removeIf(v -> !now.isBefore(expiry.apply(v)));
  }

  private static void removeOldest(Map<String, ?> map) {
    Iterator<String> it = map.keySet().iterator();
    if (it.hasNext()) {
      it.next();
      it.remove();
    }
  }
}
