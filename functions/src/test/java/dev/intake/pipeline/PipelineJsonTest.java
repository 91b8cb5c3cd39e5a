package dev.intake.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.intake.model.Finding;
import dev.intake.parsing.ParseOutcome;
import dev.intake.parsing.WorkbookParser;
import dev.intake.report.ReportJson;
import dev.intake.testing.SampleWorkbooks;
import java.util.List;
import org.junit.jupiter.api.Test;

class PipelineJsonTest {

  private static final WorkbookParser PARSER = new WorkbookParser();

  @Test
  void writeParsed_everySample_writesTheSameBytesAsTheTreeItWasWrittenFromBefore() {
    for (SampleWorkbooks.Sample sample : SampleWorkbooks.all()) {
      ParseOutcome outcome = PARSER.parse(sample.build(), sample.fileName());

      byte[] written = PipelineJson.writeParsed(outcome);

      assertThat(new String(written, java.nio.charset.StandardCharsets.UTF_8)).as(sample.fileName())
          .isEqualTo(new String(throughATree(outcome), java.nio.charset.StandardCharsets.UTF_8));
    }
  }

  @Test
  void readParsed_everySampleWritten_readsBackTheSameOutcome() {
    for (SampleWorkbooks.Sample sample : SampleWorkbooks.all()) {
      ParseOutcome outcome = PARSER.parse(sample.build(), sample.fileName());

      ParseOutcome read = PipelineJson.readParsed(PipelineJson.writeParsed(outcome));

      assertThat(read).as(sample.fileName()).isEqualTo(outcome);
    }
  }

  @Test
  void readParsed_treeWrittenBeforeTheChange_readsTheSameOutcome() {
    ParseOutcome rejected = PARSER.parse("a,b\n".getBytes(java.nio.charset.StandardCharsets.UTF_8), "x.xlsx");
    ParseOutcome parsed = PARSER.parse(SampleWorkbooks.named("tier-and-path.xlsx").build(), "x.xlsx");

    assertThat(rejected).isInstanceOf(ParseOutcome.Rejected.class);
    assertThat(PipelineJson.readParsed(throughATree(rejected))).isEqualTo(rejected);
    assertThat(PipelineJson.readParsed(throughATree(parsed))).isEqualTo(parsed);
  }

  /** How writeParsed wrote the JSON until it was written in one pass: a tree of the records, then bytes. */
  private static byte[] throughATree(ParseOutcome outcome) {
    ObjectNode root = PipelineJson.mapper().createObjectNode();
    if (outcome instanceof ParseOutcome.Parsed p) {
      root.put("readable", true);
      root.set("assessment", PipelineJson.mapper().valueToTree(p.assessment()));
      root.set("notes", findings(p.notes()));
      root.set("stats", PipelineJson.mapper().valueToTree(p.stats()));
    } else {
      root.put("readable", false);
      root.set("reasons", findings(((ParseOutcome.Rejected) outcome).reasons()));
    }
    return PipelineJson.bytes(root);
  }

  private static ArrayNode findings(List<Finding> findings) {
    ArrayNode array = PipelineJson.mapper().createArrayNode();
    findings.forEach(f -> array.add(ReportJson.finding(f)));
    return array;
  }
}
