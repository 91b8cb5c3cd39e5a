/**
 * The checklist as data: {@code checklists/devops-competency-4.0.json} read into
 * {@link dev.intake.checklist.Checklist} — its prerequisite items, each rule's checklist item and the
 * sentence it enforces (verbatim from {@code docs/checklist/}), the controls and their coverage, the
 * accepted certifications, the waiver's terms, and every number a rule uses (counts, ages, windows).
 * A new checklist version is a new resource file, not new code.
 *
 * <p>Must not depend on any other package of the project (an ArchUnit test checks it): the parser,
 * the rules, the report and the template generator all read it.
 */
package dev.intake.checklist;
