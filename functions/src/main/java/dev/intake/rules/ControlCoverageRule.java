package dev.intake.rules;

import dev.intake.checklist.Control;
import dev.intake.checklist.Coverage;
import dev.intake.model.CaseStudy;
import dev.intake.model.ControlResponse;
import dev.intake.model.Finding;
import dev.intake.model.Text;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The controls the checklist asks to see in the case studies (in 4.0: DOC-001, EXCRI-001, PRIAC-001
 * and PRJ-004 in every one, PRMLO-003 in at least two, ACCT, OPE, NETSEC, REL, COST and PRMLO-002 in
 * at least one; the checklist data says which). The Self-Assessment's "Case studies" column says
 * which case studies show each. A waived control needs none.
 */
final class ControlCoverageRule implements Rule {

  @Override public String id() {
    return "control-coverage";
  }

  @Override public RuleGroup group() {
    return RuleGroup.PREREQUISITES;
  }

  @Override public List<Finding> evaluate(RuleContext ctx) {
    Findings out = new Findings(ctx, id());
    Set<Integer> submitted = ctx.assessment().caseStudies().stream()
        .map(CaseStudy::number)
        .collect(Collectors.toCollection(TreeSet::new));
    boolean waived = ctx.waiver().waived();
    for (Map.Entry<Control, ControlResponse> e : ControlRows.first(ctx).entrySet()) {
      Control c = e.getKey();
      ControlResponse r = e.getValue();
      if (c.coverage() instanceof Coverage.None || waived && c.waivable()) {
        continue;
      }
      CaseStudyRefs refs = CaseStudyRefs.parse(r.caseStudies().text());
      Findings about = out.about(Subjects.control(c.id(), "case studies"));
      Set<Integer> named = refs.all() ? submitted : new TreeSet<>(refs.numbers());
      Set<Integer> unknown = new TreeSet<>(named);
      unknown.removeAll(submitted);
      named.retainAll(submitted);
      if (!unknown.isEmpty() || !refs.unreadable().isEmpty()) {
        String what = !unknown.isEmpty() ? "case stud" + (unknown.size() == 1 ? "y " : "ies ") + join(unknown)
            + ", which the Case Studies sheet does not have" : Text.quote(String.join(", ", refs.unreadable()));
        about.warning(c, c.id() + " names " + what + ".",
            "List case studies by their # in the Case Studies sheet, e.g. '1, 3'.", r.caseStudies());
      }
      if (c.coverage() instanceof Coverage.Every) {
        Set<Integer> missing = new TreeSet<>(submitted);
        missing.removeAll(named);
        if (!missing.isEmpty()) {
          about.blocker(c, c.id() + " (" + c.title() + ") must be met by every case study; "
              + (named.isEmpty() ? "none is listed" : "case stud" + (missing.size() == 1 ? "y " : "ies ")
              + join(missing) + (missing.size() == 1 ? " is" : " are") + " not listed") + ".",
              "Provide " + c.id() + " evidence for every case study and list them all (e.g. '"
                  + join(submitted) + "').", r.caseStudies());
        }
      } else if (c.coverage() instanceof Coverage.AtLeast least && named.size() < least.count()) {
        about.blocker(c, c.id() + " (" + c.title() + ") must be met by at least " + least.count()
            + " case stud" + (least.count() == 1 ? "y" : "ies") + "; "
            + (named.isEmpty() ? "none is listed" : "only " + join(named) + (named.size() == 1 ? " is" : " are")
            + " listed") + ".",
            "Describe how " + c.id() + " was implemented in " + least.count() + " of the case studies and list"
                + " their numbers.", r.caseStudies());
      }
    }
    return out.list();
  }

  private static String join(Set<Integer> numbers) {
    return numbers.stream().map(String::valueOf).collect(Collectors.joining(", "));
  }
}
