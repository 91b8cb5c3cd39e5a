/**
 * The vocabulary every other package shares: what a self-assessment workbook says once read
 * ({@link dev.intake.model.Assessment}, its profile, case studies, certifications and control
 * responses, each value with the cell it came from), and what the checks say about it
 * ({@link dev.intake.model.Finding}, {@link dev.intake.model.FindingsReport}, severities, statuses),
 * with the text and date handling they need.
 *
 * <p>Must not depend on any other package of the project, nor on a library: it is plain records and
 * their rules (an ArchUnit test checks the first).
 */
package dev.intake.model;
