package dev.intake.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.Normalizer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** fold, visible and key give what their definitions say, on ASCII (which skips the normaliser) and beyond. */
class TextTest {

  /** Unicode's Default_Ignorable_Code_Point (DerivedCoreProperties.txt), written out from the data file. */
  private static final java.util.regex.Pattern DEFAULT_IGNORABLE = java.util.regex.Pattern.compile(
      "[\\u00AD\\u034F\\u061C\\u115F\\u1160\\u17B4\\u17B5\\u180B-\\u180F\\u200B-\\u200F\\u202A-\\u202E"
          + "\\u2060-\\u206F\\u3164\\uFE00-\\uFE0F\\uFEFF\\uFFA0\\uFFF0-\\uFFF8\\x{1BCA0}-\\x{1BCA3}"
          + "\\x{1D173}-\\x{1D17A}\\x{E0000}-\\x{E0FFF}]");

  private static final List<String> SAMPLES = List.of(
      "", "  Go-live date ", "Partner\tID\n", "ACME, Inc.", "tab\u0007bell\u007fdel", "Ünïcödé Straße",
      "ＦＵＬＬＷＩＤＴＨ", "ﬁnance ﬂow", "zero\u200bwidth\u202ebidi", "emoji 😀 kept", "Ångström Å", "x\u0301y",
      "DevOps Engineer – Professional", "\uD835\uDC00 math bold A", "line\u2028separated\u2029paragraph",
      "hangul\u3164filler", "lone\uD800surrogate", "\u05E9\u05DC\u05D5\u05DD right-to-left kept");

  /**
   * Each character the issue names and each one Unicode's Trojan Source guidance adds: bidi
   * embeddings, overrides, isolates and marks; zero-width and word-joiner characters; the byte-order
   * mark; the other default-ignorables (invisible fillers, joiners, variation selectors, tags); line
   * and paragraph separators; unpaired surrogates.
   */
  static final List<String> HIDDEN = List.of(
      "\u202A", "\u202B", "\u202C", "\u202D", "\u202E", "\u2066", "\u2067", "\u2068", "\u2069",
      "\u200B", "\u200C", "\u200D", "\u200E", "\u200F", "\u2060", "\u2061", "\u2064", "\uFEFF", "\u061C",
      "\u00AD", "\u180E", "\u034F", "\u115F", "\u1160", "\u3164", "\uFFA0", "\u17B4", "\u180B", "\uFE00",
      "\uFE0F", "\uFFF9", "\u2065", "\uDB40\uDC01", "\uDB40\uDC41", "\uDB40\uDD00", "\u2028", "\u2029",
      "\uD800", "\uDC00", "\u001B", "\r", "\u0085", "\u007F");

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
  void visible_eachHiddenCharacter_isRemovedOrASpaceForALineBreak() {
    for (String c : HIDDEN) {
      String shown = Text.visible("a" + c + "b");
      assertThat(shown).as("U+%04X", c.codePointAt(0)).isIn("ab", "a b");
      assertThat(Text.quote("a" + c + "b")).as("U+%04X", c.codePointAt(0)).isIn("'ab'", "'a b'");
    }
  }

  @Test
  void printable_eachHiddenCharacter_isRemovedButLayoutIsKept() {
    for (String c : HIDDEN) {
      assertThat(Text.printable("a" + c + "b")).as("U+%04X", c.codePointAt(0)).isIn("ab", "a b", "a\rb");
    }
    assertThat(Text.printable("line one\n\tline two\r\n")).isEqualTo("line one\n\tline two\r\n");
    assertThat(Text.printable("{\"name\":\"Acme\u202E\u200B Inc\u2028\"}")).isEqualTo("{\"name\":\"Acme Inc \"}");
    assertThat(Text.printable("😀 \u05E9\u05DC\u05D5\u05DD Ångström")).isEqualTo("😀 \u05E9\u05DC\u05D5\u05DD Ångström");
    assertThat(Text.printable(null)).isNull();
  }

  @Test
  void printable_textWithNothingHidden_isTheSameString() {
    String plain = "{\"items\":[],\"nextToken\":null}";

    assertThat(Text.printable(plain)).isSameAs(plain);
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
      if (cp == '\n' || cp == '\t' || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR) {
        out.append(' ');
      } else if (type != Character.CONTROL && type != Character.FORMAT && type != Character.SURROGATE
          && !DEFAULT_IGNORABLE.matcher(new String(Character.toChars(cp))).matches()) {
        out.appendCodePoint(cp);
      }
    });
    return out.toString().strip();
  }
}
