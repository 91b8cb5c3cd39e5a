package dev.intake.pipeline;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.intake.model.Summary;
import dev.intake.parsing.ParseOutcome;
import dev.intake.rules.RuleEngine;
import dev.intake.rules.RuleGroup;
import dev.intake.rules.RuleResult;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;

/**
 * One check group of the workflow: reads the parsed workbook the intake step stored, runs the
 * group's rules, and returns the counts with the findings — inline when small, else a reference to
 * where it wrote them in S3.
 */
public final class CheckService {

  /**
   * The largest result carried inline. Three of them, with the input, stay far below Step Functions'
   * 256 KB state limit; a larger one (a big workbook's many findings) goes through S3 instead.
   */
  static final int MAX_INLINE_RESULT_BYTES = 48 * 1024;

  private final RuleGroup group;
  private final RuleEngine engine;
  private final WorkObjects objects;

  public CheckService(RuleGroup group, RuleEngine engine, WorkObjects objects) {
    this.group = group;
    this.engine = engine;
    this.objects = objects;
  }

  public ObjectNode run(WorkflowInput in) {
    byte[] parsedJson = objects.read(in.bucket(), in.parsedKey(), null, WorkflowInput.MAX_WORK_OBJECT_BYTES)
        .orElseThrow(() -> new IllegalStateException("no parsed workbook at " + in.parsedKey()));
    ParseOutcome parsed = PipelineJson.readParsed(parsedJson);
    RuleResult result = parsed instanceof ParseOutcome.Parsed p
        ? engine.evaluate(p.assessment(), in.asOf(), in.partnerId(), EnumSet.of(group))
        : new RuleResult(List.of(), 0);
    ObjectNode tree = PipelineJson.resultTree(result);
    byte[] json = PipelineJson.bytes(tree);
    ObjectNode out = PipelineJson.mapper().createObjectNode();
    out.put("group", group.name());
    if (json.length <= MAX_INLINE_RESULT_BYTES) {
      // Small results travel in the workflow state: three fewer S3 writes and reads per submission.
      out.set("result", tree);
    } else {
      String key = resultKey(in.submissionId(), group);
      objects.write(in.bucket(), key, json, "application/json");
      out.put("key", key);
    }
    Summary counts = Summary.of(result.findings(), result.passed());
    out.put("blockers", counts.blockers());
    out.put("warnings", counts.warnings());
    out.put("passed", counts.passed());
    return out;
  }

  public static String resultKey(String submissionId, RuleGroup group) {
    return WorkflowInput.workKey(submissionId, group.name().toLowerCase(Locale.ROOT).replace('_', '-') + ".json");
  }
}
