package dev.intake.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.intake.checklist.Checklist;
import dev.intake.contracts.RepositoryRoot;
import dev.intake.pipeline.Submission;
import dev.intake.pipeline.SubmissionIds;
import dev.intake.testing.FakeUploadPresigner;
import dev.intake.testing.InMemoryObjectStore;
import dev.intake.testing.InMemorySubmissionStore;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The OpenAPI document, the API's route list and what the handler serves describe the same API. */
class OpenApiContractTest {

  private static final Set<String> HTTP_METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

  private static JsonNode openApi() throws IOException {
    return new ObjectMapper(new YAMLFactory()).readTree(RepositoryRoot.locate().resolve("docs/openapi.yaml").toFile());
  }

  private static Set<String> documented(JsonNode doc) {
    Set<String> documented = new TreeSet<>();
    doc.path("paths").fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(method -> {
      if (HTTP_METHODS.contains(method)) {
        documented.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey());
      }
    }));
    return documented;
  }

  @Test
  void openApi_documentedOperations_equalTheHandlersRoutes() throws IOException {
    JsonNode doc = openApi();

    Set<String> documented = documented(doc);

    assertThat(documented).containsExactlyInAnyOrderElementsOf(ApiRoutes.ROUTES);
  }

  @Test
  void openApi_uploadRequest_isWhatUploadLinksAccepts() throws IOException {
    JsonNode request = openApi().at("/components/schemas/UploadRequest/properties");

    assertThat(request.at("/fileName/pattern").asText()).isEqualTo("^" + UploadLinks.FILE_NAME.pattern() + "$");
    assertThat(request.at("/size/maximum").asLong()).isEqualTo(dev.intake.parsing.Limits.DEFAULT.maxFileBytes());
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

  @Test
  void handler_servesEveryDocumentedOperationAndRefusesEveryOtherMethodOnThosePaths() throws IOException {
    // given: a store with one submission, so that routed requests reach their handlers
    InMemorySubmissionStore store = new InMemorySubmissionStore();
    String key = "incoming/P-1/a.xlsx";
    String id = SubmissionIds.submissionId("bucket", key, "v1");
    store.create(Submission.received(id, "P-1", new Submission.Source("bucket", key, "v1", "01",
        SubmissionIds.documentId("bucket", key), "a.xlsx", 1), Instant.parse("2026-11-01T10:00:00Z"),
        LocalDate.of(2026, 11, 1), Instant.parse("2026-11-01T10:00:00Z"))
        .withEvaluation(Submission.Evaluation.declared("4.0", "P")));
    InMemoryObjectStore objects = new InMemoryObjectStore();
    ReviewerApi api = new ReviewerApi(store, objects, new TemplateService(objects, "bucket", Checklist.current()),
        ExecutionHistory.NONE, new UploadLinks(new FakeUploadPresigner(), "bucket", Clock.systemUTC()),
        Clock.systemUTC());
    Caller reviewer = new Caller.Reviewer("arn:aws:sts::1:assumed-role/competency-reviewer/r");
    JsonNode doc = openApi();
    Set<String> served = new TreeSet<>();
    Set<String> probed = new TreeSet<>();

    // when
    doc.path("paths").fieldNames().forEachRemaining(path -> {
      for (String method : List.of("GET", "POST", "PUT", "PATCH", "DELETE")) {
        ApiResponse response = api.handle(new ApiRequest(method, path.replace("{id}", id), Map.of(), "{}", reviewer));
        probed.add(method + " " + path);
        boolean refusedAsRoute = response.status() == 405
            || (response.status() == 404 && response.body().contains("No such route"));
        if (!refusedAsRoute) {
          served.add(method + " " + path);
        }
      }
    });

    // then
    assertThat(probed).hasSizeGreaterThan(served.size());
    assertThat(served).containsExactlyInAnyOrderElementsOf(documented(doc));
  }
}
