package dev.intake.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs executions of one state machine definition in this process, like a Standard workflow:
 * started by name (idempotently), run asynchronously, described and their history listed while
 * running and after. With a persistent {@link ExecutionStore}, executions that were running when
 * the process stopped are re-run from the start by {@link #resumeIncomplete()}.
 */
public final class StepFunctionsRunner implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(StepFunctionsRunner.class);
  private static final Pattern INVALID_NAME = Pattern.compile("[\\s<>{}\\[\\]?*\"#%\\\\^|~`$&,;:/\\p{Cntrl}]");
  private static final int MAX_NAME = 80;

  private final StateMachineDefinition definition;
  private final ExecutionStore store;
  private final Clock clock;
  private final String machineName;
  private final ExecutorService executions;
  private final ExecutorService branches;
  private final Interpreter interpreter;
  private final Map<String, Entry> entries = new HashMap<>();
  private volatile boolean closing;

  /** One execution as the runner tracks it. */
  private static final class Entry {
    private final String name;
    private final JsonNode input;
    private final Instant startDate;
    private final HistoryRecorder history;
    private final CompletableFuture<ExecutionDescription> done = new CompletableFuture<>();
    private volatile ExecutionDescription description;
    private boolean scheduled;

    Entry(ExecutionDescription description, HistoryRecorder history) {
      this.name = description.name();
      this.input = description.input();
      this.startDate = description.startDate();
      this.history = history;
      this.description = description;
      if (description.status() != ExecutionStatus.RUNNING) {
        done.complete(description);
      }
    }
  }

  private StepFunctionsRunner(Builder builder) {
    builder.registry.checkCovers(builder.definition);
    this.definition = builder.definition;
    this.store = builder.store;
    this.clock = builder.clock;
    this.machineName = builder.stateMachineName;
    this.executions = Executors.newFixedThreadPool(builder.executionThreads, daemonThreads("asl-execution-"));
    this.branches = Executors.newCachedThreadPool(daemonThreads("asl-branch-"));
    this.interpreter = new Interpreter(new TaskInvoker(builder.registry, branches), new BranchRunner(branches),
        builder.sleeper, builder.clock, builder.random);
    for (ExecutionRecord record : store.all()) {
      entries.put(record.name(), new Entry(record.description(), new HistoryRecorder(clock, record.history())));
    }
  }

  public static Builder builder(StateMachineDefinition definition, TaskRegistry registry) {
    return new Builder(definition, registry);
  }

  /**
   * Starts an execution named {@code name}. Starting a name again with an equal input returns the
   * existing execution with {@code started} false and runs nothing, whether it is running or ended
   * (an execution loaded as RUNNING from the store runs again only through
   * {@link #resumeIncomplete()}).
   *
   * @throws ExecutionAlreadyExistsException the name exists with a different input
   * @throws IllegalArgumentException the name is not a valid execution name
   */
  public StartResult startExecution(String name, JsonNode input) {
    checkName(name);
    JsonNode canonical = Json.canonical(input == null ? Json.object() : input);
    Entry entry;
    synchronized (entries) {
      Entry existing = entries.get(name);
      if (existing != null) {
        if (!existing.input.equals(canonical)) {
          throw new ExecutionAlreadyExistsException(name);
        }
        return new StartResult(name, executionArn(name), existing.startDate, false);
      }
      Instant now = clock.instant();
      HistoryRecorder history = new HistoryRecorder(clock, List.of());
      history.record(HistoryEventType.EXECUTION_STARTED, null, "");
      entry = new Entry(new ExecutionDescription(name, ExecutionStatus.RUNNING, canonical, null, null, null, now, null),
          history);
      store.save(record(entry));
      entries.put(name, entry);
      entry.scheduled = true;
    }
    executions.execute(() -> run(entry));
    return new StartResult(name, executionArn(name), entry.startDate, true);
  }

  /**
   * Re-runs from the start every stored execution that is RUNNING but not running in this process
   * (it was interrupted by a stop or crash); the tasks are idempotent. Call it once the task
   * handlers' own dependencies are up.
   *
   * @return the names of the executions resumed, oldest first
   */
  public List<String> resumeIncomplete() {
    List<Entry> resumed = new ArrayList<>();
    synchronized (entries) {
      for (Entry entry : entries.values()) {
        if (!entry.scheduled && entry.description.status() == ExecutionStatus.RUNNING) {
          entry.scheduled = true;
          entry.history.record(HistoryEventType.EXECUTION_RESUMED, null, "re-running from the start");
          store.save(record(entry));
          resumed.add(entry);
        }
      }
    }
    resumed.sort(Comparator.comparing(entry -> entry.startDate));
    resumed.forEach(entry -> executions.execute(() -> run(entry)));
    return resumed.stream().map(entry -> entry.name).toList();
  }

  public Optional<ExecutionDescription> describe(String name) {
    return entry(name).map(entry -> entry.description);
  }

  /** The ordered history of an execution; empty when there is no such execution. */
  public List<HistoryEvent> history(String name) {
    return entry(name).map(entry -> entry.history.snapshot()).orElse(List.of());
  }

  /** Every known execution, oldest first. */
  public List<ExecutionDescription> list() {
    synchronized (entries) {
      return entries.values().stream().map(entry -> entry.description)
          .sorted(Comparator.comparing(ExecutionDescription::startDate)).toList();
    }
  }

  /**
   * Waits until the execution has SUCCEEDED or FAILED.
   *
   * @throws NoSuchElementException there is no such execution
   * @throws TimeoutException it is still running after {@code timeout}
   */
  public ExecutionDescription awaitCompletion(String name, Duration timeout)
      throws InterruptedException, TimeoutException {
    Entry entry = entry(name).orElseThrow(() -> new NoSuchElementException("no execution named " + name));
    try {
      return entry.done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new IllegalStateException("execution " + name + " ended abnormally", e.getCause());
    }
  }

  public String executionArn(String name) {
    return "arn:aws:states:local:000000000000:execution:" + machineName + ":" + name;
  }

  /**
   * Stops the runner. Executions still running are interrupted and stay RUNNING in the store, so a
   * runner built on the same store resumes them.
   */
  @Override
  public void close() {
    closing = true;
    executions.shutdownNow();
    branches.shutdownNow();
    try {
      if (!executions.awaitTermination(5, TimeUnit.SECONDS)) {
        LOG.warn("Some executions did not stop within 5 seconds");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void run(Entry entry) {
    Interpreter.Execution execution = new Interpreter.Execution(executionArn(entry.name), entry.name, entry.input,
        entry.startDate, "arn:aws:states:local:000000000000:stateMachine:" + machineName, machineName, entry.history);
    ExecutionDescription end;
    try {
      JsonNode output = interpreter.run(definition.machine(), entry.input, execution, "");
      entry.history.record(HistoryEventType.EXECUTION_SUCCEEDED, null, "");
      end = ended(entry, ExecutionStatus.SUCCEEDED, output, null, null);
    } catch (StatesError e) {
      entry.history.record(HistoryEventType.EXECUTION_FAILED, null, Interpreter.describeFailure(e));
      end = ended(entry, ExecutionStatus.FAILED, null, e.error(), e.cause());
    } catch (InterruptedException e) {
      if (!closing) {
        LOG.warn("Execution {} was interrupted; it stays RUNNING until resumed", entry.name);
      }
      return;
    } catch (RuntimeException | Error e) {
      LOG.error("Execution {} failed inside the runner", entry.name, e);
      entry.history.record(HistoryEventType.EXECUTION_FAILED, null, StatesError.RUNTIME + ": " + e);
      end = ended(entry, ExecutionStatus.FAILED, null, StatesError.RUNTIME, e.toString());
    }
    if (closing && end.status() == ExecutionStatus.FAILED) {
      // A handler that swallowed the shutdown interrupt fails for that reason, not on its merits:
      // leave the execution RUNNING so that the next runner re-runs it.
      LOG.info("Execution {} ended during shutdown; it stays RUNNING until resumed", entry.name);
      return;
    }
    entry.description = end;
    try {
      store.save(record(entry));
    } catch (RuntimeException e) {
      LOG.error("Could not save the end of execution {}", entry.name, e);
    }
    entry.done.complete(end);
  }

  private ExecutionDescription ended(Entry entry, ExecutionStatus status, JsonNode output, String error,
      String cause) {
    return new ExecutionDescription(entry.name, status, entry.input, output, error, cause, entry.startDate,
        clock.instant());
  }

  private static ExecutionRecord record(Entry entry) {
    return new ExecutionRecord(entry.description, entry.history.snapshot());
  }

  private Optional<Entry> entry(String name) {
    synchronized (entries) {
      return Optional.ofNullable(entries.get(name));
    }
  }

  private static void checkName(String name) {
    if (name == null || name.isEmpty() || name.length() > MAX_NAME || INVALID_NAME.matcher(name).find()) {
      throw new IllegalArgumentException("Invalid execution name '" + name + "': 1 to 80 characters, without"
          + " whitespace, control characters or any of < > { } [ ] ? * \" # % \\ ^ | ~ ` $ & , ; : /");
    }
  }

  private static ThreadFactory daemonThreads(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  /** Configures a runner; every setting but the definition and registry has a default. */
  public static final class Builder {

    private final StateMachineDefinition definition;
    private final TaskRegistry registry;
    private ExecutionStore store = new InMemoryExecutionStore();
    private Clock clock = Clock.systemUTC();
    private Sleeper sleeper = Sleeper.real();
    private Random random = new Random();
    private String stateMachineName = "StateMachine";
    private int executionThreads = 8;

    private Builder(StateMachineDefinition definition, TaskRegistry registry) {
      this.definition = Objects.requireNonNull(definition);
      this.registry = Objects.requireNonNull(registry);
    }

    /** Where executions are kept; default in memory. */
    public Builder store(ExecutionStore store) {
      this.store = Objects.requireNonNull(store);
      return this;
    }

    /** The clock of history timestamps, context times and Wait timestamps; default system UTC. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock);
      return this;
    }

    /** Performs Retry backoff and Wait states; default {@link Sleeper#real()}. */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper);
      return this;
    }

    /** Source of retry jitter, States.MathRandom and States.UUID. */
    public Builder random(Random random) {
      this.random = Objects.requireNonNull(random);
      return this;
    }

    /** The name in the context object and in execution ARNs; default "StateMachine". */
    public Builder stateMachineName(String stateMachineName) {
      this.stateMachineName = Objects.requireNonNull(stateMachineName);
      return this;
    }

    /** How many executions run at once; more wait their turn as RUNNING. Default 8. */
    public Builder executionThreads(int executionThreads) {
      if (executionThreads < 1) {
        throw new IllegalArgumentException("executionThreads must be positive");
      }
      this.executionThreads = executionThreads;
      return this;
    }

    /**
     * Builds the runner and loads the store's executions (resume RUNNING ones with
     * {@link StepFunctionsRunner#resumeIncomplete()}).
     *
     * @throws DefinitionException a Task of the definition has no handler in the registry
     */
    public StepFunctionsRunner build() {
      return new StepFunctionsRunner(this);
    }
  }
}
