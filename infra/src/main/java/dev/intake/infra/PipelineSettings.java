package dev.intake.infra;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.intake.contracts.BucketLayout;
import dev.intake.contracts.FunctionFamily;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import software.constructs.Node;

/**
 * What varies between deployments of the pipeline stack, read from the CDK context
 * ({@code -c key=value}). Every physical name the stack sets carries {@link #env()}, so a second
 * environment, or a redeploy after a destroy, never collides with the first.
 *
 * @param functionArtifacts the folder of the Lambda code assets: one jar per function family
 *     ({@link FunctionFamily#artifactName()}), which Maven builds from {@code functions/}
 * @param stateMachineDefinition {@code statemachine/submission.asl.json}
 * @param env the environment name: dev, staging or prod
 * @param notificationEmail the program office's address for submission notifications; null for none
 * @param alarmEmail the operations address for alarms; required outside dev
 * @param partnerIds partners that get a role {@code competency-{env}-partner-{id}}; may be empty
 * @param partnerTrust who may assume each partner's role, and with which external id
 * @param reviewerPrincipals ARN patterns of the roles (SSO permission sets or IAM roles) that may
 *     assume the reviewer role; empty means this account's principals, allowed in dev only
 * @param urlCheck whether the public-URL check fetches the pages (URL_CHECK_ENABLED)
 * @param intakeConcurrency reserved concurrency of the intake function
 * @param retentionDays how long a submission's reports and table rows are kept
 * @param partnerContacts partner id → e-mail address: each becomes a subscription to the partners'
 *     topic with a filter policy on the {@code partnerId} message attribute, so it receives that
 *     partner's notifications only; may be empty
 */
public record PipelineSettings(
    Path functionArtifacts,
    Path stateMachineDefinition,
    String env,
    String notificationEmail,
    String alarmEmail,
    List<String> partnerIds,
    Map<String, PartnerTrust> partnerTrust,
    List<String> reviewerPrincipals,
    boolean urlCheck,
    int intakeConcurrency,
    int retentionDays,
    Map<String, String> partnerContacts) {

  public static final String CONTEXT_ENV = "env";
  public static final String CONTEXT_NOTIFICATION_EMAIL = "notificationEmail";
  public static final String CONTEXT_ALARM_EMAIL = "alarmEmail";
  public static final String CONTEXT_PARTNER_IDS = "partnerIds";
  public static final String CONTEXT_PARTNER_TRUST = "partnerTrust";
  public static final String CONTEXT_REVIEWER_PRINCIPALS = "reviewerPrincipals";
  public static final String CONTEXT_URL_CHECK = "urlCheck";
  public static final String CONTEXT_INTAKE_CONCURRENCY = "intakeConcurrency";
  public static final String CONTEXT_RETENTION_DAYS = "retentionDays";
  public static final String CONTEXT_PARTNER_CONTACTS = "partnerContacts";

  /** Every context key the app reads; {@link #fromContext} looks up exactly these. */
  static final List<String> CONTEXT_KEYS = List.of(CONTEXT_ENV, CONTEXT_NOTIFICATION_EMAIL, CONTEXT_ALARM_EMAIL,
      CONTEXT_PARTNER_IDS, CONTEXT_PARTNER_TRUST, CONTEXT_REVIEWER_PRINCIPALS, CONTEXT_URL_CHECK,
      CONTEXT_INTAKE_CONCURRENCY, CONTEXT_RETENTION_DAYS, CONTEXT_PARTNER_CONTACTS);

  /** The environments a stack can be: dev is the only one that may trust this account's principals wholesale. */
  public static final Set<String> ENVIRONMENTS = Set.of("dev", "staging", "prod");
  public static final String DEFAULT_ENV = "dev";

  /** Intake parses whole workbooks; ten at once bounds memory, DynamoDB and Step Functions bursts. */
  public static final int DEFAULT_INTAKE_CONCURRENCY = 10;
  /** Two years: the record a reviewer links to outlives a competency renewal cycle. */
  public static final int DEFAULT_RETENTION_DAYS = 730;
  static final int MIN_RETENTION_DAYS = 30;
  static final int MAX_RETENTION_DAYS = 3650;

  /** IAM role names are at most 64 characters. */
  static final int MAX_ROLE_NAME = 64;

  private static final Pattern PARTNER_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
  /** A principal a partner's role may trust: an account id, its root, or one of its roles or users. */
  private static final Pattern TRUSTED_PRINCIPAL =
      Pattern.compile("\\d{12}|arn:aws[a-z-]*:iam::\\d{12}:(root|role/[\\w+=,.@/-]+|user/[\\w+=,.@/-]+)");
  /**
   * A reviewer principal: a role or user ARN with an explicit account, whose name may hold IAM
   * wildcards (SSO permission-set roles end in a random suffix).
   */
  private static final Pattern REVIEWER_PRINCIPAL =
      Pattern.compile("arn:aws[a-z-]*:iam::\\d{12}:(role|user)/[\\w+=,.@/*?-]+");
  /** What STS accepts as an external id. */
  private static final Pattern EXTERNAL_ID = Pattern.compile("[\\w+=,.@:/-]{2,1224}");

  /**
   * Who may assume one partner's role.
   *
   * @param principal an account id or an IAM ARN of the partner's side; null means this account (dev only)
   * @param externalId the external id the partner must pass to {@code sts:AssumeRole}
   */
  public record PartnerTrust(String principal, String externalId) {
  }

  public PipelineSettings {
    if (!ENVIRONMENTS.contains(env)) {
      throw new IllegalArgumentException("env '" + env + "' must be one of " + ENVIRONMENTS.stream().sorted().toList());
    }
    if (alarmEmail == null && !dev(env)) {
      throw new IllegalArgumentException(CONTEXT_ALARM_EMAIL + " is required outside dev: an alarm with no subscriber "
          + "tells nobody");
    }
    partnerIds = List.copyOf(new LinkedHashSet<>(partnerIds));
    partnerTrust = Map.copyOf(partnerTrust);
    reviewerPrincipals = List.copyOf(new LinkedHashSet<>(reviewerPrincipals));
    int maxId = MAX_ROLE_NAME - partnerRolePrefix(env).length();
    for (String id : partnerIds) {
      if (BucketLayout.UNASSIGNED.equalsIgnoreCase(id)) {
        throw new IllegalArgumentException("partner id '" + id + "' is reserved: it is the folder of uploads outside "
            + "a partner's folder, and a role for it would read other partners' stray files");
      }
      if (!PARTNER_ID.matcher(id).matches() || id.length() > maxId) {
        throw new IllegalArgumentException("partner id '" + id + "' must be letters, digits, '.', '_' or '-' and "
            + "at most " + maxId + " characters, so that " + partnerRolePrefix(env) + "{id} is a valid role name");
      }
      PartnerTrust trust = partnerTrust.get(id);
      if (trust == null || trust.externalId() == null || !EXTERNAL_ID.matcher(trust.externalId()).matches()) {
        throw new IllegalArgumentException("partner '" + id + "' needs an external id in " + CONTEXT_PARTNER_TRUST
            + " (2 to 1224 of letters, digits and +=,.@:/-_): its role trusts sts:AssumeRole only with it");
      }
      if (trust.principal() == null && !dev(env)) {
        throw new IllegalArgumentException("partner '" + id + "' needs a principal in " + CONTEXT_PARTNER_TRUST
            + " outside dev (the partner's account id or role ARN)");
      }
      if (trust.principal() != null && !TRUSTED_PRINCIPAL.matcher(trust.principal()).matches()) {
        throw new IllegalArgumentException("partner '" + id + "': principal '" + trust.principal()
            + "' is neither an account id nor an IAM root, role or user ARN");
      }
    }
    for (String id : partnerTrust.keySet()) {
      if (!partnerIds.contains(id)) {
        throw new IllegalArgumentException(CONTEXT_PARTNER_TRUST + " names partner '" + id + "', which is not in "
            + CONTEXT_PARTNER_IDS);
      }
    }
    for (String principal : reviewerPrincipals) {
      if (!REVIEWER_PRINCIPAL.matcher(principal).matches()) {
        throw new IllegalArgumentException("reviewer principal '" + principal + "' is not an IAM role or user ARN "
            + "with an explicit account, e.g. arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/"
            + "AWSReservedSSO_Reviewer_*");
      }
    }
    if (reviewerPrincipals.isEmpty() && !dev(env)) {
      throw new IllegalArgumentException(CONTEXT_REVIEWER_PRINCIPALS + " is required outside dev: the reviewer role "
          + "trusts only the roles it names");
    }
    for (String email : new String[] {notificationEmail, alarmEmail}) {
      if (email != null && !EMAIL.matcher(email).matches()) {
        throw new IllegalArgumentException("'" + email + "' is not an e-mail address");
      }
    }
    if (intakeConcurrency < 1) {
      throw new IllegalArgumentException("intakeConcurrency must be at least 1, was " + intakeConcurrency);
    }
    partnerContacts = Map.copyOf(partnerContacts);
    for (Map.Entry<String, String> contact : partnerContacts.entrySet()) {
      if (!PARTNER_ID.matcher(contact.getKey()).matches()) {
        throw new IllegalArgumentException(CONTEXT_PARTNER_CONTACTS + " names '" + contact.getKey()
            + "', which is not a partner id (letters, digits, '.', '_' or '-')");
      }
      if (contact.getValue() == null || !EMAIL.matcher(contact.getValue()).matches()) {
        throw new IllegalArgumentException(CONTEXT_PARTNER_CONTACTS + ": '" + contact.getValue() + "' (partner '"
            + contact.getKey() + "') is not an e-mail address");
      }
    }
    if (retentionDays < MIN_RETENTION_DAYS || retentionDays > MAX_RETENTION_DAYS) {
      throw new IllegalArgumentException("retentionDays must be from " + MIN_RETENTION_DAYS + " to "
          + MAX_RETENTION_DAYS + ", was " + retentionDays);
    }
  }

  /** The function artifacts and ASL file of the repository, everything else from the CDK context. */
  public static PipelineSettings fromContext(Node node, Path repoRoot) {
    return fromContext(node, repoRoot.resolve(FunctionFamily.ARTIFACT_FOLDER), repoRoot);
  }

  /** As {@link #fromContext(Node, Path)} with other code assets (the tests use dummy jars when needed). */
  public static PipelineSettings fromContext(Node node, Path functionArtifacts, Path repoRoot) {
    Map<String, Object> context = new LinkedHashMap<>();
    for (String key : CONTEXT_KEYS) {
      Object value = node.tryGetContext(key);
      if (value != null) {
        context.put(key, value);
      }
    }
    return fromValues(context,
        requireArtifacts(functionArtifacts),
        requireFile(repoRoot.resolve("statemachine/submission.asl.json"), "the workflow definition"));
  }

  /** The settings a context map holds (values as the CDK passes them: strings, or JSON for partnerTrust). */
  public static PipelineSettings fromValues(Map<String, Object> context, Path functionArtifacts,
      Path stateMachine) {
    String urlCheck = text(context, CONTEXT_URL_CHECK);
    String concurrency = text(context, CONTEXT_INTAKE_CONCURRENCY);
    String retention = text(context, CONTEXT_RETENTION_DAYS);
    String env = text(context, CONTEXT_ENV);
    return new PipelineSettings(
        functionArtifacts,
        stateMachine,
        env == null ? DEFAULT_ENV : env.toLowerCase(Locale.ROOT),
        text(context, CONTEXT_NOTIFICATION_EMAIL),
        text(context, CONTEXT_ALARM_EMAIL),
        csv(text(context, CONTEXT_PARTNER_IDS)),
        partnerTrust(context.get(CONTEXT_PARTNER_TRUST)),
        csv(text(context, CONTEXT_REVIEWER_PRINCIPALS)),
        urlCheck != null && Boolean.parseBoolean(urlCheck.toLowerCase(Locale.ROOT)),
        number(CONTEXT_INTAKE_CONCURRENCY, concurrency, DEFAULT_INTAKE_CONCURRENCY),
        number(CONTEXT_RETENTION_DAYS, retention, DEFAULT_RETENTION_DAYS),
        partnerContacts(context.get(CONTEXT_PARTNER_CONTACTS)));
  }

  public Optional<String> notificationEmailAddress() {
    return Optional.ofNullable(notificationEmail);
  }

  public Optional<String> alarmEmailAddress() {
    return Optional.ofNullable(alarmEmail);
  }

  public boolean dev() {
    return dev(env);
  }

  /** The CloudFormation stack name: one stack per environment, side by side in one account if need be. */
  public String stackName() {
    return "CompetencyIntake-" + env;
  }

  /** {@code competency-{env}-{suffix}}: the one pattern of every IAM name the stack sets. */
  public String physicalName(String suffix) {
    return "competency-" + env + "-" + suffix;
  }

  public String reviewerRoleName() {
    return physicalName("reviewer");
  }

  /** The role name prefix the API handler maps to a partner (PARTNER_ROLE_PREFIX). */
  public String partnerRolePrefix() {
    return partnerRolePrefix(env);
  }

  private static String partnerRolePrefix(String env) {
    return "competency-" + env + "-partner-";
  }

  private static boolean dev(String env) {
    return DEFAULT_ENV.equals(env);
  }

  private static String text(Map<String, Object> context, String key) {
    Object value = context.get(key);
    if (value == null) {
      return null;
    }
    String s = String.valueOf(value).strip();
    return s.isEmpty() ? null : s;
  }

  private static List<String> csv(String value) {
    List<String> out = new ArrayList<>();
    if (value != null) {
      for (String part : value.split(",")) {
        if (!part.isBlank()) {
          out.add(part.strip());
        }
      }
    }
    return out;
  }

  private static int number(String key, String value, int fallback) {
    if (value == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " must be a whole number, was '" + value + "'", e);
    }
  }

  /**
   * {@code {"acme": {"principal": "arn:aws:iam::111122223333:root", "externalId": "…"}}}, given as a
   * JSON string on the command line ({@code -c partnerTrust='{…}'}) or as an object in cdk.json.
   */
  static Map<String, PartnerTrust> partnerTrust(Object value) {
    Map<String, PartnerTrust> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : jsonObject(value, CONTEXT_PARTNER_TRUST, "keyed by partner id")) {
      JsonNode principal = e.getValue().path("principal");
      JsonNode externalId = e.getValue().path("externalId");
      out.put(e.getKey(), new PartnerTrust(principal.isTextual() ? principal.asText() : null,
          externalId.isTextual() ? externalId.asText() : null));
    }
    return out;
  }

  /**
   * {@code {"acme": "compliance@acme.example", "globex-1": "partners@globex.example"}}, as a JSON string
   * on the command line ({@code -c partnerContacts='{…}'}) or an object in cdk.json.
   */
  static Map<String, String> partnerContacts(Object value) {
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : jsonObject(value, CONTEXT_PARTNER_CONTACTS, "of partner id to e-mail")) {
      out.put(e.getKey(), e.getValue().isTextual() ? e.getValue().asText().strip() : null);
    }
    return out;
  }

  /**
   * The fields of a context value that holds a JSON object: a JSON string on the command line or an
   * object in cdk.json; none when it is absent or blank.
   */
  private static Iterable<Map.Entry<String, JsonNode>> jsonObject(Object value, String key, String shape) {
    if (value == null || String.valueOf(value).isBlank()) {
      return List.of();
    }
    ObjectMapper mapper = new ObjectMapper();
    JsonNode tree;
    try {
      tree = value instanceof String s ? mapper.readTree(s) : mapper.valueToTree(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(key + " is not JSON: " + e.getOriginalMessage(), e);
    }
    if (!tree.isObject()) {
      throw new IllegalArgumentException(key + " must be a JSON object " + shape);
    }
    return tree.properties();
  }

  /** The artifact of one function family: its jar in {@link #functionArtifacts()}. */
  public Path artifact(FunctionFamily family) {
    return functionArtifacts.resolve(family.artifactName());
  }

  private static Path requireArtifacts(Path folder) {
    for (FunctionFamily family : FunctionFamily.values()) {
      requireFile(folder.resolve(family.artifactName()), "the " + family.id()
          + " functions' artifact: build them with ./mvnw -q -B -pl functions -am package -DskipTests");
    }
    return folder;
  }

  private static Path requireFile(Path path, String what) {
    if (!Files.isRegularFile(path)) {
      throw new IllegalStateException("Missing " + path + " (" + what + ")");
    }
    return path;
  }
}
