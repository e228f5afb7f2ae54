package dev.skywarden.core.detect;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skywarden.core.event.SourceLocation;
import java.util.Objects;

/**
 * One record of a rule test file, with what it expects of the rule under test.
 *
 * @param file the test file name, as used in case names and messages
 * @param ruleId the id of the rule under test
 * @param expectation whether the record must fire the rule or must not
 * @param number the 1-based position of the record in its {@code match} or {@code nomatch} list
 * @param record the raw log record, as the log delivers it. A case of a correlation rule is a JSON
 *     array of records instead, which run in order through one hunt run.
 * @param location where the record sits: the test file, the record's index in the file (match
 *     records first) and its YAML line
 */
public record RuleTestCase(
    String file,
    String ruleId,
    Expectation expectation,
    int number,
    JsonNode record,
    SourceLocation location) {

  /** The verdict a test record expects from the rule under test. */
  public enum Expectation {
    /** The record must fire the rule; listed under {@code match}. */
    MATCH("match"),
    /** The record must not fire the rule; listed under {@code nomatch}. */
    NOMATCH("nomatch");

    private final String key;

    Expectation(String key) {
      this.key = key;
    }

    /** Returns the key of the list in the test file: {@code match} or {@code nomatch}. */
    public String key() {
      return key;
    }
  }

  public RuleTestCase {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(ruleId, "ruleId");
    Objects.requireNonNull(expectation, "expectation");
    Objects.requireNonNull(record, "record");
    Objects.requireNonNull(location, "location");
  }

  /** Returns whether the case is a sequence of records, as correlation rules are tested. */
  public boolean isSequence() {
    return record.isArray();
  }

  /** Returns the case name, such as {@code aws_ssm_send_command.tests.yml match #2}. */
  public String name() {
    return file + " " + expectation.key() + " #" + number;
  }
}
