package dev.intake.rules;

import static dev.intake.model.Severity.WARNING;
import static dev.intake.rules.Evaluation.seen;
import static org.assertj.core.api.Assertions.assertThat;

import dev.intake.checklist.Checklist;
import dev.intake.template.Layout.CaseStudyColumn;
import dev.intake.testing.WorkbookBuilder;
import java.net.URI;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * 2.2, optional live check through a hand-written fetcher: the public page should name the partner
 * and (unless anonymized) the customer. Warnings only, at the URL cell (M2, M3).
 */
class LivePageRuleTest {

  private static final LocalDate AS_OF = LocalDate.of(2026, 11, 1);
  private static final URI PAGE_1 = URI.create("https://northwind-cloud.com/case-studies/1");
  private static final URI PAGE_2 = URI.create("https://northwind-cloud.com/case-studies/2");
  private static final String BOTH_1 = "<h1>Acme Corp. ships daily with Northwind Cloud Consulting</h1>";
  private static final String BOTH_2 = "Globex and NORTHWIND CLOUD CONSULTING LTD on AWS";

  /** Serves the pages it was given; anything else is a 404. Records what was asked for. */
  private static final class FakeFetcher implements PageFetcher {
    private final Map<URI, Result> pages = new HashMap<>();
    private final List<URI> fetched = new ArrayList<>();

    FakeFetcher page(URI uri, Result result) {
      pages.put(uri, result);
      return this;
    }

    @Override public Result fetch(URI uri) {
      fetched.add(uri);
      return pages.getOrDefault(uri, new Failed("HTTP 404"));
    }
  }

  private static Evaluation evaluate(WorkbookBuilder workbook, FakeFetcher fetcher) {
    return Evaluation.of(workbook.build(), AS_OF, "", RuleEngine.standard(Checklist.current(), fetcher));
  }

  @Test
  void livePage_namesPartnerAndCustomer_passes() {
    FakeFetcher fetcher = new FakeFetcher()
        .page(PAGE_1, new PageFetcher.Page(200, BOTH_1))
        .page(PAGE_2, new PageFetcher.Page(200, BOTH_2));

    Evaluation result = evaluate(WorkbookBuilder.ready(AS_OF), fetcher);

    assertThat(result.seen()).isEmpty();
    assertThat(fetcher.fetched).containsExactly(PAGE_1, PAGE_2);
  }

  @Test
  void livePage_withoutPartnerName_isWarningAtTheUrl() {
    FakeFetcher fetcher = new FakeFetcher()
        .page(PAGE_1, new PageFetcher.Page(200, "Acme Corporation moved to AWS"))
        .page(PAGE_2, new PageFetcher.Page(200, BOTH_2));

    Evaluation result = evaluate(WorkbookBuilder.ready(AS_OF), fetcher);

    assertThat(result.seen()).containsExactly(seen("public-case-study-live", "2.2", WARNING, "Case Studies!M2"));
    assertThat(result.only("public-case-study-live").message())
        .contains("does not mention the partner 'Northwind Cloud Consulting Ltd'");
  }

  @Test
  void livePage_withoutCustomerName_isWarningUnlessAnonymized() {
    FakeFetcher fetcher = new FakeFetcher()
        .page(PAGE_1, new PageFetcher.Page(200, BOTH_1))
        .page(PAGE_2, new PageFetcher.Page(200, "A manufacturer, with Northwind Cloud Consulting"));

    Evaluation named = evaluate(WorkbookBuilder.ready(AS_OF), fetcher);
    Evaluation anonymized = evaluate(WorkbookBuilder.ready(AS_OF).caseStudy(2, c -> c
        .set(CaseStudyColumn.ANONYMIZED, "Yes")), fetcher);

    assertThat(named.seen()).containsExactly(seen("public-case-study-live", "2.2", WARNING, "Case Studies!M3"));
    assertThat(named.only("public-case-study-live").message()).contains("does not mention the customer 'Globex GmbH'");
    assertThat(anonymized.seen()).isEmpty();
  }

  @Test
  void livePage_failedOrRefused_isWarningSayingWhy() {
    FakeFetcher fetcher = new FakeFetcher()
        .page(PAGE_2, new PageFetcher.Refused("its host resolves to a private address"));

    Evaluation result = evaluate(WorkbookBuilder.ready(AS_OF), fetcher);

    assertThat(result.seen()).containsExactly(
        seen("public-case-study-live", "2.2", WARNING, "Case Studies!M2"),
        seen("public-case-study-live", "2.2", WARNING, "Case Studies!M3"));
    assertThat(result.findings("public-case-study-live")).extracting(f -> f.message()).containsExactly(
        "Case study 1's public page 'https://northwind-cloud.com/case-studies/1' could not be fetched: HTTP 404.",
        "Case study 2's public page 'https://northwind-cloud.com/case-studies/2' was not fetched: its host resolves"
            + " to a private address.");
  }

  @Test
  void livePage_urlFailingTheFieldCheckOrNotPublic_isNeverFetched() {
    FakeFetcher fetcher = new FakeFetcher().page(PAGE_2, new PageFetcher.Page(200, BOTH_2));
    WorkbookBuilder workbook = WorkbookBuilder.ready(AS_OF)
        .caseStudy(1, c -> c.set(CaseStudyColumn.PUBLIC_URL, "https://169.254.169.254/latest/meta-data"))
        .caseStudy(3, c -> c.set(CaseStudyColumn.PUBLIC_URL, "https://northwind-cloud.com/case-studies/3"));

    Evaluation result = evaluate(workbook, fetcher);

    assertThat(fetcher.fetched).containsExactly(PAGE_2);
    assertThat(result.findings("public-case-study-live")).isEmpty();
  }
}
