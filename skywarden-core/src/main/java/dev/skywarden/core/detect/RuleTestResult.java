package dev.skywarden.core.detect;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of one rule test case.
 *
 * @param testCase the case
 * @param passed whether the rule fired exactly when the case expected it to
 * @param firedRuleIds the ids of every rule of the set that fired on the record, in rule set order;
 *     empty when the record was skipped
 * @param message why the case failed, naming the record's line; empty when it passed
 */
public record RuleTestResult(
    RuleTestCase testCase, boolean passed, List<String> firedRuleIds, String message) {

  public RuleTestResult {
    Objects.requireNonNull(testCase, "testCase");
    firedRuleIds = List.copyOf(firedRuleIds);
    Objects.requireNonNull(message, "message");
  }

  /** Returns the case name, such as {@code aws_ssm_send_command.tests.yml nomatch #1}. */
  public String name() {
    return testCase.name();
  }
}
