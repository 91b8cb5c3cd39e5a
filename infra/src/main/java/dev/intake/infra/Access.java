package dev.intake.infra;

import dev.intake.contracts.BucketLayout;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Tags;
import software.amazon.awscdk.services.iam.AccountPrincipal;
import software.amazon.awscdk.services.iam.AnyPrincipal;
import software.amazon.awscdk.services.iam.ArnPrincipal;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.IPrincipal;
import software.amazon.awscdk.services.iam.ManagedPolicy;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.PrincipalWithConditions;
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
 *       key only through S3 for this bucket, and call exactly the API's partner routes — each
 *       {@code {id}} an exact-length pattern, because IAM's {@code *} also matches {@code /} and
 *       {@code GET/submissions/*} would match {@code /decisions} too; and, because a {@code ?} also
 *       matches {@code /}, recording a decision (the reviewer-only route) is denied outright
 *       as well. A bucket-policy Deny
 *       backs it up: a principal with a {@code partnerId} tag cannot read, write, tag, delete or
 *       multipart-upload any object outside its own prefix, whatever other policy it is given. For
 *       each id in {@code partnerIds} the stack creates a role {@code competency-{env}-partner-{id}},
 *       tagged {@code partnerId={id}}, trusted by the principal {@code partnerTrust} names (the
 *       partner's account or role) and only with the partner's external id. A partner that holds no
 *       AWS identity at all asks {@code POST /uploads} for a presigned PUT instead.</li>
 *   <li><b>Reviewers</b> assume {@code competency-{env}-reviewer}, which may invoke every API method;
 *       the API function treats that role as a reviewer (REVIEWER_PRINCIPALS). Its trust names the
 *       roles in {@code reviewerPrincipals} (SSO permission sets or IAM roles) and asks for MFA from
 *       every one but an SSO permission set, whose sign-in enforces it.</li>
 * </ul>
 */
public final class Access extends Construct {

  public static final String PARTNER_TAG = "partnerId";
  /** The prefix of one partner, as an IAM policy variable. */
  static final String OWN_PREFIX = Storage.INCOMING + "${aws:PrincipalTag/" + PARTNER_TAG + "}/";

  /**
   * The API routes a partner may call: its own submissions, what changed since its previous one, the
   * decisions shared with it (the API filters out the rest), the blank template, upload links.
   */
  static final List<String> PARTNER_ROUTES = List.of(
      "GET /submissions",
      "GET /submissions/{id}",
      "GET /submissions/{id}/findings",
      "GET /submissions/{id}/report",
      "GET /submissions/{id}/history",
      "GET /submissions/{id}/comparison",
      "GET /submissions/{id}/decisions",
      "GET /template",
      "POST /uploads");

  /** What a partner may do to its own objects: upload (also in parts) and read back what it uploaded. */
  static final List<String> PARTNER_OBJECT_ACTIONS = List.of("s3:PutObject", "s3:GetObject", "s3:GetObjectVersion",
      "s3:AbortMultipartUpload", "s3:ListMultipartUploadParts");

  /**
   * Every object-level action a partner-tagged principal is denied outside its own prefix.
   * {@code s3:*Object*} covers reads, writes, deletes, ACLs, tags, attributes, retention and legal
   * holds of objects and their versions (and S3 actions named that way in future); the two
   * multipart actions do not carry "Object" in their names.
   */
  static final List<String> PARTNER_DENIED_OBJECT_ACTIONS = List.of("s3:*Object*", "s3:AbortMultipartUpload",
      "s3:ListMultipartUploadParts");

  /** Listing actions a partner-tagged principal may use on its own prefix only. */
  static final List<String> PARTNER_DENIED_LIST_ACTIONS = List.of("s3:ListBucket", "s3:ListBucketVersions",
      "s3:ListBucketMultipartUploads");

  /** The path of an IAM Identity Center permission set's role: MFA is enforced at its sign-in. */
  static final String SSO_ROLE_PATH = ":role/aws-reserved/sso.amazonaws.com/";

  private final ManagedPolicy partnerPolicy;
  private final Role reviewer;
  private final List<Role> partners = new ArrayList<>();

  public Access(Construct scope, String id, PipelineSettings settings, Storage storage, ReviewerRestApi api) {
    super(scope, id);
    Bucket bucket = storage.intake();
    Stack stack = Stack.of(this);

    partnerPolicy = ManagedPolicy.Builder.create(this, "PartnerAccess")
        .description("Competency intake (" + settings.env() + ") partner: upload to and read back "
            + "incoming/{partnerId}/ (the principal's partnerId tag) and read its own results through the API")
        .statements(List.of(
            PolicyStatement.Builder.create()
                .sid("OwnUploads")
                .actions(PARTNER_OBJECT_ACTIONS)
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
                .resources(api.exactRouteArns(PARTNER_ROUTES))
                .build(),
            PolicyStatement.Builder.create()
                .sid("NoReviewerRoutes")
                .effect(Effect.DENY)
                .actions(List.of("execute-api:Invoke"))
                .resources(List.of(api.routeArnPattern("POST", "/submissions/*/decisions")))
                .build()))
        .build();
    Nag.suppressFindings(partnerPolicy, "AwsSolutions-IAM5",
        "The object wildcard is confined to the caller's own prefix incoming/${aws:PrincipalTag/partnerId}/ "
            + "(partner uploads have free file names).",
        // cdk-nag writes the policy variable ${aws:PrincipalTag/partnerId} as <aws:PrincipalTag/partnerId>.
        "Resource::" + Nag.arnOf(bucket) + "/" + Storage.INCOMING + "<aws:PrincipalTag/" + PARTNER_TAG + ">/*");

    // Defence in depth: whatever else a partner principal is granted, it cannot touch another
    // partner's objects (or anything outside incoming/{its id}/).
    bucket.addToResourcePolicy(PolicyStatement.Builder.create()
        .sid("PartnersOnlyTheirOwnPrefix")
        .effect(Effect.DENY)
        .principals(List.of(new AnyPrincipal()))
        .actions(PARTNER_DENIED_OBJECT_ACTIONS)
        .notResources(List.of(bucket.arnForObjects(OWN_PREFIX + "*")))
        .conditions(Map.of("Null", Map.of("aws:PrincipalTag/" + PARTNER_TAG, "false")))
        .build());
    bucket.addToResourcePolicy(PolicyStatement.Builder.create()
        .sid("PartnersListOnlyTheirOwnPrefix")
        .effect(Effect.DENY)
        .principals(List.of(new AnyPrincipal()))
        .actions(PARTNER_DENIED_LIST_ACTIONS)
        .resources(List.of(bucket.getBucketArn()))
        .conditions(Map.of(
            "Null", Map.of("aws:PrincipalTag/" + PARTNER_TAG, "false"),
            "StringNotLike", Map.of("s3:prefix", List.of(OWN_PREFIX, OWN_PREFIX + "*"))))
        .build());
    // The stack never makes a partner of the stray uploads' id (PipelineSettings refuses it), but a
    // principal tagged with it elsewhere would own incoming/unassigned/: everyone's stray files.
    List<String> everyPartnerAction = new ArrayList<>(PARTNER_DENIED_OBJECT_ACTIONS);
    everyPartnerAction.addAll(PARTNER_DENIED_LIST_ACTIONS);
    bucket.addToResourcePolicy(PolicyStatement.Builder.create()
        .sid("NoPartnerIsTheStrayUploads")
        .effect(Effect.DENY)
        .principals(List.of(new AnyPrincipal()))
        .actions(everyPartnerAction)
        .resources(List.of(bucket.getBucketArn(), bucket.arnForObjects("*")))
        .conditions(Map.of("StringEqualsIgnoreCase",
            Map.of("aws:PrincipalTag/" + PARTNER_TAG, BucketLayout.UNASSIGNED)))
        .build());

    for (String partnerId : settings.partnerIds()) {
      PipelineSettings.PartnerTrust trust = settings.partnerTrust().get(partnerId);
      // The trust allows sts:AssumeRole only — not sts:TagSession — so a caller cannot set a
      // session tag that overrides the role's partnerId tag; and only with the partner's external id.
      Role role = Role.Builder.create(this, "Partner-" + partnerId)
          .roleName(settings.partnerRolePrefix() + partnerId)
          .description("Competency intake (" + settings.env() + ") partner " + partnerId)
          .assumedBy(new PrincipalWithConditions(partnerPrincipal(trust.principal(), stack),
              Map.of("StringEquals", Map.of("sts:ExternalId", trust.externalId()))))
          .maxSessionDuration(Duration.hours(1))
          .managedPolicies(List.of(partnerPolicy))
          .build();
      Tags.of(role).add(PARTNER_TAG, partnerId);
      partners.add(role);
    }

    reviewer = reviewerRole(settings, stack);
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

  /**
   * The reviewer role, trusted by the configured roles only: one statement per account, the
   * principal's ARN matched by {@code aws:PrincipalArn} (SSO roles end in a random suffix, so the
   * patterns may hold wildcards), MFA required except from SSO permission sets. In dev without
   * configuration, this account's principals with MFA.
   */
  private Role reviewerRole(PipelineSettings settings, Stack stack) {
    Map<String, List<String>> sso = new LinkedHashMap<>();
    Map<String, List<String>> others = new LinkedHashMap<>();
    for (String arn : settings.reviewerPrincipals()) {
      String account = arn.split(":")[4];
      (arn.contains(SSO_ROLE_PATH) ? sso : others).computeIfAbsent(account, a -> new ArrayList<>()).add(arn);
    }
    List<IPrincipal> principals = new ArrayList<>();
    Map<String, Object> mfa = Map.of("Bool", Map.of("aws:MultiFactorAuthPresent", "true"));
    if (sso.isEmpty() && others.isEmpty()) {
      principals.add(new PrincipalWithConditions(new AccountPrincipal(stack.getAccount()), mfa));
    }
    others.forEach((account, arns) -> principals.add(new PrincipalWithConditions(new AccountPrincipal(account),
        Map.of("ArnLike", Map.of("aws:PrincipalArn", arns), "Bool", Map.of("aws:MultiFactorAuthPresent", "true")))));
    sso.forEach((account, arns) -> principals.add(new PrincipalWithConditions(new AccountPrincipal(account),
        Map.of("ArnLike", Map.of("aws:PrincipalArn", arns)))));

    Role role = Role.Builder.create(this, "Reviewer")
        .roleName(settings.reviewerRoleName())
        .description("Competency intake (" + settings.env() + ") reviewer: every reviewer API method")
        .assumedBy(principals.get(0))
        .maxSessionDuration(Duration.hours(4))
        .build();
    for (IPrincipal more : principals.subList(1, principals.size())) {
      role.getAssumeRolePolicy().addStatements(PolicyStatement.Builder.create()
          .actions(List.of("sts:AssumeRole"))
          .principals(List.of(more))
          .build());
    }
    return role;
  }

  private static IPrincipal partnerPrincipal(String principal, Stack stack) {
    if (principal == null) {
      return new AccountPrincipal(stack.getAccount());
    }
    return principal.matches("\\d{12}") ? new AccountPrincipal(principal) : new ArnPrincipal(principal);
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
