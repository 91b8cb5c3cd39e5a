package dev.intake.report;

/** Names the annotated copy writes into an .xlsx package: namespaces, content types, relationship types. */
final class Ooxml {

  static final String MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
  static final String RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
  static final String PACKAGE_RELATIONSHIPS = "http://schemas.openxmlformats.org/package/2006/relationships";
  static final String CONTENT_TYPES = "http://schemas.openxmlformats.org/package/2006/content-types";
  static final String VML = "urn:schemas-microsoft-com:vml";
  static final String OFFICE = "urn:schemas-microsoft-com:office:office";
  static final String EXCEL = "urn:schemas-microsoft-com:office:excel";

  static final String REL_WORKSHEET = RELATIONSHIPS + "/worksheet";
  static final String REL_STYLES = RELATIONSHIPS + "/styles";
  static final String REL_COMMENTS = RELATIONSHIPS + "/comments";
  static final String REL_VML = RELATIONSHIPS + "/vmlDrawing";
  static final String REL_OFFICE_DOCUMENT = RELATIONSHIPS + "/officeDocument";

  static final String TYPE_WORKBOOK = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml";
  static final String TYPE_WORKSHEET = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml";
  static final String TYPE_STYLES = "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml";
  static final String TYPE_COMMENTS = "application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml";
  static final String TYPE_VML = "application/vnd.openxmlformats-officedocument.vmlDrawing";
  static final String TYPE_RELATIONSHIPS = "application/vnd.openxmlformats-package.relationships+xml";

  /** Excel's grid: rows 1 to 1,048,576, columns A to XFD. */
  static final int MAX_ROWS = 1_048_576;
  static final int MAX_COLUMNS = 16_384;

  private Ooxml() {
  }
}
