package dev.intake.rules;

import dev.intake.model.Finding;
import java.util.List;

/**
 * One check of the checklist. A rule reads the assessment and returns its findings; it never
 * throws for what the partner wrote and never reads the clock (the as-of date is in the context).
 */
public interface Rule {

  /** A stable id, such as {@code case-study-age}, that findings carry. */
  String id();

  RuleGroup group();

  List<Finding> evaluate(RuleContext context);
}
