package dev.intake.aws;

import dev.intake.pipeline.StoreUnavailableException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

/**
 * Page-token keys from a Secrets Manager secret: the version labelled {@code AWSCURRENT} signs, and
 * the one labelled {@code AWSPREVIOUS} is accepted too. Secrets Manager moves that label itself when
 * a new value is put, so a rotation ({@code put-secret-value}) leaves the tokens signed before it
 * valid until the rotation after it.
 *
 * <p>The keys are read on first use — after a SnapStart restore, not into the snapshot — and again
 * when they are {@link #MAX_AGE} old, so a container signs with a new key within that time of a
 * rotation; a token signed with a key id this container does not know makes it read them again at
 * once (at most every {@link #MIN_REFRESH}, so made-up ids cannot drive calls to Secrets Manager).
 * When Secrets Manager cannot be reached, the keys already read are used; with none, listing is
 * briefly unavailable ({@link StoreUnavailableException}, a 503).
 */
public final class SecretsManagerPageTokenKeys implements PageTokenKeys {

  static final Duration MAX_AGE = Duration.ofMinutes(5);
  static final Duration MIN_REFRESH = Duration.ofSeconds(30);

  private static final Logger LOG = LoggerFactory.getLogger(SecretsManagerPageTokenKeys.class);
  private static final String PREVIOUS = "AWSPREVIOUS";

  private final SecretsManagerClient secrets;
  private final String secretId;
  private final Clock clock;
  private volatile Loaded loaded;
  /** When the keys were last asked for, successfully or not. */
  private volatile Instant lastAttempt = Instant.MIN;

  private record Loaded(Key signing, List<Key> accepted, Instant at) {
  }

  public SecretsManagerPageTokenKeys(SecretsManagerClient secrets, String secretId, Clock clock) {
    this.secrets = Objects.requireNonNull(secrets, "secrets");
    this.secretId = Objects.requireNonNull(secretId, "secretId");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public Key signing() {
    Loaded l = loaded;
    Instant now = clock.instant();
    if (l == null || !now.isBefore(l.at().plus(MAX_AGE)) && mayAskAgain(now)) {
      l = reload(l);
    }
    return l.signing();
  }

  @Override
  public Optional<Key> byId(String id) {
    Loaded l = loaded;
    if (l == null) {
      l = reload(null);
    }
    Optional<Key> found = find(l, id);
    if (found.isEmpty() && mayAskAgain(clock.instant())) {
      found = find(reload(l), id);
    }
    return found;
  }

  private boolean mayAskAgain(Instant now) {
    return !now.isBefore(lastAttempt.plus(MIN_REFRESH));
  }

  private static Optional<Key> find(Loaded l, String id) {
    return l.accepted().stream().filter(k -> k.id().equals(id)).findFirst();
  }

  /** Reads the keys again unless another thread just did; keeps {@code stale} when the service fails. */
  private synchronized Loaded reload(Loaded stale) {
    Loaded current = loaded;
    if (current != stale) {
      return current;
    }
    lastAttempt = clock.instant();
    try {
      Key signing = key(secrets.getSecretValue(b -> b.secretId(secretId)));
      List<Key> accepted = new ArrayList<>();
      accepted.add(signing);
      try {
        accepted.add(key(secrets.getSecretValue(b -> b.secretId(secretId).versionStage(PREVIOUS))));
      } catch (ResourceNotFoundException e) {
        // never rotated: there is no previous key
      }
      current = new Loaded(signing, List.copyOf(accepted), clock.instant());
      loaded = current;
      return current;
    } catch (SdkException e) {
      if (stale != null) {
        LOG.warn("Could not read the page-token keys again ({}); using those read at {}", e.toString(), stale.at());
        return stale;
      }
      throw new StoreUnavailableException("Could not read the page-token key " + secretId, e);
    }
  }

  private Key key(GetSecretValueResponse value) {
    String text = value.secretString();
    if (text == null || text.getBytes(StandardCharsets.UTF_8).length < MIN_KEY_BYTES) {
      throw new IllegalStateException("The page-token secret " + secretId + " must hold a string of at least "
          + MIN_KEY_BYTES + " bytes (version " + value.versionId() + ")");
    }
    return new Key(text.getBytes(StandardCharsets.UTF_8));
  }
}
