package dev.intake.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns definition JSON into the runner's model, rejecting every state type, field, path form,
 * intrinsic and resource the runner does not implement. Graph checks follow in
 * {@link DefinitionValidator}.
 */
final class DefinitionParser {

  private static final int MAX_STATE_NAME = 80;

  private static final Set<String> TOP_LEVEL = Set.of("StartAt", "States", "Comment", "Version", "QueryLanguage");
  private static final Set<String> BRANCH = Set.of("StartAt", "States", "Comment");
  private static final Set<String> ITEM_PROCESSOR = Set.of("StartAt", "States", "Comment", "ProcessorConfig");

  private static final Map<String, Set<String>> FIELDS = Map.of(
      "Pass", Set.of("InputPath", "OutputPath", "Parameters", "Result", "ResultPath", "Next", "End"),
      "Task", Set.of("Resource", "InputPath", "OutputPath", "Parameters", "ResultSelector", "ResultPath", "Retry",
          "Catch", "TimeoutSeconds", "HeartbeatSeconds", "Next", "End"),
      "Choice", Set.of("InputPath", "OutputPath", "Choices", "Default"),
      "Wait", Set.of("InputPath", "OutputPath", "Seconds", "SecondsPath", "Timestamp", "TimestampPath", "Next", "End"),
      "Succeed", Set.of("InputPath", "OutputPath"),
      "Fail", Set.of("Error", "Cause", "ErrorPath", "CausePath"),
      "Parallel", Set.of("Branches", "InputPath", "OutputPath", "Parameters", "ResultSelector", "ResultPath",
          "Retry", "Catch", "Next", "End"),
      "Map", Set.of("ItemProcessor", "Iterator", "ItemsPath", "ItemSelector", "Parameters", "MaxConcurrency",
          "InputPath", "OutputPath", "ResultSelector", "ResultPath", "Retry", "Catch", "Next", "End"));

  /** Parameters the runner passes on for each integration it knows; other fields are rejected. */
  private static final Map<String, Set<String>> INTEGRATION_PARAMETERS = Map.of(
      "lambda:invoke", Set.of("FunctionName", "Payload"),
      "sns:publish", Set.of("TopicArn", "Message", "Subject", "MessageAttributes", "MessageStructure"));
  private static final Map<String, Set<String>> REQUIRED_PARAMETERS = Map.of(
      "lambda:invoke", Set.of("FunctionName"),
      "sns:publish", Set.of("TopicArn", "Message"));

  private final Set<String> stateNames = new HashSet<>();

  private DefinitionParser() {
  }

  static StateMachine parse(JsonNode definition) {
    Fields fields = new Fields(definition, "State machine");
    fields.allowOnly(TOP_LEVEL);
    String language = fields.string("QueryLanguage");
    if (language != null && !language.equals("JSONPath")) {
      throw fields.error("QueryLanguage", "must be JSONPath; the local runner does not implement " + language);
    }
    return new DefinitionParser().machine(fields);
  }

  private StateMachine machine(Fields fields) {
    String startAt = fields.requiredString("StartAt");
    JsonNode statesNode = fields.container("States", false);
    if (statesNode == null || statesNode.isEmpty()) {
      throw fields.error("States", "is required and must name at least one state");
    }
    Map<String, State> states = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> entry : statesNode.properties()) {
      String name = entry.getKey();
      if (name.isEmpty() || name.length() > MAX_STATE_NAME) {
        throw fields.error("has a state name of " + name.length() + " characters (1 to 80 allowed): '" + name + "'");
      }
      if (!stateNames.add(name)) {
        throw fields.error("has a second state named '" + name + "' (names are unique in the whole machine)");
      }
      states.put(name, state(name, entry.getValue()));
    }
    StateMachine machine = new StateMachine(startAt, states);
    DefinitionValidator.validate(machine, fields.where());
    return machine;
  }

  private State state(String name, JsonNode node) {
    String type = new Fields(node, "State '" + name + "'").requiredString("Type");
    Set<String> allowed = FIELDS.get(type);
    if (allowed == null) {
      throw new DefinitionException("State '" + name + "': Type '" + type + "' is not a state type the local"
          + " Step Functions runner implements (" + String.join(", ", FIELDS.keySet().stream().sorted().toList())
          + ")");
    }
    Set<String> withCommon = new HashSet<>(allowed);
    withCommon.add("Type");
    withCommon.add("Comment");
    Fields fields = new Fields(node, "State '" + name + "' (" + type + ")");
    fields.allowOnly(withCommon);
    switch (type) {
      case "Pass":
        return new State.Pass(name, io(fields), fields.template("Parameters"), fields.get("Result"),
            new State.Result(null, fields.path("ResultPath", false)), next(fields));
      case "Task":
        return task(name, fields);
      case "Choice":
        return choice(name, fields);
      case "Wait":
        return new State.Wait(name, io(fields), waitFor(fields), next(fields));
      case "Succeed":
        return new State.Succeed(name, io(fields));
      case "Fail":
        return fail(name, fields);
      case "Parallel":
        return parallel(name, fields);
      default:
        return map(name, fields);
    }
  }

  private static State.Io io(Fields fields) {
    return new State.Io(fields.path("InputPath", true), fields.path("OutputPath", true));
  }

  private static State.Result result(Fields fields) {
    return new State.Result(fields.template("ResultSelector"), fields.path("ResultPath", false));
  }

  private static String next(Fields fields) {
    String next = fields.string("Next");
    JsonNode end = fields.get("End");
    if (end != null && !end.isBoolean()) {
      throw fields.error("End", "must be true or false");
    }
    boolean ends = end != null && end.booleanValue();
    if (next != null && ends) {
      throw fields.error("has both Next and \"End\": true");
    }
    if (next == null && !ends) {
      throw fields.error("needs either Next or \"End\": true");
    }
    return next;
  }

  private static State task(String name, Fields fields) {
    String resourceText = fields.requiredString("Resource");
    TaskResource resource;
    try {
      resource = TaskResource.parse(resourceText);
    } catch (IllegalArgumentException e) {
      throw fields.error("Resource", e.getMessage());
    }
    PayloadTemplate parameters = fields.template("Parameters");
    String integration = resource instanceof TaskResource.LambdaInvoke ? "lambda:invoke"
        : resource instanceof TaskResource.Service service ? service.key() : null;
    if (integration != null && INTEGRATION_PARAMETERS.containsKey(integration)) {
      checkIntegrationParameters(fields, integration, parameters);
    }
    int timeout = fields.integer("TimeoutSeconds", 1, 0);
    int heartbeat = fields.integer("HeartbeatSeconds", 1, 0);
    if (timeout > 0 && heartbeat >= timeout) {
      throw fields.error("HeartbeatSeconds", "must be smaller than TimeoutSeconds");
    }
    return new State.Task(name, io(fields), resource, resourceText, parameters, result(fields),
        ErrorHandlingParser.parse(fields), timeout, heartbeat, next(fields));
  }

  private static void checkIntegrationParameters(Fields fields, String integration, PayloadTemplate parameters) {
    if (parameters == null) {
      throw fields.error("Parameters", "is required for " + integration);
    }
    for (String field : parameters.topLevelFields()) {
      if (!INTEGRATION_PARAMETERS.get(integration).contains(field)) {
        throw fields.error("Parameters", "has '" + field + "', which the local runner does not implement for "
            + integration + " (supported: " + String.join(", ", INTEGRATION_PARAMETERS.get(integration)) + ")");
      }
    }
    for (String required : REQUIRED_PARAMETERS.get(integration)) {
      if (!parameters.has(required)) {
        throw fields.error("Parameters", "needs " + required + " for " + integration);
      }
    }
    JsonNode functionName = parameters.literal("FunctionName");
    if (integration.equals("lambda:invoke") && functionName != null && !functionName.isTextual()) {
      throw fields.error("Parameters", "FunctionName must be a string");
    }
  }

  private static State choice(String name, Fields fields) {
    JsonNode choices = fields.container("Choices", true);
    if (choices == null) {
      throw fields.error("Choices", "is required");
    }
    List<State.ChoiceBranch> branches = new ArrayList<>();
    for (int i = 0; i < choices.size(); i++) {
      String where = fields.where() + " Choices[" + i + "]";
      ChoiceRule rule = ChoiceRuleParser.parse(choices.get(i), where, true);
      String next = new Fields(choices.get(i), where).requiredString("Next");
      branches.add(new State.ChoiceBranch(rule, next));
    }
    return new State.Choice(name, io(fields), branches, fields.string("Default"));
  }

  private static State.WaitFor waitFor(Fields fields) {
    List<String> given = new ArrayList<>();
    for (String field : List.of("Seconds", "SecondsPath", "Timestamp", "TimestampPath")) {
      if (fields.has(field)) {
        given.add(field);
      }
    }
    if (given.size() != 1) {
      throw fields.error("needs exactly one of Seconds, SecondsPath, Timestamp, TimestampPath; found " + given);
    }
    switch (given.get(0)) {
      case "Seconds":
        return new State.Seconds(fields.integer("Seconds", 0, 0));
      case "SecondsPath":
        return new State.SecondsPath(fields.requiredPath("SecondsPath", true));
      case "Timestamp":
        return new State.Until(Timestamps.parse(fields.requiredString("Timestamp"))
            .orElseThrow(() -> fields.error("Timestamp",
                "must be an RFC 3339 timestamp such as 2016-03-14T01:59:00Z")));
      default:
        return new State.UntilPath(fields.requiredPath("TimestampPath", true));
    }
  }

  private static State fail(String name, Fields fields) {
    if (fields.has("Error") && fields.has("ErrorPath")) {
      throw fields.error("has both Error and ErrorPath");
    }
    if (fields.has("Cause") && fields.has("CausePath")) {
      throw fields.error("has both Cause and CausePath");
    }
    return new State.Fail(name, fields.string("Error"), expression(fields, "ErrorPath"),
        fields.string("Cause"), expression(fields, "CausePath"));
  }

  private static Expression expression(Fields fields, String field) {
    String text = fields.string(field);
    if (text == null) {
      return null;
    }
    try {
      return Expression.compile(text);
    } catch (IllegalArgumentException e) {
      throw fields.error(field, e.getMessage());
    }
  }

  private State parallel(String name, Fields fields) {
    JsonNode branchesNode = fields.container("Branches", true);
    if (branchesNode == null) {
      throw fields.error("Branches", "is required");
    }
    List<StateMachine> branches = new ArrayList<>();
    for (int i = 0; i < branchesNode.size(); i++) {
      Fields branch = new Fields(branchesNode.get(i), fields.where() + " Branches[" + i + "]");
      branch.allowOnly(BRANCH);
      branches.add(machine(branch));
    }
    return new State.Parallel(name, io(fields), branches, fields.template("Parameters"), result(fields),
        ErrorHandlingParser.parse(fields), next(fields));
  }

  private State map(String name, Fields fields) {
    if (fields.has("ItemProcessor") == fields.has("Iterator")) {
      throw fields.error("needs exactly one of ItemProcessor and Iterator");
    }
    if (fields.has("ItemSelector") && fields.has("Parameters")) {
      throw fields.error("has both ItemSelector and Parameters");
    }
    StateMachine processor;
    if (fields.has("ItemProcessor")) {
      Fields itemProcessor = new Fields(fields.get("ItemProcessor"), fields.where() + " ItemProcessor");
      itemProcessor.allowOnly(ITEM_PROCESSOR);
      if (itemProcessor.has("ProcessorConfig")) {
        Fields config = new Fields(itemProcessor.get("ProcessorConfig"), itemProcessor.where() + ".ProcessorConfig");
        config.allowOnly(Set.of("Mode"));
        String mode = config.string("Mode");
        if (mode != null && !mode.equals("INLINE")) {
          throw config.error("Mode", "must be INLINE; the local runner does not implement " + mode + " Map");
        }
      }
      processor = machine(itemProcessor);
    } else {
      Fields iterator = new Fields(fields.get("Iterator"), fields.where() + " Iterator");
      iterator.allowOnly(BRANCH);
      processor = machine(iterator);
    }
    PayloadTemplate itemSelector = fields.has("ItemSelector")
        ? fields.template("ItemSelector") : fields.template("Parameters");
    return new State.Map(name, io(fields), processor, fields.path("ItemsPath", true), itemSelector,
        fields.integer("MaxConcurrency", 0, 0), result(fields), ErrorHandlingParser.parse(fields), next(fields));
  }
}
