package dev.intake.pipeline;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.intake.model.Severity;
import dev.intake.parsing.ParseOutcome;
import dev.intake.rules.RuleEngine;
import dev.intake.rules.RuleGroup;
import dev.intake.rules.RuleResult;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;

/**
 * One check group of the workflow: reads the parsed workbook the intake step stored, runs the
 * group's rules, writes the findings to S3 and returns only a reference and counts.
 */
public final class CheckService {

  private final RuleGroup group;
  private final RuleEngine engine;
  private final ObjectStore objects;

  public CheckService(RuleGroup group, RuleEngine engine, ObjectStore objects) {
    this.group = group;
    this.engine = engine;
    this.objects = objects;
  }

  public RuleGroup group() {
    return group;
  }

  public ObjectNode run(WorkflowInput in) {
    byte[] parsedJson = objects.read(in.bucket(), in.parsedKey(), null, WorkflowInput.MAX_WORK_OBJECT_BYTES)
        .orElseThrow(() -> new IllegalStateException("no parsed workbook at " + in.parsedKey()));
    ParseOutcome parsed = PipelineJson.readParsed(parsedJson);
    RuleResult result = parsed instanceof ParseOutcome.Parsed p
        ? engine.evaluate(p.assessment(), in.asOf(), in.partnerId(), EnumSet.of(group))
        : new RuleResult(List.of(), 0);
    String key = resultKey(in.submissionId(), group);
    objects.write(in.bucket(), key, PipelineJson.writeResult(result), "application/json");
    ObjectNode out = PipelineJson.mapper().createObjectNode();
    out.put("group", group.name());
    out.put("key", key);
    out.put("blockers", result.findings().stream().filter(f -> f.severity() == Severity.BLOCKER).count());
    out.put("warnings", result.findings().stream().filter(f -> f.severity() == Severity.WARNING).count());
    out.put("passed", result.passed());
    return out;
  }

  public static String resultKey(String submissionId, RuleGroup group) {
    return WorkflowInput.workKey(submissionId, group.name().toLowerCase(Locale.ROOT).replace('_', '-') + ".json");
  }
}
