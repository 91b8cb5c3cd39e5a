package dev.intake.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.intake.model.Text;
import java.util.List;
import org.junit.jupiter.api.Test;

class CertificationTallyTest {

  @Test
  void personKey_namesWithPunctuationSpacingAndAccents_isTheWordsOfTheFoldedName() {
    for (String name : List.of("Ana Silva", "  ANA   SILVA ", "Silva, Ana-Maria (Jr.)", "o'brien\tsean", "",
        "!!!", "Ana\u200bSilva", "Zoë Ångström", "ＦＵＬＬ Width", "李 小龍", "x² y½", "José 3rd")) {
      String byDefinition = String.join(" ",
          Text.fold(name).replaceAll("[^\\p{L}\\p{N}]+", " ").trim().split("\\s+")).trim();

      assertThat(CertificationTally.personKey(name)).as(name).isEqualTo(byDefinition);
    }
  }
}
