package dev.intake.handlers;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import dev.intake.parsing.WorkbookParser;
import dev.intake.pipeline.AsOfPolicy;
import dev.intake.pipeline.IntakeService;
import dev.intake.pipeline.PipelineMetrics;
import dev.intake.pipeline.StoreUnavailableException;
import dev.intake.pipeline.Submission;
import dev.intake.pipeline.SubmissionStatus;
import dev.intake.pipeline.WorkflowStarter;
import dev.intake.testing.ForwardingSubmissionStore;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;

/** The intake dead-letter queue's consumer: re-drive, retry later, or store FAILED — never drop. */
class DeadLetterHandlerTest {

  private static final int ATTEMPTS = 5;
  private static final WorkflowStarter STEP_FUNCTIONS_DOWN = (name, json) -> {
    throw new IllegalStateException("Step Functions unavailable (test)");
  };

  private static DeadLetterHandler handler(HandlerFixture f, WorkflowStarter workflow) {
    return new DeadLetterHandler(new IntakeService(f.store, f.objects, workflow, new WorkbookParser(),
        AsOfPolicy.uploadDay(), f.clock, PipelineMetrics.NONE), ATTEMPTS);
  }

  @ParameterizedTest
  @Event(value = "test-events/sqs-intake-dead-letter.json", type = SQSEvent.class)
  void deadLetter_intakeWorksAgain_startsTheWorkflowAndSettlesTheMessage(SQSEvent event) {
    HandlerFixture f = new HandlerFixture().withReadyWorkbook();

    SQSBatchResponse response = handler(f, f.workflow).handleRequest(event, null);

    assertThat(response.getBatchItemFailures()).isEmpty();
    assertThat(f.workflow.started).containsOnlyKeys(HandlerFixture.SUBMISSION);
    assertThat(f.store.get(HandlerFixture.SUBMISSION).orElseThrow().status()).isEqualTo(SubmissionStatus.EVALUATING);
  }

  @ParameterizedTest
  @Event(value = "test-events/sqs-intake-dead-letter.json", type = SQSEvent.class)
  void deadLetter_intakeStillFailingBeforeTheLastAttempt_isReportedBackForALaterTry(SQSEvent event) {
    HandlerFixture f = new HandlerFixture().withReadyWorkbook();

    SQSBatchResponse response = handler(f, STEP_FUNCTIONS_DOWN).handleRequest(event, null);

    assertThat(response.getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
        .containsExactly("9d7c1f1e-3b5a-4a51-9a7e-2f0c6d1b8e01");
    assertThat(f.store.get(HandlerFixture.SUBMISSION).orElseThrow().status()).isEqualTo(SubmissionStatus.RECEIVED);
  }

  @ParameterizedTest
  @Event(value = "test-events/sqs-intake-dead-letter-last-attempt.json", type = SQSEvent.class)
  void deadLetter_intakeStillFailingOnTheLastAttempt_storesFailedWithTheReason(SQSEvent event) {
    HandlerFixture f = new HandlerFixture().withReadyWorkbook();

    SQSBatchResponse response = handler(f, STEP_FUNCTIONS_DOWN).handleRequest(event, null);

    assertThat(response.getBatchItemFailures()).isEmpty();
    assertThat(f.store.get(HandlerFixture.SUBMISSION).orElseThrow()).satisfies(s -> {
      assertThat(s.status()).isEqualTo(SubmissionStatus.FAILED);
      assertThat(s.failure()).contains("RetriesExhausted").contains("DynamoDB unreachable after retries")
          .contains("Upload the file again");
    });
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
    DeadLetterHandler handler = new DeadLetterHandler(new IntakeService(storeDown, f.objects, f.workflow,
        new WorkbookParser(), AsOfPolicy.uploadDay(), f.clock, PipelineMetrics.NONE), ATTEMPTS);

    SQSBatchResponse response = handler.handleRequest(event, null);

    assertThat(response.getBatchItemFailures()).hasSize(1);
  }

  @ParameterizedTest
  @Event(value = "test-events/sqs-not-a-dead-letter.json", type = SQSEvent.class)
  void deadLetter_messageWithoutAnS3Event_isReportedBackNotDropped(SQSEvent event) {
    HandlerFixture f = new HandlerFixture();

    SQSBatchResponse response = handler(f, f.workflow).handleRequest(event, null);

    assertThat(response.getBatchItemFailures()).hasSize(1);
    assertThat(f.workflow.calls).isZero();
  }
}
