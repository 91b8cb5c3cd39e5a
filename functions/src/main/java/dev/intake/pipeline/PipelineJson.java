package dev.intake.pipeline;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonInclude;
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

  /**
   * The parsed workbook as it is written: these fields in this order, absent ones left out. Read and
   * written in one pass (not through a tree and then to the records): every check step and the
   * aggregate step read it, and the tree's second pass was a sixth of a load run's CPU (BENCHMARKS.md).
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record ParsedJson(boolean readable, Assessment assessment, JsonNode notes, ParseOutcome.Stats stats,
      JsonNode reasons) {
  }

  public static byte[] writeParsed(ParseOutcome outcome) {
    ParsedJson json = outcome instanceof ParseOutcome.Parsed p
        ? new ParsedJson(true, p.assessment(), findings(p.notes()), p.stats(), null)
        : new ParsedJson(false, null, null, null, findings(((ParseOutcome.Rejected) outcome).reasons()));
    try {
      return MAPPER.writeValueAsBytes(json);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static ParseOutcome readParsed(byte[] json) {
    try {
      ParsedJson parsed = MAPPER.readValue(json, ParsedJson.class);
      if (parsed.readable()) {
        return new ParseOutcome.Parsed(parsed.assessment(), findings(orEmpty(parsed.notes())), parsed.stats());
      }
      return new ParseOutcome.Rejected(findings(orEmpty(parsed.reasons())));
    } catch (IOException e) {
      throw new UncheckedIOException("parsed workbook JSON is unreadable", e);
    }
  }

  private static JsonNode orEmpty(JsonNode node) {
    return node == null ? MAPPER.createArrayNode() : node;
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
