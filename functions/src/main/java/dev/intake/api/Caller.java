package dev.intake.api;

/** Who is calling the API, as the IAM principal (or the local runtime's token) says. */
public sealed interface Caller {

  /** A program-office reviewer: sees every submission and records decisions. */
  record Reviewer(String name) implements Caller {
  }

  /** A partner: sees only its own submissions, records nothing. */
  record Partner(String partnerId, String name) implements Caller {
  }

  /** A principal the API does not recognise: refused everywhere. */
  record Unknown(String principal) implements Caller {
  }

  default String describe() {
    if (this instanceof Reviewer r) {
      return "reviewer " + r.name();
    }
    if (this instanceof Partner p) {
      return "partner " + p.partnerId();
    }
    return "unknown principal " + ((Unknown) this).principal();
  }
}
