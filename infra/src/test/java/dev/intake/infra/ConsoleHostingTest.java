package dev.intake.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;

/**
 * The console on AWS, held to the template: private files behind CloudFront (OAC, HTTPS only, a CSP
 * without inline code), Cognito users mapped to the existing roles through the identity pool, and CORS
 * for the console's origin alone. One synthesis for the class (with two partners).
 */
class ConsoleHostingTest {

  private static Synth.Result synth;
  private static String distributionId;

  @BeforeAll
  static void synthesize() {
    synth = Synth.full();
    distributionId = synth.logicalId(synth.stack().console().distribution());
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> only(String type) {
    Map<String, Map<String, Object>> all = synth.ofType(type);
    assertThat(all).as(type).hasSize(1);
    return all.values().iterator().next();
  }

  private static String json(Object o) {
    try {
      return new ObjectMapper().writeValueAsString(o);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** {"Fn::Join": ["", ["https://", {"Fn::GetAtt": [distribution, "DomainName"]}]]}, as the template writes it. */
  private static Map<String, Object> consoleOrigin(String prefix, String suffix) {
    Object domain = Map.of("Fn::GetAtt", List.of(distributionId, "DomainName"));
    return Map.of("Fn::Join", List.of("", suffix.isEmpty() ? List.of(prefix + "https://", domain)
        : List.of(prefix + "https://", domain, suffix)));
  }

  @Test
  @SuppressWarnings("unchecked")
  void files_privateBucketServedOnlyThroughCloudFrontWithOriginAccessControl() {
    String bucket = synth.logicalId(synth.stack().console().files());
    Map<String, Object> props = synth.resources().get(bucket);
    Map<String, Object> p = (Map<String, Object>) props.get("Properties");

    assertThat(json(p.get("PublicAccessBlockConfiguration"))).contains("\"BlockPublicAcls\":true",
        "\"BlockPublicPolicy\":true", "\"IgnorePublicAcls\":true", "\"RestrictPublicBuckets\":true");
    Map<String, Object> distribution = (Map<String, Object>) ((Map<String, Object>) synth.resources()
        .get(distributionId).get("Properties")).get("DistributionConfig");
    Map<String, Object> origin = ((List<Map<String, Object>>) distribution.get("Origins")).get(0);
    assertThat(origin).containsKey("OriginAccessControlId");
    assertThat(json(origin)).contains(bucket).contains("\"OriginAccessIdentity\":\"\"");
    Map<String, Object> behavior = (Map<String, Object>) distribution.get("DefaultCacheBehavior");
    assertThat(behavior).containsEntry("ViewerProtocolPolicy", "https-only");
    assertThat(distribution).containsEntry("DefaultRootObject", "index.html");
    // Only CloudFront, for this distribution, may read the files; and only over TLS.
    List<Map<String, Object>> statements = synth.ofType("AWS::S3::BucketPolicy").values().stream()
        .filter(b -> Map.of("Ref", bucket).equals(b.get("Bucket")))
        .flatMap(b -> ((List<Map<String, Object>>) ((Map<String, Object>) b.get("PolicyDocument")).get("Statement"))
            .stream()).toList();
    assertThat(statements).filteredOn(st -> "Allow".equals(st.get("Effect"))).singleElement().satisfies(st -> {
      assertThat(st.get("Principal")).isEqualTo(Map.of("Service", "cloudfront.amazonaws.com"));
      assertThat(st.get("Action")).isEqualTo("s3:GetObject");
      assertThat(json(st.get("Condition"))).contains("AWS:SourceArn", distributionId);
    });
    assertThat(json(statements)).contains("\"aws:SecureTransport\":\"false\"");
  }

  @Test
  @SuppressWarnings("unchecked")
  void headers_cspAllowsOwnScriptsOnlyAndTheApiCognitoAndS3Calls() {
    Map<String, Object> config = (Map<String, Object>) only("AWS::CloudFront::ResponseHeadersPolicy")
        .get("ResponseHeadersPolicyConfig");
    Map<String, Object> security = (Map<String, Object>) config.get("SecurityHeadersConfig");
    String csp = json(((Map<String, Object>) security.get("ContentSecurityPolicy")).get("ContentSecurityPolicy"));

    assertThat(csp).contains("default-src 'none'", "script-src 'self'", "style-src 'self'", "frame-ancestors 'none'",
        "base-uri 'none'", "object-src 'none'", "connect-src 'self' https://", ".execute-api.",
        "https://cognito-identity.", ".auth.", "amazoncognito.com", "https://*.s3.")
        .doesNotContain("unsafe-inline").doesNotContain("unsafe-eval").doesNotContain("http:");
    assertThat(json(security.get("StrictTransportSecurity"))).contains("\"AccessControlMaxAgeSec\":63072000",
        "\"IncludeSubdomains\":true");
    assertThat(json(security.get("FrameOptions"))).contains("DENY");
    assertThat(json(security.get("ReferrerPolicy"))).contains("no-referrer");
    assertThat(security).containsKey("ContentTypeOptions");
  }

  @Test
  void users_adminCreatedWithMfaAndAStrongPasswordPolicy() {
    Map<String, Object> pool = only("AWS::Cognito::UserPool");

    assertThat(json(pool.get("AdminCreateUserConfig"))).contains("\"AllowAdminCreateUserOnly\":true");
    assertThat(pool).containsEntry("MfaConfiguration", "ON");
    assertThat(json(pool.get("Policies"))).contains("\"MinimumLength\":14", "\"RequireSymbols\":true");
    assertThat(json(pool.get("UserPoolAddOns"))).contains("ENFORCED");
    // partnerId: set when the user is created, never changed after.
    assertThat(json(pool.get("Schema"))).contains("\"Name\":\"partnerId\"").contains("\"Mutable\":false");
  }

  @Test
  void client_codeFlowWithoutSecretAndWritesNoAttributeThatGrantsAccess() {
    Map<String, Object> client = only("AWS::Cognito::UserPoolClient");

    assertThat(client).containsEntry("GenerateSecret", false).containsEntry("AllowedOAuthFlows", List.of("code"))
        .containsEntry("ExplicitAuthFlows", List.of("ALLOW_REFRESH_TOKEN_AUTH"))
        .containsEntry("WriteAttributes", List.of("name"));
    assertThat(client.get("CallbackURLs")).isEqualTo(List.of(consoleOrigin("", "/")));
    assertThat(json(client.get("AllowedOAuthScopes"))).doesNotContain("aws.cognito.signin.user.admin");
  }

  @Test
  void groups_reviewersAndProgramOfficeMapToTheReviewerRole() {
    String reviewer = synth.logicalId(synth.stack().access().reviewer());

    for (String group : List.of(ConsoleHosting.REVIEWERS_GROUP, ConsoleHosting.PROGRAM_OFFICE_GROUP)) {
      synth.template().hasResourceProperties("AWS::Cognito::UserPoolGroup", Map.of(
          "GroupName", group, "RoleArn", Map.of("Fn::GetAtt", List.of(reviewer, "Arn")),
          "UserPoolId", Match.anyValue(), "Description", Match.anyValue(), "Precedence", Match.anyValue()));
    }
    synth.template().hasResourceProperties("AWS::Cognito::UserPoolGroup", Match.objectLike(Map.of(
        "GroupName", ConsoleHosting.PARTNERS_GROUP, "RoleArn", Match.absent())));
  }

  @Test
  @SuppressWarnings("unchecked")
  void identityPool_noGuests_rulesMapGroupsAndPartnerIdsToRoles_elseDeny() {
    Map<String, Object> pool = only("AWS::Cognito::IdentityPool");
    Map<String, Object> attachment = only("AWS::Cognito::IdentityPoolRoleAttachment");
    Map<String, Object> mapping = (Map<String, Object>) ((Map<String, Object>) attachment.get("RoleMappings"))
        .get("console");
    List<Map<String, Object>> rules = (List<Map<String, Object>>) ((Map<String, Object>) mapping
        .get("RulesConfiguration")).get("Rules");

    assertThat(pool).containsEntry("AllowUnauthenticatedIdentities", false);
    assertThat(mapping).containsEntry("Type", "Rules").containsEntry("AmbiguousRoleResolution", "Deny");
    assertThat(attachment).doesNotContainKey("Roles");
    String reviewer = synth.logicalId(synth.stack().access().reviewer());
    String acme = synth.logicalId(synth.stack().access().partners().get(0));
    String globex = synth.logicalId(synth.stack().access().partners().get(1));
    assertThat(rules).containsExactly(
        Map.of("Claim", "cognito:groups", "MatchType", "Contains", "Value", "reviewers",
            "RoleARN", Map.of("Fn::GetAtt", List.of(reviewer, "Arn"))),
        Map.of("Claim", "cognito:groups", "MatchType", "Contains", "Value", "program-office",
            "RoleARN", Map.of("Fn::GetAtt", List.of(reviewer, "Arn"))),
        Map.of("Claim", "custom:partnerId", "MatchType", "Equals", "Value", "acme",
            "RoleARN", Map.of("Fn::GetAtt", List.of(acme, "Arn"))),
        Map.of("Claim", "custom:partnerId", "MatchType", "Equals", "Value", "globex-1",
            "RoleARN", Map.of("Fn::GetAtt", List.of(globex, "Arn"))));
  }

  @Test
  @SuppressWarnings("unchecked")
  void roles_trustTheIdentityPoolsAuthenticatedUsersOnly() {
    String pool = synth.logicalId(synth.stack().console().identityPool());
    for (var role : List.of(synth.stack().access().reviewer(), synth.stack().access().partners().get(0))) {
      Map<String, Object> props = (Map<String, Object>) synth.resources().get(synth.logicalId(role))
          .get("Properties");
      List<Map<String, Object>> trust = (List<Map<String, Object>>) ((Map<String, Object>) props
          .get("AssumeRolePolicyDocument")).get("Statement");
      Map<String, Object> web = trust.stream().filter(s -> "sts:AssumeRoleWithWebIdentity".equals(s.get("Action")))
          .findFirst().orElseThrow();
      assertThat(web.get("Principal")).isEqualTo(Map.of("Federated", "cognito-identity.amazonaws.com"));
      assertThat(web.get("Condition")).isEqualTo(Map.of(
          "StringEquals", Map.of("cognito-identity.amazonaws.com:aud", Map.of("Ref", pool)),
          "ForAnyValue:StringLike", Map.of("cognito-identity.amazonaws.com:amr", "authenticated")));
      // Never session tags: a partner's role is decided by its tag, which no caller may override.
      assertThat(json(trust)).doesNotContain("sts:TagSession");
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void cors_everyApiResourceHasAPreflightForTheConsoleOriginOnly() {
    Map<String, Map<String, Object>> methods = synth.ofType("AWS::ApiGateway::Method");
    long resources = methods.values().stream().filter(m -> !"OPTIONS".equals(m.get("HttpMethod")))
        .map(m -> json(m.get("ResourceId"))).distinct().count();
    List<Map<String, Object>> preflights = methods.values().stream()
        .filter(m -> "OPTIONS".equals(m.get("HttpMethod"))).toList();

    assertThat(preflights).hasSize((int) resources).allSatisfy(m -> {
      assertThat(m).containsEntry("AuthorizationType", "NONE");
      Map<String, Object> integration = (Map<String, Object>) m.get("Integration");
      assertThat(integration).containsEntry("Type", "MOCK");
      Map<String, Object> answer = ((List<Map<String, Object>>) integration.get("IntegrationResponses")).get(0);
      assertThat(((Map<String, Object>) answer.get("ResponseParameters"))
          .get("method.response.header.Access-Control-Allow-Origin")).isEqualTo(consoleOrigin("'", "'"));
    });
  }

  @Test
  void cors_functionAndGatewayRefusalsAllowTheConsoleOrigin() {
    Map<String, Object> env = apiFunctionEnvironment();

    assertThat(env.get("CONSOLE_ORIGIN")).isEqualTo(consoleOrigin("", ""));
    synth.ofType("AWS::ApiGateway::GatewayResponse").values().forEach(r ->
        assertThat(json(r.get("ResponseParameters"))).contains("gatewayresponse.header.Access-Control-Allow-Origin")
            .contains(distributionId));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> apiFunctionEnvironment() {
    return synth.ofType("AWS::Lambda::Function").values().stream()
        .filter(f -> String.valueOf(f.get("Handler")).startsWith("dev.intake.handlers.ApiHandler"))
        .map(f -> (Map<String, Object>) ((Map<String, Object>) f.get("Environment")).get("Variables"))
        .findFirst().orElseThrow();
  }

  @Test
  void cors_intakeBucketTakesPresignedPutsFromTheConsoleOriginOnly() {
    String intake = synth.logicalId(synth.stack().storage().intake());

    @SuppressWarnings("unchecked")
    Map<String, Object> props = (Map<String, Object>) synth.resources().get(intake).get("Properties");
    assertThat(props.get("CorsConfiguration")).isEqualTo(Map.of("CorsRules", List.of(Map.of(
        "AllowedMethods", List.of("PUT"),
        "AllowedOrigins", List.of(consoleOrigin("", "")),
        "AllowedHeaders", List.of("content-type"),
        "ExposedHeaders", List.of("ETag"),
        "MaxAge", 3600))));
  }

  @Test
  void deployment_writesConfigJsonNamingTheApiPoolAndClient() {
    Map<String, Object> deploy = only("Custom::CDKBucketDeployment");

    // config.json's literal parts are in its asset; the values only known at deploy time are markers here.
    assertThat(json(deploy.get("SourceMarkers")))
        .contains(synth.logicalId(synth.stack().console().identityPool()))
        .contains(synth.logicalId(synth.stack().console().userPool()))
        .contains(synth.logicalId(synth.stack().console().client()))
        .contains(".execute-api.").contains(".auth.");
    assertThat(json(deploy.get("DistributionPaths"))).contains("/*");
  }
}
