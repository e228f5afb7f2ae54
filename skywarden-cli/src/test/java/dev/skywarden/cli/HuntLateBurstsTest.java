package dev.skywarden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hunt of 40 days of CloudTrail files, read on two threads, reports the bursts of day 35, after
 * the 28 days of an identity's earliest time buckets, with their evidence read again from the
 * files.
 */
class HuntLateBurstsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

  private static final int DAY = 86_400;

  private static final int BUCKET_SECONDS = 300;

  private static final int BURST_DAY = 35;

  @TempDir Path folder;

  @Test
  void fortyDays_day35BurstsReported() throws IOException {
    Path logs = folder.resolve("logs");
    Files.createDirectories(logs);
    for (int day = 0; day < 40; day++) {
      writeDay(logs, day);
    }

    Cli.Result result =
        Cli.run("hunt", "--analytics", "--threads", "2", "-f", "jsonl", logs.toString());

    assertThat(result.exitCode()).as("%s", result).isZero();
    String burstDay = START.plusSeconds((long) BURST_DAY * DAY).toString().substring(0, 10);
    List<String> enumeration = findings(result, "skywarden-analytics-denied-enumeration");
    List<String> callRate = findings(result, "skywarden-analytics-call-rate");
    assertThat(enumeration).as("denied enumeration findings").hasSize(1);
    assertThat(enumeration.get(0)).contains("\"first_seen\":\"" + burstDay);
    assertThat(callRate).as("call-rate findings").hasSize(1);
    assertThat(callRate.get(0)).contains("\"first_seen\":\"" + burstDay);
  }

  /** Returns the findings of rule {@code ruleId}, not those of incidents that contain one. */
  private static List<String> findings(Cli.Result result, String ruleId) throws IOException {
    List<String> found = new ArrayList<>();
    for (String line : result.out().lines().toList()) {
      if (JSON.readTree(line).path("rule_id").asText().equals(ruleId)) {
        found.add(line);
      }
    }
    return found;
  }

  /**
   * Writes one CloudTrail file of one call per five-minute bucket; day {@link #BURST_DAY} also has
   * 12 distinct denied operations in one bucket and 150 calls in another.
   */
  private static void writeDay(Path logs, int day) throws IOException {
    List<String> records = new ArrayList<>();
    int start = day * DAY;
    for (int second = start; second < start + DAY; second += BUCKET_SECONDS) {
      records.add(record(second, records.size(), "GetUser", null));
      if (day == BURST_DAY && second == start + 3_600) {
        for (int i = 0; i < 12; i++) {
          records.add(record(second + 1 + i, records.size(), "ListThings" + i, "AccessDenied"));
        }
      }
      if (day == BURST_DAY && second == start + 7_200) {
        for (int i = 0; i < 150; i++) {
          records.add(record(second + 1 + i, records.size(), "GetUser", null));
        }
      }
    }
    String file = String.format(Locale.ROOT, "day-%02d.json", day);
    String json = "{\"Records\":[\n" + String.join(",\n", records) + "\n]}\n";
    Files.writeString(logs.resolve(file), json, StandardCharsets.UTF_8);
  }

  private static String record(int second, int index, String operation, String errorCode) {
    String error =
        errorCode == null
            ? ""
            : "\"errorCode\":\"" + errorCode + "\",\"errorMessage\":\"not authorized\",";
    return "{\"eventVersion\":\"1.09\",\"userIdentity\":{\"type\":\"IAMUser\","
        + "\"principalId\":\"AIDAALICE\",\"arn\":\"arn:aws:iam::111122223333:user/alice\","
        + "\"accountId\":\"111122223333\",\"accessKeyId\":\"AKIAALICE\",\"userName\":\"alice\"},"
        + "\"eventTime\":\""
        + START.plusSeconds(second)
        + "\",\"eventSource\":\"iam.amazonaws.com\",\"eventName\":\""
        + operation
        + "\",\"awsRegion\":\"us-east-1\",\"sourceIPAddress\":\"198.51.100.7\","
        + "\"userAgent\":\"aws-cli/2.15.0 Python/3.11\","
        + error
        + "\"eventID\":\"evt-"
        + second
        + "-"
        + index
        + "\",\"readOnly\":true,\"eventType\":\"AwsApiCall\","
        + "\"recipientAccountId\":\"111122223333\"}";
  }
}
