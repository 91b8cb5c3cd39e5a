package dev.intake.infra;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import io.github.cdklabs.cdknag.RegexAppliesTo;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.Stack;
import software.constructs.IConstruct;

/**
 * cdk-nag suppressions, always with the rule id, a reason, and — for IAM5 — the exact findings
 * they cover, so a new wildcard added later is reported instead of silently suppressed.
 */
final class Nag {

  private Nag() {
  }

  /** Suppresses {@code ruleId} on {@code construct} and its children. */
  static void suppress(IConstruct construct, String ruleId, String reason) {
    NagSuppressions.addResourceSuppressions(construct,
        List.of(NagPackSuppression.builder().id(ruleId).reason(reason).build()), true);
  }

  /**
   * Suppresses only the listed findings of {@code ruleId} (e.g. {@code Resource::*}); entries that
   * start and end with {@code /} are regular expressions.
   */
  static void suppressFindings(IConstruct construct, String ruleId, String reason, String... findings) {
    List<Object> appliesTo = new ArrayList<>();
    for (String f : findings) {
      if (f.length() > 1 && f.startsWith("/") && f.endsWith("/")) {
        appliesTo.add(RegexAppliesTo.builder().regex(f).build());
      } else {
        appliesTo.add(f);
      }
    }
    NagSuppressions.addResourceSuppressions(construct,
        List.of(NagPackSuppression.builder().id(ruleId).reason(reason).appliesTo(appliesTo).build()), true);
  }

  /** How cdk-nag writes {@code Fn::GetAtt [resource, Arn]} in a finding: {@code <LogicalId.Arn>}. */
  static String arnOf(IConstruct construct) {
    return "<" + logicalId(construct) + ".Arn>";
  }

  /** How cdk-nag writes {@code Ref resource} in a finding: {@code <LogicalId>}. */
  static String refOf(IConstruct construct) {
    return "<" + logicalId(construct) + ">";
  }

  /** The logical id of a construct's CloudFormation resource. */
  static String logicalId(IConstruct construct) {
    CfnResource cfn = construct instanceof CfnResource r ? r : (CfnResource) construct.getNode().getDefaultChild();
    return String.valueOf(Stack.of(cfn).resolve(cfn.getLogicalId()));
  }
}
