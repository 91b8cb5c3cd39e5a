package dev.intake.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.intake.contracts.RepositoryRoot;
import dev.intake.model.ProfileField;
import dev.intake.model.ReportStatus;
import dev.intake.template.Layout.CaseStudyColumn;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The sample workbooks of {@code test-events/workbooks/}, defined in code: one READY as of
 * {@link #AS_OF}, one per family of rules that it breaks, and a file that is not a workbook at all.
 * The committed files are regenerated from these definitions (see that folder's README), and
 * {@code SampleWorkbooksTest} checks each committed file against its in-memory twin.
 */
public final class SampleWorkbooks {

  /** The one as-of date every sample is stated for. */
  public static final LocalDate AS_OF = LocalDate.of(2026, 11, 1);

  /** Where the committed samples live, relative to the repository root. */
  public static final String FOLDER = "test-events/workbooks";

  /**
   * One sample.
   *
   * @param expectedBlockers the rule ids of its blockers
   * @param expectedFindings every finding it gives, as "SEVERITY rule-id", each kind once
   */
  public record Sample(String fileName, String partnerId, String partnerName, ReportStatus expectedStatus,
      String description, Set<String> expectedBlockers, Set<String> expectedFindings, Supplier<byte[]> content) {

    public byte[] build() {
      return content.get();
    }

    @Override public String toString() {
      return fileName;
    }
  }

  private SampleWorkbooks() {
  }

  public static List<Sample> all() {
    return List.of(ready(), tierAndPath(), certifications(), caseStudyAge(), duplicateCustomers(), publicUrls(),
        incompleteSelfAssessment(), notAWorkbook());
  }

  public static Sample named(String fileName) {
    return all().stream().filter(s -> s.fileName().equals(fileName)).findFirst()
        .orElseThrow(() -> new NoSuchElementException(fileName));
  }

  static Sample ready() {
    return new Sample("ready.xlsx", "P-1001", "Northwind Cloud Consulting Ltd", ReportStatus.READY,
        "Meets every check: Advanced tier, Validated path, 4+4 certified people, four recent production case"
            + " studies for four customers (two public over https), all 38 controls met with evidence.",
        Set.of(), Set.of(),
        () -> partner(WorkbookBuilder.ready(AS_OF), "P-1001", "Northwind Cloud Consulting Ltd", "northwind-cloud.com")
            .build());
  }

  static Sample tierAndPath() {
    return new Sample("tier-and-path.xlsx", "P-1002", "Contoso DevOps Partners", ReportStatus.ACTION_REQUIRED,
        "Select tier (1.3 needs Advanced or Premier) and Services Path stage Ready (1.2 needs Validated or"
            + " Differentiated).",
        Set.of("partner-tier", "services-path-stage"),
        Set.of("BLOCKER partner-tier", "BLOCKER services-path-stage"),
        () -> partner(WorkbookBuilder.ready(AS_OF), "P-1002", "Contoso DevOps Partners", "contoso-devops.com")
            .profile(ProfileField.PARTNER_TIER, "Select")
            .profile(ProfileField.SERVICES_PATH_STAGE, "Ready")
            .build());
  }

  static Sample certifications() {
    return new Sample("certifications.xlsx", "P-1003", "Fabrikam Engineering", ReportStatus.ACTION_REQUIRED,
        "Only 2 people with a current associate certification (one expired the day before the as-of date, one"
            + " row repeats another's validation number); the professional certification is listed four times for"
            + " one person, so 3 distinct people, not 6.",
        Set.of("certifications-associate", "certifications-professional"),
        Set.of("BLOCKER certifications-associate", "BLOCKER certifications-professional", "WARNING certification-row"),
        () -> partner(WorkbookBuilder.ready(AS_OF), "P-1003", "Fabrikam Engineering", "fabrikam-engineering.com")
            .clearCertifications()
            .certification("Ana Silva", "Developer – Associate", "DVA-3000", AS_OF.plusYears(1))
            .certification("Ben Okafor", "Developer – Associate", "DVA-3001", AS_OF.plusYears(1))
            .certification("Chloé Martin", "SysOps Administrator – Associate", "SOA-3002", AS_OF.minusDays(1))
            .certification("Dev Patel", "Developer – Associate", "DVA-3000", AS_OF.plusYears(1))
            .certification("Ana Silva", "DevOps Engineer – Professional", "DOP-4000", AS_OF.plusYears(2))
            .certification("ANA SILVA", "DevOps Engineer – Professional", "DOP-4001", AS_OF.plusYears(2))
            .certification("Ana  Silva ", "DevOps Engineer – Professional", "DOP-4002", AS_OF.plusYears(2))
            .certification("ana silva", "DevOps Engineer – Professional", "DOP-4003", AS_OF.plusYears(2))
            .certification("Ben Okafor", "DevOps Engineer – Professional", "DOP-4004", AS_OF.plusYears(2))
            .certification("Chloé Martin", "DevOps Engineer – Professional", "DOP-4005", AS_OF.plusYears(2))
            .build());
  }

  static Sample caseStudyAge() {
    return new Sample("case-study-age.xlsx", "P-1004", "Tailspin Systems", ReportStatus.ACTION_REQUIRED,
        "Case study 1 went live 19 months before the as-of date and case study 2 goes live in the future"
            + " (blockers); case study 3 stops counting in 10 days (warning); case study 4 gives only a month,"
            + " 'Aug 2026' (note).",
        Set.of("case-study-age"),
        Set.of("BLOCKER case-study-age", "WARNING case-study-age", "INFO case-study-age"),
        () -> partner(WorkbookBuilder.ready(AS_OF), "P-1004", "Tailspin Systems", "tailspin-systems.com")
            .caseStudy(1, c -> c.set(CaseStudyColumn.GO_LIVE_DATE, AS_OF.minusMonths(19)))
            .caseStudy(2, c -> c.set(CaseStudyColumn.GO_LIVE_DATE, AS_OF.plusDays(10)))
            .caseStudy(3, c -> c.set(CaseStudyColumn.GO_LIVE_DATE, AS_OF.minusMonths(18).plusDays(10)))
            .caseStudy(4, c -> c.set(CaseStudyColumn.GO_LIVE_DATE, "Aug 2026"))
            .build());
  }

  static Sample duplicateCustomers() {
    return new Sample("duplicate-customers.xlsx", "P-1005", "Wide World Cloud", ReportStatus.ACTION_REQUIRED,
        "Case studies 1 and 2 are for 'Acme, Inc.' and 'ACME Inc' — the same customer once case, punctuation"
            + " and the legal suffix are set aside — so only 3 distinct customers.",
        Set.of("case-study-unique-customer", "case-study-count"),
        Set.of("BLOCKER case-study-unique-customer", "BLOCKER case-study-count"),
        () -> partner(WorkbookBuilder.ready(AS_OF), "P-1005", "Wide World Cloud", "wideworld-cloud.com")
            .caseStudy(1, c -> c.set(CaseStudyColumn.CUSTOMER_NAME, "Acme, Inc."))
            .caseStudy(2, c -> c.set(CaseStudyColumn.CUSTOMER_NAME, "ACME Inc"))
            .build());
  }

  static Sample publicUrls() {
    return new Sample("public-urls.xlsx", "P-1006", "Litware Consulting", ReportStatus.ACTION_REQUIRED,
        "Three case studies marked public: case study 1 on http:// (a warning: it still counts), case study 2 on"
            + " https://localhost, case study 3 on the same page as case study 1 — so one valid public case study"
            + " where 2.2 requires two.",
        Set.of("public-case-study-url"),
        Set.of("BLOCKER public-case-study-url", "WARNING public-case-study-url"),
        () -> partner(WorkbookBuilder.ready(AS_OF), "P-1006", "Litware Consulting", "litware-consulting.com")
            .caseStudy(1, c -> c.set(CaseStudyColumn.PUBLIC_URL, "http://litware-consulting.com/case-studies/1"))
            .caseStudy(2, c -> c.set(CaseStudyColumn.PUBLIC_URL, "https://localhost/case-studies/2"))
            .caseStudy(3, c -> c.set(CaseStudyColumn.PUBLIC, "Yes")
                .set(CaseStudyColumn.PUBLIC_URL, "https://litware-consulting.com/case-studies/1"))
            .build());
  }

  static Sample incompleteSelfAssessment() {
    return new Sample("incomplete-self-assessment.xlsx", "P-1007", "Adventure Works IT",
        ReportStatus.ACTION_REQUIRED,
        "ACCT-001 has no response, OPE-001 no evidence, REL-001 neither; NETSEC-001 is answered Not met;"
            + " PRMLO-003 lists one case study where it needs two.",
        Set.of("self-assessment-complete", "self-assessment-not-met", "control-coverage"),
        Set.of("BLOCKER self-assessment-complete", "BLOCKER self-assessment-not-met", "BLOCKER control-coverage"),
        () -> partner(WorkbookBuilder.ready(AS_OF), "P-1007", "Adventure Works IT", "adventure-works-it.com")
            .control("ACCT-001", c -> c.response = null)
            .control("OPE-001", c -> c.evidence = null)
            .control("REL-001", c -> {
              c.response = null;
              c.evidence = null;
            })
            .control("NETSEC-001", c -> c.response = "Not met")
            .control("PRMLO-003", c -> c.caseStudies = "1")
            .build());
  }

  static Sample notAWorkbook() {
    String csv = "Field,Value\r\n"
        + "Partner name,Blue Yonder Labs\r\n"
        + "Partner ID,P-1008\r\n"
        + "Partner tier,Advanced\r\n"
        + "Services Path stage,Validated\r\n"
        + "Program Guidelines read,Yes\r\n";
    return new Sample("not-a-workbook.xlsx", "P-1008", "Blue Yonder Labs", ReportStatus.REJECTED,
        "A CSV export renamed to .xlsx: not an Excel workbook, so the whole file is rejected.",
        Set.of("file-type"), Set.of("BLOCKER file-type"),
        () -> csv.getBytes(StandardCharsets.UTF_8));
  }

  /** Names the partner throughout: profile, contact, website and the public case-study pages. */
  private static WorkbookBuilder partner(WorkbookBuilder b, String id, String name, String domain) {
    b.profile(ProfileField.PARTNER_NAME, name)
        .profile(ProfileField.PARTNER_ID, id)
        .profile(ProfileField.PARTNER_WEBSITE, "https://" + domain)
        .profile(ProfileField.CONTACT_EMAIL, "competency@" + domain);
    for (int n = 1; n <= b.caseStudies().size(); n++) {
      int number = n;
      b.caseStudy(n, c -> {
        if (c.get(CaseStudyColumn.PUBLIC_URL) != null) {
          c.set(CaseStudyColumn.PUBLIC_URL, "https://" + domain + "/case-studies/" + number);
        }
      });
    }
    return b;
  }

  // ---- the committed folder ----------------------------------------------------------------------

  public static Path folder() {
    return RepositoryRoot.locate().resolve(FOLDER);
  }

  /** manifest.json: the as-of date, then each file with its partner, expected status and description. */
  public static String manifestJson() {
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = mapper.createObjectNode();
    root.put("asOf", AS_OF.toString());
    root.put("checklistVersion", "4.0");
    ArrayNode samples = root.putArray("samples");
    for (Sample s : all()) {
      ObjectNode n = samples.addObject();
      n.put("fileName", s.fileName());
      n.put("partnerId", s.partnerId());
      n.put("partnerName", s.partnerName());
      n.put("expectedStatus", s.expectedStatus().name());
      n.put("asOf", AS_OF.toString());
      n.put("description", s.description());
    }
    try {
      return mapper.writeValueAsString(root) + "\n";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes every sample and the manifest into {@code dir}. */
  public static void writeAll(Path dir) throws IOException {
    Files.createDirectories(dir);
    for (Sample s : all()) {
      Files.write(dir.resolve(s.fileName()), s.build());
    }
    Files.writeString(dir.resolve("manifest.json"), manifestJson(), StandardCharsets.UTF_8);
  }
}
