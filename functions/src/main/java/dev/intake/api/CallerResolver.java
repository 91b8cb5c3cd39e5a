package dev.intake.api;

import dev.intake.model.PartnerIds;
import java.util.Set;

/**
 * Maps the IAM principal API Gateway authenticated (its ARN) to a caller. Reviewers are the IAM
 * roles named in configuration; partners assume a role named {@code <prefix><partnerId>}. Role
 * names come from IAM, which the caller cannot forge, so only the role decides what a caller may
 * do; the session name (chosen by whoever assumed the role) never does. Reviewer decisions record
 * the whole principal ARN as API Gateway reports it, session name included: it says who, not what.
 */
public final class CallerResolver {

  private final Set<String> reviewerRoles;
  private final String partnerRolePrefix;

  public CallerResolver(Set<String> reviewerRoles, String partnerRolePrefix) {
    this.reviewerRoles = Set.copyOf(reviewerRoles);
    this.partnerRolePrefix = partnerRolePrefix;
  }

  /** From environment-style values: a comma-separated role list and a prefix. */
  public static CallerResolver of(String reviewerRolesCsv, String partnerRolePrefix) {
    Set<String> roles = new java.util.HashSet<>();
    for (String r : (reviewerRolesCsv == null ? "" : reviewerRolesCsv).split(",")) {
      if (!r.isBlank()) {
        roles.add(r.strip());
      }
    }
    return new CallerResolver(roles, partnerRolePrefix == null ? "competency-partner-" : partnerRolePrefix);
  }

  public Caller resolve(String principalArn) {
    if (principalArn == null || principalArn.isBlank()) {
      return new Caller.Unknown("(none)");
    }
    String role = roleName(principalArn);
    if (role == null) {
      return new Caller.Unknown(principalArn);
    }
    if (reviewerRoles.contains(role)) {
      return new Caller.Reviewer(principalArn);
    }
    if (!partnerRolePrefix.isEmpty() && role.startsWith(partnerRolePrefix)) {
      String partnerId = role.substring(partnerRolePrefix.length());
      // The stray uploads' id is no partner's: a role named for it is nobody the API serves.
      if (PartnerIds.isPartner(partnerId)) {
        return new Caller.Partner(partnerId, principalArn);
      }
    }
    return new Caller.Unknown(principalArn);
  }

  /**
   * The role name of {@code arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION} or
   * {@code arn:aws:iam::ACCOUNT:role/PATH/ROLE}; null for users and anything else.
   */
  static String roleName(String arn) {
    String[] parts = arn.split(":", 6);
    if (parts.length < 6 || !parts[0].equals("arn")) {
      return null;
    }
    String resource = parts[5];
    if (parts[2].equals("sts") && resource.startsWith("assumed-role/")) {
      String[] r = resource.split("/");
      return r.length >= 3 ? r[1] : null;
    }
    if (parts[2].equals("iam") && resource.startsWith("role/")) {
      return resource.substring(resource.lastIndexOf('/') + 1);
    }
    return null;
  }
}
