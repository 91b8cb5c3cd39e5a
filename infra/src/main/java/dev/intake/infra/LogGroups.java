package dev.intake.infra;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

/**
 * Every CloudWatch log group of the pipeline — one per function, the workflow's and the API's
 * access log — with a retention and encrypted with a key only CloudWatch Logs of this account
 * and region may use.
 */
public final class LogGroups extends Construct {

  /** Long enough to investigate a partner's complaint about last month's verdict. */
  static final RetentionDays RETENTION = RetentionDays.THREE_MONTHS;

  private final Key key;

  public LogGroups(Construct scope, String id) {
    super(scope, id);
    Stack stack = Stack.of(this);
    key = Key.Builder.create(this, "LogsKey")
        .description("Competency intake: CloudWatch Logs (functions, workflow, API access log)")
        .enableKeyRotation(true)
        .removalPolicy(RemovalPolicy.RETAIN)
        .build();
    // CloudWatch Logs encrypts with the key as itself, not as the writer; the encryption context
    // condition limits it to log groups of this account and region.
    key.addToResourcePolicy(PolicyStatement.Builder.create()
        .sid("CloudWatchLogsOfThisAccount")
        .principals(List.of(new ServicePrincipal("logs." + stack.getRegion() + ".amazonaws.com")))
        .actions(List.of("kms:Encrypt", "kms:Decrypt", "kms:ReEncryptFrom", "kms:ReEncryptTo",
            "kms:GenerateDataKey", "kms:GenerateDataKeyWithoutPlaintext", "kms:DescribeKey"))
        .resources(List.of("*"))
        .conditions(Map.of("ArnLike", Map.of("kms:EncryptionContext:aws:logs:arn",
            "arn:" + stack.getPartition() + ":logs:" + stack.getRegion() + ":" + stack.getAccount()
                + ":log-group:*")))
        .build());
  }

  /** A new encrypted log group with the pipeline's retention; {@code name} may be null for a generated one. */
  public LogGroup create(Construct scope, String id, String name) {
    LogGroup.Builder builder = LogGroup.Builder.create(scope, id)
        .encryptionKey(key)
        .retention(RETENTION)
        .removalPolicy(RemovalPolicy.RETAIN);
    if (name != null) {
      builder.logGroupName(name);
    }
    return builder.build();
  }

  public Key key() {
    return key;
  }
}
