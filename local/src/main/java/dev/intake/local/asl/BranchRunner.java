package dev.intake.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Runs Parallel branches or Map iterations concurrently, at most {@code limit} at a time, and
 * collects their outputs in order. The first failure stops the others (they are interrupted) and
 * becomes the failure of the whole, as in Step Functions.
 */
final class BranchRunner {

  /** Step Functions runs up to 40 inline Map iterations at once when MaxConcurrency is 0. */
  static final int DEFAULT_MAP_CONCURRENCY = 40;

  /** A unit of concurrent work: one branch or one iteration. */
  @FunctionalInterface
  interface Job {
    JsonNode run() throws StatesError, InterruptedException;
  }

  private record Indexed(int index, JsonNode value) {
  }

  private final ExecutorService pool;

  BranchRunner(ExecutorService pool) {
    this.pool = pool;
  }

  ArrayNode runAll(List<Job> jobs, int limit) throws StatesError, InterruptedException {
    CompletionService<Indexed> completion = new ExecutorCompletionService<>(pool);
    List<Future<Indexed>> futures = new ArrayList<>();
    JsonNode[] results = new JsonNode[jobs.size()];
    int submitted = 0;
    try {
      while (submitted < Math.min(Math.max(limit, 1), jobs.size())) {
        futures.add(completion.submit(indexed(jobs.get(submitted), submitted)));
        submitted++;
      }
      for (int done = 0; done < jobs.size(); done++) {
        Indexed result = outcome(completion.take());
        results[result.index()] = result.value();
        if (submitted < jobs.size()) {
          futures.add(completion.submit(indexed(jobs.get(submitted), submitted)));
          submitted++;
        }
      }
    } finally {
      futures.forEach(future -> future.cancel(true));
    }
    ArrayNode array = Json.NODES.arrayNode();
    for (JsonNode result : results) {
      array.add(result);
    }
    return array;
  }

  private static Callable<Indexed> indexed(Job job, int index) {
    return () -> new Indexed(index, job.run());
  }

  private static Indexed outcome(Future<Indexed> future) throws StatesError, InterruptedException {
    try {
      return future.get();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof StatesError error) {
        throw error;
      }
      if (cause instanceof InterruptedException interrupted) {
        throw interrupted;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw StatesError.runtime(cause.getClass().getName() + ": " + cause.getMessage());
    }
  }
}
