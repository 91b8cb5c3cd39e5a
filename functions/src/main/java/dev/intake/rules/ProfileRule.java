package dev.intake.rules;

import dev.intake.model.CellValue;
import dev.intake.model.Finding;
import dev.intake.model.ProfileField;
import dev.intake.model.Text;
import java.math.BigDecimal;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The partner profile identifies the submission: name, partner ID (matching the upload folder),
 * contact e-mail and the checklist version the workbook was made for.
 */
final class ProfileRule implements Rule {

  private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

  @Override public String id() {
    return "partner-profile";
  }

  @Override public RuleGroup group() {
    return RuleGroup.PREREQUISITES;
  }

  @Override public List<Finding> evaluate(RuleContext ctx) {
    Findings out = new Findings(ctx, id());
    var profile = ctx.assessment().profile();
    CellValue name = profile.get(ProfileField.PARTNER_NAME);
    if (name.isBlank()) {
      out.about(Subjects.profile(ProfileField.PARTNER_NAME))
          .warning("'Partner name' is blank.", "Enter the partner's legal name as in AWS Partner Central.",
          name);
    }
    CellValue id = profile.get(ProfileField.PARTNER_ID);
    Findings aboutId = out.about(Subjects.profile(ProfileField.PARTNER_ID));
    if (id.isBlank()) {
      aboutId.warning("'Partner ID' is blank.", "Enter the partner ID shown in AWS Partner Central.", id);
    } else if (!ctx.uploadedPartnerId().isEmpty()
        && !Text.key(id.text()).equals(Text.key(ctx.uploadedPartnerId()))) {
      aboutId.warning("'Partner ID' is " + Text.quote(id.text()) + " but the file was uploaded to the folder of"
          + " partner " + Text.quote(ctx.uploadedPartnerId()) + ".",
          "Correct the Partner ID, or upload the file under incoming/{your partner ID}/.", id);
    }
    CellValue email = profile.get(ProfileField.CONTACT_EMAIL);
    Findings aboutEmail = out.about(Subjects.profile(ProfileField.CONTACT_EMAIL));
    if (email.isBlank()) {
      aboutEmail.warning("'Contact email' is blank, so the program office cannot reply about this submission.",
          "Enter the e-mail address of the person who prepared the self-assessment.", email);
    } else if (!EMAIL.matcher(Text.visible(email.text())).matches()) {
      aboutEmail.warning("'Contact email' " + Text.quote(email.text()) + " is not an e-mail address.",
          "Enter an address such as name@example.com.", email);
    }
    CellValue version = profile.get(ProfileField.CHECKLIST_VERSION);
    String expected = ctx.checklist().version();
    Findings aboutVersion = out.about(Subjects.profile(ProfileField.CHECKLIST_VERSION));
    if (version.isBlank()) {
      aboutVersion.warning("'Checklist version' is blank; the workbook was evaluated against checklist " + expected
          + ".", "Use the template for checklist " + expected + ", which fills the version in.", version);
    } else if (!sameVersion(version.text(), expected)) {
      aboutVersion.warning("The workbook was made for checklist version " + Text.quote(version.text())
          + "; it was evaluated against version " + expected + " (" + ctx.checklist().published() + ").",
          "Copy your answers into the template for checklist " + expected + ".", version);
    }
    return out.list();
  }

  static boolean sameVersion(String written, String expected) {
    String w = written.strip().replaceFirst("(?i)^v(ersion)?\\s*", "");
    try {
      return new BigDecimal(w).compareTo(new BigDecimal(expected)) == 0;
    } catch (NumberFormatException e) {
      return w.equalsIgnoreCase(expected);
    }
  }
}
