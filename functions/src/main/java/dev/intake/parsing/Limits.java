package dev.intake.parsing;

/**
 * Bounds that keep a hostile or broken file from costing unbounded time or memory. The defaults
 * sit far above what a real self-assessment needs (a few hundred rows, well under 1 MB).
 *
 * @param maxFileBytes largest upload accepted
 * @param maxEntries most parts a workbook's zip may hold
 * @param maxPartBytes most bytes one part may inflate to
 * @param maxTotalBytes most bytes all parts read may inflate to together
 * @param maxInflateRatio most a part may expand relative to its compressed size (zip bombs)
 * @param ratioGraceBytes bytes inflated before the ratio is enforced (tiny parts compress well)
 * @param maxSharedStringChars most characters the shared-strings table may hold
 * @param maxDataRows most non-blank rows read from one sheet
 * @param maxPhysicalRows most row elements scanned in one sheet, blank or not
 * @param maxSheets most sheets the workbook may list (the template has five)
 * @param maxCells most filled cells read from the four template sheets together
 * @param maxSharedStrings most entries the shared-strings table may hold
 */
public record Limits(
    long maxFileBytes,
    int maxEntries,
    long maxPartBytes,
    long maxTotalBytes,
    int maxInflateRatio,
    long ratioGraceBytes,
    long maxSharedStringChars,
    int maxDataRows,
    int maxPhysicalRows,
    int maxSheets,
    int maxCells,
    int maxSharedStrings) {

  public static final Limits DEFAULT = new Limits(
      20L * 1024 * 1024,
      1_000,
      64L * 1024 * 1024,
      160L * 1024 * 1024,
      100,
      1024 * 1024,
      8L * 1024 * 1024,
      10_000,
      200_000,
      100,
      200_000,
      200_000);

  /** These limits with at most {@code bytes} inflated from all parts read together. */
  public Limits withMaxTotalBytes(long bytes) {
    return new Limits(maxFileBytes, maxEntries, maxPartBytes, bytes, maxInflateRatio, ratioGraceBytes,
        maxSharedStringChars, maxDataRows, maxPhysicalRows, maxSheets, maxCells, maxSharedStrings);
  }

  /** Excel's own limit on the characters in one cell. */
  public static final int MAX_CELL_CHARS = 32_767;
}
