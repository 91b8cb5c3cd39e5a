package dev.intake.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.intake.engines.Repository;
import java.io.IOException;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The OpenAPI document and the API's routes describe the same API. */
class OpenApiContractTest {

  private static final Set<String> HTTP_METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

  private static JsonNode openApi() throws IOException {
    return new ObjectMapper(new YAMLFactory()).readTree(Repository.root().resolve("docs/openapi.yaml").toFile());
  }

  @Test
  void openApi_documentedOperations_equalTheHandlersRoutes() throws IOException {
    JsonNode doc = openApi();
    Set<String> documented = new TreeSet<>();

    doc.path("paths").fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(method -> {
      if (HTTP_METHODS.contains(method)) {
        documented.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey());
      }
    }));

    assertThat(documented).containsExactlyInAnyOrderElementsOf(ReviewerApi.ROUTES);
  }

  @Test
  void openApi_everyOperation_documentsItsClientErrors() throws IOException {
    JsonNode doc = openApi();

    doc.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
      if (HTTP_METHODS.contains(op.getKey()) && path.getKey().contains("{id}")) {
        assertThat(op.getValue().path("responses").has("400")).as(op.getKey() + " " + path.getKey()).isTrue();
        assertThat(op.getValue().path("responses").has("404")).as(op.getKey() + " " + path.getKey()).isTrue();
      }
    }));
  }
}
