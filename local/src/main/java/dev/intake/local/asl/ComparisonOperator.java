package dev.intake.local.asl;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A Choice comparison operator such as {@code NumericLessThanEqualsPath}: what it compares, how,
 * and whether its operand is a literal or a path.
 */
record ComparisonOperator(String field, Kind kind, Relation relation, boolean path) {

  /** What the operator compares. The IS_ kinds test the variable's type and take a boolean. */
  enum Kind {
    STRING, NUMERIC, TIMESTAMP, BOOLEAN, MATCHES,
    IS_NULL, IS_PRESENT, IS_NUMERIC, IS_STRING, IS_BOOLEAN, IS_TIMESTAMP
  }

  /** The ordering relation of a comparison. */
  enum Relation {
    EQUALS("Equals"), LESS_THAN("LessThan"), GREATER_THAN("GreaterThan"),
    LESS_THAN_EQUALS("LessThanEquals"), GREATER_THAN_EQUALS("GreaterThanEquals");

    private final String suffix;

    Relation(String suffix) {
      this.suffix = suffix;
    }

    boolean holds(int comparison) {
      switch (this) {
        case EQUALS:
          return comparison == 0;
        case LESS_THAN:
          return comparison < 0;
        case GREATER_THAN:
          return comparison > 0;
        case LESS_THAN_EQUALS:
          return comparison <= 0;
        case GREATER_THAN_EQUALS:
          return comparison >= 0;
        default:
          throw new IllegalStateException(name());
      }
    }
  }

  private static final Map<String, ComparisonOperator> BY_FIELD = table();

  private static Map<String, ComparisonOperator> table() {
    Map<String, ComparisonOperator> table = new LinkedHashMap<>();
    Map<String, Kind> ordered = Map.of("String", Kind.STRING, "Numeric", Kind.NUMERIC, "Timestamp", Kind.TIMESTAMP);
    for (Map.Entry<String, Kind> prefix : ordered.entrySet()) {
      for (Relation relation : Relation.values()) {
        String field = prefix.getKey() + relation.suffix;
        table.put(field, new ComparisonOperator(field, prefix.getValue(), relation, false));
        table.put(field + "Path", new ComparisonOperator(field + "Path", prefix.getValue(), relation, true));
      }
    }
    table.put("BooleanEquals", new ComparisonOperator("BooleanEquals", Kind.BOOLEAN, Relation.EQUALS, false));
    table.put("BooleanEqualsPath", new ComparisonOperator("BooleanEqualsPath", Kind.BOOLEAN, Relation.EQUALS, true));
    table.put("StringMatches", new ComparisonOperator("StringMatches", Kind.MATCHES, Relation.EQUALS, false));
    Map<String, Kind> tests = Map.of("IsNull", Kind.IS_NULL, "IsPresent", Kind.IS_PRESENT,
        "IsNumeric", Kind.IS_NUMERIC, "IsString", Kind.IS_STRING, "IsBoolean", Kind.IS_BOOLEAN,
        "IsTimestamp", Kind.IS_TIMESTAMP);
    tests.forEach((field, kind) -> table.put(field, new ComparisonOperator(field, kind, Relation.EQUALS, false)));
    return Collections.unmodifiableMap(table);
  }

  static Optional<ComparisonOperator> named(String field) {
    return Optional.ofNullable(BY_FIELD.get(field));
  }

  boolean isTypeTest() {
    return kind.name().startsWith("IS_");
  }
}
