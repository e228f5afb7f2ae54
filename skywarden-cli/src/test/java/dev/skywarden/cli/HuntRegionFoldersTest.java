package dev.skywarden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * A hunt of 60 days of one identity's CloudTrail files in two region folders of the S3 layout
 * reports each call-rate burst split across the regions. Read one region after the other, the first
 * region's half of a late burst was evicted as quiet before the second half arrived, and the second
 * half alone was no burst.
 */
class HuntRegionFoldersTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

  private static final int DAY = 86_400;

  private static final int BUCKET_SECONDS = 300;

  private static final String ACCOUNT = "111122223333";

  private static final List<String> REGIONS = List.of("us-east-1", "us-west-2");

  /** Days of the bursts, all after the 28 days of an identity's earliest time buckets. */
  private static final List<Integer> BURST_DAYS = List.of(40, 50, 58);

  /** Calls of a burst in each region: under the 100 that keep a bucket from eviction. */
  private static final int BURST_CALLS_PER_REGION = 75;

  private static final DateTimeFormatter DAY_FOLDER =
      DateTimeFormatter.ofPattern("yyyy/MM/dd", Locale.ROOT).withZone(ZoneOffset.UTC);

  private static final DateTimeFormatter FILE_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmm'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

  @TempDir Path folder;

  private final ListAppender<ILoggingEvent> warnings = new ListAppender<>();

  @BeforeEach
  void captureWarnings() {
    warnings.start();
    analyticsLogger().addAppender(warnings);
  }

  @AfterEach
  void detachWarnings() {
    analyticsLogger().detachAppender(warnings);
  }

  @Test
  void burstsSplitAcrossRegions_allReported() throws IOException {
    Path logs = folder.resolve("logs");
    for (String region : REGIONS) {
      for (int day = 0; day < 60; day++) {
        writeDay(logs, region, day);
      }
    }

    Cli.Result result =
        Cli.run("hunt", "--analytics", "--threads", "2", "-f", "jsonl", logs.toString());

    assertThat(result.exitCode()).as("%s", result).isZero();
    Set<String> expectedDays = new TreeSet<>();
    for (int day : BURST_DAYS) {
      expectedDays.add(START.plusSeconds((long) day * DAY).toString().substring(0, 10));
    }
    assertThat(callRateEvidenceDays(result))
        .as("days of call-rate evidence")
        .isEqualTo(expectedDays);
    List<String> messages = warnings.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    assertThat(messages)
        .as("analytics warnings")
        .noneSatisfy(message -> assertThat(message).contains("evicted"));
  }

  private static Logger analyticsLogger() {
    return (Logger) LoggerFactory.getLogger("dev.skywarden.core.analytics.AnalyticsRun");
  }

  /** Returns the days of the evidence events of the call-rate findings, as yyyy-mm-dd. */
  private static Set<String> callRateEvidenceDays(Cli.Result result) throws IOException {
    Set<String> days = new TreeSet<>();
    for (String line : result.out().lines().toList()) {
      JsonNode finding = JSON.readTree(line);
      if (!finding.path("rule_id").asText().equals("skywarden-analytics-call-rate")) {
        continue;
      }
      for (JsonNode evidence : finding.path("evidence")) {
        days.add(evidence.path("time").asText().substring(0, 10));
      }
    }
    return days;
  }

  /**
   * Writes one gzip CloudTrail file of one region and day under its S3 key: one call per
   * five-minute bucket, and on a burst day {@link #BURST_CALLS_PER_REGION} more calls in the bucket
   * at 02:00.
   */
  private static void writeDay(Path logs, String region, int day) throws IOException {
    Instant dayStart = START.plusSeconds((long) day * DAY);
    int offset = REGIONS.indexOf(region);
    List<String> records = new ArrayList<>();
    for (int second = 0; second < DAY; second += BUCKET_SECONDS) {
      records.add(record(dayStart.plusSeconds(second + offset), region, records.size()));
      if (BURST_DAYS.contains(day) && second == 7_200) {
        for (int i = 0; i < BURST_CALLS_PER_REGION; i++) {
          records.add(record(dayStart.plusSeconds(second + 2 + i), region, records.size()));
        }
      }
    }

    Path dayFolder =
        logs.resolve("AWSLogs/" + ACCOUNT + "/CloudTrail/" + region)
            .resolve(DAY_FOLDER.format(dayStart));
    Files.createDirectories(dayFolder);
    String name =
        ACCOUNT
            + "_CloudTrail_"
            + region
            + "_"
            + FILE_TIME.format(dayStart)
            + "_"
            + String.format(Locale.ROOT, "r%dd%02d", offset, day)
            + ".json.gz";
    String json = "{\"Records\":[\n" + String.join(",\n", records) + "\n]}\n";
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(dayFolder.resolve(name)))) {
      out.write(json.getBytes(StandardCharsets.UTF_8));
    }
  }

  private static String record(Instant time, String region, int index) {
    return "{\"eventVersion\":\"1.09\",\"userIdentity\":{\"type\":\"IAMUser\","
        + "\"principalId\":\"AIDAALICE\",\"arn\":\"arn:aws:iam::111122223333:user/alice\","
        + "\"accountId\":\"111122223333\",\"accessKeyId\":\"AKIAALICE\",\"userName\":\"alice\"},"
        + "\"eventTime\":\""
        + time
        + "\",\"eventSource\":\"iam.amazonaws.com\",\"eventName\":\"GetUser\",\"awsRegion\":\""
        + region
        + "\",\"sourceIPAddress\":\"198.51.100.7\",\"userAgent\":\"aws-cli/2.15.0 Python/3.11\","
        + "\"eventID\":\"evt-"
        + region
        + "-"
        + time.getEpochSecond()
        + "-"
        + index
        + "\",\"readOnly\":true,\"eventType\":\"AwsApiCall\","
        + "\"recipientAccountId\":\"111122223333\"}";
  }
}
