package dev.intake.checklist;

/** One numbered prerequisite item, such as {@code 2.1}. */
public record Prerequisite(String id, String section, String title, String requirement) {
}
