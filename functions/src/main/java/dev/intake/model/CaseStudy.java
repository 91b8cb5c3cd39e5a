package dev.intake.model;

/** One row of the Case Studies sheet. {@code number} is the "#" the Self-Assessment refers to. */
public record CaseStudy(
    int row,
    int number,
    CellValue numberCell,
    CellValue customerName,
    CellValue internalOrAffiliate,
    CellValue anonymized,
    CellValue customerDescription,
    CellValue projectTitle,
    CellValue customerChallenge,
    CellValue howAwsWasUsed,
    CellValue outcome,
    CellValue goLiveDate,
    CellValue stage,
    CellValue isPublic,
    CellValue publicUrl,
    CellValue architectureDiagram) {
}
