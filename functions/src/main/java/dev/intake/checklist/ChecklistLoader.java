package dev.intake.checklist;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Reads a checklist version from {@code checklists/<name>.json} on the class path, so a new
 * checklist version is a new file, not new code.
 */
public final class ChecklistLoader {

  public static final String CURRENT_RESOURCE = "checklists/devops-competency-4.0.json";

  static final Checklist CURRENT = load(CURRENT_RESOURCE);

  /** A version is letters, digits, dots and dashes: it names a resource, and never a path. */
  private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.-]{0,31}");

  /** Checklists looked up by version, loaded once each (empty when there is none). */
  private static final Map<String, Optional<Checklist>> BY_VERSION = new ConcurrentHashMap<>();

  private ChecklistLoader() {
  }

  /** {@code checklists/devops-competency-<version>.json}, or the current checklist for its own version. */
  static Optional<Checklist> forVersion(String version) {
    if (version == null) {
      return Optional.empty();
    }
    if (version.equals(CURRENT.version())) {
      return Optional.of(CURRENT);
    }
    if (!VERSION.matcher(version).matches()) {
      return Optional.empty();
    }
    return BY_VERSION.computeIfAbsent(version, v -> {
      String resource = "checklists/devops-competency-" + v + ".json";
      return ChecklistLoader.class.getClassLoader().getResource(resource) == null
          ? Optional.empty() : Optional.of(load(resource));
    });
  }

  public static Checklist load(String resource) {
    try (InputStream in = ChecklistLoader.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no checklist resource " + resource);
      }
      return parse(tree(in));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read checklist " + resource, e);
    }
  }

  /**
   * The JSON document as a tree, read with jackson-core's parser rather than an {@code ObjectMapper}:
   * the same nodes {@code readTree} gives, without building a mapper, which costs a cold start more
   * than the whole checklist (see BENCHMARKS.md).
   */
  static JsonNode tree(InputStream in) throws IOException {
    try (JsonParser parser = new JsonFactory().createParser(in)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        throw new IOException("empty checklist document");
      }
      return value(parser, first);
    }
  }

  private static JsonNode value(JsonParser p, JsonToken token) throws IOException {
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    switch (token) {
      case START_OBJECT -> {
        ObjectNode object = nodes.objectNode();
        for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
          String name = p.currentName();
          object.set(name, value(p, p.nextToken()));
        }
        return object;
      }
      case START_ARRAY -> {
        ArrayNode array = nodes.arrayNode();
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
          array.add(value(p, t));
        }
        return array;
      }
      case VALUE_STRING -> {
        return nodes.textNode(p.getText());
      }
      case VALUE_NUMBER_INT -> {
        return switch (p.getNumberType()) {
          case INT -> nodes.numberNode(p.getIntValue());
          case LONG -> nodes.numberNode(p.getLongValue());
          default -> nodes.numberNode(p.getBigIntegerValue());
        };
      }
      case VALUE_NUMBER_FLOAT -> {
        return nodes.numberNode(p.getDoubleValue());
      }
      case VALUE_TRUE, VALUE_FALSE -> {
        return nodes.booleanNode(token == JsonToken.VALUE_TRUE);
      }
      case VALUE_NULL -> {
        return nodes.nullNode();
      }
      default -> throw new IOException("unexpected JSON token " + token);
    }
  }

  static Checklist parse(JsonNode root) {
    JsonNode p = root.required("parameters");
    Parameters parameters = new Parameters(
        strings(p.required("requiredTiers")),
        strings(p.required("requiredServicesPathStages")),
        p.required("minCaseStudies").asInt(),
        p.required("minDistinctCustomers").asInt(),
        p.required("caseStudyMaxAgeMonths").asInt(),
        p.required("caseStudyAgeWarningDays").asInt(),
        p.required("minPublicCaseStudies").asInt());
    List<CertificationRequirement> certifications = new ArrayList<>();
    for (JsonNode n : root.required("certifications")) {
      List<AcceptedCertification> accepted = new ArrayList<>();
      for (JsonNode a : n.required("accepted")) {
        accepted.add(new AcceptedCertification(a.required("name").asText(), a.path("countsAs").asText(""),
            a.path("note").asText("")));
      }
      certifications.add(new CertificationRequirement(n.required("kind").asText(), n.required("minPeople").asInt(),
          accepted));
    }
    JsonNode w = root.required("waiver");
    WaiverTerms waiver = new WaiverTerms(strings(w.required("groups")), w.required("otherCompetencyMonths").asInt());
    List<Prerequisite> prerequisites = new ArrayList<>();
    for (JsonNode n : root.required("prerequisites")) {
      prerequisites.add(new Prerequisite(n.required("id").asText(), n.required("section").asText(),
          n.required("title").asText(), n.required("quote").asText()));
    }
    List<RuleEntry> rules = new ArrayList<>();
    for (JsonNode n : root.required("rules")) {
      rules.add(new RuleEntry(n.required("id").asText(), n.required("ref").asText(), n.path("quote").asText(""),
          n.path("quoteRef").asText("")));
    }
    List<Control> controls = new ArrayList<>();
    for (JsonNode n : root.required("controls")) {
      String group = n.required("group").asText();
      controls.add(new Control(n.required("id").asText(), group, n.required("section").asText(),
          n.required("title").asText(), coverage(n.get("caseStudies")), waiver.groups().contains(group),
          n.path("quote").asText("")));
    }
    return new Checklist(root.required("competency").asText(), root.required("document").asText(),
        root.required("version").asText(), root.required("published").asText(), root.required("text").asText(),
        parameters, certifications, waiver, prerequisites, rules, controls);
  }

  private static Coverage coverage(JsonNode node) {
    if (node == null || node.isNull()) {
      return Coverage.NONE;
    }
    if (node.isTextual() && node.asText().equals("all")) {
      return Coverage.EVERY;
    }
    if (node.isInt()) {
      return new Coverage.AtLeast(node.asInt());
    }
    throw new IllegalArgumentException("caseStudies must be \"all\" or a number, not " + node);
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return List.copyOf(out);
  }
}
