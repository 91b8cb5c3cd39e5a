package dev.intake.local.asl;

import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces {@code ${Name}} placeholders in the definition text, as CDK's definitionSubstitutions do
 * before the state machine is created. A placeholder without a value is an error, never left as is.
 */
final class Substitutions {

  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]*)}");

  private Substitutions() {
  }

  static String apply(String text, Map<String, String> values) {
    Matcher matcher = PLACEHOLDER.matcher(text);
    StringBuilder out = new StringBuilder();
    TreeSet<String> missing = new TreeSet<>();
    while (matcher.find()) {
      String value = values.get(matcher.group(1));
      if (value == null) {
        missing.add(matcher.group(1));
        value = matcher.group();
      }
      matcher.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    matcher.appendTail(out);
    if (!missing.isEmpty()) {
      throw new DefinitionException("Definition substitutions: no value for placeholder(s) "
          + String.join(", ", missing.stream().map(name -> "${" + name + "}").toList()));
    }
    return out.toString();
  }
}
