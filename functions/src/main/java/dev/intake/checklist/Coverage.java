package dev.intake.checklist;

/** How many of the submitted case studies must demonstrate a control. */
public sealed interface Coverage {

  /** A practice control: no case study needs to be named. */
  record None() implements Coverage {
  }

  /** Every submitted case study (DOC-001, EXCRI-001, PRIAC-001). */
  record Every() implements Coverage {
  }

  /** At least {@code count} case studies. */
  record AtLeast(int count) implements Coverage {

    public AtLeast {
      if (count < 1) {
        throw new IllegalArgumentException("count must be positive: " + count);
      }
    }
  }

  None NONE = new None();
  Every EVERY = new Every();
}
