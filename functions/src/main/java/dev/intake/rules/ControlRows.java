package dev.intake.rules;

import dev.intake.checklist.Control;
import dev.intake.model.ControlResponse;
import dev.intake.model.Text;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The row that answers each control. When a control has several rows only the first counts (the
 * Self-Assessment check says so to the partner), so every rule must judge that same row.
 */
final class ControlRows {

  private ControlRows() {
  }

  /** The first row of each control the checklist has, in row order; unknown ids are left out. */
  static Map<Control, ControlResponse> first(RuleContext ctx) {
    Map<Control, ControlResponse> rows = new LinkedHashMap<>();
    for (ControlResponse r : ctx.assessment().controls()) {
      ctx.checklist().control(id(r)).ifPresent(c -> rows.putIfAbsent(c, r));
    }
    return rows;
  }

  static String id(ControlResponse r) {
    return Text.visible(r.controlId().text()).toUpperCase(Locale.ROOT);
  }
}
