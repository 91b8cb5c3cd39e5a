package dev.intake.infra;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Tags;
import software.amazon.awscdk.services.iam.AccountRootPrincipal;
import software.amazon.awscdk.services.iam.AnyPrincipal;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.ManagedPolicy;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.s3.Bucket;
import software.constructs.Construct;

/**
 * Who may do what from outside the pipeline.
 *
 * <ul>
 *   <li><b>Partners</b> carry an IAM principal tag {@code partnerId}. The managed policy
 *       {@code PartnerAccess} lets a tagged principal put (and get back) objects under
 *       {@code incoming/${aws:PrincipalTag/partnerId}/} only, list only that prefix, use the data
 *       key only through S3 for this bucket, and call the API's partner routes (the handler then
 *       shows only that partner's submissions). A bucket-policy Deny backs it up: a principal with a
 *       {@code partnerId} tag cannot read, write or delete any object outside its own prefix, whatever
 *       other policy it is given. For each id in the context value {@code partnerIds} the stack creates
 *       a role {@code competency-partner-{id}}, tagged {@code partnerId={id}}, with that policy.</li>
 *   <li><b>Reviewers</b> assume {@code competency-reviewer}, which may invoke every API method; the
 *       API function treats that role as a reviewer (REVIEWER_PRINCIPALS).</li>
 * </ul>
 */
public final class Access extends Construct {

  public static final String REVIEWER_ROLE_NAME = "competency-reviewer";
  public static final String PARTNER_TAG = "partnerId";
  /** The prefix of one partner, as an IAM policy variable. */
  static final String OWN_PREFIX = Storage.INCOMING + "${aws:PrincipalTag/" + PARTNER_TAG + "}/";

  /** The API routes a partner may call: its own submissions and the blank template. */
  static final List<String> PARTNER_ROUTES = List.of(
      "GET /submissions",
      "GET /submissions/{id}",
      "GET /submissions/{id}/findings",
      "GET /submissions/{id}/report",
      "GET /submissions/{id}/history",
      "GET /template");

  private final ManagedPolicy partnerPolicy;
  private final Role reviewer;
  private final List<Role> partners = new ArrayList<>();

  public Access(Construct scope, String id, PipelineSettings settings, Storage storage, ReviewerRestApi api) {
    super(scope, id);
    Bucket bucket = storage.intake();
    Stack stack = Stack.of(this);

    partnerPolicy = ManagedPolicy.Builder.create(this, "PartnerAccess")
        .description("Competency intake partner: upload to and read back incoming/{partnerId}/ (the principal's "
            + "partnerId tag) and read its own results through the API")
        .statements(List.of(
            PolicyStatement.Builder.create()
                .sid("OwnUploads")
                .actions(List.of("s3:PutObject", "s3:GetObject", "s3:GetObjectVersion"))
                .resources(List.of(bucket.arnForObjects(OWN_PREFIX + "*")))
                .build(),
            PolicyStatement.Builder.create()
                .sid("ListOwnPrefix")
                .actions(List.of("s3:ListBucket"))
                .resources(List.of(bucket.getBucketArn()))
                .conditions(Map.of("StringLike", Map.of("s3:prefix", List.of(OWN_PREFIX, OWN_PREFIX + "*"))))
                .build(),
            PolicyStatement.Builder.create()
                .sid("DataKeyThroughThisBucketOnly")
                .actions(List.of("kms:GenerateDataKey", "kms:Decrypt"))
                .resources(List.of(storage.dataKey().getKeyArn()))
                .conditions(Map.of("StringEquals", Map.of(
                    "kms:ViaService", "s3." + stack.getRegion() + ".amazonaws.com",
                    // With an S3 Bucket Key the encryption context is the bucket's ARN.
                    "kms:EncryptionContext:aws:s3:arn", bucket.getBucketArn())))
                .build(),
            PolicyStatement.Builder.create()
                .sid("PartnerApiRoutes")
                .actions(List.of("execute-api:Invoke"))
                .resources(api.methodArns(PARTNER_ROUTES))
                .build()))
        .build();
    Nag.suppressFindings(partnerPolicy, "AwsSolutions-IAM5",
        "The object wildcard is confined to the caller's own prefix incoming/${aws:PrincipalTag/partnerId}/ "
            + "(partner uploads have free file names); the execute-api wildcards stand for the {id} path "
            + "parameter of the partner's GET routes, and the handler returns only the caller's own submissions.",
        // cdk-nag writes the policy variable ${aws:PrincipalTag/partnerId} as <aws:PrincipalTag/partnerId>.
        "Resource::" + Nag.arnOf(bucket) + "/" + Storage.INCOMING + "<aws:PrincipalTag/" + PARTNER_TAG + ">/*",
        "/^Resource::arn:<AWS::Partition>:execute-api:.*\\/GET\\/submissions\\/\\*(\\/(findings|report|history))?$/");

    // Defence in depth: whatever else a partner principal is granted, it cannot touch another
    // partner's objects (or anything outside incoming/{its id}/).
    bucket.addToResourcePolicy(PolicyStatement.Builder.create()
        .sid("PartnersOnlyTheirOwnPrefix")
        .effect(Effect.DENY)
        .principals(List.of(new AnyPrincipal()))
        .actions(List.of("s3:GetObject", "s3:GetObjectVersion", "s3:PutObject", "s3:DeleteObject",
            "s3:DeleteObjectVersion", "s3:GetObjectAcl", "s3:PutObjectAcl"))
        .notResources(List.of(bucket.arnForObjects(OWN_PREFIX + "*")))
        .conditions(Map.of("Null", Map.of("aws:PrincipalTag/" + PARTNER_TAG, "false")))
        .build());
    bucket.addToResourcePolicy(PolicyStatement.Builder.create()
        .sid("PartnersListOnlyTheirOwnPrefix")
        .effect(Effect.DENY)
        .principals(List.of(new AnyPrincipal()))
        .actions(List.of("s3:ListBucket", "s3:ListBucketVersions"))
        .resources(List.of(bucket.getBucketArn()))
        .conditions(Map.of(
            "Null", Map.of("aws:PrincipalTag/" + PARTNER_TAG, "false"),
            "StringNotLike", Map.of("s3:prefix", List.of(OWN_PREFIX, OWN_PREFIX + "*"))))
        .build());

    for (String partnerId : settings.partnerIds()) {
      // The trust policy allows sts:AssumeRole only — not sts:TagSession — so a caller cannot set a
      // session tag that overrides the role's partnerId tag.
      Role role = Role.Builder.create(this, "Partner-" + partnerId)
          .roleName(PipelineSettings.PARTNER_ROLE_PREFIX + partnerId)
          .description("Competency intake partner " + partnerId)
          .assumedBy(new AccountRootPrincipal())
          .maxSessionDuration(Duration.hours(1))
          .managedPolicies(List.of(partnerPolicy))
          .build();
      Tags.of(role).add(PARTNER_TAG, partnerId);
      partners.add(role);
    }

    reviewer = Role.Builder.create(this, "Reviewer")
        .roleName(REVIEWER_ROLE_NAME)
        .description("Competency intake reviewer: every reviewer API method")
        .assumedBy(new AccountRootPrincipal())
        .maxSessionDuration(Duration.hours(4))
        .build();
    reviewer.addToPolicy(PolicyStatement.Builder.create()
        .sid("ReviewerApi")
        .actions(List.of("execute-api:Invoke"))
        .resources(api.methodArns(List.copyOf(api.methods().keySet())))
        .build());
    Nag.suppressFindings(reviewer, "AwsSolutions-IAM5",
        "Each wildcard is the {id} path parameter of one reviewer route (the method ARNs of the API); the "
            + "reviewer may see every submission by design.",
        "/^Resource::arn:<AWS::Partition>:execute-api:.*\\/(GET|POST)\\/submissions\\/\\*(\\/[a-z]+)?$/");
  }

  public ManagedPolicy partnerPolicy() {
    return partnerPolicy;
  }

  public Role reviewer() {
    return reviewer;
  }

  public List<Role> partners() {
    return List.copyOf(partners);
  }
}
