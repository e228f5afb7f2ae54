package dev.skywarden.corpus;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Locale;

/**
 * Names of the delivery streams a record goes to, and the file paths the providers use for them.
 *
 * <p>A stream key is {@code ct|ACCOUNT|REGION} for CloudTrail (one gzip file per five minutes),
 * {@code az|SUBSCRIPTION} for the Azure Activity Log, {@code entra|signin} and {@code entra|audit}
 * for Entra ID, and {@code gcp|activity} or {@code gcp|data_access} for Cloud Audit Logs (one JSON
 * Lines file per hour each).
 */
final class Streams {

  private Streams() {}

  static String cloudTrail(String account, String region) {
    return "ct|" + account + "|" + region;
  }

  static String azureActivity(String subscription) {
    return "az|" + subscription.toUpperCase(Locale.ROOT);
  }

  static final String ENTRA_SIGN_IN = "entra|signin";
  static final String ENTRA_AUDIT = "entra|audit";
  static final String GCP_ACTIVITY = "gcp|activity";
  static final String GCP_DATA_ACCESS = "gcp|data_access";

  static boolean isCloudTrail(String stream) {
    return stream.startsWith("ct|");
  }

  /**
   * Returns the path of a CloudTrail file relative to the corpus log folder, as the S3 key layout
   * {@code
   * AWSLogs/ACCOUNT/CloudTrail/REGION/YYYY/MM/DD/ACCOUNT_CloudTrail_REGION_YYYYMMDDTHHMMZ_UNIQUE.json.gz}.
   *
   * @param sliceEnd the end of the five-minute slice, which CloudTrail puts in the file name
   * @param unique the 16 characters that make the name unique, derived from the seed
   */
  static String cloudTrailPath(String stream, Instant sliceEnd, String unique) {
    String[] parts = stream.split("\\|", -1);
    String account = parts[1];
    String region = parts[2];
    ZonedDateTime t = sliceEnd.atZone(ZoneOffset.UTC);
    return String.format(
        Locale.ROOT,
        "AWSLogs/%s/CloudTrail/%s/%04d/%02d/%02d/%s_CloudTrail_%s_%04d%02d%02dT%02d%02dZ_%s.json.gz",
        account,
        region,
        t.getYear(),
        t.getMonthValue(),
        t.getDayOfMonth(),
        account,
        region,
        t.getYear(),
        t.getMonthValue(),
        t.getDayOfMonth(),
        t.getHour(),
        t.getMinute(),
        unique);
  }

  /** Returns the path of the hourly JSON Lines file of a non-CloudTrail stream. */
  static String hourlyPath(String stream, Instant hour, String tenantId) {
    ZonedDateTime t = hour.atZone(ZoneOffset.UTC);
    String diagnosticTime =
        String.format(
            Locale.ROOT,
            "y=%04d/m=%02d/d=%02d/h=%02d/m=00/PT1H.json",
            t.getYear(),
            t.getMonthValue(),
            t.getDayOfMonth(),
            t.getHour());
    String aadiam = "resourceId=/tenants/" + tenantId + "/providers/Microsoft.aadiam/";
    if (stream.startsWith("az|")) {
      return "insights-activity-logs/resourceId=/SUBSCRIPTIONS/"
          + stream.substring(3)
          + "/"
          + diagnosticTime;
    }
    if (stream.equals(ENTRA_SIGN_IN)) {
      return "insights-logs-signinlogs/" + aadiam + diagnosticTime;
    }
    if (stream.equals(ENTRA_AUDIT)) {
      return "insights-logs-auditlogs/" + aadiam + diagnosticTime;
    }
    if (stream.startsWith("gcp|")) {
      return String.format(
          Locale.ROOT,
          "cloudaudit.googleapis.com/%s/%04d/%02d/%02d/%02d:00:00_%02d:59:59_S0.json",
          stream.substring(4),
          t.getYear(),
          t.getMonthValue(),
          t.getDayOfMonth(),
          t.getHour(),
          t.getHour());
    }
    throw new IllegalArgumentException("unknown stream " + stream);
  }
}
