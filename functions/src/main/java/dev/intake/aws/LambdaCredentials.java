package dev.intake.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.intake.pipeline.StoreUnavailableException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * The function role's credentials, as Lambda hands them to a function, for the check functions'
 * S3 adapter (which carries no SDK and so none of its providers).
 *
 * <p>Under SnapStart Lambda sets no key variables: it gives the container credentials endpoint
 * ({@code AWS_CONTAINER_CREDENTIALS_FULL_URI}, answered with the token in
 * {@code AWS_CONTAINER_AUTHORIZATION_TOKEN}), which serves the role's current temporary keys. Those
 * are kept until {@link #REFRESH_BEFORE_EXPIRY} before they expire and dropped before a snapshot
 * and after a restore, so a snapshot holds no keys and a restored function fetches its own. Without
 * the endpoint (a function without SnapStart) the keys come from {@code AWS_ACCESS_KEY_ID},
 * {@code AWS_SECRET_ACCESS_KEY} and {@code AWS_SESSION_TOKEN}. Nothing here logs a key or token.
 *
 * <p>The endpoint is trusted only over HTTPS, or over HTTP on the loopback interface or the
 * container agents' link-local addresses (as the SDK's own container provider does): the token is
 * never sent anywhere else.
 */
public final class LambdaCredentials implements Supplier<SigningCredentials>, Resource {

  static final String FULL_URI = "AWS_CONTAINER_CREDENTIALS_FULL_URI";
  static final String AUTHORIZATION_TOKEN = "AWS_CONTAINER_AUTHORIZATION_TOKEN";
  static final String AUTHORIZATION_TOKEN_FILE = "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE";
  static final String ACCESS_KEY_ID = "AWS_ACCESS_KEY_ID";
  static final String SECRET_ACCESS_KEY = "AWS_SECRET_ACCESS_KEY";
  static final String SESSION_TOKEN = "AWS_SESSION_TOKEN";

  /** Fetched again this long before they expire, so no request is signed with keys about to lapse. */
  static final Duration REFRESH_BEFORE_EXPIRY = Duration.ofMinutes(5);
  /** The endpoint is local to the sandbox: it answers in milliseconds or not at all. */
  static final Duration FETCH_TIMEOUT = Duration.ofSeconds(2);
  private static final int MAX_RESPONSE_BYTES = 16 * 1024;
  /** The ECS and EKS Pod Identity agents' addresses, the only plain-HTTP hosts besides loopback. */
  private static final List<String> CONTAINER_AGENT_HOSTS = List.of("169.254.170.2", "169.254.170.23",
      "[fd00:ec2::23]");

  /** org.crac keeps only a weak reference to a registered resource: the registered ones are held here. */
  private static final List<LambdaCredentials> HELD = new CopyOnWriteArrayList<>();
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, String> env;
  private final Clock clock;
  private final Lazy<HttpClient> http;
  private SigningCredentials cached;

  /** Reads {@code env} on every call that is not answered from the cache; {@code clock} judges expiry. */
  public LambdaCredentials(Map<String, String> env, Clock clock) {
    this.env = Map.copyOf(env);
    this.clock = clock;
    this.http = new Lazy<>(() -> HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(FETCH_TIMEOUT)
        .followRedirects(HttpClient.Redirect.NEVER)
        .build());
  }

  /** This process's credentials, registered with SnapStart so a snapshot keeps none of them. */
  public static LambdaCredentials fromEnvironment(Map<String, String> env, Clock clock) {
    LambdaCredentials credentials = new LambdaCredentials(env, clock);
    HELD.add(credentials);
    Core.getGlobalContext().register(credentials);
    return credentials;
  }

  /**
   * The current credentials.
   *
   * @throws StoreUnavailableException when the endpoint cannot be reached or fails on its side
   * @throws IllegalStateException when the environment gives no credentials or the endpoint refuses
   */
  @Override
  public synchronized SigningCredentials get() {
    String fullUri = env.get(FULL_URI);
    if (fullUri != null && !fullUri.isBlank()) {
      if (cached == null || !fresh(cached)) {
        cached = null;
        SigningCredentials fetched = fetch(endpoint(fullUri.strip()));
        if (fetched.expiration() != null) {
          cached = fetched;
        }
        return fetched;
      }
      return cached;
    }
    String accessKeyId = env.get(ACCESS_KEY_ID);
    String secret = env.get(SECRET_ACCESS_KEY);
    if (accessKeyId == null || accessKeyId.isBlank() || secret == null || secret.isBlank()) {
      throw new IllegalStateException("no credentials: neither " + FULL_URI + " nor " + ACCESS_KEY_ID + " and "
          + SECRET_ACCESS_KEY + " are set");
    }
    String token = env.get(SESSION_TOKEN);
    return new SigningCredentials(accessKeyId, secret, token == null || token.isBlank() ? null : token, null);
  }

  @Override
  public synchronized void beforeCheckpoint(Context<? extends Resource> context) {
    cached = null;
  }

  @Override
  public synchronized void afterRestore(Context<? extends Resource> context) {
    cached = null;
  }

  private boolean fresh(SigningCredentials c) {
    return clock.instant().isBefore(c.expiration().minus(REFRESH_BEFORE_EXPIRY));
  }

  private SigningCredentials fetch(URI endpoint) {
    HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).timeout(FETCH_TIMEOUT).GET()
        .header("Accept", "application/json");
    String token = authorizationToken();
    if (token != null) {
      request.header("Authorization", token);
    }
    // The request's own timeout ends with the headers; the wait bounds the body too (an endpoint that
    // sends its headers and stalls would otherwise hold every caller, get() being synchronized).
    CompletableFuture<HttpResponse<byte[]>> sent = http.get().sendAsync(request.build(),
        info -> CappedBody.of(MAX_RESPONSE_BYTES));
    HttpResponse<byte[]> response;
    try {
      response = sent.get(FETCH_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      sent.cancel(true);
      throw new StoreUnavailableException("the credentials endpoint did not answer within "
          + FETCH_TIMEOUT.toMillis() + " ms", e);
    } catch (ExecutionException e) {
      throw new StoreUnavailableException("the credentials endpoint could not be reached: "
          + e.getCause().getClass().getSimpleName(), e.getCause());
    } catch (InterruptedException e) {
      sent.cancel(true);
      Thread.currentThread().interrupt();
      throw new StoreUnavailableException("interrupted while fetching credentials", e);
    }
    int status = response.statusCode();
    if (status >= 500 || status == 429) {
      throw new StoreUnavailableException("the credentials endpoint answered " + status, null);
    }
    if (status != 200) {
      // The body may echo the request; only the status is reported.
      throw new IllegalStateException("the credentials endpoint refused the request with " + status);
    }
    SigningCredentials fetched = parse(response.body());
    if (fetched.expiration() != null && !clock.instant().isBefore(fetched.expiration())) {
      // Signing with them would earn S3's ExpiredToken, an error no retry mends; the endpoint renews them.
      throw new StoreUnavailableException("the credentials endpoint served credentials that expired at "
          + fetched.expiration(), null);
    }
    return fetched;
  }

  private static SigningCredentials parse(byte[] body) {
    try {
      JsonNode json = JSON.readTree(body);
      String expiration = json.path("Expiration").asText(null);
      String token = json.path("Token").asText(null);
      return new SigningCredentials(text(json, "AccessKeyId"), text(json, "SecretAccessKey"),
          token == null || token.isBlank() ? null : token, expiration == null ? null : Instant.parse(expiration));
    } catch (IOException | DateTimeParseException | IllegalArgumentException | NullPointerException e) {
      // The message could quote the body, which holds the keys: name the failure's kind only.
      throw new IllegalStateException("the credentials endpoint's answer is not credentials ("
          + e.getClass().getSimpleName() + ")");
    }
  }

  private static String text(JsonNode json, String field) {
    JsonNode value = json.get(field);
    if (value == null || !value.isTextual()) {
      throw new IllegalArgumentException("no " + field);
    }
    return value.asText();
  }

  private String authorizationToken() {
    String file = env.get(AUTHORIZATION_TOKEN_FILE);
    String token;
    if (file != null && !file.isBlank()) {
      try {
        token = Files.readString(Path.of(file.strip()), StandardCharsets.UTF_8).strip();
      } catch (IOException e) {
        throw new IllegalStateException("cannot read " + AUTHORIZATION_TOKEN_FILE + " " + file, e);
      }
    } else {
      token = env.get(AUTHORIZATION_TOKEN);
    }
    if (token == null || token.isBlank()) {
      return null;
    }
    // The JDK's client would refuse it as a header value, quoting it in the message.
    if (!token.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
      throw new IllegalStateException("the container authorization token holds a character other than visible ASCII");
    }
    return token;
  }

  /** The endpoint, if the token may be sent there. */
  static URI endpoint(String fullUri) {
    URI uri;
    try {
      uri = URI.create(fullUri);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(FULL_URI + " is not a URI", e);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme();
    boolean trusted = uri.getHost() != null
        && (scheme.equals("https") || scheme.equals("http") && trustedPlainHost(uri.getHost()));
    if (!trusted) {
      throw new IllegalStateException(FULL_URI + " must be HTTPS, or HTTP on the loopback interface or a container"
          + " agent's address, was " + uri.getScheme() + "://" + uri.getHost());
    }
    return uri;
  }

  private static boolean trustedPlainHost(String host) {
    if (CONTAINER_AGENT_HOSTS.contains(host)) {
      return true;
    }
    try {
      for (InetAddress address : InetAddress.getAllByName(host)) {
        if (!address.isLoopbackAddress()) {
          return false;
        }
      }
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
