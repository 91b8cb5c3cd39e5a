package dev.intake.template;

import java.util.List;
import java.util.stream.Stream;

/**
 * The canonical template: sheet names, column headers and the values of every drop-down, with the
 * other spellings the parser accepts. The generator writes the first name; the parser takes any.
 */
public final class Layout {

  public static final String INSTRUCTIONS = "Instructions";
  public static final String PROFILE = "Partner Profile";
  public static final String CERTIFICATIONS = "Certifications";
  public static final String CASE_STUDIES = "Case Studies";
  public static final String SELF_ASSESSMENT = "Self-Assessment";

  public static final List<String> PROFILE_SHEET = List.of(PROFILE, "Profile", "Partner", "Partner Information",
      "Partner Info");
  public static final List<String> CERTIFICATIONS_SHEET = List.of(CERTIFICATIONS, "Certification",
      "Certified Personnel", "Certs", "AWS Certifications");
  public static final List<String> CASE_STUDIES_SHEET = List.of(CASE_STUDIES, "Case Study", "Customer Examples",
      "Customer Case Studies", "Case studies");
  public static final List<String> SELF_ASSESSMENT_SHEET = List.of(SELF_ASSESSMENT, "Self Assessment",
      "SelfAssessment", "Controls", "Checklist");

  public static final List<String> YES_NO = List.of("Yes", "No");
  public static final List<String> TIERS = List.of("Registered", "Select", "Advanced", "Premier");
  public static final List<String> PATH_STAGES = List.of("Registered", "Ready", "Validated", "Differentiated");
  /** The last choice of the certification drop-down; the others are the names the checklist data counts. */
  public static final String OTHER_CERTIFICATION = "Other";
  public static final List<String> STAGES = List.of("Production", "Pilot", "Proof of concept");
  public static final List<String> RESPONSES = List.of("Met", "Not met", "N/A");

  private Layout() {
  }

  /** A column of a sheet: the header the template writes, the others accepted, and whether it must be there. */
  public interface Column {

    /** The column's definition; the other methods read it. */
    Spec spec();

    default String header() {
      return spec().header();
    }

    default List<String> synonyms() {
      return spec().synonyms();
    }

    default boolean required() {
      return spec().required();
    }

    default int width() {
      return spec().width();
    }

    default List<String> names() {
      return Stream.concat(Stream.of(header()), synonyms().stream()).toList();
    }
  }

  /** What defines a column: its header, whether it must be there, its width and its other names. */
  public record Spec(String header, boolean required, int width, List<String> synonyms) {

    public Spec {
      synonyms = List.copyOf(synonyms);
    }

    static Spec of(String header, boolean required, int width, String... synonyms) {
      return new Spec(header, required, width, List.of(synonyms));
    }
  }

  /** Partner Profile is two columns. */
  public enum ProfileColumn implements Column {
    FIELD("Field", true, 34, "Item", "Question", "Name", "Attribute"),
    VALUE("Value", true, 48, "Answer", "Response", "Entry");

    private final Spec spec;

    ProfileColumn(String header, boolean required, int width, String... synonyms) {
      this.spec = Spec.of(header, required, width, synonyms);
    }

    @Override public Spec spec() {
      return spec;
    }
  }

  public enum CertificationColumn implements Column {
    PERSON("Person", true, 28, "Name", "Full name", "Employee", "Certified person", "Individual"),
    CERTIFICATION("Certification", true, 36, "Certificate", "AWS certification", "Certification name",
        "Certification type"),
    VALIDATION_NUMBER("Validation number", true, 24, "Validation #", "Validation no", "Validation code",
        "Certification number", "Credential ID", "Validation ID"),
    EXPIRY_DATE("Expiry date", true, 16, "Expiration date", "Expires", "Expiry", "Valid until", "Expiration");

    private final Spec spec;

    CertificationColumn(String header, boolean required, int width, String... synonyms) {
      this.spec = Spec.of(header, required, width, synonyms);
    }

    @Override public Spec spec() {
      return spec;
    }
  }

  public enum CaseStudyColumn implements Column {
    NUMBER("#", false, 5, "No", "No.", "Number", "Case study #", "Case study number", "CS #", "ID"),
    CUSTOMER_NAME("Customer name", true, 26, "Customer", "Client", "Client name", "Company name",
        "AWS customer name", "Customer legal name"),
    INTERNAL_OR_AFFILIATE("Internal or affiliate", false, 12, "Internal/affiliate", "Internal", "Affiliate",
        "Internal or affiliate customer", "Internal or affiliate company"),
    ANONYMIZED("Anonymized", false, 12, "Anonymised", "Anonymous", "Anonymized public case study"),
    CUSTOMER_DESCRIPTION("Customer description", false, 30, "Description of customer", "Anonymized description",
        "Customer profile"),
    PROJECT_TITLE("Project title", false, 30, "Title", "Project name", "Case study title", "Project"),
    CUSTOMER_CHALLENGE("Customer challenge", true, 40, "Challenge", "Business challenge", "Problem",
        "Customer problem"),
    HOW_AWS_WAS_USED("How AWS was used", true, 40, "How AWS was leveraged", "AWS services used", "Solution",
        "AWS solution", "How AWS is used", "Use of AWS"),
    OUTCOME("Outcome", true, 36, "Outcomes", "Results", "Outcome(s)", "Outcomes and results",
        "Quantitative results", "Business outcome"),
    GO_LIVE_DATE("Go-live date", true, 14, "Go live date", "Go-live", "Golive", "Launch date", "Production date",
        "Date in production", "Deployment date", "Go live"),
    STAGE("Stage", true, 16, "Project stage", "Deployment stage", "Status", "Production stage"),
    PUBLIC("Public", true, 10, "Publicly available", "Public case study", "Is public", "Published"),
    PUBLIC_URL("Public URL", true, 40, "URL", "Case study URL", "Public link", "Link", "Public case study URL"),
    ARCHITECTURE_DIAGRAM("Architecture diagram", false, 30, "Diagram", "Architecture", "Architecture diagram link",
        "Architecture diagram file");

    private final Spec spec;

    CaseStudyColumn(String header, boolean required, int width, String... synonyms) {
      this.spec = Spec.of(header, required, width, synonyms);
    }

    @Override public Spec spec() {
      return spec;
    }
  }

  public enum ControlColumn implements Column {
    CONTROL_ID("Control ID", true, 14, "Control", "ID", "Control #", "Requirement ID", "Control Id"),
    SECTION("Section", false, 28, "Category", "Area"),
    REQUIREMENT("Requirement", false, 50, "Control name", "Title", "Requirement title", "Description"),
    RESPONSE("Response", true, 12, "Status", "Met?", "Answer", "Self-assessment", "Compliance"),
    EVIDENCE("Evidence", true, 50, "Evidence provided", "Evidence / notes", "Objective evidence",
        "Evidence location"),
    CASE_STUDIES("Case studies", true, 14, "Case study", "Case studies #", "Customer examples",
        "Customer example", "Case study numbers", "Case studies (#)"),
    COMMENTS("Comments", false, 36, "Comment", "Notes", "Remarks");

    private final Spec spec;

    ControlColumn(String header, boolean required, int width, String... synonyms) {
      this.spec = Spec.of(header, required, width, synonyms);
    }

    @Override public Spec spec() {
      return spec;
    }
  }
}
