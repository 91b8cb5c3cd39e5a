package dev.intake.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.Normalizer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** fold, visible and key give what their definitions say, on ASCII (which skips the normaliser) and beyond. */
class TextTest {

  private static final List<String> SAMPLES = List.of(
      "", "  Go-live date ", "Partner\tID\n", "ACME, Inc.", "tab\u0007bell\u007fdel", "Ünïcödé Straße",
      "ＦＵＬＬＷＩＤＴＨ", "ﬁnance ﬂow", "zero\u200bwidth\u202ebidi", "emoji 😀 kept", "Ångström Å", "x\u0301y",
      "DevOps Engineer – Professional", "\uD835\uDC00 math bold A");

  @Test
  void fold_anyText_isTheNfkdFormWithoutMarksInLowerCase() {
    for (String s : SAMPLES) {
      String nfkd = Normalizer.normalize(reference(s), Normalizer.Form.NFKD);
      StringBuilder expected = new StringBuilder();
      for (char c : nfkd.toCharArray()) {
        if (Character.getType(c) != Character.NON_SPACING_MARK) {
          expected.append(Character.toLowerCase(c));
        }
      }

      assertThat(Text.fold(s)).as(s).isEqualTo(expected.toString());
    }
  }

  @Test
  void visible_anyText_dropsControlAndFormatCharactersAndTrims() {
    for (String s : SAMPLES) {
      assertThat(Text.visible(s)).as(s).isEqualTo(reference(s));
    }
    assertThat(Text.visible(null)).isEmpty();
  }

  @Test
  void key_anyText_isTheLettersDigitsAndHashesOfItsFoldedForm() {
    for (String s : SAMPLES) {
      StringBuilder expected = new StringBuilder();
      for (char c : Text.fold(s).toCharArray()) {
        if (Character.isLetterOrDigit(c) || c == '#') {
          expected.append(c);
        }
      }

      assertThat(Text.key(s)).as(s).isEqualTo(expected.toString());
    }
    for (char c = 0; c < 0x80; c++) {
      String one = "a" + c + "Z";
      assertThat(Text.key(one)).as("char %d", (int) c)
          .isEqualTo(Character.isLetterOrDigit(c) || c == '#' ? "a" + Character.toLowerCase(c) + "z" : "az");
    }
  }

  @Test
  void keyWithLimit_anyText_isTheKeyUpToTheLimitElseNull() {
    for (String s : SAMPLES) {
      String key = Text.key(s);
      for (int limit = 0; limit <= key.length() + 1; limit++) {
        assertThat(Text.key(s, limit)).as("%s within %d", s, limit).isEqualTo(key.length() <= limit ? key : null);
      }
    }
  }

  @Test
  void key_headerWithPunctuationAndSpaces_isItsLettersAndDigits() {
    assertThat(Text.key("  Go-live date ")).isEqualTo("golivedate");
    assertThat(Text.key("# (case study)")).isEqualTo("#casestudy");
    assertThat(Text.key("ＦＵＬＬ ﬁ")).isEqualTo("fullfi");
  }

  /** visible() by its definition, one code point at a time through a stream. */
  private static String reference(String raw) {
    StringBuilder out = new StringBuilder();
    raw.codePoints().forEach(cp -> {
      int type = Character.getType(cp);
      if (type == Character.CONTROL || type == Character.FORMAT) {
        if (cp == '\n' || cp == '\t') {
          out.append(' ');
        }
        return;
      }
      out.appendCodePoint(cp);
    });
    return out.toString().strip();
  }
}
