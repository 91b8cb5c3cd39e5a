package dev.intake.aws;

import dev.intake.api.ExecutionHistory;
import dev.intake.pipeline.StoreUnavailableException;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.GetExecutionHistoryRequest;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;

/** The Step Functions execution history of a submission (the execution is named after it). */
public final class SfnExecutionHistory implements ExecutionHistory {

  private static final int MAX_EVENTS = 500;

  private final SfnClient sfn;
  private final String executionArnPrefix;

  public SfnExecutionHistory(SfnClient sfn, String stateMachineArn) {
    this.sfn = sfn;
    this.executionArnPrefix = executionArnPrefix(stateMachineArn);
  }

  /**
   * What an execution's ARN starts with, its name to follow:
   * arn:aws:states:REGION:ACCOUNT:stateMachine:NAME → arn:aws:states:REGION:ACCOUNT:execution:NAME:
   */
  static String executionArnPrefix(String stateMachineArn) {
    return stateMachineArn.replace(":stateMachine:", ":execution:") + ":";
  }

  @Override
  public List<Event> events(String submissionId) {
    List<Event> out = new ArrayList<>();
    try {
      for (HistoryEvent e : sfn.getExecutionHistoryPaginator(GetExecutionHistoryRequest.builder()
          .executionArn(executionArnPrefix + submissionId).includeExecutionData(false).build()).events()) {
        out.add(new Event(e.timestamp(), e.typeAsString(), state(e), detail(e)));
        if (out.size() >= MAX_EVENTS) {
          break;
        }
      }
    } catch (ExecutionDoesNotExistException e) {
      return List.of();
    } catch (SdkException e) {
      throw new StoreUnavailableException("Step Functions history unavailable", e);
    }
    return out;
  }

  private static String state(HistoryEvent e) {
    if (e.stateEnteredEventDetails() != null) {
      return e.stateEnteredEventDetails().name();
    }
    if (e.stateExitedEventDetails() != null) {
      return e.stateExitedEventDetails().name();
    }
    return null;
  }

  private static String detail(HistoryEvent e) {
    if (e.taskFailedEventDetails() != null) {
      return e.taskFailedEventDetails().error() + ": " + e.taskFailedEventDetails().cause();
    }
    if (e.executionFailedEventDetails() != null) {
      return e.executionFailedEventDetails().error() + ": " + e.executionFailedEventDetails().cause();
    }
    if (e.lambdaFunctionFailedEventDetails() != null) {
      return e.lambdaFunctionFailedEventDetails().error();
    }
    return null;
  }
}
