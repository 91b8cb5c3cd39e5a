package dev.intake.local.asl;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** A parsed machine: the top level, a Parallel branch or a Map's item processor. */
record StateMachine(String startAt, Map<String, State> states) {

  StateMachine {
    states = Collections.unmodifiableMap(new LinkedHashMap<>(states));
  }

  State state(String name) {
    State state = states.get(name);
    if (state == null) {
      throw new IllegalStateException("no state " + name);
    }
    return state;
  }
}
