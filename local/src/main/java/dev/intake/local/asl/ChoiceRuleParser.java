package dev.intake.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Parses Choice Rules, checking the operand type of every comparison at load time. */
final class ChoiceRuleParser {

  private static final Set<String> COMBINATORS = Set.of("And", "Or", "Not");

  private ChoiceRuleParser() {
  }

  /** Parses a rule; a top-level rule may (and must, as the caller checks) carry Next. */
  static ChoiceRule parse(JsonNode node, String where, boolean topLevel) {
    Fields fields = new Fields(node, where);
    List<String> combinators = new ArrayList<>();
    List<String> operators = new ArrayList<>();
    for (String name : fields.names()) {
      if (COMBINATORS.contains(name)) {
        combinators.add(name);
      } else if (ComparisonOperator.named(name).isPresent()) {
        operators.add(name);
      } else if (!name.equals("Comment") && !name.equals("Variable") && !(topLevel && name.equals("Next"))) {
        throw fields.error(name, "is not supported in a Choice Rule by the local Step Functions runner"
            + (name.equals("Next") ? " (only a top-level rule has Next)" : ""));
      }
    }
    if (combinators.size() + operators.size() != 1) {
      throw fields.error("must have exactly one of And, Or, Not or a comparison operator, found "
          + (combinators.isEmpty() && operators.isEmpty() ? "none" : String.join(", ", combinators) + " "
          + String.join(", ", operators)));
    }
    if (!combinators.isEmpty()) {
      return combinator(fields, combinators.get(0));
    }
    return comparison(fields, ComparisonOperator.named(operators.get(0)).orElseThrow());
  }

  private static ChoiceRule combinator(Fields fields, String name) {
    if (fields.has("Variable")) {
      throw fields.error("Variable", "cannot be combined with " + name);
    }
    if (name.equals("Not")) {
      return new ChoiceRule.Not(parse(fields.container("Not", false), fields.where() + ".Not", false));
    }
    JsonNode rules = fields.container(name, true);
    List<ChoiceRule> parsed = new ArrayList<>();
    for (int i = 0; i < rules.size(); i++) {
      parsed.add(parse(rules.get(i), fields.where() + "." + name + "[" + i + "]", false));
    }
    return name.equals("And") ? new ChoiceRule.And(parsed) : new ChoiceRule.Or(parsed);
  }

  private static ChoiceRule comparison(Fields fields, ComparisonOperator operator) {
    JsonPath variable = fields.requiredPath("Variable", true);
    String field = operator.field();
    JsonNode operand = fields.get(field);
    if (operator.path()) {
      return new ChoiceRule.Comparison(variable, operator, null, fields.requiredPath(field, true), null);
    }
    boolean valid;
    switch (operator.kind()) {
      case STRING:
      case MATCHES:
        valid = operand.isTextual();
        break;
      case NUMERIC:
        valid = operand.isNumber();
        break;
      case TIMESTAMP:
        valid = operand.isTextual() && Timestamps.parse(operand.asText()).isPresent();
        break;
      default:
        valid = operand.isBoolean();
        break;
    }
    if (!valid) {
      throw fields.error(field, "has a value of the wrong type: " + operand
          + expected(operator).map(e -> " (expected " + e + ")").orElse(""));
    }
    StringPattern pattern = null;
    if (operator.kind() == ComparisonOperator.Kind.MATCHES) {
      try {
        pattern = StringPattern.compile(operand.asText());
      } catch (IllegalArgumentException e) {
        throw fields.error(field, e.getMessage());
      }
    }
    return new ChoiceRule.Comparison(variable, operator, operand, null, pattern);
  }

  private static Optional<String> expected(ComparisonOperator operator) {
    switch (operator.kind()) {
      case STRING:
      case MATCHES:
        return Optional.of("a string");
      case NUMERIC:
        return Optional.of("a number");
      case TIMESTAMP:
        return Optional.of("an RFC 3339 timestamp such as 2016-03-14T01:59:00Z");
      default:
        return Optional.of("true or false");
    }
  }
}
