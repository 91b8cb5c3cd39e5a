package dev.intake.handlers;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import com.fasterxml.jackson.databind.JsonNode;
import dev.intake.parsing.WorkbookParser;
import dev.intake.pipeline.AsOfPolicy;
import dev.intake.pipeline.IntakeService;
import dev.intake.pipeline.PipelineJson;
import dev.intake.pipeline.PipelineMetrics;
import dev.intake.pipeline.StoreUnavailableException;
import dev.intake.pipeline.Submission;
import dev.intake.pipeline.SubmissionStatus;
import dev.intake.pipeline.SubmissionStore;
import dev.intake.pipeline.WorkflowInput;
import dev.intake.pipeline.WorkflowStarter;
import dev.intake.testing.ForwardingSubmissionStore;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;

/** The intake dead-letter queue's consumer: re-drive, retry later, or store FAILED — never drop. */
class DeadLetterHandlerTest {

  private static final int ATTEMPTS = 5;
  private static final String MESSAGE = "9d7c1f1e-3b5a-4a51-9a7e-2f0c6d1b8e01";

  /** Step Functions refusing to start anything; says whether an execution of the name exists. */
  static final class StepFunctionsDown implements WorkflowStarter {
    final AtomicInteger starts = new AtomicInteger();
    private final boolean executionExists;

    StepFunctionsDown(boolean executionExists) {
      this.executionExists = executionExists;
    }

    @Override public boolean start(String name, String inputJson) {
      starts.incrementAndGet();
      throw new IllegalStateException("Step Functions unavailable (test)");
    }

    @Override public boolean exists(String name) {
      return executionExists;
    }
  }

  private static DeadLetterHandler handler(HandlerFixture f, SubmissionStore store, WorkflowStarter workflow) {
    return new DeadLetterHandler(new IntakeService(store, f.objects, workflow, new WorkbookParser(),
        AsOfPolicy.uploadDay(), f.clock, PipelineMetrics.NONE), ATTEMPTS, f.clock);
  }

  @ParameterizedTest
  @Event(value = "test-events/sqs-intake-dead-letter.json", type = SQSEvent.class)
  void deadLetter_intakeWorksAgain_startsTheWorkflowAndSettlesTheMessage(SQSEvent event) {
    HandlerFixture f = new HandlerFixture().withReadyWorkbook();

    SQSBatchResponse response = handler(f, f.store, f.workflow).handleRequest(event, null);

    assertThat(response.getBatchItemFailures()).isEmpty();
    assertThat(f.workflow.started).containsOnlyKeys(HandlerFixture.SUBMISSION);
    assertThat(f.store.get(HandlerFixture.SUBMISSION).orElseThrow().status()).isEqualTo(SubmissionStatus.EVALUATING);
  }

  @ParameterizedTest
  @Event(value = "test-events/sqs-intake-dead-letter.json", type = SQSEvent.class)
  void deadLetter_intakeStillFailingBeforeTheLastAttempt_isReportedBackForALaterTry(SQSEvent event) {
    HandlerFixture f = new HandlerFixture().withReadyWorkbook();

    SQSBatchResponse response = handler(f, f.store, new StepFunctionsDown(false)).handleRequest(event, null);

    assertThat(response.getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
        .containsExactly(MESSAGE);
    assertThat(f.store.get(HandlerFixture.SUBMISSION).orElseThrow().status()).isEqualTo(SubmissionStatus.RECEIVED);
  }

  @ParameterizedTest
  @Event(value = "test-events/sqs-intake-dead-letter-last-attempt.json", type = SQSEvent.class)
  void deadLetter_lastAttemptStepFunctionsDown_storesFailedWithTheReasonWithoutRunningIntakeAgain(SQSEvent event) {
    HandlerFixture f = new HandlerFixture().withReadyWorkbook();
    StepFunctionsDown stepFunctions = new StepFunctionsDown(false);

    SQSBatchResponse response = handler(f, f.store, stepFunctions).handleRequest(event, null);

    assertThat(response.getBatchItemFailures()).isEmpty();
    assertThat(stepFunctions.starts).as("only the failure workflow was tried").hasValue(1);
    assertThat(f.store.get(HandlerFixture.SUBMISSION).orElseThrow()).satisfies(s -> {
      assertThat(s.status()).isEqualTo(SubmissionStatus.FAILED);
      assertThat(s.failure()).contains("RetriesExhausted").contains("DynamoDB unreachable after retries");
    });
  }

  @ParameterizedTest
  @Event(value = "test-events/sqs-intake-dead-letter-last-attempt.json", type = SQSEvent.class)
  void deadLetter_lastAttemptWithoutAWorkflow_startsTheFailureWorkflowToRecordAndAnnounceIt(SQSEvent event) {
    HandlerFixture f = new HandlerFixture().withReadyWorkbook();

    SQSBatchResponse response = handler(f, f.store, f.workflow).handleRequest(event, null);

    assertThat(response.getBatchItemFailures()).isEmpty();
    JsonNode input = PipelineJson.tree(f.workflow.started.get(HandlerFixture.SUBMISSION)
        .getBytes(StandardCharsets.UTF_8));
    assertThat(input.path("error").path("Error").asText()).isEqualTo("RetriesExhausted");
    assertThat(input.path("error").path("Cause").asText()).contains("DynamoDB unreachable after retries");
    assertThat(f.objects.get(HandlerFixture.BUCKET, WorkflowInput.parsedKey(HandlerFixture.SUBMISSION)))
        .as("intake did not run again").isEmpty();
  }

  @ParameterizedTest
  @Event(value = "test-events/sqs-intake-dead-letter-last-attempt.json", type = SQSEvent.class)
  void deadLetter_lastAttemptAfterTheWorkflowStarted_leavesTheVerdictToTheWorkflow(SQSEvent event) {
    // given: an earlier attempt started the workflow, then failed to record that it had
    HandlerFixture f = new HandlerFixture().withReadyWorkbook();
    AtomicInteger advances = new AtomicInteger();
    var advanceFailsOnce = new ForwardingSubmissionStore(f.store) {
      @Override
      public boolean advance(String submissionId, SubmissionStatus next, Instant at) {
        if (advances.getAndIncrement() == 0) {
          throw new StoreUnavailableException("DynamoDB unreachable (test)", null);
        }
        return super.advance(submissionId, next, at);
      }
    };
    handler(f, advanceFailsOnce, f.workflow).handleRequest(
        EventLoader.loadSQSEvent("test-events/sqs-intake-dead-letter.json"), null);

    // when
    SQSBatchResponse response = handler(f, advanceFailsOnce, f.workflow).handleRequest(event, null);

    // then
    assertThat(response.getBatchItemFailures()).isEmpty();
    assertThat(f.workflow.started).containsOnlyKeys(HandlerFixture.SUBMISSION);
    assertThat(f.store.get(HandlerFixture.SUBMISSION).orElseThrow().status()).isEqualTo(SubmissionStatus.EVALUATING);
  }

  @ParameterizedTest
  @Event(value = "test-events/sqs-intake-dead-letter-last-attempt.json", type = SQSEvent.class)
  void deadLetter_storeDownOnTheLastAttempt_isReportedBackNotDropped(SQSEvent event) {
    HandlerFixture f = new HandlerFixture().withReadyWorkbook();
    var storeDown = new ForwardingSubmissionStore(f.store) {
      @Override
      public Optional<Submission> get(String submissionId) {
        throw new StoreUnavailableException("DynamoDB unreachable (test)", null);
      }

      @Override
      public boolean create(Submission submission) {
        throw new StoreUnavailableException("DynamoDB unreachable (test)", null);
      }
    };

    SQSBatchResponse response = handler(f, storeDown, f.workflow).handleRequest(event, null);

    assertThat(response.getBatchItemFailures()).hasSize(1);
  }

  @ParameterizedTest
  @Event(value = "test-events/sqs-not-a-dead-letter.json", type = SQSEvent.class)
  void deadLetter_messageWithoutAnS3Event_isReportedBackNotDropped(SQSEvent event) {
    HandlerFixture f = new HandlerFixture();

    SQSBatchResponse response = handler(f, f.store, f.workflow).handleRequest(event, null);

    assertThat(response.getBatchItemFailures()).hasSize(1);
    assertThat(f.workflow.calls).isZero();
  }
}
