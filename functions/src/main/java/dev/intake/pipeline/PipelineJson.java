package dev.intake.pipeline;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.intake.model.Assessment;
import dev.intake.model.Finding;
import dev.intake.parsing.ParseOutcome;
import dev.intake.report.ReportJson;
import dev.intake.rules.RuleResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * JSON forms of what the workflow's steps hand each other through S3: the parsed workbook and one
 * check group's result. Records map field for field; only record components are written.
 */
public final class PipelineJson {

  private static final ObjectMapper MAPPER = new ObjectMapper()
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
      .setVisibility(PropertyAccessor.IS_GETTER, JsonAutoDetect.Visibility.NONE);

  private PipelineJson() {
  }

  public static ObjectMapper mapper() {
    return MAPPER;
  }

  public static byte[] writeParsed(ParseOutcome outcome) {
    ObjectNode root = MAPPER.createObjectNode();
    if (outcome instanceof ParseOutcome.Parsed p) {
      root.put("readable", true);
      root.set("assessment", MAPPER.valueToTree(p.assessment()));
      root.set("notes", findings(p.notes()));
      root.set("stats", MAPPER.valueToTree(p.stats()));
    } else {
      root.put("readable", false);
      root.set("reasons", findings(((ParseOutcome.Rejected) outcome).reasons()));
    }
    return bytes(root);
  }

  public static ParseOutcome readParsed(byte[] json) {
    try {
      JsonNode root = MAPPER.readTree(json);
      if (root.path("readable").asBoolean(false)) {
        return new ParseOutcome.Parsed(MAPPER.treeToValue(root.get("assessment"), Assessment.class),
            findings(root.path("notes")), MAPPER.treeToValue(root.get("stats"), ParseOutcome.Stats.class));
      }
      return new ParseOutcome.Rejected(findings(root.path("reasons")));
    } catch (IOException e) {
      throw new UncheckedIOException("parsed workbook JSON is unreadable", e);
    }
  }

  public static byte[] writeResult(RuleResult result) {
    return bytes(resultTree(result));
  }

  public static ObjectNode resultTree(RuleResult result) {
    ObjectNode root = MAPPER.createObjectNode();
    root.set("findings", findings(result.findings()));
    root.put("passed", result.passed());
    return root;
  }

  public static RuleResult readResult(byte[] json) {
    try {
      return readResult(MAPPER.readTree(json));
    } catch (IOException e) {
      throw new UncheckedIOException("check result JSON is unreadable", e);
    }
  }

  public static RuleResult readResult(JsonNode root) {
    return new RuleResult(findings(root.path("findings")), root.path("passed").asInt());
  }

  private static ArrayNode findings(List<Finding> findings) {
    ArrayNode array = MAPPER.createArrayNode();
    findings.forEach(f -> array.add(ReportJson.finding(f)));
    return array;
  }

  private static List<Finding> findings(JsonNode array) {
    List<Finding> out = new ArrayList<>();
    array.forEach(n -> out.add(ReportJson.findingFrom(n)));
    return out;
  }

  public static byte[] bytes(JsonNode node) {
    try {
      return MAPPER.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static JsonNode tree(byte[] json) {
    try {
      return MAPPER.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException("JSON is unreadable", e);
    }
  }
}
