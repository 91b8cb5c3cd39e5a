package dev.intake.model;

/** One row of the Certifications sheet. */
public record Certification(
    int row, CellValue person, CellValue certification, CellValue validationNumber, CellValue expiryDate) {
}
