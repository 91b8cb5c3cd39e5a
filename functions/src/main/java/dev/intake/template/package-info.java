/**
 * The canonical self-assessment template: its {@link dev.intake.template.Layout} (sheets, columns,
 * drop-down values), which the parser reads by and the generator writes, and the blank template
 * itself ({@link dev.intake.template.TemplateGenerator}).
 *
 * <p>Depends on the checklist and the model. Must not depend on the parser, the rules, the report, the
 * pipeline or anything of AWS.
 */
package dev.intake.template;
