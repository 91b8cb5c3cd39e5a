package dev.intake.testing;

import dev.intake.pipeline.WorkflowStarter;
import java.util.LinkedHashMap;
import java.util.Map;

/** A fake of Step Functions' StartExecution: idempotent by name, like the real service. */
public final class RecordingWorkflowStarter implements WorkflowStarter {

  public final Map<String, String> started = new LinkedHashMap<>();
  public int calls;

  @Override public synchronized boolean start(String name, String inputJson) {
    calls++;
    String previous = started.putIfAbsent(name, inputJson);
    if (previous != null && !previous.equals(inputJson)) {
      throw new IllegalStateException("ExecutionAlreadyExists: " + name + " with different input");
    }
    return previous == null;
  }

  @Override public synchronized boolean exists(String name) {
    return started.containsKey(name);
  }
}
