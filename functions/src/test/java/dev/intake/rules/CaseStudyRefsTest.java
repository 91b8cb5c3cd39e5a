package dev.intake.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** How the Self-Assessment's "Case studies" column is read. */
class CaseStudyRefsTest {

  @ParameterizedTest
  @ValueSource(strings = {"1, 3", "1;3", "#1 #3", "CS1 / CS3", "1 and 3", "case 1, case study 3", "3, 1, 1",
      "1 3", "No. 1 & no. 3"})
  void parse_oneAndThreeInAnySpelling_isOneAndThree(String text) {
    CaseStudyRefs refs = CaseStudyRefs.parse(text);

    assertThat(refs.numbers()).containsExactlyInAnyOrder(1, 3);
    assertThat(refs.all()).isFalse();
    assertThat(refs.unreadable()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"All", "ALL", "all case studies", "All four", "all 4", "every case study"})
  void parse_all_meansEveryCaseStudy(String text) {
    CaseStudyRefs refs = CaseStudyRefs.parse(text);

    assertThat(refs.all()).isTrue();
  }

  @Test
  void parse_range_isEveryNumberInIt() {
    CaseStudyRefs refs = CaseStudyRefs.parse("2-4, 6");

    assertThat(refs.numbers()).isEqualTo(Set.of(2, 3, 4, 6));
  }

  @Test
  void parse_backwardsOrHugeRange_isUnreadable() {
    CaseStudyRefs refs = CaseStudyRefs.parse("4-2; 1-5000");

    assertThat(refs.numbers()).isEmpty();
    assertThat(refs.unreadable()).containsExactly("4-2", "1-5000");
  }

  @Test
  void parse_digitsTooLongForANumber_areUnreadableNotAnError() {
    CaseStudyRefs refs = CaseStudyRefs.parse("1 99999999999999999999 3");

    assertThat(refs.numbers()).containsExactlyInAnyOrder(1, 3);
    assertThat(refs.unreadable()).containsExactly("99999999999999999999");
  }

  @Test
  void parse_prose_isUnreadableAndKept() {
    CaseStudyRefs refs = CaseStudyRefs.parse("see the evidence pack, 2");

    assertThat(refs.numbers()).containsExactly(2);
    assertThat(refs.unreadable()).containsExactly("see the evidence pack");
  }

  @Test
  void parse_blank_isNothing() {
    CaseStudyRefs refs = CaseStudyRefs.parse("  ");

    assertThat(refs.numbers()).isEmpty();
    assertThat(refs.all()).isFalse();
    assertThat(refs.unreadable()).isEmpty();
  }
}
