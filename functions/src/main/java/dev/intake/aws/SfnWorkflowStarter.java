package dev.intake.aws;

import dev.intake.pipeline.WorkflowStarter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;
import software.amazon.awssdk.services.sfn.model.ExecutionDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.StartExecutionResponse;

/**
 * Starts the Standard workflow with the submission id as the execution name.
 *
 * <p>What AWS does with a name it has seen (names are unique per state machine for 90 days after
 * the execution closes): while that execution is still running, a start with the same name and the
 * same input is idempotent and answers 200 with the existing execution's ARN and start date; with a
 * different input, or once the execution has closed, it fails with {@code ExecutionAlreadyExists}.
 * Either way no second execution starts. This returns false for {@code ExecutionAlreadyExists}, and
 * also for a 200 whose start date is clearly before this call (more than {@link #CLOCK_SKEW}
 * earlier) — the existing execution handed back. A duplicate within that margin of the first start
 * is reported as started: the only error this heuristic can make is that harmless one.
 */
public final class SfnWorkflowStarter implements WorkflowStarter {

  /** How far the service's clock and ours may disagree. */
  public static final Duration CLOCK_SKEW = Duration.ofSeconds(5);

  private static final Logger LOG = LoggerFactory.getLogger(SfnWorkflowStarter.class);

  private final SfnClient sfn;
  private final String stateMachineArn;
  private final String executionArnPrefix;
  private final Clock clock;

  public SfnWorkflowStarter(SfnClient sfn, String stateMachineArn, Clock clock) {
    this.sfn = Objects.requireNonNull(sfn, "sfn");
    this.stateMachineArn = Objects.requireNonNull(stateMachineArn, "stateMachineArn");
    this.executionArnPrefix = SfnExecutionHistory.executionArnPrefix(stateMachineArn);
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  public SfnWorkflowStarter(SfnClient sfn, String stateMachineArn) {
    this(sfn, stateMachineArn, Clock.systemUTC());
  }

  @Override
  public boolean start(String name, String inputJson) {
    Instant calledAt = clock.instant();
    try {
      StartExecutionResponse response = sfn.startExecution(b -> b
          .stateMachineArn(stateMachineArn)
          .name(name)
          .input(inputJson));
      Instant startDate = response.startDate();
      if (startDate != null && startDate.isBefore(calledAt.minus(CLOCK_SKEW))) {
        LOG.info("Execution {} already running since {}", name, startDate);
        return false;
      }
      return true;
    } catch (ExecutionAlreadyExistsException e) {
      LOG.info("Execution {} already exists", name);
      return false;
    } catch (SdkException e) {
      throw AwsFailures.translate("start execution " + name, e);
    }
  }

  @Override
  public boolean exists(String name) {
    try {
      sfn.describeExecution(b -> b.executionArn(executionArnPrefix + name));
      return true;
    } catch (ExecutionDoesNotExistException e) {
      return false;
    } catch (SdkException e) {
      throw AwsFailures.translate("describe execution " + name, e);
    }
  }
}
