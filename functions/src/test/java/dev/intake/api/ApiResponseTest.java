package dev.intake.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.intake.pipeline.PipelineJson;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Every answer of the API is made by ApiResponse: the last guard on partner text stands there. */
class ApiResponseTest {

  @Test
  void json_bodyHoldingHiddenCharacters_isAnsweredWithoutThemAndStaysJson() {
    // given: text that reached a body without passing where partner text is cleaned
    ObjectNode body = PipelineJson.mapper().createObjectNode()
        .put("comment", "accepted\u202E detpecca\u202C\u200B")
        .put("sheet", "Case\u2028Studies\u3164")
        .put("layout", "two\nlines");

    // when
    ApiResponse response = ApiResponse.json(200, body);

    // then
    assertThat(response.body()).doesNotContain("\u202E", "\u202C", "\u200B", "\u2028", "\u3164");
    JsonNode read = PipelineJson.tree(response.body().getBytes(StandardCharsets.UTF_8));
    assertThat(read.path("comment").asText()).isEqualTo("accepted detpecca");
    assertThat(read.path("sheet").asText()).isEqualTo("Case Studies");
    assertThat(read.path("layout").asText()).isEqualTo("two\nlines");
  }

  @Test
  void error_messageHoldingHiddenCharacters_isAnsweredWithoutThem() {
    ApiResponse response = ApiResponse.error(400, "INVALID_FINDING", "No finding rule@Case\u200BStudies!A1.");

    assertThat(response.body()).doesNotContain("\u200B").contains("rule@CaseStudies!A1");
  }
}
