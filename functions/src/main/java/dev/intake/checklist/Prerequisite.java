package dev.intake.checklist;

/**
 * One numbered prerequisite item, such as {@code 2.1}.
 *
 * @param quote its leading requirement, verbatim from the checklist text
 */
public record Prerequisite(String id, String section, String title, String quote) {
}
