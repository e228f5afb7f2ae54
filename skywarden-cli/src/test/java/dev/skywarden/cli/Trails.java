package dev.skywarden.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes CloudTrail files of {@code StopLogging} calls for the HTML report tests. The built-in rule
 * for stopped trails fires on each call, and a Kali Linux user agent fires the rule for
 * penetration-testing distributions too, so each user gives one or two findings.
 */
final class Trails {

  /** An AWS CLI user agent of Kali Linux. */
  static final String KALI_CLI = "aws-cli/2.15.30 md/distrib#kali.2024 lang/python#3.11.8";

  /** An AWS CLI user agent that fires no rule by itself. */
  static final String PLAIN_CLI = "aws-cli/2.15.30 md/distrib#ubuntu.24 lang/python#3.12.3";

  private static final ObjectMapper MAPPER = new ObjectMapper();

  /**
   * One {@code StopLogging} call.
   *
   * @param user the IAM user name, any text
   * @param time the event time, ISO-8601 UTC
   * @param userAgent the user agent
   */
  record Call(String user, String time, String userAgent) {}

  private Trails() {}

  /** Writes a CloudTrail file of the calls and returns it. */
  static Path write(Path file, List<Call> calls) throws IOException {
    ObjectNode root = MAPPER.createObjectNode();
    ArrayNode records = root.putArray("Records");
    int index = 0;
    for (Call call : calls) {
      index++;
      ObjectNode record = records.addObject();
      record.put("eventVersion", "1.09");
      record
          .putObject("userIdentity")
          .put("type", "IAMUser")
          .put("principalId", "AIDAEXAMPLE" + index)
          .put("arn", "arn:aws:iam::111122223333:user/" + call.user())
          .put("accountId", "111122223333")
          .put("accessKeyId", "AKIAEXAMPLE" + index)
          .put("userName", call.user());
      record.put("eventTime", call.time());
      record.put("eventSource", "cloudtrail.amazonaws.com");
      record.put("eventName", "StopLogging");
      record.put("awsRegion", "us-east-1");
      record.put("sourceIPAddress", "203.0.113." + (index % 250 + 1));
      record.put("userAgent", call.userAgent());
      record.putObject("requestParameters").put("name", "org-trail");
      record.put("eventID", "e-" + index);
      record.put("readOnly", false);
      record.put("eventType", "AwsApiCall");
      record.put("recipientAccountId", "111122223333");
    }
    Files.writeString(file, MAPPER.writeValueAsString(root), StandardCharsets.UTF_8);
    return file;
  }
}
