package dev.intake.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class TextExtractorTest {

  @Test
  void text_html_dropsScriptsStylesCommentsAndTags() {
    String html = "<html><head><style>p { color: red }</style><SCRIPT type='x'>var who = 'Initech';</SCRIPT>"
        + "</head><body><!-- Umbrella --><h1>Acme</h1><p>helped <b>Globex</b></p></body></html>";

    String text = TextExtractor.text(html.getBytes(StandardCharsets.UTF_8), "text/html", 1000);

    assertThat(text).isEqualTo("Acme helped Globex");
  }

  @Test
  void text_entities_areDecoded() {
    String html = "<p>AT&amp;T &#38; M&#xFC;ller&nbsp;GmbH &copy; &bogus; & more</p>";

    String text = TextExtractor.text(html.getBytes(StandardCharsets.UTF_8), "text/html", 1000);

    assertThat(text).isEqualTo("AT&T & M\u00fcller GmbH \u00a9 &bogus; & more");
  }

  @Test
  void text_charsetInContentType_decodesWithIt() {
    byte[] body = "<p>M\u00fcller Stra\u00dfe</p>".getBytes(StandardCharsets.ISO_8859_1);

    String text = TextExtractor.text(body, "text/html; charset=\"ISO-8859-1\"", 1000);

    assertThat(text).isEqualTo("M\u00fcller Stra\u00dfe");
  }

  @Test
  void text_unknownCharset_fallsBackToUtf8() {
    byte[] body = "M\u00fcller".getBytes(StandardCharsets.UTF_8);

    String text = TextExtractor.text(body, "text/html; charset=no-such-charset", 1000);

    assertThat(text).isEqualTo("M\u00fcller");
  }

  @Test
  void text_plainText_keepsAngleBrackets() {
    byte[] body = "a <b> c".getBytes(StandardCharsets.UTF_8);

    String text = TextExtractor.text(body, "text/plain", 1000);

    assertThat(text).isEqualTo("a <b> c");
  }

  @Test
  void text_longerThanCap_isCut() {
    byte[] body = "word ".repeat(1000).getBytes(StandardCharsets.UTF_8);

    String text = TextExtractor.text(body, "text/html", 100);

    assertThat(text).hasSize(100);
  }

  @Test
  void text_unclosedScript_dropsTheRest() {
    byte[] body = "<p>Acme</p><script>var partner = 'Globex'".getBytes(StandardCharsets.UTF_8);

    String text = TextExtractor.text(body, "text/html", 1000);

    assertThat(text).isEqualTo("Acme");
  }

  @Test
  @Timeout(10)
  void text_megabyteOfUnclosedMarkup_finishes() {
    byte[] body = ("<script<!--&&&<a".repeat(65_536)).getBytes(StandardCharsets.UTF_8);

    String text = TextExtractor.text(body, "text/html", 1000);

    assertThat(text).isEmpty();
  }
}
