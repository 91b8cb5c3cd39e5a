package dev.intake.local.asl;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Keeps executions for the life of the process only. */
public final class InMemoryExecutionStore implements ExecutionStore {

  private final Map<String, ExecutionRecord> records = new ConcurrentHashMap<>();

  @Override
  public void save(ExecutionRecord record) {
    records.put(record.name(), record);
  }

  @Override
  public Optional<ExecutionRecord> find(String name) {
    return Optional.ofNullable(records.get(name));
  }

  @Override
  public List<ExecutionRecord> all() {
    return List.copyOf(records.values());
  }
}
