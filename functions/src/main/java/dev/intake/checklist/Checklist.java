package dev.intake.checklist;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A version of the validation checklist: its prerequisites, controls and parameters. */
public record Checklist(
    String competency,
    String document,
    String version,
    String published,
    Parameters parameters,
    List<Prerequisite> prerequisites,
    List<Control> controls) {

  public Checklist {
    prerequisites = List.copyOf(prerequisites);
    controls = List.copyOf(controls);
  }

  /** The checklist the product evaluates against today. */
  public static Checklist current() {
    return ChecklistLoader.CURRENT;
  }

  public Optional<Control> control(String id) {
    String wanted = id.strip();
    for (Control c : controls) {
      if (c.id().equalsIgnoreCase(wanted)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  public Optional<Prerequisite> prerequisite(String id) {
    return prerequisites.stream().filter(p -> p.id().equals(id)).findFirst();
  }

  /** Controls keyed by id, in checklist order. */
  public Map<String, Control> controlsById() {
    Map<String, Control> byId = new LinkedHashMap<>();
    controls.forEach(c -> byId.put(c.id(), c));
    return byId;
  }
}
