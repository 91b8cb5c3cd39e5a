package dev.intake.parsing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.intake.model.CaseStudy;
import dev.intake.template.Layout;
import dev.intake.template.Layout.CaseStudyColumn;
import dev.intake.testing.WorkbookBuilder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.poi.common.usermodel.HyperlinkType;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Hyperlink;
import org.junit.jupiter.api.Test;

/** A link inserted with Insert > Link shows text but points at an address: the address is the URL. */
class InsertedLinkTest {

  private static final LocalDate AS_OF = LocalDate.of(2026, 11, 1);

  private static CaseStudy firstCaseStudy(byte[] workbook) {
    ParseOutcome outcome = new WorkbookParser().parse(workbook, "linked.xlsx");
    return ((ParseOutcome.Parsed) outcome).assessment().caseStudies().get(0);
  }

  /** The ready workbook; its first case study's Public URL reads "Read the case study" and links to the address. */
  private static byte[] labelledLink(String address) {
    return WorkbookBuilder.ready(AS_OF)
        .caseStudy(1, c -> c.set(CaseStudyColumn.PUBLIC_URL, "Read the case study"))
        .tweak(wb -> {
          Cell cell = wb.getSheet(Layout.CASE_STUDIES).getRow(1).getCell(CaseStudyColumn.PUBLIC_URL.ordinal());
          Hyperlink link = wb.getCreationHelper().createHyperlink(HyperlinkType.URL);
          link.setAddress(address);
          cell.setHyperlink(link);
        })
        .build();
  }

  @Test
  void publicUrl_cellWithInsertedLinkAndLabel_readsTheLinksAddress() {
    byte[] workbook = labelledLink("https://northwind-cloud.com/stories/acme");

    CaseStudy first = firstCaseStudy(workbook);

    assertThat(first.publicUrl().text()).isEqualTo("https://northwind-cloud.com/stories/acme");
    assertThat(first.publicUrl().ref().cell()).isEqualTo("M2");
  }

  @Test
  void relationshipIds_strictNamespaceUnderAnotherPrefix_sheetsAndLinksReadTheSame() {
    // given: the workbook's sheet list and the sheets' links name their relationships with strict
    // OOXML's namespace, bound to "rel" instead of "r"
    byte[] transitional = labelledLink("https://northwind-cloud.com/stories/acme");
    Map<String, Zips.Content> strict = new LinkedHashMap<>();
    Zips.parts(transitional).forEach((part, bytes) -> {
      String xml = new String(bytes, StandardCharsets.UTF_8);
      if (part.equals("xl/workbook.xml") || part.startsWith("xl/worksheets/sheet")) {
        strict.put(part, Zips.Content.of(xml
            .replace("xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"",
                "xmlns:rel=\"http://purl.oclc.org/ooxml/officeDocument/relationships\"")
            .replace(" r:id=", " rel:id=")));
      }
    });
    byte[] workbook = Zips.with(transitional, strict);

    // when
    CaseStudy first = firstCaseStudy(workbook);

    // then
    assertThat(Zips.text(workbook, "xl/workbook.xml")).contains("rel:id=").doesNotContain(" r:id=");
    assertThat(first.publicUrl().text()).isEqualTo("https://northwind-cloud.com/stories/acme");
  }

  @Test
  void publicUrl_cellShowingAnAddress_keepsWhatItShows() {
    byte[] workbook = WorkbookBuilder.ready(AS_OF)
        .tweak(wb -> {
          Cell cell = wb.getSheet(Layout.CASE_STUDIES).getRow(1).getCell(CaseStudyColumn.PUBLIC_URL.ordinal());
          Hyperlink link = wb.getCreationHelper().createHyperlink(HyperlinkType.URL);
          link.setAddress("https://tracking.example.net/redirect?to=case-study");
          cell.setHyperlink(link);
        })
        .build();

    CaseStudy first = firstCaseStudy(workbook);

    assertThat(first.publicUrl().text()).isEqualTo("https://northwind-cloud.com/case-studies/1");
  }
}
