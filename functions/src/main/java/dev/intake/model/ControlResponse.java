package dev.intake.model;

/** One row of the Self-Assessment sheet. */
public record ControlResponse(
    int row,
    CellValue controlId,
    CellValue section,
    CellValue requirement,
    CellValue response,
    CellValue evidence,
    CellValue caseStudies,
    CellValue comments) {
}
