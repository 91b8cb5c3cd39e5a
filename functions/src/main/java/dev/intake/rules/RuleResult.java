package dev.intake.rules;

import dev.intake.model.Finding;
import java.util.List;

/**
 * What a set of rules found.
 *
 * @param passed how many rules raised neither a blocker nor a warning
 */
public record RuleResult(List<Finding> findings, int passed) {

  public RuleResult {
    findings = List.copyOf(findings);
  }

  public static RuleResult merge(List<RuleResult> parts) {
    return new RuleResult(parts.stream().flatMap(p -> p.findings().stream()).toList(),
        parts.stream().mapToInt(RuleResult::passed).sum());
  }
}
