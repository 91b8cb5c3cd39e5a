package dev.intake.rules;

import dev.intake.model.Text;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The case studies a Self-Assessment row names: "1, 3", "1-4", "CS1; CS2", "#2 #4" or "All".
 *
 * @param unreadable parts that name no case study
 */
record CaseStudyRefs(Set<Integer> numbers, boolean all, List<String> unreadable) {

  private static final Pattern RANGE =
      Pattern.compile("(\\d{1,4})\\s*(?:-|–|to)\\s*(?:cs|#|case study)?\\s*(\\d{1,4})");
  private static final Pattern ONE = Pattern.compile("(?:cs|#|case study|case|no\\.?)?\\s*(\\d{1,4})");
  private static final Pattern ALL = Pattern.compile("all( case studies| four| 4)?|every( case study)?");
  private static final Pattern SEPARATOR = Pattern.compile("[,;/&\\n]|\\band\\b|\\s(?=#)");
  private static final Pattern NUMBERS = Pattern.compile("[\\d\\s]+");
  private static final Pattern SPACES = Pattern.compile("\\s+");

  CaseStudyRefs {
    numbers = Set.copyOf(numbers);
    unreadable = List.copyOf(unreadable);
  }

  static CaseStudyRefs parse(String raw) {
    String text = Text.fold(raw).strip();
    Set<Integer> numbers = new TreeSet<>();
    List<String> unreadable = new ArrayList<>();
    if (text.isEmpty()) {
      return new CaseStudyRefs(numbers, false, unreadable);
    }
    if (ALL.matcher(text).matches()) {
      return new CaseStudyRefs(numbers, true, unreadable);
    }
    for (String part : SEPARATOR.split(text)) {
      String p = part.strip();
      if (p.isEmpty()) {
        continue;
      }
      Matcher range = RANGE.matcher(p);
      Matcher one = ONE.matcher(p);
      if (range.matches()) {
        int from = Integer.parseInt(range.group(1));
        int to = Integer.parseInt(range.group(2));
        if (from <= to && to - from < 100) {
          for (int i = from; i <= to; i++) {
            numbers.add(i);
          }
          continue;
        }
      } else if (one.matches()) {
        numbers.add(Integer.parseInt(one.group(1)));
        continue;
      } else if (NUMBERS.matcher(p).matches()) {
        for (String n : SPACES.split(p)) {
          // As in the patterns above, a case study number has at most four digits; a longer run is no number.
          if (n.length() <= 4) {
            numbers.add(Integer.parseInt(n));
          } else {
            unreadable.add(n);
          }
        }
        continue;
      }
      unreadable.add(p);
    }
    return new CaseStudyRefs(numbers, false, unreadable);
  }
}
