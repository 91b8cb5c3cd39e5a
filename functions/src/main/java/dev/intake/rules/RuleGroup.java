package dev.intake.rules;

/** The check groups the workflow runs in parallel; the CLI runs them all. */
public enum RuleGroup {
  /** Tier, path, guidelines, certifications, self-assessment completeness and coverage. */
  PREREQUISITES,
  /** Count, unique customers, production stage and age of the case studies. */
  CASE_STUDIES,
  /** Publicly available case studies: count, URLs, content, and the optional live check. */
  PUBLIC_URLS
}
