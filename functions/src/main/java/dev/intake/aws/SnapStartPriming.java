package dev.intake.aws;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * SnapStart priming. Before Lambda snapshots an initialised function it calls this hook, which runs
 * the work its family's wiring registered: that family's own work on files bundled in its artifact,
 * without AWS calls, clients or credentials (parse for intake, the rules for the checks, the report
 * and the annotated copy for aggregate; see each wiring's {@code prime()}). The classes that work
 * needs are then loaded, initialised and compiled in the snapshot rather than on the first request
 * after a restore (BENCHMARKS.md measures what that buys). Outside SnapStart (no checkpoint is ever
 * taken) registering costs nothing more than a few classes.
 */
public final class SnapStartPriming implements Resource {

  /** org.crac keeps only a weak reference to a registered resource: the registered ones are held here. */
  private static final List<SnapStartPriming> HELD = new CopyOnWriteArrayList<>();
  private static final Set<String> REGISTERED = ConcurrentHashMap.newKeySet();

  private final Runnable work;

  private SnapStartPriming(Runnable work) {
    this.work = work;
  }

  /** Registers {@code work} with the global CRaC context, once per process for each {@code name}. */
  public static void register(String name, Runnable work) {
    if (REGISTERED.add(name)) {
      SnapStartPriming priming = new SnapStartPriming(work);
      HELD.add(priming);
      Core.getGlobalContext().register(priming);
    }
  }

  @Override
  public void beforeCheckpoint(Context<? extends Resource> context) {
    work.run();
  }

  @Override
  public void afterRestore(Context<? extends Resource> context) {
    // nothing to refresh: priming holds no connection, clock reading or credential
  }
}
