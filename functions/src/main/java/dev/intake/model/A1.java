package dev.intake.model;

/** Conversions between 0-based column indexes and A1 notation. */
public final class A1 {

  private A1() {
  }

  /** "A" for 0, "Z" for 25, "AA" for 26. */
  public static String column(int index) {
    if (index < 0) {
      throw new IllegalArgumentException("column index " + index);
    }
    StringBuilder letters = new StringBuilder();
    int n = index + 1;
    while (n > 0) {
      int rem = (n - 1) % 26;
      letters.append((char) ('A' + rem));
      n = (n - 1) / 26;
    }
    return letters.reverse().toString();
  }

  public static String name(int column, int row) {
    return column(column) + row;
  }

  /** The 0-based column of an A1 reference such as "AB12", or -1 when it has no column letters. */
  public static int column(String ref) {
    int col = 0;
    int i = 0;
    while (i < ref.length() && Character.isLetter(ref.charAt(i))) {
      col = col * 26 + (Character.toUpperCase(ref.charAt(i)) - 'A' + 1);
      i++;
    }
    return i == 0 ? -1 : col - 1;
  }

  /** The 1-based row of an A1 reference such as "AB12", or -1 when it has no row digits. */
  public static int row(String ref) {
    int i = 0;
    while (i < ref.length() && Character.isLetter(ref.charAt(i))) {
      i++;
    }
    if (i == ref.length()) {
      return -1;
    }
    try {
      return Integer.parseInt(ref.substring(i));
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
