package dev.skywarden.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;

/**
 * Writes a folder of damaged inputs: JSON Lines with one line cut short, a truncated gzip file, a
 * CloudTrail digest file and an object of no known log format.
 *
 * <p>Together they hold {@value #RECORDS} records, of which {@value #EVENTS} become events and
 * {@value #SKIPPED} are skipped, one per file.
 */
final class DamagedInputs {

  static final String JSON_LINES = "bad.jsonl";
  static final String TRUNCATED_GZIP = "truncated.json.gz";
  static final String DIGEST = "digest.json";
  static final String UNKNOWN_FORMAT = "unknown.json";

  static final int RECORDS = 6;
  static final int EVENTS = 2;
  static final int SKIPPED = 4;

  private DamagedInputs() {}

  /** Writes the four files into {@code folder} and returns it. */
  static Path write(Path folder) throws IOException {
    Files.createDirectories(folder);

    // Line 2 ends inside a string, so the parser fails on that line and resumes at line 3.
    String jsonLines =
        cloudTrailRecord("e-1", "2026-11-30T10:00:00Z", "GetCallerIdentity")
            + "\n{\"eventVersion\":\"1.08\",\"eventTime\":\"2026-11-30T10:0\n"
            + cloudTrailRecord("e-3", "2026-11-30T10:02:00Z", "ListUsers")
            + "\n";
    Files.writeString(folder.resolve(JSON_LINES), jsonLines, StandardCharsets.UTF_8);

    byte[] gzip = gzip(cloudTrailRecord("e-4", "2026-11-30T10:03:00Z", "ListRoles"));
    Files.write(folder.resolve(TRUNCATED_GZIP), Arrays.copyOf(gzip, gzip.length / 2));

    Files.writeString(
        folder.resolve(DIGEST),
        "{\"awsAccountId\":\"111122223333\",\"digestStartTime\":\"2026-11-30T10:00:00Z\","
            + "\"digestEndTime\":\"2026-11-30T11:00:00Z\","
            + "\"digestSignatureAlgorithm\":\"SHA256withRSA\",\"logFiles\":[]}\n",
        StandardCharsets.UTF_8);

    Files.writeString(
        folder.resolve(UNKNOWN_FORMAT),
        "{\"hello\":\"world\",\"when\":\"2026-11-30T10:00:00Z\"}\n",
        StandardCharsets.UTF_8);
    return folder;
  }

  /** Returns one CloudTrail record on one line: an IAM user calling with the AWS CLI on Kali. */
  private static String cloudTrailRecord(String eventId, String time, String eventName) {
    return "{\"eventVersion\":\"1.08\",\"eventTime\":\""
        + time
        + "\",\"eventSource\":\"iam.amazonaws.com\",\"eventName\":\""
        + eventName
        + "\",\"awsRegion\":\"us-east-1\",\"sourceIPAddress\":\"203.0.113.9\","
        + "\"userAgent\":\"aws-cli/2.15.0 Python/3.11.6 Linux/6.5.0-kali3-amd64"
        + " exe/x86_64.kali.2023\",\"userIdentity\":{\"type\":\"IAMUser\","
        + "\"arn\":\"arn:aws:iam::111122223333:user/ci-legacy\",\"accountId\":\"111122223333\","
        + "\"accessKeyId\":\"AKIAEXAMPLE000001\",\"userName\":\"ci-legacy\"},"
        + "\"eventID\":\""
        + eventId
        + "\",\"eventType\":\"AwsApiCall\",\"recipientAccountId\":\"111122223333\","
        + "\"readOnly\":true}";
  }

  private static byte[] gzip(String text) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return bytes.toByteArray();
  }
}
