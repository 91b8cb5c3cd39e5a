/**
 * The checks of checklist v4.0: one {@link dev.intake.rules.Rule} per condition, each quoting the
 * checklist sentence it enforces and taking its numbers from the checklist data, grouped into the
 * workflow's three check groups ({@link dev.intake.rules.RuleGroup}) and run by
 * {@link dev.intake.rules.RuleEngine}. {@link dev.intake.rules.PageFetcher} is the port of the
 * optional live fetch of public case-study pages; {@code dev.intake.web} implements it.
 *
 * <p>Depends on the model, the checklist and the template's vocabulary. Must not depend on the
 * parser's internals, the report, the pipeline, the web fetcher or anything of AWS: a rule judges an
 * assessment, wherever it came from.
 */
package dev.intake.rules;
