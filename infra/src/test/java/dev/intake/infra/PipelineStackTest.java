package dev.intake.infra;

import static org.assertj.core.api.Assertions.assertThat;

import dev.intake.contracts.RepositoryRoot;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.constructs.IConstruct;

/** The stack's storage, functions, workflow, alarms and IAM, from the template of a default synth. */
class PipelineStackTest {

  private static final Set<String> HANDLERS = Set.of(
      "dev.intake.handlers.IntakeHandler::handleRequest",
      "dev.intake.handlers.DeadLetterHandler::handleRequest",
      "dev.intake.handlers.PrerequisitesHandler::handleRequest",
      "dev.intake.handlers.CaseStudiesHandler::handleRequest",
      "dev.intake.handlers.PublicUrlsHandler::handleRequest",
      "dev.intake.handlers.AggregateHandler::handleRequest",
      "dev.intake.handlers.DigestHandler::handleRequest",
      "dev.intake.handlers.FailureHandler::handleRequest",
      "dev.intake.handlers.ApiHandler::handleRequest");

  private static Synth.Result synth;

  @BeforeAll
  static void synthesize() {
    synth = Synth.defaults();
  }

  // --- intake bucket ---------------------------------------------------------------------------

  @Test
  void intakeBucket_encryption_isKmsWithARotatingCustomerManagedKey() {
    // given
    Map<String, Object> bucket = intakeBucket();

    // when
    Map<String, Object> rule = map(list(map(bucket.get("BucketEncryption"))
        .get("ServerSideEncryptionConfiguration")).get(0));
    Map<String, Object> sse = map(rule.get("ServerSideEncryptionByDefault"));

    // then
    assertThat(sse.get("SSEAlgorithm")).isEqualTo("aws:kms");
    assertThat(sse.get("KMSMasterKeyID")).isEqualTo(getAtt(id(synth.stack().storage().dataKey()), "Arn"));
    assertThat(rule.get("BucketKeyEnabled")).isEqualTo(true);
    assertThat(synth.ofType("AWS::KMS::Key").get(id(synth.stack().storage().dataKey())))
        .containsEntry("EnableKeyRotation", true);
  }

  @Test
  void kmsKeys_all_rotate() {
    // given
    Map<String, Map<String, Object>> keys = synth.ofType("AWS::KMS::Key");

    // when / then
    assertThat(keys).hasSize(3);
    assertThat(keys.values()).allSatisfy(k -> assertThat(k).containsEntry("EnableKeyRotation", true));
  }

  @Test
  void intakeBucket_versioning_isEnabled() {
    assertThat(map(intakeBucket().get("VersioningConfiguration"))).containsEntry("Status", "Enabled");
  }

  @Test
  void buckets_publicAccessBlock_blocksAllFour() {
    // given
    Map<String, Map<String, Object>> buckets = synth.ofType("AWS::S3::Bucket");

    // then: the intake bucket, its access-log bucket and the console's files
    assertThat(buckets).hasSize(3);
    assertThat(buckets.values()).allSatisfy(b -> assertThat(map(b.get("PublicAccessBlockConfiguration")))
        .containsAllEntriesOf(Map.of("BlockPublicAcls", true, "BlockPublicPolicy", true,
            "IgnorePublicAcls", true, "RestrictPublicBuckets", true)));
  }

  @Test
  void bucketPolicies_insecureTransport_isDeniedOnEveryBucket() {
    // given
    Map<String, Map<String, Object>> policies = synth.ofType("AWS::S3::BucketPolicy");

    // then
    assertThat(policies).hasSize(3);
    assertThat(policies.values()).allSatisfy(p -> assertThat(statements(p)).anySatisfy(s -> {
      assertThat(s).containsEntry("Effect", "Deny").containsEntry("Action", "s3:*");
      assertThat(s.get("Condition")).isEqualTo(Map.of("Bool", Map.of("aws:SecureTransport", "false")));
    }));
  }

  @Test
  void intakeBucket_serverAccessLogs_goToTheSseS3LogBucket() {
    // given
    String logBucket = id(synth.stack().storage().accessLogs());

    // when
    Map<String, Object> logging = map(intakeBucket().get("LoggingConfiguration"));
    Map<String, Object> logBucketSse = map(map(list(map(synth.ofType("AWS::S3::Bucket").get(logBucket)
        .get("BucketEncryption")).get("ServerSideEncryptionConfiguration")).get(0))
        .get("ServerSideEncryptionByDefault"));

    // then
    assertThat(logging.get("DestinationBucketName")).isEqualTo(ref(logBucket));
    assertThat(logBucketSse).containsEntry("SSEAlgorithm", "AES256");
  }

  @Test
  void intakeBucket_lifecycle_expiresIncomingWorkAndReportsByPrefix() {
    // given
    List<Object> rules = list(map(intakeBucket().get("LifecycleConfiguration")).get("Rules"));

    // when
    Map<String, Object> byPrefix = rules.stream().map(PipelineStackTest::map)
        .filter(r -> r.containsKey("Prefix"))
        .collect(Collectors.toMap(r -> (String) r.get("Prefix"), r -> r.get("ExpirationInDays")));

    // then
    assertThat(byPrefix).containsOnly(
        Map.entry("incoming/", Storage.INCOMING_DAYS),
        Map.entry("work/", Storage.WORK_DAYS),
        Map.entry("reports/", PipelineSettings.DEFAULT_RETENTION_DAYS));
    assertThat(Storage.WORK_DAYS).isLessThan(Storage.INCOMING_DAYS);
  }

  @Test
  void intakeBucket_notification_sendsEveryIncomingCreationToTheIntakeAlias() {
    // given
    Map<String, Object> notifications = only(synth.ofType("Custom::S3BucketNotifications"));

    // when
    List<Object> configs = list(map(notifications.get("NotificationConfiguration"))
        .get("LambdaFunctionConfigurations"));
    Map<String, Object> config = map(configs.get(0));
    List<Object> rules = list(map(map(config.get("Filter")).get("Key")).get("FilterRules"));

    // then
    assertThat(configs).hasSize(1);
    assertThat(config.get("Events")).isEqualTo(List.of("s3:ObjectCreated:*"));
    assertThat(rules).containsExactly(Map.of("Name", "prefix", "Value", "incoming/"));
    assertThat(config.get("LambdaFunctionArn")).isEqualTo(ref(aliasOf("IntakeHandler")));
    assertThat(notifications.get("BucketName")).isEqualTo(ref(id(synth.stack().storage().intake())));
  }

  @Test
  void intakeBucket_partnerDeny_confinesTaggedPrincipalsToTheirOwnPrefix() {
    // given
    Map<String, Object> policy = synth.ofType("AWS::S3::BucketPolicy").values().stream()
        .filter(p -> p.get("Bucket").equals(ref(id(synth.stack().storage().intake()))))
        .findFirst().orElseThrow();

    // when
    Map<String, Object> deny = statements(policy).stream()
        .filter(s -> "PartnersOnlyTheirOwnPrefix".equals(s.get("Sid"))).findFirst().orElseThrow();

    // then
    assertThat(deny).containsEntry("Effect", "Deny");
    assertThat(deny.get("Condition")).isEqualTo(Map.of("Null", Map.of("aws:PrincipalTag/partnerId", "false")));
    assertThat(String.valueOf(deny.get("NotResource"))).contains("/incoming/${aws:PrincipalTag/partnerId}/*");
    assertThat(list(deny.get("Action"))).containsExactlyInAnyOrderElementsOf(Access.PARTNER_DENIED_OBJECT_ACTIONS);
  }

  @Test
  void intakeBucket_partnerListDeny_allowsTaggedPrincipalsOnlyTheirOwnPrefix() {
    // given
    Map<String, Object> policy = synth.ofType("AWS::S3::BucketPolicy").values().stream()
        .filter(p -> p.get("Bucket").equals(ref(id(synth.stack().storage().intake()))))
        .findFirst().orElseThrow();

    // when
    Map<String, Object> deny = statements(policy).stream()
        .filter(s -> "PartnersListOnlyTheirOwnPrefix".equals(s.get("Sid"))).findFirst().orElseThrow();

    // then
    assertThat(deny).containsEntry("Effect", "Deny");
    assertThat(list(deny.get("Action"))).containsExactlyInAnyOrder("s3:ListBucket", "s3:ListBucketVersions",
        "s3:ListBucketMultipartUploads");
    assertThat(deny.get("Condition")).isEqualTo(Map.of(
        "Null", Map.of("aws:PrincipalTag/partnerId", "false"),
        "StringNotLike", Map.of("s3:prefix", List.of("incoming/${aws:PrincipalTag/partnerId}/",
            "incoming/${aws:PrincipalTag/partnerId}/*"))));
  }

  // --- DynamoDB -------------------------------------------------------------------------------

  @Test
  void table_billing_isOnDemand() {
    assertThat(table()).containsEntry("BillingMode", "PAY_PER_REQUEST");
  }

  @Test
  void table_pointInTimeRecovery_isEnabled() {
    assertThat(map(table().get("PointInTimeRecoverySpecification")))
        .containsEntry("PointInTimeRecoveryEnabled", true);
  }

  @Test
  void table_deletionProtection_isEnabled() {
    assertThat(table()).containsEntry("DeletionProtectionEnabled", true);
  }

  @Test
  void table_encryption_usesTheCustomerManagedDataKey() {
    assertThat(map(table().get("SSESpecification"))).containsAllEntriesOf(Map.of(
        "SSEEnabled", true,
        "SSEType", "KMS",
        "KMSMasterKeyId", getAtt(id(synth.stack().storage().dataKey()), "Arn")));
  }

  @Test
  void table_keys_arePkAndSkStrings() {
    assertThat(list(table().get("KeySchema"))).containsExactly(
        Map.of("AttributeName", "PK", "KeyType", "HASH"),
        Map.of("AttributeName", "SK", "KeyType", "RANGE"));
  }

  @Test
  void table_globalSecondaryIndexes_areTheFiveTheStoreQueriesProjectingAll() {
    // given
    List<Object> indexes = list(table().get("GlobalSecondaryIndexes"));

    // when
    Map<String, Object> byName = indexes.stream().map(PipelineStackTest::map)
        .collect(Collectors.toMap(i -> (String) i.get("IndexName"), i -> i));

    // then
    assertThat(byName.keySet()).containsExactlyInAnyOrder("byPartner", "byStatus", "all", "byDocument", "byReview");
    assertThat(map(byName.get("byPartner")).get("KeySchema")).isEqualTo(List.of(
        Map.of("AttributeName", "GSI1PK", "KeyType", "HASH"), Map.of("AttributeName", "GSI1SK", "KeyType", "RANGE")));
    assertThat(map(byName.get("byStatus")).get("KeySchema")).isEqualTo(List.of(
        Map.of("AttributeName", "GSI2PK", "KeyType", "HASH"), Map.of("AttributeName", "GSI2SK", "KeyType", "RANGE")));
    assertThat(map(byName.get("all")).get("KeySchema")).isEqualTo(List.of(
        Map.of("AttributeName", "GSI3PK", "KeyType", "HASH"), Map.of("AttributeName", "GSI3SK", "KeyType", "RANGE")));
    assertThat(map(byName.get("byDocument")).get("KeySchema")).isEqualTo(List.of(
        Map.of("AttributeName", "GSI4PK", "KeyType", "HASH"), Map.of("AttributeName", "GSI4SK", "KeyType", "RANGE")));
    assertThat(map(byName.get("byReview")).get("KeySchema")).isEqualTo(List.of(
        Map.of("AttributeName", "GSI5PK", "KeyType", "HASH"), Map.of("AttributeName", "GSI5SK", "KeyType", "RANGE")));
    assertThat(byName.values()).allSatisfy(i -> assertThat(map(map(i).get("Projection")))
        .containsEntry("ProjectionType", "ALL"));
  }

  // --- functions ------------------------------------------------------------------------------

  @Test
  void functions_handlers_areTheNinePipelineHandlers() {
    assertThat(pipelineFunctions().values().stream().map(f -> f.get("Handler")).collect(Collectors.toSet()))
        .isEqualTo(HANDLERS);
  }

  @Test
  void functions_runtime_isJava21OnArm64() {
    assertThat(pipelineFunctions().values()).allSatisfy(f -> {
      assertThat(f).containsEntry("Runtime", "java21");
      assertThat(f.get("Architectures")).isEqualTo(List.of("arm64"));
    });
  }

  @Test
  void functions_snapStart_isOnForPublishedVersionsBehindALiveAlias() {
    // given
    Map<String, Map<String, Object>> aliases = synth.ofType("AWS::Lambda::Alias");
    Map<String, Map<String, Object>> versions = synth.ofType("AWS::Lambda::Version");

    // then
    assertThat(aliases).hasSize(HANDLERS.size());
    pipelineFunctions().forEach((id, f) -> {
      assertThat(f.get("SnapStart")).isEqualTo(Map.of("ApplyOn", "PublishedVersions"));
      Map<String, Object> alias = aliases.values().stream()
          .filter(a -> a.get("FunctionName").equals(ref(id))).findFirst().orElseThrow();
      assertThat(alias).containsEntry("Name", "live");
      String versionId = (String) list(map(alias.get("FunctionVersion")).get("Fn::GetAtt")).get(0);
      assertThat(versions.get(versionId).get("FunctionName")).isEqualTo(ref(id));
    });
  }

  @Test
  void functions_memory_isLargestForThePoiFunctions() {
    // given
    Map<String, Object> memory = pipelineFunctions().values().stream().collect(Collectors.toMap(
        f -> ((String) f.get("Handler")).replace("dev.intake.handlers.", "").replace("::handleRequest", ""),
        f -> f.get("MemorySize")));

    // then
    assertThat(memory).containsExactlyInAnyOrderEntriesOf(Map.of(
        "IntakeHandler", 1024, "AggregateHandler", 1024, "ApiHandler", 768,
        "PrerequisitesHandler", 512, "CaseStudiesHandler", 512, "PublicUrlsHandler", 512, "FailureHandler", 512,
        "DeadLetterHandler", 1024, "DigestHandler", 512));
  }

  @Test
  void functions_tracing_isActive() {
    assertThat(pipelineFunctions().values())
        .allSatisfy(f -> assertThat(f.get("TracingConfig")).isEqualTo(Map.of("Mode", "Active")));
  }

  @Test
  void functions_logGroups_areTheirOwnEncryptedWithRetention() {
    // given
    Map<String, Map<String, Object>> groups = synth.ofType("AWS::Logs::LogGroup");

    // when
    Set<Object> used = new TreeSet<>();
    pipelineFunctions().values().forEach(f -> used.add(String.valueOf(map(f.get("LoggingConfig")).get("LogGroup"))));

    // then
    assertThat(used).hasSize(HANDLERS.size());
    pipelineFunctions().values().forEach(f -> {
      String group = (String) map(map(f.get("LoggingConfig")).get("LogGroup")).get("Ref");
      assertThat(groups.get(group)).containsEntry("RetentionInDays", 90).containsKey("KmsKeyId");
    });
  }

  @Test
  void logGroups_all_haveRetentionAndKms() {
    assertThat(synth.ofType("AWS::Logs::LogGroup").values()).allSatisfy(g ->
        assertThat(g).containsEntry("RetentionInDays", 90)
            .containsEntry("KmsKeyId", getAtt(id(synth.stack().logGroups().key()), "Arn")));
  }

  @Test
  void functions_environment_hasPowertoolsSettingsAndTheirOwnVariables() {
    // given
    Map<String, Set<String>> expected = Map.of(
        "IntakeHandler", Set.of("TABLE_NAME", "BUCKET_NAME", "STATE_MACHINE_ARN", "RETENTION_DAYS"),
        "PrerequisitesHandler", Set.of("BUCKET_NAME"),
        "CaseStudiesHandler", Set.of("BUCKET_NAME"),
        "PublicUrlsHandler", Set.of("BUCKET_NAME", "URL_CHECK_ENABLED"),
        "AggregateHandler", Set.of("TABLE_NAME", "BUCKET_NAME", "API_BASE_URL", "RETENTION_DAYS"),
        "FailureHandler", Set.of("TABLE_NAME", "API_BASE_URL"),
        "DeadLetterHandler", Set.of("TABLE_NAME", "BUCKET_NAME", "STATE_MACHINE_ARN", "REDRIVE_ATTEMPTS",
            "RETENTION_DAYS"),
        "ApiHandler", Set.of("TABLE_NAME", "BUCKET_NAME", "REVIEWER_PRINCIPALS", "PARTNER_ROLE_PREFIX",
            "STATE_MACHINE_ARN", "RETENTION_DAYS", "CONSOLE_ORIGIN", "PAGE_TOKEN_SECRET_ARN"));

    // then
    expected.forEach((handler, own) -> {
      Map<String, Object> env = environment(handler);
      assertThat(env).containsAllEntriesOf(Map.of(
          "POWERTOOLS_SERVICE_NAME", "competency-intake",
          "POWERTOOLS_METRICS_NAMESPACE", "CompetencyIntake/dev",
          "POWERTOOLS_LOG_LEVEL", "INFO"));
      assertThat(env).containsKey("SDK_CALL_TIMEOUT_MS");
      Set<String> rest = new TreeSet<>(env.keySet());
      rest.removeIf(k -> k.startsWith("POWERTOOLS_") || k.equals("SDK_CALL_TIMEOUT_MS"));
      assertThat(rest).as(handler).isEqualTo(own);
    });
    assertThat(environment("ApiHandler")).containsEntry("REVIEWER_PRINCIPALS", "competency-dev-reviewer")
        .containsEntry("PARTNER_ROLE_PREFIX", "competency-dev-partner-");
    assertThat(environment("IntakeHandler").get("STATE_MACHINE_ARN"))
        .isEqualTo(ref(id(synth.stack().workflow().stateMachine())));
    assertThat(environment("ApiHandler").get("PAGE_TOKEN_SECRET_ARN"))
        .isEqualTo(ref(id(synth.stack().storage().pageTokenKey())));
  }

  @Test
  void pageTokenKey_isGeneratedAtDeployAndEncryptedWithTheDataKey() {
    Map<String, Object> secret = synth.ofType("AWS::SecretsManager::Secret").get(id(synth.stack().storage()
        .pageTokenKey()));

    assertThat(secret).doesNotContainKey("SecretString");
    assertThat(map(secret.get("GenerateSecretString")))
        .containsEntry("PasswordLength", 64).containsEntry("ExcludePunctuation", true);
    assertThat(secret.get("KmsKeyId")).isEqualTo(getAtt(id(synth.stack().storage().dataKey()), "Arn"));
    assertThat(synth.ofType("AWS::SecretsManager::Secret")).hasSize(1);
  }

  @Test
  void publicUrls_urlCheck_isOffWithoutContext() {
    assertThat(environment("PublicUrlsHandler")).containsEntry("URL_CHECK_ENABLED", "false");
  }

  @Test
  void aggregate_apiBaseUrl_isTheV1StageOfTheReviewerApi() {
    // given
    String url = String.valueOf(environment("AggregateHandler").get("API_BASE_URL"));

    // then
    assertThat(url).contains(String.valueOf(ref(id(synth.stack().api().api())))).contains("/v1/");
  }

  @Test
  void intake_reservedConcurrency_isSet() {
    assertThat(function("IntakeHandler"))
        .containsEntry("ReservedConcurrentExecutions", PipelineSettings.DEFAULT_INTAKE_CONCURRENCY);
  }

  @Test
  void intake_asyncInvocation_retriesTwiceThenGoesToTheDeadLetterQueue() {
    // given
    Map<String, Object> config = only(synth.ofType("AWS::Lambda::EventInvokeConfig"));
    String queue = id(synth.stack().functions().deadLetters());

    // then
    assertThat(config).containsEntry("MaximumRetryAttempts", 2);
    assertThat(config.get("FunctionName")).isEqualTo(ref(functionId("IntakeHandler")));
    assertThat(String.valueOf(config.get("Qualifier"))).contains(aliasOf("IntakeHandler"));
    assertThat(config.get("DestinationConfig"))
        .isEqualTo(Map.of("OnFailure", Map.of("Destination", getAtt(queue, "Arn"))));
  }

  @Test
  void queues_deadLettersAndParked_areEncryptedAndTlsOnly() {
    // given
    Map<String, Map<String, Object>> queues = synth.ofType("AWS::SQS::Queue");
    Map<String, Map<String, Object>> policies = synth.ofType("AWS::SQS::QueuePolicy");

    // then: SQS-managed encryption (they hold S3 event records only), so no KMS grant without kms:ViaService
    assertThat(queues).hasSize(2);
    assertThat(queues.values()).allSatisfy(q -> assertThat(q).containsEntry("SqsManagedSseEnabled", true)
        .doesNotContainKey("KmsMasterKeyId"));
    assertThat(policies).hasSize(2);
    assertThat(policies.values()).allSatisfy(policy -> assertThat(statements(policy)).anySatisfy(s -> {
      assertThat(s).containsEntry("Effect", "Deny").containsEntry("Action", "sqs:*");
      assertThat(s.get("Condition")).isEqualTo(Map.of("Bool", Map.of("aws:SecureTransport", "false")));
    }));
  }

  @Test
  void deadLetterQueue_isDrainedByTheRedriveFunctionOneMessageAtATime() {
    // given
    Map<String, Object> mapping = only(synth.ofType("AWS::Lambda::EventSourceMapping"));

    // then
    assertThat(mapping.get("EventSourceArn")).isEqualTo(getAtt(id(synth.stack().functions().deadLetters()), "Arn"));
    assertThat(String.valueOf(mapping.get("FunctionName"))).contains(aliasOf("DeadLetterHandler"));
    assertThat(mapping).containsEntry("BatchSize", 1)
        .containsEntry("ScalingConfig", Map.of("MaximumConcurrency", Functions.REDRIVE_CONCURRENCY))
        .containsEntry("FunctionResponseTypes", List.of("ReportBatchItemFailures"));
  }

  @Test
  void deadLetterQueue_afterTheRedriveAttempts_parksWhatIsStillUnsettled() {
    // given
    Map<String, Object> queue = synth.ofType("AWS::SQS::Queue").get(id(synth.stack().functions().deadLetters()));

    // then
    assertThat(queue.get("RedrivePolicy")).isEqualTo(Map.of(
        "deadLetterTargetArn", getAtt(id(synth.stack().functions().parked()), "Arn"),
        "maxReceiveCount", Functions.MAX_RECEIVES));
    assertThat(queue).containsEntry("VisibilityTimeout", 720);
    assertThat(environment("DeadLetterHandler"))
        .containsEntry("REDRIVE_ATTEMPTS", String.valueOf(Functions.REDRIVE_ATTEMPTS));
  }

  // --- topic ---------------------------------------------------------------------------------

  @Test
  void topics_allThreeAreKmsEncryptedAndTlsOnly() {
    // given
    Map<String, Map<String, Object>> topics = synth.ofType("AWS::SNS::Topic");
    Map<String, Map<String, Object>> policies = synth.ofType("AWS::SNS::TopicPolicy");

    // then
    assertThat(topics).hasSize(3);
    assertThat(topics.values()).allSatisfy(t ->
        assertThat(t.get("KmsMasterKeyId")).isEqualTo(getAtt(id(synth.stack().alerts().key()), "Arn")));
    assertThat(policies).hasSize(3);
    assertThat(policies.values()).allSatisfy(p -> assertThat(statements(p)).anySatisfy(s -> {
      assertThat(s).containsEntry("Effect", "Deny");
      assertThat(s.get("Condition")).isEqualTo(Map.of("Bool", Map.of("aws:SecureTransport", "false")));
    }));
  }

  @Test
  void topic_withoutNotificationEmail_hasNoSubscription() {
    synth.template().resourceCountIs("AWS::SNS::Subscription", 0);
  }

  // --- workflow -------------------------------------------------------------------------------

  @Test
  void stateMachine_definition_isTheAslFileAsAStandardWorkflow() {
    // given
    Map<String, Object> machine = only(synth.ofType("AWS::StepFunctions::StateMachine"));

    // then
    assertThat(machine).containsEntry("StateMachineType", "STANDARD").containsKey("DefinitionS3Location");
    assertThat(machine).doesNotContainKey("DefinitionString");
  }

  @Test
  void stateMachine_substitutions_coverEveryPlaceholderAndResolveToLiveAliasesAndTheTopic() {
    // given
    Map<String, Object> substitutions = map(only(synth.ofType("AWS::StepFunctions::StateMachine"))
        .get("DefinitionSubstitutions"));
    TreeSet<String> placeholders = Workflow.placeholders(RepositoryRoot.locate()
        .resolve("statemachine/submission.asl.json"));

    // then
    assertThat(new TreeSet<>(substitutions.keySet())).isEqualTo(placeholders);
    assertThat(substitutions).containsAllEntriesOf(Map.of(
        "PrerequisitesFunctionArn", ref(aliasOf("PrerequisitesHandler")),
        "CaseStudiesFunctionArn", ref(aliasOf("CaseStudiesHandler")),
        "PublicUrlsFunctionArn", ref(aliasOf("PublicUrlsHandler")),
        "AggregateFunctionArn", ref(aliasOf("AggregateHandler")),
        "FailureFunctionArn", ref(aliasOf("FailureHandler")),
        "NotificationTopicArn", ref(id(synth.stack().alerts().submissions()))));
  }

  @Test
  void stateMachine_logging_isAllToAnEncryptedLogGroup() {
    // given
    Map<String, Object> logging = map(only(synth.ofType("AWS::StepFunctions::StateMachine"))
        .get("LoggingConfiguration"));
    String group = id(synth.stack().workflow().logGroup());

    // then
    assertThat(logging).containsEntry("Level", "ALL");
    assertThat(logging.get("Destinations")).isEqualTo(List.of(
        Map.of("CloudWatchLogsLogGroup", Map.of("LogGroupArn", getAtt(group, "Arn")))));
    assertThat(synth.ofType("AWS::Logs::LogGroup").get(group)).containsKey("KmsKeyId");
  }

  @Test
  void stateMachine_tracing_isEnabled() {
    assertThat(only(synth.ofType("AWS::StepFunctions::StateMachine")).get("TracingConfiguration"))
        .isEqualTo(Map.of("Enabled", true));
  }

  @Test
  void stateMachineRole_mayInvokeExactlyTheFiveAliasesAndPublishOnlyToTheTwoTopics() {
    // given
    List<Map<String, Object>> statements = statements(synth.ofType("AWS::IAM::Policy").get(
        id(synth.stack().workflow().stateMachine().getRole().getNode().findChild("DefaultPolicy"))));

    // when
    Map<String, Object> invoke = statements.stream().filter(s -> "lambda:InvokeFunction".equals(s.get("Action")))
        .findFirst().orElseThrow();
    Map<String, Object> publish = statements.stream().filter(s -> "sns:Publish".equals(s.get("Action")))
        .findFirst().orElseThrow();

    // then
    assertThat(list(invoke.get("Resource"))).containsExactlyInAnyOrder(
        ref(aliasOf("PrerequisitesHandler")), ref(aliasOf("CaseStudiesHandler")), ref(aliasOf("PublicUrlsHandler")),
        ref(aliasOf("AggregateHandler")), ref(aliasOf("FailureHandler")));
    assertThat(list(publish.get("Resource"))).containsExactlyInAnyOrder(ref(id(synth.stack().alerts().submissions())),
        ref(id(synth.stack().alerts().partners())));
  }

  // --- IAM ------------------------------------------------------------------------------------

  @Test
  void iam_noAllowStatement_grantsAllActionsOfAService() {
    // given
    List<Map<String, Object>> statements = Synth.identityStatements(synth);

    // then
    assertThat(statements).isNotEmpty();
    assertThat(statements).allSatisfy(s -> assertThat(Synth.list(s.get("Action")))
        .noneMatch(a -> "*".equals(a) || String.valueOf(a).endsWith(":*")));
  }

  @Test
  void iam_functionRoles_haveNoManagedPolicies() {
    // given
    List<String> roles = new ArrayList<>();
    synth.stack().functions().all().forEach(f -> roles.add(id(f.role())));

    // then
    assertThat(roles).allSatisfy(r -> assertThat(synth.ofType("AWS::IAM::Role").get(r))
        .doesNotContainKey("ManagedPolicyArns"));
  }

  @Test
  void iam_checkFunctions_mayOnlyTouchWorkObjects() {
    for (String handler : List.of("PrerequisitesHandler", "CaseStudiesHandler", "PublicUrlsHandler")) {
      // given
      List<Map<String, Object>> statements = roleStatements(handler);

      // then
      assertThat(statements.stream().filter(s -> Synth.list(s.get("Action")).stream()
          .anyMatch(a -> String.valueOf(a).startsWith("s3:"))))
          .as(handler)
          .allSatisfy(s -> assertThat(objectPattern(s.get("Resource"))).isEqualTo("/work/*"));
      assertThat(statements).as(handler).noneMatch(s -> String.valueOf(s.get("Action")).contains("dynamodb:"));
    }
  }

  @Test
  void iam_reviewerRole_isNamedForTheApiAndMayInvokeEveryMethod() {
    // given
    Map<String, Object> role = synth.ofType("AWS::IAM::Role").get(id(synth.stack().access().reviewer()));
    List<Map<String, Object>> statements = statements(synth.ofType("AWS::IAM::Policy").get(
        id(synth.stack().access().reviewer().getNode().findChild("DefaultPolicy"))));

    // then
    assertThat(role).containsEntry("RoleName", "competency-dev-reviewer");
    assertThat(statements).singleElement().satisfies(s -> {
      assertThat(s).containsEntry("Action", "execute-api:Invoke");
      assertThat(Synth.list(s.get("Resource"))).hasSize(synth.stack().api().methods().size());
    });
  }

  @Test
  void iam_partnerPolicy_scopesObjectsToThePrincipalsPartnerTag() {
    // given
    Map<String, Object> policy = only(synth.ofType("AWS::IAM::ManagedPolicy"));

    // when
    List<Map<String, Object>> s3 = statements(policy).stream()
        .filter(s -> String.valueOf(s.get("Action")).contains("s3:")).toList();

    // then
    assertThat(s3).hasSize(2).allSatisfy(s ->
        assertThat(String.valueOf(s)).contains("incoming/${aws:PrincipalTag/partnerId}/"));
  }

  // --- alarms and dashboard -------------------------------------------------------------------

  @Test
  void alarms_all_notifyTheOperationsTopicOnly() {
    // given
    Map<String, Map<String, Object>> alarms = synth.ofType("AWS::CloudWatch::Alarm");
    Object operations = ref(id(synth.stack().alerts().operations()));

    // then
    assertThat(alarms).hasSize(14);
    assertThat(alarms.values()).allSatisfy(a -> assertThat(a.get("AlarmActions")).isEqualTo(List.of(operations)));
  }

  @Test
  void alarms_deadLetters_firesOnAnyMessageSent() {
    synth.template().hasResourceProperties("AWS::CloudWatch::Alarm", Match.objectLike(Map.of(
        "MetricName", "NumberOfMessagesSent",
        "Dimensions", List.of(Map.of("Name", "QueueName",
            "Value", getAtt(id(synth.stack().functions().deadLetters()), "QueueName"))),
        "Threshold", 1,
        "ComparisonOperator", "GreaterThanOrEqualToThreshold")));
  }

  @Test
  void alarms_parked_firesOnAnyMessageLeft() {
    synth.template().hasResourceProperties("AWS::CloudWatch::Alarm", Match.objectLike(Map.of(
        "MetricName", "ApproximateNumberOfMessagesVisible",
        "Dimensions", List.of(Map.of("Name", "QueueName",
            "Value", getAtt(id(synth.stack().functions().parked()), "QueueName"))),
        "Threshold", 0,
        "ComparisonOperator", "GreaterThanThreshold")));
  }

  @Test
  void dashboard_body_graphsTheHandlersMetricsAndTheWorkflow() {
    // given
    String body = String.valueOf(only(synth.ofType("AWS::CloudWatch::Dashboard")).get("DashboardBody"));

    // then
    assertThat(body).contains("SubmissionsReceived", "SubmissionsEvaluated", "BlockersFound", "SubmissionsFailed",
        "CompetencyIntake", "ExecutionsSucceeded", "ExecutionsFailed", "ExecutionTime", "Latency", "5XXError");
  }

  // --- helpers --------------------------------------------------------------------------------

  private static Map<String, Object> intakeBucket() {
    return synth.ofType("AWS::S3::Bucket").get(id(synth.stack().storage().intake()));
  }

  private static Map<String, Object> table() {
    return only(synth.ofType("AWS::DynamoDB::Table"));
  }

  /** The pipeline's functions (not CDK's notification handler), by logical id. */
  private static Map<String, Map<String, Object>> pipelineFunctions() {
    Map<String, Map<String, Object>> out = new TreeMap<>(synth.ofType("AWS::Lambda::Function"));
    out.values().removeIf(f -> !String.valueOf(f.get("Handler")).startsWith("dev.intake.handlers."));
    return out;
  }

  private static String functionId(String handlerClass) {
    String handler = "dev.intake.handlers." + handlerClass + "::handleRequest";
    return pipelineFunctions().entrySet().stream().filter(e -> handler.equals(e.getValue().get("Handler")))
        .map(Map.Entry::getKey).findFirst().orElseThrow();
  }

  private static Map<String, Object> function(String handlerClass) {
    return pipelineFunctions().get(functionId(handlerClass));
  }

  private static Map<String, Object> environment(String handlerClass) {
    return map(map(function(handlerClass).get("Environment")).get("Variables"));
  }

  /** The logical id of the {@code live} alias of the function with this handler class. */
  private static String aliasOf(String handlerClass) {
    Object fn = ref(functionId(handlerClass));
    return synth.ofType("AWS::Lambda::Alias").entrySet().stream()
        .filter(e -> fn.equals(e.getValue().get("FunctionName")) && "live".equals(e.getValue().get("Name")))
        .map(Map.Entry::getKey).findFirst().orElseThrow();
  }

  private static List<Map<String, Object>> roleStatements(String handlerClass) {
    Object role = function(handlerClass).get("Role");
    String roleId = (String) list(map(role).get("Fn::GetAtt")).get(0);
    return synth.ofType("AWS::IAM::Policy").values().stream()
        .filter(p -> list(p.get("Roles")).contains(Map.of("Ref", roleId)))
        .flatMap(p -> statements(p).stream()).toList();
  }

  /** The literal tail of {@code Fn::Join ["", [bucketArn, "/prefix/*"]]}: the object pattern. */
  private static String objectPattern(Object resource) {
    List<Object> parts = list(list(map(resource).get("Fn::Join")).get(1));
    return String.valueOf(parts.get(parts.size() - 1));
  }

  private static String id(IConstruct construct) {
    return synth.logicalId(construct);
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> statements(Map<String, Object> policyProperties) {
    return (List<Map<String, Object>>) map(policyProperties.get("PolicyDocument")).get("Statement");
  }

  private static <T> T only(Map<String, T> byId) {
    assertThat(byId).hasSize(1);
    return byId.values().iterator().next();
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object o) {
    assertThat(o).isInstanceOf(Map.class);
    return (Map<String, Object>) o;
  }

  static List<Object> list(Object o) {
    assertThat(o).isInstanceOf(List.class);
    return Synth.list(o);
  }

  static Object ref(String logicalId) {
    return Map.of("Ref", logicalId);
  }

  static Object getAtt(String logicalId, String attribute) {
    return Map.of("Fn::GetAtt", List.of(logicalId, attribute));
  }
}
