package dev.intake.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two environments deploy side by side, and a stack deploys again after a destroy (issue 15,
 * point 4): staging and prod synthesized as two stacks of one app share no physical name, and every
 * explicitly named resource that a destroy leaves behind carries something of its own stack.
 */
class EnvironmentsTest {

  /** The properties that name a resource within the account and region (not within a parent resource). */
  static final Map<String, String> NAME_PROPERTIES = Map.ofEntries(
      Map.entry("AWS::IAM::Role", "RoleName"),
      Map.entry("AWS::IAM::ManagedPolicy", "ManagedPolicyName"),
      Map.entry("AWS::Logs::LogGroup", "LogGroupName"),
      Map.entry("AWS::ApiGateway::RestApi", "Name"),
      Map.entry("AWS::CloudWatch::Dashboard", "DashboardName"),
      Map.entry("AWS::CloudWatch::Alarm", "AlarmName"),
      Map.entry("AWS::SNS::Topic", "TopicName"),
      Map.entry("AWS::SQS::Queue", "QueueName"),
      Map.entry("AWS::DynamoDB::Table", "TableName"),
      Map.entry("AWS::S3::Bucket", "BucketName"),
      Map.entry("AWS::Lambda::Function", "FunctionName"),
      Map.entry("AWS::StepFunctions::StateMachine", "StateMachineName"),
      Map.entry("AWS::KMS::Alias", "AliasName"));

  private static final ObjectMapper JSON = new ObjectMapper();

  private static Synth.Result staging;
  private static Synth.Result prod;
  private static Map<String, String> stagingNames;
  private static Map<String, String> prodNames;

  @BeforeAll
  static void synthesize() {
    List<Synth.Result> both = Synth.sideBySide();
    staging = both.get(0);
    prod = both.get(1);
    stagingNames = physicalNames(staging);
    prodNames = physicalNames(prod);
  }

  @Test
  void sideBySide_stackNames_differ() {
    assertThat(List.of(staging.stack().getStackName(), prod.stack().getStackName()))
        .containsExactly("CompetencyIntake-staging", "CompetencyIntake-prod");
  }

  @Test
  void sideBySide_physicalNames_areNamedInBothStacks() {
    // Without names to compare the next test would pass vacuously.
    assertThat(stagingNames).hasSizeGreaterThan(15);
    assertThat(prodNames).hasSameSizeAs(stagingNames);
  }

  @Test
  void sideBySide_physicalNames_shareNone() {
    Set<String> shared = new TreeSet<>(stagingNames.keySet());
    shared.retainAll(prodNames.keySet());
    assertThat(shared).isEmpty();
  }

  /** Literal names say their environment; a name built from a resource of its own stack is unique through it. */
  @Test
  void sideBySide_everyPhysicalName_carriesItsEnvironment() {
    assertThat(stagingNames.keySet()).allSatisfy(n -> assertThat(n).contains("staging"));
    assertThat(prodNames.keySet()).allSatisfy(n -> assertThat(n).contains("prod"));
  }

  @Test
  void sideBySide_roleNames_carryTheEnvironment() {
    assertThat(roleNames(prod)).contains("competency-prod-reviewer", "competency-prod-partner-acme",
        "competency-prod-partner-globex-1");
    assertThat(roleNames(staging)).contains("competency-staging-reviewer", "competency-staging-partner-acme");
  }

  @Test
  void sideBySide_apiFunction_mapsItsOwnEnvironmentsRoles() {
    Map<String, Object> env = PipelineStackTest.map(PipelineStackTest.map(prod.ofType("AWS::Lambda::Function")
        .values().stream().filter(f -> String.valueOf(f.get("Handler")).contains("ApiHandler")).findFirst()
        .orElseThrow().get("Environment")).get("Variables"));
    assertThat(env).containsEntry("REVIEWER_PRINCIPALS", "competency-prod-reviewer")
        .containsEntry("PARTNER_ROLE_PREFIX", "competency-prod-partner-");
  }

  @Test
  void sideBySide_customMetrics_goToTheEnvironmentsNamespace() {
    assertThat(prod.ofType("AWS::Lambda::Function").values().stream()
        .filter(f -> String.valueOf(f.get("Handler")).startsWith(Functions.HANDLERS))
        .map(f -> PipelineStackTest.map(PipelineStackTest.map(f.get("Environment")).get("Variables"))
            .get("POWERTOOLS_METRICS_NAMESPACE")))
        .hasSize(9).containsOnly("CompetencyIntake/prod");
  }

  @Test
  void retainedResources_explicitName_holdsTheStacksIdOrAResourceOfItsOwn() {
    for (Synth.Result r : List.of(staging, prod)) {
      Map<String, Map<String, Object>> resources = r.resources();
      resources.forEach((id, resource) -> {
        String property = NAME_PROPERTIES.get(String.valueOf(resource.get("Type")));
        Map<?, ?> props = (Map<?, ?>) resource.get("Properties");
        if (!"Retain".equals(resource.get("DeletionPolicy")) || property == null || props == null
            || !props.containsKey(property)) {
          return;
        }
        String name = json(props.get(property));
        boolean ownStackId = name.contains("AWS::StackId");
        boolean ownResource = resources.keySet().stream().anyMatch(other -> name.contains("\"Ref\":\"" + other + "\""));
        assertThat(ownStackId || ownResource).as(id + " " + name).isTrue();
      });
    }
  }

  @Test
  void workflowLogGroup_name_endsInTheStacksId() {
    assertThat(json(staging.ofType("AWS::Logs::LogGroup").get(staging.logicalId(staging.stack().workflow().logGroup()))
        .get("LogGroupName")))
        .contains("/aws/vendedlogs/states/CompetencyIntake-staging-submission-").contains("AWS::StackId");
  }

  // --- helpers --------------------------------------------------------------------------------

  /**
   * Every explicit physical name of a stack, mapped to the resource that has it. A token name is
   * written as JSON with each reference to a resource of the stack (or to the stack's id) qualified
   * by the stack's name: the same logical id in two stacks is two different resources.
   */
  private static Map<String, String> physicalNames(Synth.Result r) {
    Map<String, String> names = new TreeMap<>();
    String stack = r.stack().getStackName();
    names.put(stack, "stack");
    r.resources().forEach((id, resource) -> {
      String property = NAME_PROPERTIES.get(String.valueOf(resource.get("Type")));
      Map<?, ?> props = (Map<?, ?>) resource.get("Properties");
      if (property != null && props != null && props.containsKey(property)) {
        String name = json(props.get(property)).replace("\"AWS::StackId\"", "\"" + stack + "/AWS::StackId\"");
        for (String other : r.resources().keySet()) {
          name = name.replace("\"Ref\":\"" + other + "\"", "\"Ref\":\"" + stack + "/" + other + "\"")
              .replace("\"Fn::GetAtt\":[\"" + other + "\"", "\"Fn::GetAtt\":[\"" + stack + "/" + other + "\"");
        }
        names.put(name, id);
      }
    });
    return names;
  }

  private static Set<String> roleNames(Synth.Result r) {
    Set<String> names = new TreeSet<>();
    r.ofType("AWS::IAM::Role").values().forEach(role -> {
      if (role.get("RoleName") != null) {
        names.add(String.valueOf(role.get("RoleName")));
      }
    });
    return names;
  }

  private static String json(Object value) {
    if (value instanceof String s) {
      return s;
    }
    try {
      return JSON.writeValueAsString(new LinkedHashMap<>((Map<?, ?>) value));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
