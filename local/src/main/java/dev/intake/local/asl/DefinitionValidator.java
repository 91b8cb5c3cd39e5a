package dev.intake.local.asl;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks the graph of one machine: StartAt and every transition name a state of the same machine,
 * every state is reachable from StartAt, and the machine can end.
 */
final class DefinitionValidator {

  private DefinitionValidator() {
  }

  static void validate(StateMachine machine, String where) {
    if (!machine.states().containsKey(machine.startAt())) {
      throw new DefinitionException(where + ": StartAt '" + machine.startAt() + "' is not one of its states");
    }
    for (State state : machine.states().values()) {
      for (String target : targets(state)) {
        if (!machine.states().containsKey(target)) {
          throw new DefinitionException("State '" + state.name() + "': transition to '" + target
              + "', which is not a state of the same machine");
        }
      }
    }
    Set<String> reached = new LinkedHashSet<>();
    Deque<String> pending = new ArrayDeque<>(List.of(machine.startAt()));
    while (!pending.isEmpty()) {
      String name = pending.pop();
      if (reached.add(name)) {
        pending.addAll(targets(machine.state(name)));
      }
    }
    for (String name : machine.states().keySet()) {
      if (!reached.contains(name)) {
        throw new DefinitionException("State '" + name + "' is not reachable from StartAt '" + machine.startAt() + "'");
      }
    }
    if (machine.states().values().stream().noneMatch(DefinitionValidator::terminal)) {
      throw new DefinitionException(where + ": has no terminal state (End: true, Succeed or Fail)");
    }
  }

  static List<String> targets(State state) {
    List<String> targets = new ArrayList<>();
    if (state instanceof State.Choice choice) {
      choice.choices().forEach(branch -> targets.add(branch.next()));
      if (choice.defaultNext() != null) {
        targets.add(choice.defaultNext());
      }
      return targets;
    }
    String next = next(state);
    if (next != null) {
      targets.add(next);
    }
    State.Errors errors = errors(state);
    errors.catchers().forEach(catcher -> targets.add(catcher.next()));
    return targets;
  }

  private static boolean terminal(State state) {
    return state instanceof State.Succeed || state instanceof State.Fail
        || !(state instanceof State.Choice) && next(state) == null;
  }

  private static String next(State state) {
    if (state instanceof State.Pass pass) {
      return pass.next();
    }
    if (state instanceof State.Task task) {
      return task.next();
    }
    if (state instanceof State.Wait wait) {
      return wait.next();
    }
    if (state instanceof State.Parallel parallel) {
      return parallel.next();
    }
    if (state instanceof State.Map map) {
      return map.next();
    }
    return null;
  }

  private static State.Errors errors(State state) {
    if (state instanceof State.Task task) {
      return task.errors();
    }
    if (state instanceof State.Parallel parallel) {
      return parallel.errors();
    }
    if (state instanceof State.Map map) {
      return map.errors();
    }
    return State.Errors.NONE;
  }
}
