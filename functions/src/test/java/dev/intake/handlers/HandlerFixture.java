package dev.intake.handlers;

import dev.intake.api.CallerResolver;
import dev.intake.api.ExecutionHistory;
import dev.intake.api.ReviewerApi;
import dev.intake.api.TemplateService;
import dev.intake.api.UploadLinks;
import dev.intake.checklist.Checklist;
import dev.intake.parsing.WorkbookParser;
import dev.intake.pipeline.AggregateService;
import dev.intake.pipeline.AsOfPolicy;
import dev.intake.pipeline.CheckService;
import dev.intake.pipeline.FailureService;
import dev.intake.pipeline.IntakeService;
import dev.intake.pipeline.PipelineMetrics;
import dev.intake.rules.RuleEngine;
import dev.intake.rules.RuleGroup;
import dev.intake.testing.FakeUploadPresigner;
import dev.intake.testing.InMemoryObjectStore;
import dev.intake.testing.InMemorySubmissionStore;
import dev.intake.testing.RecordingWorkflowStarter;
import dev.intake.testing.WorkbookBuilder;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/** The handlers wired to hand-written fakes, with the sample event's object in the fake bucket. */
final class HandlerFixture {

  static final String BUCKET = "competency-intake-local";
  static final String KEY = "incoming/P-1001/ready.xlsx";
  static final String SUBMISSION = "sub-arq2ekdndnf5rfhshz7awbflep";
  static final LocalDate AS_OF = LocalDate.of(2026, 11, 1);
  static final String API = "https://api.example/v1";

  final Clock clock = Clock.fixed(Instant.parse("2026-11-01T09:31:00Z"), ZoneOffset.UTC);
  final InMemorySubmissionStore store = new InMemorySubmissionStore();
  final InMemoryObjectStore objects = new InMemoryObjectStore();
  final FakeUploadPresigner uploads = new FakeUploadPresigner();
  final RecordingWorkflowStarter workflow = new RecordingWorkflowStarter();
  final Checklist checklist = Checklist.current();

  HandlerFixture withReadyWorkbook() {
    objects.put(BUCKET, KEY, WorkbookBuilder.ready(AS_OF).build());
    return this;
  }

  IntakeHandler intake() {
    return new IntakeHandler(new IntakeService(store, objects, workflow, new WorkbookParser(), AsOfPolicy.uploadDay(),
        clock, PipelineMetrics.NONE), clock);
  }

  CheckService checks(RuleGroup group) {
    return new CheckService(group, RuleEngine.standard(checklist), objects);
  }

  AggregateHandler aggregate() {
    return new AggregateHandler(AggregateService.standard(objects, store, checklist, clock, API,
        PipelineMetrics.NONE));
  }

  FailureHandler failure() {
    return new FailureHandler(new FailureService(store, clock, PipelineMetrics.NONE, API));
  }

  /** Runs the sample upload through intake, the three check groups and aggregate, as the workflow would. */
  com.fasterxml.jackson.databind.JsonNode evaluateSample() {
    withReadyWorkbook();
    intake().handleRequest(Events.s3("test-events/s3-put.json"), null);
    com.fasterxml.jackson.databind.node.ObjectNode state = (com.fasterxml.jackson.databind.node.ObjectNode)
        dev.intake.pipeline.PipelineJson.tree(workflow.started.get(SUBMISSION)
            .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    com.fasterxml.jackson.databind.node.ArrayNode checks = state.putArray("checks");
    for (RuleGroup g : RuleGroup.values()) {
      checks.add(checks(g).run(dev.intake.pipeline.WorkflowInput.from(state)));
    }
    return aggregate().handle(state);
  }

  ApiHandler api() {
    return api(null);
  }

  /** The API handler answering browsers from {@code consoleOrigin} (null: no console). */
  ApiHandler api(String consoleOrigin) {
    return new ApiHandler(new ReviewerApi(store, objects, new TemplateService(objects, BUCKET, checklist),
        ExecutionHistory.NONE, new UploadLinks(uploads, BUCKET, clock), clock),
        CallerResolver.of("competency-reviewer", "competency-partner-"), consoleOrigin);
  }
}
