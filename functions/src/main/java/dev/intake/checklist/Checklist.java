package dev.intake.checklist;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A version of the validation checklist, as data: its prerequisites, controls, parameters,
 * certifications, waiver, and for every rule of the code the item it cites and the sentence it
 * enforces.
 *
 * @param text the repository path of the checklist's full text, which every quote is taken from
 */
public record Checklist(
    String competency,
    String document,
    String version,
    String published,
    String text,
    Parameters parameters,
    List<CertificationRequirement> certifications,
    WaiverTerms waiver,
    List<Prerequisite> prerequisites,
    List<RuleEntry> rules,
    List<Control> controls) {

  public Checklist {
    certifications = List.copyOf(certifications);
    prerequisites = List.copyOf(prerequisites);
    rules = List.copyOf(rules);
    controls = List.copyOf(controls);
  }

  /** The checklist the product evaluates against today. */
  public static Checklist current() {
    return ChecklistLoader.CURRENT;
  }

  /**
   * The checklist of a version, for rendering a report made against it (its quotes): the current one,
   * or {@code checklists/devops-competency-<version>.json} on the class path.
   */
  public static Optional<Checklist> forVersion(String version) {
    return ChecklistLoader.forVersion(version);
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

  public Optional<RuleEntry> rule(String id) {
    return rules.stream().filter(r -> r.id().equals(id)).findFirst();
  }

  /** The item a rule's findings cite; the rule must be in this checklist. */
  public String ref(String ruleId) {
    return rule(ruleId).map(RuleEntry::ref)
        .orElseThrow(() -> new IllegalArgumentException("checklist " + version + " has no rule '" + ruleId + "'"));
  }

  /**
   * The sentence a finding rests on: its rule's, else that of the control or prerequisite it cites
   * (a control-coverage finding quotes its control; a note about the file quotes 3.1).
   */
  public Optional<Quote> quote(String ruleId, String citedRef) {
    Optional<RuleEntry> rule = rule(ruleId);
    if (rule.isPresent() && !rule.get().quote().isEmpty()) {
      return Optional.of(new Quote(rule.get().quoteRef(), rule.get().quote()));
    }
    Optional<Control> control = control(citedRef);
    if (control.isPresent()) {
      return control.get().quote().isEmpty() ? Optional.empty()
          : Optional.of(new Quote(control.get().id(), control.get().quote()));
    }
    return prerequisite(citedRef).map(p -> new Quote(p.id(), p.quote()));
  }

  /** Controls keyed by id, in checklist order. */
  public Map<String, Control> controlsById() {
    Map<String, Control> byId = new LinkedHashMap<>();
    controls.forEach(c -> byId.put(c.id(), c));
    return byId;
  }

  /** Every certification name the checklist counts, in its order (successors included). */
  public List<String> certificationNames() {
    return certifications.stream().flatMap(c -> c.accepted().stream()).map(AcceptedCertification::name).toList();
  }

  /**
   * The id prefixes of the waivable controls, in checklist order ({@code POV}, {@code PRJ}, {@code CSN}
   * in 4.0): how messages and the template name the waived rows.
   */
  public List<String> waivablePrefixes() {
    return controls.stream().filter(Control::waivable)
        .map(c -> c.id().contains("-") ? c.id().substring(0, c.id().indexOf('-')) : c.id())
        .distinct().toList();
  }
}
