package dev.intake.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A Choice Rule: a comparison, or a boolean combination of rules. */
sealed interface ChoiceRule {

  boolean matches(JsonNode data, JsonNode context) throws StatesError;

  /** True when every rule matches. */
  record And(List<ChoiceRule> rules) implements ChoiceRule {

    public And {
      rules = List.copyOf(rules);
    }

    @Override
    public boolean matches(JsonNode data, JsonNode context) throws StatesError {
      for (ChoiceRule rule : rules) {
        if (!rule.matches(data, context)) {
          return false;
        }
      }
      return true;
    }
  }

  /** True when any rule matches. */
  record Or(List<ChoiceRule> rules) implements ChoiceRule {

    public Or {
      rules = List.copyOf(rules);
    }

    @Override
    public boolean matches(JsonNode data, JsonNode context) throws StatesError {
      for (ChoiceRule rule : rules) {
        if (rule.matches(data, context)) {
          return true;
        }
      }
      return false;
    }
  }

  /** True when the rule does not match. */
  record Not(ChoiceRule rule) implements ChoiceRule {

    @Override
    public boolean matches(JsonNode data, JsonNode context) throws StatesError {
      return !rule.matches(data, context);
    }
  }

  /**
   * {@code Variable} compared by {@code operator} with a literal {@code operand} or the value at
   * {@code operandPath}. Values of the wrong type do not match; they are not an error.
   */
  record Comparison(JsonPath variable, ComparisonOperator operator, JsonNode operand, JsonPath operandPath,
      StringPattern pattern) implements ChoiceRule {

    @Override
    public boolean matches(JsonNode data, JsonNode context) throws StatesError {
      Optional<JsonNode> found = variable.read(data, context);
      if (operator.kind() == ComparisonOperator.Kind.IS_PRESENT) {
        return found.isPresent() == operand.booleanValue();
      }
      JsonNode value = found.orElseThrow(() -> StatesError.runtime("Invalid path '" + variable
          + "': The choice state's condition path references an invalid value."));
      if (operator.isTypeTest()) {
        return typeTest(value) == operand.booleanValue();
      }
      JsonNode other = operand;
      if (operandPath != null) {
        other = operandPath.read(data, context).orElseThrow(() -> StatesError.runtime("Invalid path '"
            + operandPath + "': The choice state's " + operator.field() + " references an invalid value."));
      }
      return compare(value, other);
    }

    private boolean typeTest(JsonNode value) {
      switch (operator.kind()) {
        case IS_NULL:
          return value.isNull();
        case IS_NUMERIC:
          return value.isNumber();
        case IS_STRING:
          return value.isTextual();
        case IS_BOOLEAN:
          return value.isBoolean();
        case IS_TIMESTAMP:
          return value.isTextual() && Timestamps.parse(value.asText()).isPresent();
        default:
          throw new IllegalStateException(operator.field());
      }
    }

    private boolean compare(JsonNode value, JsonNode other) {
      switch (operator.kind()) {
        case STRING:
          return value.isTextual() && other.isTextual()
              && operator.relation().holds(value.asText().compareTo(other.asText()));
        case NUMERIC:
          return value.isNumber() && other.isNumber()
              && operator.relation().holds(value.decimalValue().compareTo(other.decimalValue()));
        case BOOLEAN:
          return value.isBoolean() && other.isBoolean() && value.booleanValue() == other.booleanValue();
        case TIMESTAMP:
          Optional<Instant> left = value.isTextual() ? Timestamps.parse(value.asText()) : Optional.empty();
          Optional<Instant> right = other.isTextual() ? Timestamps.parse(other.asText()) : Optional.empty();
          return left.isPresent() && right.isPresent()
              && operator.relation().holds(left.get().compareTo(right.get()));
        case MATCHES:
          return value.isTextual() && pattern.matches(value.asText());
        default:
          throw new IllegalStateException(operator.field());
      }
    }
  }
}
