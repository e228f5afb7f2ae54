package dev.skywarden.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the Sigma rules, test files and CloudTrail records that the rule command tests use. Every
 * text is written here, line by line, so that tests can state exact lines and columns.
 */
final class RuleFiles {

  /** The id of {@link #KALI_LIST_BUCKETS}. */
  static final String KALI_RULE_ID = "0f5e2d4c-1111-4a2b-9c3d-000000000001";

  /** A valid rule: S3 ListBuckets from a Kali Linux user agent. */
  static final String KALI_LIST_BUCKETS =
      """
      title: Bucket Listing From Kali Linux
      id: 0f5e2d4c-1111-4a2b-9c3d-000000000001
      status: test
      level: high
      tags:
        - attack.discovery
        - attack.t1619
      logsource:
        product: aws
        service: cloudtrail
      detection:
        selection:
          eventSource: s3.amazonaws.com
          eventName: ListBuckets
          userAgent|contains: kali
        condition: selection
      """;

  /** An invalid rule: the modifier {@code contain} (line 8, column 15) does not exist. */
  static final String UNKNOWN_MODIFIER =
      """
      title: Broken Modifier
      id: 0f5e2d4c-1111-4a2b-9c3d-000000000002
      logsource:
        product: aws
        service: cloudtrail
      detection:
        selection:
          eventName|contain: ListBuckets
        condition: selection
      """;

  /**
   * An invalid rule: its condition names {@code filter} (line 7, column 32), which is undefined.
   */
  static final String UNKNOWN_IDENTIFIER =
      """
      title: Unknown Identifier
      logsource:
        product: aws
      detection:
        selection:
          eventName: ListBuckets
        condition: selection and not filter
      """;

  /** A rule whose value expands the placeholder {@code %ci_users%} (line 9, column 29). */
  static final String EXPANDS_CI_USERS =
      """
      title: Listing By A CI User
      id: 0f5e2d4c-1111-4a2b-9c3d-000000000003
      level: low
      logsource:
        product: aws
        service: cloudtrail
      detection:
        selection:
          userIdentity.userName|expand: '%ci_users%'
          eventName: ListBuckets
        condition: selection
      """;

  /** A placeholder file that defines {@code ci_users}. */
  static final String CI_USERS_PLACEHOLDERS =
      """
      ci_users:
        - ci
        - 'deploy-*'
      """;

  /** A rule on the field {@code ci_user}, which only a field mapping file makes meaningful. */
  static final String MAPPED_FIELD =
      """
      title: Mapped Field Rule
      id: 0f5e2d4c-1111-4a2b-9c3d-000000000004
      level: medium
      logsource:
        product: aws
        service: cloudtrail
      detection:
        selection:
          ci_user: ci
        condition: selection
      """;

  /** A field mapping file that maps {@code ci_user} to the CloudTrail user name. */
  static final String CI_USER_MAPPING =
      """
      title: Test mapping
      logsource:
        product: aws
        service: cloudtrail
      fields:
        ci_user: userIdentity.userName
      """;

  /** A filter whose {@code rules} entry (line 7, column 7) names a rule that is not loaded. */
  static final String FILTER_OF_MISSING_RULE =
      """
      title: Filter Of Missing Rule
      logsource:
        product: aws
        service: cloudtrail
      filter:
        rules:
          - 0f5e2d4c-1111-4a2b-9c3d-00000000dead
        known_ci:
          userIdentity.userName: ci
        condition: not known_ci
      """;

  /** One CloudTrail record that {@link #KALI_LIST_BUCKETS} matches, as a JSON Line. */
  static final String KALI_EVENT =
      cloudTrail("ListBuckets", "aws-cli/2.17.20 md/distrib#kali.2024");

  /** One CloudTrail record that {@link #KALI_LIST_BUCKETS} does not match, as a JSON Line. */
  static final String MACOS_EVENT = cloudTrail("ListBuckets", "aws-cli/2.22.4 os/macos#24.1.0");

  /** The id of {@link #KALI_BURST}. */
  static final String KALI_BURST_ID = "0f5e2d4c-1111-4a2b-9c3d-000000000002";

  /** A correlation rule: two or more Kali bucket listings by one user within five minutes. */
  static final String KALI_BURST =
      """
      title: Repeated Bucket Listing From Kali Linux
      id: 0f5e2d4c-1111-4a2b-9c3d-000000000002
      status: test
      tags:
        - attack.discovery
      correlation:
        type: event_count
        rules:
          - 0f5e2d4c-1111-4a2b-9c3d-000000000001
        group-by:
          - userIdentity.arn
        timespan: 5m
        condition:
          gte: 2
      level: medium
      """;

  private RuleFiles() {}

  /** Writes {@code text} to {@code file}, creating its folders, and returns the file. */
  static Path write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return file;
  }

  /**
   * Returns a rule test file for {@link #KALI_LIST_BUCKETS}. Its {@code match} record sits on line
   * 3 and its {@code nomatch} record on line 5.
   *
   * @param matchEvent the record that must fire the rule, as a JSON Line (JSON is YAML)
   * @param nomatchEvent the record that must not fire it
   */
  static String kaliTests(String matchEvent, String nomatchEvent) {
    return "rule: "
        + KALI_RULE_ID
        + "\nmatch:\n  - "
        + matchEvent
        + "\nnomatch:\n  - "
        + nomatchEvent
        + "\n";
  }

  private static String cloudTrail(String eventName, String userAgent) {
    return "{\"eventVersion\":\"1.09\",\"userIdentity\":{\"type\":\"IAMUser\","
        + "\"principalId\":\"AIDAEXAMPLE000000001\","
        + "\"arn\":\"arn:aws:iam::111122223333:user/ci\",\"accountId\":\"111122223333\","
        + "\"userName\":\"ci\"},\"eventTime\":\"2026-11-24T11:04:12Z\","
        + "\"eventSource\":\"s3.amazonaws.com\",\"eventName\":\""
        + eventName
        + "\",\"awsRegion\":\"us-east-1\",\"sourceIPAddress\":\"203.0.113.47\","
        + "\"userAgent\":\""
        + userAgent
        + "\",\"requestParameters\":null,"
        + "\"eventID\":\"3cff61a6-5c1f-49ee-8c69-78b0abd67e51\",\"readOnly\":true,"
        + "\"eventType\":\"AwsApiCall\",\"recipientAccountId\":\"111122223333\"}";
  }
}
