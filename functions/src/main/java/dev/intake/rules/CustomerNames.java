package dev.intake.rules;

import dev.intake.model.Text;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Compares customer names as legal entities: "Acme, Inc.", "ACME Inc" and "Acme Incorporated" are
 * the same customer. Case, accents, punctuation, invisible characters and legal-form suffixes are
 * ignored.
 */
final class CustomerNames {

  private static final Set<String> LEGAL_FORMS = Set.of(
      "inc", "incorporated", "corp", "corporation", "co", "company", "llc", "llp", "lp", "ltd", "limited",
      "plc", "gmbh", "ag", "kg", "ohg", "ug", "sa", "sas", "sarl", "srl", "spa", "sl", "bv", "nv", "ab", "as",
      "asa", "oy", "oyj", "aps", "pty", "pte", "pvt", "private", "kk", "se", "ulc", "sro", "zoo", "spzoo", "the");

  private static final Pattern ABBREVIATION_DOT = Pattern.compile("(?<=\\b\\p{L})\\.(?=\\p{L}\\b)");

  private CustomerNames() {
  }

  /** The comparison key of a customer name; empty when the name is blank. */
  static String key(String name) {
    String folded = Text.fold(name).replace("&", " and ");
    // "S.A.", "S.p.A.", "B.V.": dots inside an abbreviation join its letters
    folded = Values.NOT_ALPHANUMERIC.matcher(ABBREVIATION_DOT.matcher(folded).replaceAll("")).replaceAll(" ").strip();
    if (folded.isEmpty()) {
      return "";
    }
    List<String> words = new ArrayList<>(Arrays.asList(folded.split(" ")));
    if (words.size() > 1 && words.get(0).equals("the")) {
      words.remove(0);
    }
    // Drop trailing legal forms ("Acme Holdings Co Ltd"), and a dangling "and" of "& Co".
    while (words.size() > 1 && (LEGAL_FORMS.contains(last(words)) || last(words).equals("and"))) {
      words.remove(words.size() - 1);
    }
    return String.join(" ", words);
  }

  private static String last(List<String> words) {
    return words.get(words.size() - 1);
  }
}
