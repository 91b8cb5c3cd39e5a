package dev.intake.rules;

import dev.intake.checklist.Control;
import dev.intake.model.ControlResponse;
import dev.intake.model.Text;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
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
    Map<String, Control> byId = byAsciiId(ctx.checklist().controls());
    Map<Control, ControlResponse> rows = new LinkedHashMap<>();
    for (ControlResponse r : ctx.assessment().controls()) {
      String id = id(r);
      Control c = byId != null && Text.ascii(id) ? byId.get(id)
          : ctx.checklist().control(id).orElse(null);
      if (c != null) {
        rows.putIfAbsent(c, r);
      }
    }
    return rows;
  }

  /**
   * The controls by their id in upper case, the first of each id kept, when every id is ASCII; else
   * null. For an ASCII id in upper case (as {@link #id} gives) a look-up finds what
   * {@link dev.intake.checklist.Checklist#control} finds (the first control whose id is equal ignoring
   * case) without comparing it with every control; a non-ASCII one can equal an ASCII id ignoring case
   * (a dotless i is an I), so it takes that method.
   */
  private static Map<String, Control> byAsciiId(List<Control> controls) {
    Map<String, Control> byId = new HashMap<>();
    for (Control c : controls) {
      if (!Text.ascii(c.id())) {
        return null;
      }
      byId.putIfAbsent(c.id().toUpperCase(Locale.ROOT), c);
    }
    return byId;
  }

  static String id(ControlResponse r) {
    return Text.visible(r.controlId().text()).toUpperCase(Locale.ROOT);
  }
}
