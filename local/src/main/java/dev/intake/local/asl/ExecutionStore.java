package dev.intake.local.asl;

import java.util.List;
import java.util.Optional;

/**
 * Keeps executions so that describe, history and idempotent starts outlive the runner. The runner
 * saves a record when an execution starts (or resumes) and when it ends. Implementations are
 * thread-safe.
 */
public interface ExecutionStore {

  void save(ExecutionRecord record);

  Optional<ExecutionRecord> find(String name);

  List<ExecutionRecord> all();
}
