package dev.intake.contracts;

/**
 * The key prefixes of the intake bucket. The CDK stack scopes permissions, lifecycle rules and the
 * upload notification by them; the handlers and the local runtime write and read under them.
 */
public final class BucketLayout {

  /** Partners' uploads: {@code incoming/{partnerId}/{file}}; each new object starts an intake. */
  public static final String INCOMING = "incoming/";
  /** What the workflow's steps hand each other: {@code work/{submissionId}/…}. */
  public static final String WORK = "work/";
  /** The report and the annotated workbook of each evaluation: {@code reports/{submissionId}/…}. */
  public static final String REPORTS = "reports/";
  /** The blank template, generated on first use. */
  public static final String TEMPLATES = "templates/";
  /**
   * The partner id of an upload outside a partner's folder, and the folder {@code ./pipeline upload}
   * uses when a workbook names no partner: reserved, in any spelling (IAM role names ignore case), so
   * that no partner's role, token or API principal can be it and read other people's stray files.
   */
  public static final String UNASSIGNED = "unassigned";

  private BucketLayout() {
  }

  /** Where a partner's upload of {@code fileName} goes. */
  public static String incomingKey(String partnerId, String fileName) {
    return INCOMING + partnerId + "/" + fileName;
  }
}
