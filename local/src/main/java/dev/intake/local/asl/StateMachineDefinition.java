package dev.intake.local.asl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * A loaded and validated state machine definition in the subset this runner implements (see the
 * package documentation). Loading never succeeds for a definition that uses anything the runner
 * would not execute as Step Functions does.
 */
public final class StateMachineDefinition {

  private final StateMachine machine;

  private StateMachineDefinition(StateMachine machine) {
    this.machine = machine;
  }

  /** Loads a definition without placeholders. */
  public static StateMachineDefinition load(String aslJson) {
    return load(aslJson, Map.of());
  }

  /**
   * Replaces every {@code ${Name}} by {@code substitutions.get(Name)} (as CDK definitionSubstitutions
   * do), parses the JSON and validates it.
   *
   * @throws DefinitionException naming the state and field that are invalid or not supported, or
   *     the placeholders that have no value
   */
  public static StateMachineDefinition load(String aslJson, Map<String, String> substitutions) {
    String text = Substitutions.apply(aslJson, substitutions);
    JsonNode json;
    try {
      json = Json.parse(text);
    } catch (JsonProcessingException e) {
      throw new DefinitionException("State machine: not valid JSON: " + e.getOriginalMessage(), e);
    }
    return new StateMachineDefinition(DefinitionParser.parse(json));
  }

  public String startAt() {
    return machine.startAt();
  }

  /** The names of the top-level states, in definition order. */
  public List<String> stateNames() {
    return List.copyOf(machine.states().keySet());
  }

  /** The Resource of every Task state, nested ones included, in definition order. */
  public List<String> taskResources() {
    List<String> resources = new ArrayList<>();
    tasks(machine).forEach(task -> resources.add(task.resourceText()));
    return Collections.unmodifiableList(resources);
  }

  StateMachine machine() {
    return machine;
  }

  /** Every Task state of the machine, nested ones included. */
  List<State.Task> tasks() {
    return tasks(machine);
  }

  private static List<State.Task> tasks(StateMachine machine) {
    List<State.Task> tasks = new ArrayList<>();
    for (State state : machine.states().values()) {
      if (state instanceof State.Task task) {
        tasks.add(task);
      } else if (state instanceof State.Parallel parallel) {
        parallel.branches().forEach(branch -> tasks.addAll(tasks(branch)));
      } else if (state instanceof State.Map map) {
        tasks.addAll(tasks(map.processor()));
      }
    }
    return tasks;
  }
}
