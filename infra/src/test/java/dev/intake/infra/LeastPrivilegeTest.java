package dev.intake.infra;

import static dev.intake.infra.AlertsTest.joined;
import static dev.intake.infra.PipelineStackTest.list;
import static dev.intake.infra.PipelineStackTest.map;
import static dev.intake.infra.PipelineStackTest.ref;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Least privilege (issue 15, point 7): exact DynamoDB actions, the data key only through the
 * service that uses it, trust taken from configuration (external ids for partners, MFA for
 * reviewers), partner API access that IAM's wildcards cannot stretch to the reviewer routes, and a
 * bucket Deny that leaves a partner no object action outside its own prefix.
 */
class LeastPrivilegeTest {

  private static final String ID = "sub-abcdefghijklmnopqrstuvwxyz";
  /** 16 characters, then "/decisions": 26 after "sub-", which the 26 '?' of the {id} pattern would match. */
  private static final String ID_THEN_DECISIONS = "sub-abcdefghijklmnop/decisions";

  private static Synth.Result synth;
  private static Synth.Result defaults;
  private static String apiPrefix;
  private static List<Map<String, Object>> partnerStatements;

  @BeforeAll
  static void synthesize() {
    synth = Synth.full();
    defaults = Synth.defaults();
    apiPrefix = "arn:{AWS::Partition}:execute-api:{AWS::Region}:{AWS::AccountId}:{"
        + synth.logicalId(synth.stack().api().api()) + "}/v1/";
    partnerStatements = statements(only(synth.ofType("AWS::IAM::ManagedPolicy")));
  }

  // --- DynamoDB ---------------------------------------------------------------------------------

  @Test
  void dynamoDb_intake_getPutUpdateOnly() {
    assertThat(dynamoDbActions("IntakeHandler")).containsExactlyInAnyOrder("dynamodb:GetItem", "dynamodb:PutItem",
        "dynamodb:UpdateItem");
  }

  @Test
  void dynamoDb_redrive_sameAsIntake() {
    assertThat(dynamoDbActions("DeadLetterHandler")).isEqualTo(dynamoDbActions("IntakeHandler"));
  }

  @Test
  void dynamoDb_aggregate_getBatchWriteUpdateQueryOnly() {
    // Query: the partner's previous judged submission, on the partner index (the thread).
    assertThat(dynamoDbActions("AggregateHandler")).containsExactlyInAnyOrder("dynamodb:GetItem",
        "dynamodb:BatchWriteItem", "dynamodb:UpdateItem", "dynamodb:Query");
  }

  @Test
  void dynamoDb_digest_queryOnly() {
    assertThat(dynamoDbActions("DigestHandler")).containsExactly("dynamodb:Query");
  }

  @Test
  void sns_digest_publishesToTheProgramOfficeTopicOnly() {
    assertThat(roleStatements("DigestHandler")).filteredOn(s -> Synth.list(s.get("Action")).contains("sns:Publish"))
        .singleElement().satisfies(s -> assertThat(s.get("Resource"))
            .isEqualTo(ref(synth.logicalId(synth.stack().alerts().submissions()))));
  }

  @Test
  void dynamoDb_failure_readsForTheDueDateAndUpdatesOnly() {
    assertThat(dynamoDbActions("FailureHandler")).containsExactlyInAnyOrder("dynamodb:GetItem",
        "dynamodb:UpdateItem");
  }

  @Test
  void dynamoDb_api_getQueryPutUpdateOnly() {
    // PutItem appends a decision (if its number is free), UpdateItem writes the review projection.
    assertThat(dynamoDbActions("ApiHandler")).containsExactlyInAnyOrder("dynamodb:GetItem", "dynamodb:Query",
        "dynamodb:PutItem", "dynamodb:UpdateItem");
  }

  @Test
  void dynamoDb_noFunction_mayScanDeleteOrReadStreams() {
    Set<String> all = new TreeSet<>();
    Synth.identityStatements(synth).forEach(s -> Synth.list(s.get("Action")).forEach(a -> all.add(String.valueOf(a))));
    assertThat(all).isNotEmpty().doesNotContain("dynamodb:Scan", "dynamodb:DeleteItem", "dynamodb:GetRecords",
        "dynamodb:GetShardIterator", "dynamodb:DescribeStream", "dynamodb:ListStreams");
  }

  @Test
  void dynamoDb_indexes_onlyForTheFunctionsThatQueryThem() {
    String indexes = synth.logicalId(synth.stack().storage().table()) + ".Arn}/index/*";
    for (String handler : List.of("IntakeHandler", "DeadLetterHandler", "FailureHandler")) {
      assertThat(roleStatements(handler)).as(handler)
          .noneMatch(s -> Synth.list(s.get("Resource")).stream().anyMatch(r -> joined(r).endsWith(indexes)));
    }
    for (String handler : List.of("ApiHandler", "AggregateHandler", "DigestHandler")) {
      assertThat(roleStatements(handler)).as(handler)
          .anyMatch(s -> Synth.list(s.get("Resource")).stream().anyMatch(r -> joined(r).endsWith(indexes)));
    }
  }

  // --- KMS --------------------------------------------------------------------------------------

  @Test
  void dataKey_everyGrant_carriesViaService() {
    Object dataKey = PipelineStackTest.getAtt(synth.logicalId(synth.stack().storage().dataKey()), "Arn");
    List<Map<String, Object>> grants = Synth.identityStatements(synth).stream()
        .filter(s -> Synth.list(s.get("Resource")).contains(dataKey)).toList();

    assertThat(grants).hasSizeGreaterThan(8).allSatisfy(s ->
        assertThat(map(map(s.get("Condition")).get("StringEquals"))).containsKey("kms:ViaService"));
  }

  @Test
  void dataKey_checkFunctions_onlyThroughS3() {
    assertThat(viaServices("PrerequisitesHandler")).containsExactly("s3");
  }

  @Test
  void dataKey_api_throughS3DynamoDbAndSecretsManagerOnly() {
    assertThat(viaServices("ApiHandler")).containsExactlyInAnyOrder("s3", "dynamodb", "secretsmanager");
  }

  // --- the page-token key -----------------------------------------------------------------------

  @Test
  void pageTokenKey_onlyTheApiFunction_mayReadItAndOnlyItsValue() {
    // given: every Secrets Manager action any role of the stack is granted, and on what
    Map<String, Set<String>> readers = new java.util.TreeMap<>();
    Set<Object> resources = new java.util.HashSet<>();
    for (Map<String, Object> policy : synth.ofType("AWS::IAM::Policy").values()) {
      for (Map<String, Object> s : statements(policy)) {
        List<String> secretActions = Synth.list(s.get("Action")).stream().map(String::valueOf)
            .filter(a -> a.startsWith("secretsmanager:")).toList();
        if (!secretActions.isEmpty()) {
          resources.addAll(Synth.list(s.get("Resource")));
          Synth.list(policy.get("Roles")).forEach(role -> readers
              .computeIfAbsent(String.valueOf(map(role).get("Ref")), r -> new TreeSet<>()).addAll(secretActions));
        }
      }
    }

    // then: the API function's role, the secret's value, that secret alone
    String apiRole = synth.logicalId(synth.stack().functions().api().role());
    assertThat(readers).isEqualTo(Map.of(apiRole, Set.of("secretsmanager:GetSecretValue")));
    assertThat(resources).containsExactly(ref(synth.logicalId(synth.stack().storage().pageTokenKey())));
  }

  @Test
  void pageTokenKey_dataKeyThroughSecretsManager_decryptOnly() {
    Object dataKey = PipelineStackTest.getAtt(synth.logicalId(synth.stack().storage().dataKey()), "Arn");
    List<Object> actions = roleStatements("ApiHandler").stream()
        .filter(s -> Synth.list(s.get("Resource")).contains(dataKey))
        .filter(s -> joined(map(map(s.get("Condition")).get("StringEquals")).get("kms:ViaService"))
            .startsWith("secretsmanager."))
        .flatMap(s -> Synth.list(s.get("Action")).stream()).toList();

    assertThat(actions).containsExactly("kms:Decrypt");
  }

  @Test
  void topicKey_workflowAndDigestGrants_onlyThroughSns() {
    Object topicKey = PipelineStackTest.getAtt(synth.logicalId(synth.stack().alerts().key()), "Arn");
    assertThat(Synth.identityStatements(synth).stream().filter(s -> Synth.list(s.get("Resource")).contains(topicKey)))
        .hasSize(2).allSatisfy(s -> assertThat(joined(map(map(s.get("Condition")).get("StringEquals"))
            .get("kms:ViaService"))).isEqualTo("sns.{AWS::Region}.amazonaws.com"));
  }

  // --- trust ------------------------------------------------------------------------------------

  @Test
  void reviewerTrust_iamRole_needsMfa() {
    assertThat(reviewerTrust(synth)).anySatisfy(s -> {
      assertThat(map(map(s.get("Condition")).get("ArnLike")).get("aws:PrincipalArn"))
          .isEqualTo(List.of(Synth.BREAK_GLASS_REVIEWER));
      assertThat(map(s.get("Condition")).get("Bool")).isEqualTo(Map.of("aws:MultiFactorAuthPresent", "true"));
    });
  }

  @Test
  void reviewerTrust_ssoPermissionSet_matchedByPrincipalArnWithoutMfaKey() {
    // IAM Identity Center enforces MFA at sign-in and its sessions carry no aws:MultiFactorAuthPresent.
    assertThat(reviewerTrust(synth)).anySatisfy(s -> assertThat(s.get("Condition"))
        .isEqualTo(Map.of("ArnLike", Map.of("aws:PrincipalArn", List.of(Synth.SSO_REVIEWERS)))));
  }

  @Test
  void reviewerTrust_everyStatement_namesItsPrincipalsNotTheWholeAccount() {
    assertThat(reviewerTrust(synth)).hasSize(2)
        .allSatisfy(s -> assertThat(map(s.get("Condition"))).containsKey("ArnLike"));
  }

  @Test
  void reviewerTrust_devWithoutConfiguration_thisAccountWithMfa() {
    assertThat(reviewerTrust(defaults)).singleElement().satisfies(s ->
        assertThat(s.get("Condition")).isEqualTo(Map.of("Bool", Map.of("aws:MultiFactorAuthPresent", "true"))));
  }

  @Test
  void partnerTrust_every_requiresTheExternalId() {
    List<Map<String, Object>> partners = synth.ofType("AWS::IAM::Role").values().stream()
        .filter(r -> String.valueOf(r.get("RoleName")).startsWith("competency-dev-partner-")).toList();
    // Every principal that assumes a partner role; the console's identity pool (web identity) is
    // ConsoleHostingTest's.
    assertThat(partners).hasSize(2).allSatisfy(r -> assertThat(list(map(r.get("AssumeRolePolicyDocument"))
        .get("Statement")).stream().filter(s -> "sts:AssumeRole".equals(map(s).get("Action"))).toList())
        .isNotEmpty().allSatisfy(s -> assertThat(map(map(s).get("Condition")).get("StringEquals"))
            .satisfies(c -> assertThat(map(c)).containsKey("sts:ExternalId"))));
  }

  // --- partner API routes -----------------------------------------------------------------------

  @Test
  void partnerApi_ownRoutes_areAllowed() {
    assertThat(List.of("GET/submissions", "GET/submissions/" + ID, "GET/submissions/" + ID + "/findings",
        "GET/submissions/" + ID + "/report", "GET/submissions/" + ID + "/history",
        "GET/submissions/" + ID + "/comparison", "GET/submissions/" + ID + "/decisions", "GET/template",
        "POST/uploads"))
        .allSatisfy(route -> assertThat(partnerMayInvoke(route)).as(route).isTrue());
  }

  @Test
  void partnerApi_postDecisions_isNotAllowed() {
    assertThat(partnerMayInvoke("POST/submissions/" + ID + "/decisions")).isFalse();
  }

  @Test
  void partnerApi_anIdPatternStretchedOverDecisions_isDeniedAnywayForPost() {
    // IAM's ? matches '/' too: the exact-length {id} pattern of a GET route would match this path.
    assertThat(iamMatches(apiPrefix + "GET/submissions/sub-" + "?".repeat(26), apiPrefix + "GET/submissions/"
        + ID_THEN_DECISIONS)).isTrue();
    assertThat(partnerMayInvoke("POST/submissions/" + ID_THEN_DECISIONS)).isFalse();
  }

  @Test
  void partnerApi_cdksMethodArnWildcard_wouldHaveAllowedDecisions() {
    // The control: the pattern the review found (GET/submissions/*) does match /decisions in IAM.
    assertThat(iamMatches(apiPrefix + "GET/submissions/*", apiPrefix + "GET/submissions/" + ID + "/decisions"))
        .isTrue();
  }

  // --- bucket policy ----------------------------------------------------------------------------

  @Test
  void bucketDeny_partnerObjectActions_coverTaggingMultipartAndVersions() {
    List<String> denied = Synth.list(bucketStatement("PartnersOnlyTheirOwnPrefix").get("Action")).stream()
        .map(String::valueOf).toList();
    for (String action : List.of("s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:DeleteObjectVersion",
        "s3:GetObjectVersion", "s3:PutObjectTagging", "s3:GetObjectTagging", "s3:DeleteObjectTagging",
        "s3:PutObjectVersionTagging", "s3:GetObjectVersionTagging", "s3:DeleteObjectVersionTagging",
        "s3:AbortMultipartUpload", "s3:ListMultipartUploadParts", "s3:PutObjectAcl", "s3:GetObjectAttributes",
        "s3:RestoreObject", "s3:PutObjectRetention", "s3:PutObjectLegalHold")) {
      assertThat(denied.stream().anyMatch(pattern -> iamMatches(pattern, action))).as(action).isTrue();
    }
  }

  @Test
  void bucketDeny_partnerListing_coversMultipartUploads() {
    assertThat(Synth.list(bucketStatement("PartnersListOnlyTheirOwnPrefix").get("Action")))
        .contains("s3:ListBucket", "s3:ListBucketVersions", "s3:ListBucketMultipartUploads");
  }

  @Test
  void bucketDeny_principalTaggedAsTheStrayUploads_isDeniedEveryPartnerActionOnTheWholeBucket() {
    Map<String, Object> deny = bucketStatement("NoPartnerIsTheStrayUploads");

    assertThat(deny.get("Effect")).isEqualTo("Deny");
    assertThat(map(deny.get("Condition")).get("StringEqualsIgnoreCase"))
        .isEqualTo(Map.of("aws:PrincipalTag/partnerId", "unassigned"));
    List<String> actions = Synth.list(deny.get("Action")).stream().map(String::valueOf).toList();
    for (String action : List.of("s3:GetObject", "s3:PutObject", "s3:ListBucket", "s3:ListBucketVersions")) {
      assertThat(actions.stream().anyMatch(pattern -> iamMatches(pattern, action))).as(action).isTrue();
    }
    String bucket = synth.logicalId(synth.stack().storage().intake());
    assertThat(Synth.list(deny.get("Resource")).stream().map(AlertsTest::joined))
        .containsExactlyInAnyOrder("{" + bucket + ".Arn}", "{" + bucket + ".Arn}/*");
  }

  @Test
  void partnerPolicy_ownUploads_mayAbortItsOwnMultipartUploads() {
    assertThat(Synth.list(partnerStatements.stream().filter(s -> "OwnUploads".equals(s.get("Sid"))).findFirst()
        .orElseThrow().get("Action"))).contains("s3:PutObject", "s3:AbortMultipartUpload");
  }

  @Test
  void apiFunction_incoming_mayPutForPresignedUploadsButNotReadOrDelete() {
    String incoming = "/incoming/*";
    List<Object> actions = new ArrayList<>();
    roleStatements("ApiHandler").stream()
        .filter(s -> Synth.list(s.get("Resource")).stream().anyMatch(r -> joined(r).endsWith(incoming)))
        .forEach(s -> actions.addAll(Synth.list(s.get("Action"))));
    assertThat(actions).containsExactly("s3:PutObject");
  }

  // --- helpers --------------------------------------------------------------------------------

  /** IAM's matching of a pattern with {@code *} (any run of characters, '/' included) and {@code ?} (one). */
  static boolean iamMatches(String pattern, String value) {
    StringBuilder regex = new StringBuilder();
    for (char c : pattern.toCharArray()) {
      regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
    }
    return Pattern.compile(regex.toString(), Pattern.DOTALL).matcher(value).matches();
  }

  /** Allowed by an Allow statement and denied by no Deny statement of the partner policy. */
  private static boolean partnerMayInvoke(String methodAndPath) {
    String arn = apiPrefix + methodAndPath;
    boolean allowed = false;
    for (Map<String, Object> s : partnerStatements) {
      if (!Synth.list(s.get("Action")).contains("execute-api:Invoke")) {
        continue;
      }
      boolean matches = Synth.list(s.get("Resource")).stream().anyMatch(r -> iamMatches(joined(r), arn));
      if (matches && "Deny".equals(s.get("Effect"))) {
        return false;
      }
      allowed |= matches;
    }
    return allowed;
  }

  private static Map<String, Object> bucketStatement(String sid) {
    Object bucket = ref(synth.logicalId(synth.stack().storage().intake()));
    return synth.ofType("AWS::S3::BucketPolicy").values().stream().filter(p -> bucket.equals(p.get("Bucket")))
        .flatMap(p -> statements(p).stream()).filter(s -> sid.equals(s.get("Sid"))).findFirst().orElseThrow();
  }

  /**
   * The reviewer role's trust for principals that assume it (sts:AssumeRole); the console's identity
   * pool, which hands it to signed-in Cognito users, is ConsoleHostingTest's.
   */
  private static List<Map<String, Object>> reviewerTrust(Synth.Result r) {
    Map<String, Object> role = r.ofType("AWS::IAM::Role").get(r.logicalId(r.stack().access().reviewer()));
    return list(map(role.get("AssumeRolePolicyDocument")).get("Statement")).stream()
        .map(PipelineStackTest::map).filter(s -> "sts:AssumeRole".equals(s.get("Action"))).toList();
  }

  private static Set<String> dynamoDbActions(String handlerClass) {
    Set<String> actions = new TreeSet<>();
    roleStatements(handlerClass).forEach(s -> Synth.list(s.get("Action")).stream().map(String::valueOf)
        .filter(a -> a.startsWith("dynamodb:")).forEach(actions::add));
    return actions;
  }

  /** The services through which a function may use the data key (kms:ViaService, first label). */
  private static Set<String> viaServices(String handlerClass) {
    Object dataKey = PipelineStackTest.getAtt(synth.logicalId(synth.stack().storage().dataKey()), "Arn");
    Set<String> services = new TreeSet<>();
    roleStatements(handlerClass).stream().filter(s -> Synth.list(s.get("Resource")).contains(dataKey))
        .forEach(s -> services.add(joined(map(map(s.get("Condition")).get("StringEquals")).get("kms:ViaService"))
            .split("\\.")[0]));
    return services;
  }

  private static List<Map<String, Object>> roleStatements(String handlerClass) {
    String handler = Functions.HANDLERS + handlerClass + "::handleRequest";
    Map<String, Object> function = synth.ofType("AWS::Lambda::Function").values().stream()
        .filter(f -> handler.equals(f.get("Handler"))).findFirst().orElseThrow();
    String roleId = (String) list(map(function.get("Role")).get("Fn::GetAtt")).get(0);
    return synth.ofType("AWS::IAM::Policy").values().stream()
        .filter(p -> list(p.get("Roles")).contains(Map.of("Ref", roleId)))
        .flatMap(p -> statements(p).stream()).toList();
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> statements(Map<String, Object> policyProperties) {
    return (List<Map<String, Object>>) map(policyProperties.get("PolicyDocument")).get("Statement");
  }

  private static <T> T only(Map<String, T> byId) {
    assertThat(byId).hasSize(1);
    return byId.values().iterator().next();
  }
}
