package dev.intake.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.intake.pipeline.PipelineJson;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The alarmable metrics leave as CloudWatch Embedded Metric Format lines on standard output. */
class PowertoolsMetricsTest {

  private static List<JsonNode> emitted(Runnable action) {
    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      action.run();
    } finally {
      System.setOut(original);
    }
    List<JsonNode> lines = new ArrayList<>();
    for (String line : captured.toString(StandardCharsets.UTF_8).split("\n")) {
      if (line.contains("\"_aws\"")) {
        lines.add(PipelineJson.tree(line.getBytes(StandardCharsets.UTF_8)));
      }
    }
    return lines;
  }

  @Test
  void evaluated_emitsSubmissionsEvaluatedByStatusAndBlockersFound() {
    PowertoolsMetrics metrics = new PowertoolsMetrics("CompetencyIntake");

    List<JsonNode> lines = emitted(() -> metrics.evaluated("ACTION_REQUIRED", 3));

    assertThat(lines).anySatisfy(l -> {
      assertThat(l.path("SubmissionsEvaluated").asDouble()).isEqualTo(1.0);
      assertThat(l.path("Status").asText()).isEqualTo("ACTION_REQUIRED");
      assertThat(l.path("_aws").path("CloudWatchMetrics").get(0).path("Metrics").get(0).path("Name").asText())
          .isEqualTo("SubmissionsEvaluated");
    });
    assertThat(lines).anySatisfy(l -> assertThat(l.path("BlockersFound").asDouble()).isEqualTo(3.0));
  }

  @Test
  void failed_emitsSubmissionsFailed() {
    PowertoolsMetrics metrics = new PowertoolsMetrics("CompetencyIntake");

    List<JsonNode> lines = emitted(metrics::failed);

    assertThat(lines).anySatisfy(l -> assertThat(l.path("SubmissionsFailed").asDouble()).isEqualTo(1.0));
  }

  @Test
  void reviewsOverdue_emitsTheCountWithExactlyTheServiceDimensionTheAlarmNames() {
    PowertoolsMetrics metrics = new PowertoolsMetrics("CompetencyIntake/dev", "competency-intake");

    List<JsonNode> lines = emitted(() -> metrics.reviewsOverdue(3));

    assertThat(lines).singleElement().satisfies(l -> {
      assertThat(l.path("ReviewsOverdue").asDouble()).isEqualTo(3.0);
      assertThat(l.path("Service").asText()).isEqualTo("competency-intake");
      JsonNode directive = l.path("_aws").path("CloudWatchMetrics").get(0);
      assertThat(directive.path("Namespace").asText()).isEqualTo("CompetencyIntake/dev");
      assertThat(directive.path("Dimensions").toString()).isEqualTo("[[\"Service\"]]");
      assertThat(directive.path("Metrics").get(0).path("Name").asText()).isEqualTo(PowertoolsMetrics.REVIEWS_OVERDUE);
    });
  }
}
