package dev.intake.model;

import java.util.EnumMap;
import java.util.Map;

/** The Partner Profile sheet: one value per {@link ProfileField}, blank where absent. */
public record PartnerProfile(Map<ProfileField, CellValue> values) {

  public PartnerProfile {
    values = Map.copyOf(values);
    for (ProfileField f : ProfileField.values()) {
      if (!values.containsKey(f)) {
        throw new IllegalArgumentException("no value for " + f);
      }
    }
  }

  /** A profile with the given values and, for the other fields, a blank pointing at the sheet. */
  public static PartnerProfile of(String sheet, Map<ProfileField, CellValue> found) {
    Map<ProfileField, CellValue> all = new EnumMap<>(ProfileField.class);
    for (ProfileField f : ProfileField.values()) {
      all.put(f, found.getOrDefault(f, CellValue.blank(CellRef.sheet(sheet))));
    }
    return new PartnerProfile(all);
  }

  public CellValue get(ProfileField field) {
    return values.get(field);
  }

  /**
   * The field's text as the system keeps and quotes it: {@link Text#visible}, so a name with
   * direction overrides or invisible characters reaches no record, message or notification with them
   * ({@link #get} keeps the cell as written, for the checks that look at exactly that).
   */
  public String text(ProfileField field) {
    return Text.visible(values.get(field).text());
  }
}
