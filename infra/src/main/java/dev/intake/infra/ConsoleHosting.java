package dev.intake.infra;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.apigateway.CfnGatewayResponse;
import software.amazon.awscdk.services.apigateway.CorsOptions;
import software.amazon.awscdk.services.apigateway.GatewayResponse;
import software.amazon.awscdk.services.apigateway.IResource;
import software.amazon.awscdk.services.apigateway.Method;
import software.amazon.awscdk.services.cloudfront.BehaviorOptions;
import software.amazon.awscdk.services.cloudfront.CachePolicy;
import software.amazon.awscdk.services.cloudfront.Distribution;
import software.amazon.awscdk.services.cloudfront.HeadersFrameOption;
import software.amazon.awscdk.services.cloudfront.HeadersReferrerPolicy;
import software.amazon.awscdk.services.cloudfront.HttpVersion;
import software.amazon.awscdk.services.cloudfront.PriceClass;
import software.amazon.awscdk.services.cloudfront.ResponseCustomHeader;
import software.amazon.awscdk.services.cloudfront.ResponseCustomHeadersBehavior;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersContentSecurityPolicy;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersContentTypeOptions;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersFrameOptions;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersPolicy;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersReferrerPolicy;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersStrictTransportSecurity;
import software.amazon.awscdk.services.cloudfront.ResponseSecurityHeadersBehavior;
import software.amazon.awscdk.services.cloudfront.ViewerProtocolPolicy;
import software.amazon.awscdk.services.cloudfront.origins.S3BucketOrigin;
import software.amazon.awscdk.services.cognito.AccountRecovery;
import software.amazon.awscdk.services.cognito.AuthFlow;
import software.amazon.awscdk.services.cognito.AutoVerifiedAttrs;
import software.amazon.awscdk.services.cognito.CfnIdentityPool;
import software.amazon.awscdk.services.cognito.CfnIdentityPoolRoleAttachment;
import software.amazon.awscdk.services.cognito.CfnUserPoolGroup;
import software.amazon.awscdk.services.cognito.ClientAttributes;
import software.amazon.awscdk.services.cognito.CognitoDomainOptions;
import software.amazon.awscdk.services.cognito.FeaturePlan;
import software.amazon.awscdk.services.cognito.ICustomAttribute;
import software.amazon.awscdk.services.cognito.Mfa;
import software.amazon.awscdk.services.cognito.MfaSecondFactor;
import software.amazon.awscdk.services.cognito.OAuthFlows;
import software.amazon.awscdk.services.cognito.OAuthScope;
import software.amazon.awscdk.services.cognito.OAuthSettings;
import software.amazon.awscdk.services.cognito.PasswordPolicy;
import software.amazon.awscdk.services.cognito.SignInAliases;
import software.amazon.awscdk.services.cognito.StandardAttributesMask;
import software.amazon.awscdk.services.cognito.StandardThreatProtectionMode;
import software.amazon.awscdk.services.cognito.StringAttribute;
import software.amazon.awscdk.services.cognito.UserPool;
import software.amazon.awscdk.services.cognito.UserPoolClient;
import software.amazon.awscdk.services.cognito.UserPoolClientIdentityProvider;
import software.amazon.awscdk.services.cognito.UserPoolClientOptions;
import software.amazon.awscdk.services.cognito.UserPoolDomain;
import software.amazon.awscdk.services.cognito.UserPoolDomainOptions;
import software.amazon.awscdk.services.iam.CfnRole;
import software.amazon.awscdk.services.iam.FederatedPrincipal;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.CorsRule;
import software.amazon.awscdk.services.s3.HttpMethods;
import software.amazon.awscdk.services.s3.ObjectOwnership;
import software.amazon.awscdk.services.s3.deployment.BucketDeployment;
import software.amazon.awscdk.services.s3.deployment.Source;
import software.constructs.Construct;
import software.constructs.IConstruct;

/**
 * The web console on AWS: its static files ({@code console/web/}) in a private bucket, served only
 * through CloudFront (origin access control, HTTPS only, security headers with a CSP that allows
 * scripts from the console's own origin and calls to the API, Cognito and the upload bucket only);
 * sign-in with a Cognito user pool whose groups — and, for partners, the {@code partnerId} attribute —
 * map through an identity pool to the stack's existing IAM roles, so the browser signs the same API
 * calls (SigV4) with temporary credentials and IAM stays the one authorizer; and CORS for the console's
 * origin alone on the API (preflights, the function's answers, API Gateway's own refusals) and on the
 * intake bucket (the presigned upload).
 *
 * <p>Who maps to which role: group {@code reviewers} and group {@code program-office} to
 * {@code competency-{env}-reviewer}; a user whose {@code custom:partnerId} is one of {@code partnerIds}
 * to {@code competency-{env}-partner-{id}}; anyone else gets no credentials (ambiguous: deny). Only an
 * administrator sets a user's groups and partnerId (the console's app client cannot write it).
 */
public final class ConsoleHosting extends Construct {

  public static final String REVIEWERS_GROUP = "reviewers";
  public static final String PROGRAM_OFFICE_GROUP = "program-office";
  public static final String PARTNERS_GROUP = "partners";
  /** The user attribute naming a partner user's partner; the ID token carries it as custom:partnerId. */
  public static final String PARTNER_ID_ATTRIBUTE = "partnerId";
  /** Cognito's limit on one identity provider's role-mapping rules; two go to the reviewer groups. */
  static final int MAX_RULES = 25;
  /** The headers a signed API request from the console carries besides the simple ones. */
  static final List<String> API_REQUEST_HEADERS = List.of("authorization", "content-type", "x-amz-date",
      "x-amz-security-token", "x-amz-content-sha256");

  private final Bucket files;
  private final Distribution distribution;
  private final UserPool userPool;
  private final UserPoolClient client;
  private final UserPoolDomain domain;
  private final CfnIdentityPool identityPool;
  private final CfnIdentityPoolRoleAttachment roleAttachment;
  private final ResponseHeadersPolicy headers;
  private final String origin;

  public ConsoleHosting(Construct scope, String id, PipelineSettings settings, Storage storage, LogGroups logGroups,
      ReviewerRestApi api, Access access, Path webRoot) {
    super(scope, id);
    Stack stack = Stack.of(this);
    if (access.partners().size() + 2 > MAX_RULES) {
      throw new IllegalArgumentException("The console maps at most " + (MAX_RULES - 2) + " partners to their roles "
          + "(Cognito's " + MAX_RULES + " role-mapping rules, two for the reviewer groups); partnerIds has "
          + access.partners().size());
    }

    files = Bucket.Builder.create(this, "Files")
        .encryption(BucketEncryption.S3_MANAGED)
        .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
        .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)
        .enforceSsl(true)
        .minimumTlsVersion(1.2)
        .versioned(true)
        .serverAccessLogsBucket(storage.accessLogs())
        .serverAccessLogsPrefix("console/")
        .removalPolicy(RemovalPolicy.RETAIN)
        .build();

    // --- sign-in ------------------------------------------------------------------------------------
    // Immutable: set once, by the administrator who creates the user; nobody — the user included —
    // can move a user to another partner's role afterwards.
    Map<String, ICustomAttribute> attributes = Map.of(PARTNER_ID_ATTRIBUTE,
        StringAttribute.Builder.create().minLen(1).maxLen(64).mutable(false).build());
    userPool = UserPool.Builder.create(this, "Users")
        .userPoolName(settings.physicalName("console"))
        // Accounts are created by an administrator, who also sets groups and partnerId.
        .selfSignUpEnabled(false)
        .signInAliases(SignInAliases.builder().email(true).build())
        .autoVerify(AutoVerifiedAttrs.builder().email(true).build())
        .customAttributes(attributes)
        .mfa(Mfa.REQUIRED)
        .mfaSecondFactor(MfaSecondFactor.builder().otp(true).sms(false).build())
        .passwordPolicy(PasswordPolicy.builder().minLength(14).requireDigits(true).requireLowercase(true)
            .requireUppercase(true).requireSymbols(true).tempPasswordValidity(Duration.days(3)).build())
        .accountRecovery(AccountRecovery.EMAIL_ONLY)
        .featurePlan(FeaturePlan.PLUS)
        .standardThreatProtectionMode(StandardThreatProtectionMode.FULL_FUNCTION)
        .deletionProtection(true)
        .removalPolicy(RemovalPolicy.RETAIN)
        .build();
    domain = userPool.addDomain("SignIn", UserPoolDomainOptions.builder()
        .cognitoDomain(CognitoDomainOptions.builder()
            // Globally unique per region: the stack's environment and account.
            .domainPrefix(Fn.join("-", List.of("competency-intake", settings.env(), Aws.ACCOUNT_ID)))
            .build())
        .build());

    ResponseHeadersPolicy.Builder policy = ResponseHeadersPolicy.Builder.create(this, "SecurityHeaders")
        .responseHeadersPolicyName(settings.physicalName("console-headers"))
        .comment("Competency intake console (" + settings.env() + "): CSP, HSTS and the other security headers");
    distribution = Distribution.Builder.create(this, "Distribution")
        .comment("Competency intake console (" + settings.env() + ")")
        .defaultRootObject("index.html")
        .httpVersion(HttpVersion.HTTP2_AND_3)
        .priceClass(PriceClass.PRICE_CLASS_100)
        .defaultBehavior(BehaviorOptions.builder()
            .origin(S3BucketOrigin.withOriginAccessControl(files))
            .viewerProtocolPolicy(ViewerProtocolPolicy.HTTPS_ONLY)
            .cachePolicy(CachePolicy.CACHING_OPTIMIZED)
            .responseHeadersPolicy(headers = policy.securityHeadersBehavior(
                securityHeaders(api, stack)).customHeadersBehavior(customHeaders()).build())
            .compress(true)
            .build())
        .build();
    origin = "https://" + distribution.getDistributionDomainName();
    String home = origin + "/";

    client = userPool.addClient("Console", UserPoolClientOptions.builder()
        .userPoolClientName(settings.physicalName("console"))
        // A browser app: no secret, the authorization code flow with PKCE, nothing but the hosted sign-in.
        .generateSecret(false)
        .authFlows(AuthFlow.builder().userSrp(false).userPassword(false).adminUserPassword(false).custom(false).build())
        .oAuth(OAuthSettings.builder()
            .flows(OAuthFlows.builder().authorizationCodeGrant(true).implicitCodeGrant(false).build())
            .scopes(List.of(OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE))
            .callbackUrls(List.of(home))
            .logoutUrls(List.of(home))
            .build())
        .supportedIdentityProviders(List.of(UserPoolClientIdentityProvider.COGNITO))
        .preventUserExistenceErrors(true)
        .idTokenValidity(Duration.hours(1))
        .accessTokenValidity(Duration.hours(1))
        .refreshTokenValidity(Duration.hours(12))
        .readAttributes(new ClientAttributes()
            .withStandardAttributes(StandardAttributesMask.builder().email(true).emailVerified(true).build())
            .withCustomAttributes("custom:" + PARTNER_ID_ATTRIBUTE))
        // Explicitly (Cognito lets a client without the list write every mutable attribute): the user may
        // change its display name only — not its e-mail (its sign-in), not its partner.
        .writeAttributes(new ClientAttributes()
            .withStandardAttributes(StandardAttributesMask.builder().fullname(true).build()))
        .build());

    group(REVIEWERS_GROUP, "Reviewers (AWS Partner Solutions Architects): the reviewer role", access.reviewer(), 1);
    group(PROGRAM_OFFICE_GROUP, "The program office: the reviewer role (the queue, decisions)", access.reviewer(), 2);
    group(PARTNERS_GROUP, "Partner users; each needs its partnerId attribute, which maps it to its role", null, 3);

    identityPool = CfnIdentityPool.Builder.create(this, "Identities")
        .identityPoolName(("CompetencyIntake_" + settings.env() + "_console"))
        .allowUnauthenticatedIdentities(false)
        .allowClassicFlow(false)
        .cognitoIdentityProviders(List.of(CfnIdentityPool.CognitoIdentityProviderProperty.builder()
            .clientId(client.getUserPoolClientId())
            .providerName(userPool.getUserPoolProviderName())
            .serverSideTokenCheck(true)
            .build()))
        .build();

    List<CfnIdentityPoolRoleAttachment.MappingRuleProperty> rules = new ArrayList<>();
    rules.add(rule("cognito:groups", "Contains", REVIEWERS_GROUP, access.reviewer()));
    rules.add(rule("cognito:groups", "Contains", PROGRAM_OFFICE_GROUP, access.reviewer()));
    for (int i = 0; i < access.partners().size(); i++) {
      rules.add(rule("custom:" + PARTNER_ID_ATTRIBUTE, "Equals", settings.partnerIds().get(i),
          access.partners().get(i)));
    }
    roleAttachment = CfnIdentityPoolRoleAttachment.Builder.create(this, "Roles")
        .identityPoolId(identityPool.getRef())
        .roleMappings(Map.of("console", CfnIdentityPoolRoleAttachment.RoleMappingProperty.builder()
            .type("Rules")
            .identityProvider(Fn.join(":", List.of(userPool.getUserPoolProviderName(), client.getUserPoolClientId())))
            .ambiguousRoleResolution("Deny")
            .rulesConfiguration(CfnIdentityPoolRoleAttachment.RulesConfigurationTypeProperty.builder()
                .rules(List.copyOf(rules))
                .build())
            .build()))
        .build();
    trustIdentityPool(access.reviewer());
    access.partners().forEach(this::trustIdentityPool);

    // --- the files and what the console reads at start ----------------------------------------------
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("mode", "aws");
    config.put("environment", settings.env());
    config.put("region", stack.getRegion());
    config.put("apiBase", api.baseUrl());
    config.put("userPoolId", userPool.getUserPoolId());
    config.put("userPoolClientId", client.getUserPoolClientId());
    config.put("identityPoolId", identityPool.getRef());
    config.put("authDomain", domain.baseUrl());
    config.put("redirectUri", home);
    LogGroup deployLogs = logGroups.create(this, "DeployLogs", null);
    BucketDeployment deployment = BucketDeployment.Builder.create(this, "Deploy")
        .sources(List.of(Source.asset(webRoot.toString()), Source.jsonData("config.json", config)))
        .destinationBucket(files)
        .distribution(distribution)
        .distributionPaths(List.of("/*"))
        .logGroup(deployLogs)
        .memoryLimit(256)
        .build();
    manageDeploymentHandler(stack, deployLogs, files);

    // --- CORS: the console's origin only -------------------------------------------------------------
    Set<IResource> resources = new LinkedHashSet<>();
    for (Method m : api.methods().values()) {
      resources.add(m.getResource());
    }
    for (IResource r : resources) {
      Method preflight = r.addCorsPreflight(CorsOptions.builder()
          .allowOrigins(List.of(origin))
          .allowMethods(List.of("GET", "POST", "OPTIONS"))
          .allowHeaders(API_REQUEST_HEADERS)
          .maxAge(Duration.hours(1))
          .build());
      Nag.suppress(preflight, "AwsSolutions-APIG4", "A CORS preflight (OPTIONS) cannot carry credentials: it is "
          + "answered by API Gateway itself (mock integration, no data) with the console's origin only.");
      Nag.suppress(preflight, "AwsSolutions-COG4", "A CORS preflight (OPTIONS) cannot carry credentials; every "
          + "other method requires IAM (SigV4), which the console's Cognito users reach through the identity pool.");
    }
    // API Gateway's own refusals (IAM denial, throttling, …) must be readable by the console too.
    for (IConstruct child : api.api().getNode().getChildren()) {
      if (child instanceof GatewayResponse) {
        ((CfnGatewayResponse) child.getNode().getDefaultChild()).setResponseParameters(Map.of(
            "gatewayresponse.header.Access-Control-Allow-Origin", Fn.join("", List.of("'", origin, "'")),
            "gatewayresponse.header.Vary", "'Origin'"));
      }
    }
    // The partner's upload goes from the console straight to the presigned URL.
    storage.intake().addCorsRule(CorsRule.builder()
        .allowedMethods(List.of(HttpMethods.PUT))
        .allowedOrigins(List.of(origin))
        .allowedHeaders(List.of("content-type"))
        .exposedHeaders(List.of("ETag"))
        .maxAge(3600)
        .build());

    Nag.suppress(distribution, "AwsSolutions-CFR1", "Partners and reviewers sign in from anywhere; access is decided "
        + "by Cognito and IAM, and the distribution serves only the console's static files.");
    Nag.suppress(distribution, "AwsSolutions-CFR2", "No AWS WAF web ACL: the distribution serves only static files "
        + "that hold no data; every data access is a SigV4-signed API call (IAM-authorized, throttled). A web ACL "
        + "can be attached later without changing the stack's shape.");
    Nag.suppress(distribution, "AwsSolutions-CFR3", "No CloudFront access log: the files are the console's code, "
        + "the same for everyone; every data access is an API call, which the API's access log records with its "
        + "principal. (Standard logging would also need an ACL-enabled bucket.)");
    Nag.suppress(distribution, "AwsSolutions-CFR4", "The default *.cloudfront.net certificate: viewers connect over "
        + "HTTPS only (HTTP is refused), and CloudFront pins no minimum TLS version for its own certificate; a "
        + "custom domain with an ACM certificate and TLSv1.2_2021 is the step up (docs/deploy.md).");
    deployment.getNode().addDependency(roleAttachment);
  }

  private CfnUserPoolGroup group(String name, String description, Role role, int precedence) {
    return CfnUserPoolGroup.Builder.create(this, "Group-" + name)
        .userPoolId(userPool.getUserPoolId())
        .groupName(name)
        .description(description)
        .precedence(precedence)
        .roleArn(role == null ? null : role.getRoleArn())
        .build();
  }

  private static CfnIdentityPoolRoleAttachment.MappingRuleProperty rule(String claim, String match, String value,
      Role role) {
    return CfnIdentityPoolRoleAttachment.MappingRuleProperty.builder()
        .claim(claim).matchType(match).value(value).roleArn(role.getRoleArn()).build();
  }

  /** The identity pool may hand out the role's credentials to its signed-in users (and nobody else's). */
  private void trustIdentityPool(Role role) {
    role.getAssumeRolePolicy().addStatements(PolicyStatement.Builder.create()
        .sid("ConsoleUsers")
        .actions(List.of("sts:AssumeRoleWithWebIdentity"))
        .principals(List.of(new FederatedPrincipal("cognito-identity.amazonaws.com")))
        .conditions(Map.of(
            "StringEquals", Map.of("cognito-identity.amazonaws.com:aud", identityPool.getRef()),
            "ForAnyValue:StringLike", Map.of("cognito-identity.amazonaws.com:amr", "authenticated")))
        .build());
  }

  /**
   * The console's CSP: scripts, styles and images from its own origin only (no inline code at all);
   * calls to the API, the identity pool, the sign-in domain (token exchange) and the intake bucket (the
   * presigned upload); no framing, no plugins, no base or form targets elsewhere.
   */
  private ResponseSecurityHeadersBehavior securityHeaders(ReviewerRestApi api, Stack stack) {
    String region = stack.getRegion();
    String apiOrigin = Fn.join("", List.of("https://", api.api().getRestApiId(), ".execute-api.", region, ".",
        stack.getUrlSuffix()));
    // Any bucket's virtual-hosted name in this region: naming the intake bucket itself would close a loop
    // (its CORS rule names the distribution, whose headers would name the bucket).
    String bucketOrigin = Fn.join("", List.of("https://*.s3.", region, ".", stack.getUrlSuffix()));
    String csp = Fn.join("", List.of(
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; manifest-src 'self'; ",
        "connect-src 'self' ", apiOrigin, " https://cognito-identity.", region, ".amazonaws.com ", domain.baseUrl(),
        " ", bucketOrigin, "; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'; ",
        "upgrade-insecure-requests"));
    return ResponseSecurityHeadersBehavior.builder()
        .contentSecurityPolicy(ResponseHeadersContentSecurityPolicy.builder().contentSecurityPolicy(csp)
            .override(true).build())
        .strictTransportSecurity(ResponseHeadersStrictTransportSecurity.builder()
            .accessControlMaxAge(Duration.days(730)).includeSubdomains(true).preload(true).override(true).build())
        .contentTypeOptions(ResponseHeadersContentTypeOptions.builder().override(true).build())
        .frameOptions(ResponseHeadersFrameOptions.builder().frameOption(HeadersFrameOption.DENY).override(true).build())
        .referrerPolicy(ResponseHeadersReferrerPolicy.builder().referrerPolicy(HeadersReferrerPolicy.NO_REFERRER)
            .override(true).build())
        .build();
  }

  private static ResponseCustomHeadersBehavior customHeaders() {
    return ResponseCustomHeadersBehavior.builder().customHeaders(List.of(
        ResponseCustomHeader.builder().header("Permissions-Policy")
            .value("camera=(), microphone=(), geolocation=(), payment=(), usb=()").override(true).build(),
        ResponseCustomHeader.builder().header("Cross-Origin-Opener-Policy").value("same-origin").override(true).build(),
        ResponseCustomHeader.builder().header("Cross-Origin-Resource-Policy").value("same-origin").override(true)
            .build()))
        .build();
  }

  /**
   * CDK's BucketDeployment handler (a deploy-time function): it logs to our log group, and its role may
   * write there instead of holding AWSLambdaBasicExecutionRole.
   */
  private static void manageDeploymentHandler(Stack stack, LogGroup logs, Bucket files) {
    for (IConstruct child : stack.getNode().getChildren()) {
      if (!child.getNode().getId().startsWith("Custom::CDKBucketDeployment")) {
        continue;
      }
      IConstruct roleConstruct = child.getNode().tryFindChild("ServiceRole");
      if (roleConstruct instanceof Role role) {
        ((CfnRole) role.getNode().getDefaultChild()).setManagedPolicyArns(null);
        logs.grantWrite(role);
      }
      Nag.suppress(child, "AwsSolutions-L1", "CDK's BucketDeployment handler: its runtime is the one CDK ships "
          + "it for; it runs only during a deployment.");
      Nag.suppressFindings(child, "AwsSolutions-IAM5", "CDK's BucketDeployment handler copies the console's files "
          + "from CDK's asset bucket to the console bucket (CDK's read and write grants on those two buckets' "
          + "objects) and invalidates the distribution (CloudFront invalidations take no resource-level "
          + "permission).",
          "Action::s3:GetBucket*", "Action::s3:GetObject*", "Action::s3:List*", "Action::s3:Abort*",
          "Action::s3:DeleteObject*", "Resource::" + Nag.arnOf(files) + "/*", "Resource::*",
          "/^Resource::arn:<AWS::Partition>:s3:::cdk-[a-z0-9]+-assets-<AWS::AccountId>-<AWS::Region>\\/\\*$/");
    }
  }

  /** The console's origin, {@code https://<distribution>.cloudfront.net}. */
  public String origin() {
    return origin;
  }

  public Bucket files() {
    return files;
  }

  public Distribution distribution() {
    return distribution;
  }

  public UserPool userPool() {
    return userPool;
  }

  public UserPoolClient client() {
    return client;
  }

  public UserPoolDomain domain() {
    return domain;
  }

  public CfnIdentityPool identityPool() {
    return identityPool;
  }

  public CfnIdentityPoolRoleAttachment roleAttachment() {
    return roleAttachment;
  }

  public ResponseHeadersPolicy headers() {
    return headers;
  }
}
