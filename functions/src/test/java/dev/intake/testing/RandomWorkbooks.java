package dev.intake.testing;

import dev.intake.checklist.Checklist;
import dev.intake.checklist.Control;
import dev.intake.checklist.Coverage;
import dev.intake.model.ProfileField;
import dev.intake.template.Layout;
import dev.intake.template.Layout.CaseStudyColumn;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * jqwik arbitraries for self-assessment workbooks: what to write into the template, as immutable
 * values, turned into a real .xlsx by {@link WorkbookBuilder} on each try.
 */
public final class RandomWorkbooks {

  /** The template's certification drop-down: the names the checklist counts, then "Other". */
  private static final List<String> CERTIFICATION_CHOICES = Stream.concat(
      Checklist.current().certificationNames().stream(), Stream.of(Layout.OTHER_CERTIFICATION)).toList();

  private static final Checklist CHECKLIST = Checklist.current();
  private static final LocalDate FIRST_AS_OF = LocalDate.of(2024, 1, 1);

  private RandomWorkbooks() {
  }

  // ---- any workbook of the template ------------------------------------------------------------

  /** One Self-Assessment row's cells; a null leaves the cell blank. */
  public record ControlCells(Object response, Object evidence, Object caseStudies, Object comments) {
  }

  /**
   * Everything written into the template. A field, column or control that is absent is left blank (or,
   * for a control, its row deleted).
   */
  public record Spec(Map<ProfileField, Object> profile, List<WorkbookBuilder.CertRow> certifications,
      List<Map<CaseStudyColumn, Object>> caseStudies, Map<String, ControlCells> controls) {

    public Spec {
      Map<ProfileField, Object> fields = new EnumMap<>(ProfileField.class);
      fields.putAll(profile);
      profile = Collections.unmodifiableMap(fields);
      certifications = List.copyOf(certifications);
      caseStudies = caseStudies.stream().map(Collections::unmodifiableMap).toList();
      controls = Collections.unmodifiableMap(new LinkedHashMap<>(controls));
    }

    public byte[] build() {
      WorkbookBuilder b = WorkbookBuilder.blank();
      profile.forEach(b::profile);
      certifications.forEach(c -> b.certification(c.person(), c.certification(), c.validationNumber(), c.expiry()));
      for (Map<CaseStudyColumn, Object> values : caseStudies) {
        WorkbookBuilder.CaseStudyRow row = new WorkbookBuilder.CaseStudyRow();
        values.forEach(row::set);
        b.addCaseStudy(row);
      }
      controls.forEach((id, cells) -> b.control(id, row -> {
        row.response = cells.response();
        row.evidence = cells.evidence();
        row.caseStudies = cells.caseStudies();
        row.comments = cells.comments();
      }));
      return b.build();
    }
  }

  public static Arbitrary<LocalDate> asOf() {
    return Arbitraries.integers().between(0, 7 * 365).map(FIRST_AS_OF::plusDays);
  }

  /** Any content: mostly plausible answers, often blank, odd, mistyped or hostile. */
  public static Arbitrary<Spec> spec() {
    return Combinators.combine(profile(), certification().list().ofMaxSize(12), caseStudy().list().ofMaxSize(8),
        controls()).as(Spec::new);
  }

  private static Arbitrary<Map<ProfileField, Object>> profile() {
    List<Arbitrary<Object>> fields = new ArrayList<>();
    for (ProfileField f : ProfileField.values()) {
      fields.add(value(plausible(f)).injectNull(0.15));
    }
    return Combinators.combine(fields).as(values -> {
      Map<ProfileField, Object> profile = new EnumMap<>(ProfileField.class);
      for (int i = 0; i < values.size(); i++) {
        if (values.get(i) != null) {
          profile.put(ProfileField.values()[i], values.get(i));
        }
      }
      return profile;
    });
  }

  private static Arbitrary<?> plausible(ProfileField f) {
    return switch (f) {
      case PARTNER_TIER -> Arbitraries.of(Layout.TIERS);
      case SERVICES_PATH_STAGE -> Arbitraries.of(Layout.PATH_STAGES);
      case GUIDELINES_READ, FTR_APPROVED -> Arbitraries.of(Layout.YES_NO);
      case FTR_APPROVAL_DATE, OTHER_COMPETENCY_DATE -> date();
      case CHECKLIST_VERSION -> Arbitraries.of("4.0", "4", "3.0");
      case PARTNER_ID -> Arbitraries.integers().between(1, 99_999).map(n -> "P-" + n);
      case PARTNER_WEBSITE -> word().map(w -> "https://" + w + ".com");
      case CONTACT_EMAIL -> word().map(w -> w + "@" + w + ".com");
      default -> sentence();
    };
  }

  private static Arbitrary<WorkbookBuilder.CertRow> certification() {
    return Combinators.combine(
        value(name()).injectNull(0.1),
        value(Arbitraries.of(CERTIFICATION_CHOICES)).injectNull(0.1),
        value(Arbitraries.integers().between(1, 9_999).map(n -> "VN-" + n)).injectNull(0.1),
        value(date()).injectNull(0.1)).as(WorkbookBuilder.CertRow::new);
  }

  private static Arbitrary<Map<CaseStudyColumn, Object>> caseStudy() {
    List<Arbitrary<Object>> columns = new ArrayList<>();
    for (CaseStudyColumn c : CaseStudyColumn.values()) {
      columns.add(value(plausible(c)).injectNull(0.1));
    }
    return Combinators.combine(columns).as(values -> {
      Map<CaseStudyColumn, Object> row = new EnumMap<>(CaseStudyColumn.class);
      for (int i = 0; i < values.size(); i++) {
        if (values.get(i) != null) {
          row.put(CaseStudyColumn.values()[i], values.get(i));
        }
      }
      return row;
    });
  }

  private static Arbitrary<?> plausible(CaseStudyColumn c) {
    return switch (c) {
      case NUMBER -> Arbitraries.integers().between(1, 10);
      case CUSTOMER_NAME -> name();
      case INTERNAL_OR_AFFILIATE, ANONYMIZED, PUBLIC -> Arbitraries.of(Layout.YES_NO);
      case GO_LIVE_DATE -> Arbitraries.oneOf(date(), dateText());
      case STAGE -> Arbitraries.of(Layout.STAGES);
      case PUBLIC_URL -> Arbitraries.oneOf(word().map(w -> "https://" + w + ".com/case-study"),
          Arbitraries.of("http://example.com/x", "https://10.0.0.8/case", "https://169.254.169.254/latest/",
              "ftp://files.example.net/a", "https://user:pw@host.com/", "https://localhost/", "not a url"));
      default -> sentence();
    };
  }

  private static Arbitrary<Map<String, ControlCells>> controls() {
    List<Arbitrary<Map.Entry<String, ControlCells>>> rows = new ArrayList<>();
    for (Control control : CHECKLIST.controls()) {
      rows.add(controlCells().injectNull(0.05).map(cells -> entry(control.id(), cells)));
    }
    rows.add(controlCells().injectNull(0.8).map(cells -> entry("XYZ-999", cells)));
    rows.add(controlCells().injectNull(0.9).map(cells -> entry("", cells)));
    return Combinators.combine(rows).as(entries -> {
      Map<String, ControlCells> controls = new LinkedHashMap<>();
      entries.forEach(e -> {
        if (e.getValue() != null) {
          controls.put(e.getKey(), e.getValue());
        }
      });
      return controls;
    });
  }

  private static Map.Entry<String, ControlCells> entry(String id, ControlCells cells) {
    return new java.util.AbstractMap.SimpleImmutableEntry<>(id, cells);
  }

  private static Arbitrary<ControlCells> controlCells() {
    return Combinators.combine(
        value(Arbitraries.of(Layout.RESPONSES)).injectNull(0.1),
        value(sentence()).injectNull(0.15),
        value(Arbitraries.of("1, 2, 3, 4", "1-4", "All", "1", "2, 3", "CS1; CS2", "#2 #4", "5", "1 and 3",
            "1, 2, 3, 4, 5, 6, 7, 8", "0", "-1", "1-9999", "case study 2")).injectNull(0.3),
        value(sentence()).injectNull(0.7)).as(ControlCells::new);
  }

  /** A cell's value: usually {@code plausible}, otherwise odd text, a number, a date or a boolean. */
  private static Arbitrary<Object> value(Arbitrary<?> plausible) {
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(12, plausible.map(v -> (Object) v)),
        net.jqwik.api.Tuple.of(4, odd().map(v -> (Object) v)),
        net.jqwik.api.Tuple.of(1, number().map(v -> (Object) v)),
        net.jqwik.api.Tuple.of(1, date().map(v -> (Object) v)),
        net.jqwik.api.Tuple.of(1, Arbitraries.of(true, false).map(v -> (Object) v)));
  }

  /**
   * Text partners should not write but do: blanks, formula look-alikes, invisible and right-to-left
   * characters, markup, any UTF-16 at all, and very long text.
   */
  public static Arbitrary<String> odd() {
    return Arbitraries.oneOf(
        Arbitraries.of("", "   ", "\t", "N/A", "TBD", "#REF!", "=1+1", "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)",
            "Yes ", " no", "YES", "y", "true", "0", "—", "null", "<b>x</b>", "&amp;", "'; DROP TABLE x;--",
            "${jndi:ldap://x.example/a}", "Acme\u200B Inc", "\u202EcnI emcA", "\u200Fשירותי ענן", "Ａｃｍｅ",
            "Acme 😀 Inc", "\uFEFFAcme", "line\nbreak", "31/12/2025", "2025.03.14", "yesterday", "0000-00-00"),
        Arbitraries.strings().withChars("=+-@\t\r\n '\"<>&;|%$#()[]{}\u00A0é中ي\u200B\u200E\u200F\u202A\u202B"
            + "\u202C\u202D\u202E\u2066\u2067\u2068\u2069\uFEFFabcXYZ019").ofMaxLength(30),
        Arbitraries.strings().all().ofMaxLength(20),
        Arbitraries.strings().alpha().numeric().withChars(' ').ofMinLength(1_000).ofMaxLength(3_000));
  }

  private static Arbitrary<Double> number() {
    return Arbitraries.oneOf(
        Arbitraries.integers().between(-1_000_000, 1_000_000).map(Integer::doubleValue),
        Arbitraries.doubles().between(-1e6, 1e6),
        Arbitraries.of(0.0, -0.0, 1e20, 1e-20, 46_095.0, 60.0, 2_958_466.0, Double.NaN,
            Double.POSITIVE_INFINITY));
  }

  public static Arbitrary<LocalDate> date() {
    return Arbitraries.integers().between(-3_650, 5 * 3_650).map(FIRST_AS_OF::plusDays);
  }

  /** A date as text in one of the supported forms. */
  private static Arbitrary<String> dateText() {
    return Combinators.combine(date(), Arbitraries.of("yyyy-MM-dd", "MM/dd/yyyy", "d MMM yyyy", "MMMM d, yyyy",
        "MMM yyyy", "yyyy/M/d")).as((d, pattern) -> d.format(DateTimeFormatter.ofPattern(pattern, Locale.ENGLISH)));
  }

  private static Arbitrary<String> word() {
    return Arbitraries.strings().withCharRange('a', 'z').ofMinLength(5).ofMaxLength(10);
  }

  /** A company name whose first word tells it apart. */
  public static Arbitrary<String> name() {
    return Combinators.combine(word(), Arbitraries.of("Inc", "GmbH", "Ltd", "S.A.", "Logistics", "Health", "Bank",
        "Retail Group")).as((w, form) -> Character.toUpperCase(w.charAt(0)) + w.substring(1) + " " + form);
  }

  public static Arbitrary<String> sentence() {
    return word().list().ofMinSize(1).ofMaxSize(12).map(words -> String.join(" ", words));
  }

  // ---- READY workbooks and a valid fifth case study ------------------------------------------------

  /**
   * A READY workbook ({@link WorkbookBuilder#ready}) with valid changes: tier, Services Path stage,
   * customers, go-live dates (as dates or supported text), extra certified people, evidence and comments.
   *
   * @param customers five customer names with distinct first words: four for the workbook, one for a fifth
   *     case study
   * @param daysLive days before {@code asOf} each case study went live (0 to about 16 months)
   */
  public record ReadyVariant(LocalDate asOf, String tier, String pathStage, List<String> customers,
      List<Integer> daysLive, boolean datesAsText, List<String> extraPeople, String evidence, String comment,
      boolean fifthPublic) {

    public ReadyVariant {
      customers = List.copyOf(customers);
      daysLive = List.copyOf(daysLive);
      extraPeople = List.copyOf(extraPeople);
    }

    public WorkbookBuilder builder() {
      WorkbookBuilder b = WorkbookBuilder.ready(asOf)
          .profile(ProfileField.PARTNER_TIER, tier)
          .profile(ProfileField.SERVICES_PATH_STAGE, pathStage);
      for (int n = 1; n <= 4; n++) {
        String customer = customers.get(n - 1);
        Object live = goLive(daysLive.get(n - 1));
        b.caseStudy(n, c -> c.set(CaseStudyColumn.CUSTOMER_NAME, customer)
            .set(CaseStudyColumn.PROJECT_TITLE, "CI/CD for " + customer)
            .set(CaseStudyColumn.GO_LIVE_DATE, live));
      }
      for (String person : extraPeople) {
        b.certification(person, CERTIFICATION_CHOICES.get(0), "DVA-" + Math.abs(person.hashCode()),
            asOf.plusMonths(6));
      }
      for (String id : b.controls().keySet()) {
        b.control(id, c -> {
          c.evidence = evidence + " §" + id;
          c.comments = comment;
        });
      }
      return b;
    }

    /**
     * The same workbook with a fifth valid case study: a new customer, in production, live within the
     * past year, named by every control that every case study must meet.
     */
    public WorkbookBuilder withFifthCaseStudy() {
      WorkbookBuilder b = builder();
      String customer = customers.get(4);
      WorkbookBuilder.CaseStudyRow fifth = b.copyOfCaseStudy(1)
          .set(CaseStudyColumn.NUMBER, 5)
          .set(CaseStudyColumn.CUSTOMER_NAME, customer)
          .set(CaseStudyColumn.INTERNAL_OR_AFFILIATE, "No")
          .set(CaseStudyColumn.ANONYMIZED, "No")
          .set(CaseStudyColumn.PROJECT_TITLE, "Platform engineering for " + customer)
          .set(CaseStudyColumn.GO_LIVE_DATE, goLive(daysLive.get(4)))
          .set(CaseStudyColumn.STAGE, "Production")
          .set(CaseStudyColumn.PUBLIC, fifthPublic ? "Yes" : "No")
          .set(CaseStudyColumn.PUBLIC_URL, fifthPublic ? "https://northwind-cloud.com/case-studies/5" : null)
          .set(CaseStudyColumn.ARCHITECTURE_DIAGRAM, "diagrams/case-study-5.pdf");
      b.addCaseStudy(fifth);
      for (Control control : CHECKLIST.controls()) {
        if (control.coverage() instanceof Coverage.Every) {
          b.control(control.id(), c -> c.caseStudies = "1, 2, 3, 4, 5");
        }
      }
      return b;
    }

    private Object goLive(int days) {
      LocalDate live = asOf.minusDays(days);
      return datesAsText ? live.format(DateTimeFormatter.ofPattern("MMMM d, yyyy", Locale.ENGLISH)) : live;
    }
  }

  public static Arbitrary<ReadyVariant> readyVariant() {
    Arbitrary<List<String>> customers = name().list().ofSize(5).uniqueElements(n -> n.split(" ")[0]);
    Arbitrary<List<Integer>> days = Arbitraries.integers().between(0, 480).list().ofSize(5)
        .map(d -> List.of(d.get(0), d.get(1), d.get(2), d.get(3), d.get(4) % 366));
    return Combinators.combine(asOf(), Arbitraries.of("Advanced", "Premier"),
            Arbitraries.of("Validated", "Differentiated"), customers, days, Arbitraries.of(true, false),
            name().list().ofMaxSize(4), sentence())
        .flatAs((asOf, tier, stage, names, live, text, people, evidence) ->
            Combinators.combine(sentence().injectNull(0.5), Arbitraries.of(true, false))
                .as((comment, fifthPublic) -> new ReadyVariant(asOf, tier, stage, names, live, text, people,
                    evidence, comment, fifthPublic)));
  }
}
