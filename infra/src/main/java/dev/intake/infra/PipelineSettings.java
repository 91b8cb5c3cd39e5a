package dev.intake.infra;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import software.constructs.Node;

/**
 * What varies between deployments of the pipeline stack.
 *
 * @param functionsJar the Lambda code asset: the shaded jar Maven builds from {@code functions/}
 * @param stateMachineDefinition {@code statemachine/submission.asl.json}
 * @param notificationEmail where the program office gets its notifications and alarms; null for none
 * @param partnerIds partners that get a role {@code competency-partner-{id}}; may be empty
 * @param urlCheck whether the public-URL check fetches the pages (URL_CHECK_ENABLED)
 * @param intakeConcurrency reserved concurrency of the intake function
 */
public record PipelineSettings(
    Path functionsJar,
    Path stateMachineDefinition,
    String notificationEmail,
    List<String> partnerIds,
    boolean urlCheck,
    int intakeConcurrency) {

  public static final String CONTEXT_NOTIFICATION_EMAIL = "notificationEmail";
  public static final String CONTEXT_PARTNER_IDS = "partnerIds";
  public static final String CONTEXT_URL_CHECK = "urlCheck";
  public static final String CONTEXT_INTAKE_CONCURRENCY = "intakeConcurrency";

  /** Intake parses with POI; ten at once bounds memory, DynamoDB and Step Functions bursts. */
  public static final int DEFAULT_INTAKE_CONCURRENCY = 10;

  /** The role name prefix the API handler maps to a partner (IAM role names are at most 64 characters). */
  public static final String PARTNER_ROLE_PREFIX = "competency-partner-";

  /** The API's partner id pattern, shortened to what fits in a role name after the prefix. */
  private static final Pattern PARTNER_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,44}");
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

  public PipelineSettings {
    partnerIds = List.copyOf(new LinkedHashSet<>(partnerIds));
    for (String id : partnerIds) {
      if (!PARTNER_ID.matcher(id).matches()) {
        throw new IllegalArgumentException("partner id '" + id + "' must match " + PARTNER_ID.pattern()
            + " (the API's partner id pattern, at most " + (64 - PARTNER_ROLE_PREFIX.length())
            + " characters so that " + PARTNER_ROLE_PREFIX + "{id} is a valid role name)");
      }
    }
    if (notificationEmail != null && !EMAIL.matcher(notificationEmail).matches()) {
      throw new IllegalArgumentException("notificationEmail '" + notificationEmail + "' is not an e-mail address");
    }
    if (intakeConcurrency < 1) {
      throw new IllegalArgumentException("intakeConcurrency must be at least 1, was " + intakeConcurrency);
    }
  }

  /** The jar and ASL file of the repository, everything else from the CDK context. */
  public static PipelineSettings fromContext(Node node, Path repoRoot) {
    return fromContext(node, repoRoot.resolve("functions/target/functions-lambda.jar"), repoRoot);
  }

  /** As {@link #fromContext(Node, Path)} with another code asset (the tests use a dummy jar when needed). */
  public static PipelineSettings fromContext(Node node, Path functionsJar, Path repoRoot) {
    String email = text(node, CONTEXT_NOTIFICATION_EMAIL);
    String ids = text(node, CONTEXT_PARTNER_IDS);
    List<String> partnerIds = new ArrayList<>();
    if (ids != null) {
      for (String id : ids.split(",")) {
        if (!id.isBlank()) {
          partnerIds.add(id.strip());
        }
      }
    }
    String urlCheck = text(node, CONTEXT_URL_CHECK);
    String concurrency = text(node, CONTEXT_INTAKE_CONCURRENCY);
    return new PipelineSettings(
        requireFile(functionsJar,
            "the functions jar: build it with ./mvnw -q -B -pl functions -am package -DskipTests"),
        requireFile(repoRoot.resolve("statemachine/submission.asl.json"), "the workflow definition"),
        email,
        partnerIds,
        urlCheck != null && Boolean.parseBoolean(urlCheck.toLowerCase(Locale.ROOT)),
        concurrency == null ? DEFAULT_INTAKE_CONCURRENCY : Integer.parseInt(concurrency));
  }

  public Optional<String> notificationEmailAddress() {
    return Optional.ofNullable(notificationEmail);
  }

  private static String text(Node node, String key) {
    Object value = node.tryGetContext(key);
    if (value == null) {
      return null;
    }
    String s = String.valueOf(value).strip();
    return s.isEmpty() ? null : s;
  }

  private static Path requireFile(Path path, String what) {
    if (!Files.isRegularFile(path)) {
      throw new IllegalStateException("Missing " + path + " (" + what + ")");
    }
    return path;
  }
}
