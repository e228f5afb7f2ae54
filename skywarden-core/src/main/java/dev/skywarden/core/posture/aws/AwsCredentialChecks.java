package dev.skywarden.core.posture.aws;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skywarden.core.finding.PrincipalPosture.Access;
import dev.skywarden.core.posture.AuditContext;
import dev.skywarden.core.posture.AuditResults;
import dev.skywarden.core.posture.IdentityFacts;
import dev.skywarden.core.posture.PostureExport;
import dev.skywarden.core.posture.PostureInputException;
import dev.skywarden.core.posture.Timestamps;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * AWS-MFA-01/02, AWS-ROOT-01/02/03 and AWS-STALE-01/02/03 from the credential report, and root MFA
 * from the account summary. Ages are measured against {@link AuditContext#asOf()}.
 */
final class AwsCredentialChecks {

  private static final String ROOT_USER = "<root_account>";

  private final AuditResults results;
  private final AuditContext context;

  AwsCredentialChecks(AuditResults results) {
    this.results = results;
    this.context = results.context();
  }

  void run(
      List<PostureExport> reports,
      List<PostureExport> summaries,
      List<PostureExport> mfaDevices,
      Map<String, AwsPrivileges> byArn,
      boolean haveDetails)
      throws PostureInputException {
    for (PostureExport devices : mfaDevices) {
      for (JsonNode device : devices.data()) {
        String arn = device.path("User").path("Arn").asText("");
        if (!arn.isEmpty() && byArn.containsKey(arn)) {
          results.identity("aws", arn, "user").mfa(true);
        }
      }
    }
    if (reports.isEmpty()) {
      for (String id :
          List.of(
              "AWS-MFA-01",
              "AWS-MFA-02",
              "AWS-ROOT-01",
              "AWS-ROOT-02",
              "AWS-STALE-01",
              "AWS-STALE-02",
              "AWS-STALE-03")) {
        results.notEvaluated(id, null, "needs the IAM credential report", null);
      }
    }
    for (PostureExport report : reports) {
      for (JsonNode row : report.data()) {
        Row parsed = new Row(row, report.file());
        if (parsed.user().equals(ROOT_USER)) {
          root(parsed);
        } else {
          user(parsed, byArn, haveDetails);
        }
      }
    }
    for (PostureExport summary : summaries) {
      JsonNode map = summary.data().path("SummaryMap");
      if (map.has("AccountMFAEnabled")) {
        if (map.get("AccountMFAEnabled").asInt() == 0) {
          results.fail(
              "AWS-ROOT-03",
              null,
              "root",
              "root",
              "account summary: AccountMFAEnabled is 0",
              summary.file());
        } else {
          results.evaluated("AWS-ROOT-03", null, summary.file());
        }
      }
      if (map.path("AccountAccessKeysPresent").asInt(0) > 0) {
        results.fail(
            "AWS-ROOT-01",
            null,
            "root",
            "root",
            "account summary: AccountAccessKeysPresent is "
                + map.get("AccountAccessKeysPresent").asInt(),
            summary.file());
      }
    }
  }

  private void root(Row row) throws PostureInputException {
    String account = AwsAudit.accountOf(row.arn());
    IdentityFacts facts =
        results.identity("aws", row.arn(), "root").privileged().access(Access.STANDING);
    boolean mfa = row.flag("mfa_active");
    facts.mfa(mfa);

    if (row.flag("access_key_1_active") || row.flag("access_key_2_active")) {
      results.fail(
          "AWS-ROOT-01",
          account,
          row.arn(),
          "root",
          "active root access keys: " + activeKeys(row),
          row.file());
    } else {
      results.evaluated("AWS-ROOT-01", account, row.file());
    }

    if (mfa) {
      results.evaluated("AWS-ROOT-03", account, row.file());
    } else {
      results.fail("AWS-ROOT-03", account, row.arn(), "root", "mfa_active is false", row.file());
    }

    Instant lastUse = null;
    String lastUseField = null;
    for (String field :
        List.of(
            "password_last_used", "access_key_1_last_used_date", "access_key_2_last_used_date")) {
      Optional<Instant> used = row.time(field);
      if (used.isPresent() && (lastUse == null || used.get().isAfter(lastUse))) {
        lastUse = used.get();
        lastUseField = field;
      }
    }
    if (lastUse != null && results.ageDays(lastUse, row.arn()) <= context.config().staleDays()) {
      results.fail(
          "AWS-ROOT-02",
          account,
          row.arn(),
          "root",
          lastUseField
              + " "
              + lastUse
              + ", "
              + (lastUse.isAfter(context.asOf())
                  ? "after the as-of time " + context.asOf()
                  : results.ageDays(lastUse, row.arn()) + " days before " + context.asOf()),
          row.file());
    } else {
      results.evaluated("AWS-ROOT-02", account, row.file());
    }
  }

  private void user(Row row, Map<String, AwsPrivileges> byArn, boolean haveDetails)
      throws PostureInputException {
    String account = AwsAudit.accountOf(row.arn());
    boolean mfa = row.flag("mfa_active");
    boolean console = row.flag("password_enabled");
    IdentityFacts facts = results.identity("aws", row.arn(), "user").mfa(mfa);
    if (console) {
      facts.access(Access.STANDING);
    }

    AwsPrivileges privileges = byArn.get(row.arn());
    if (!haveDetails) {
      results.notEvaluated(
          "AWS-MFA-01", account, "needs aws iam get-account-authorization-details", row.file());
    } else if (privileges != null && privileges.privileged() && !mfa) {
      results.fail(
          "AWS-MFA-01",
          account,
          row.arn(),
          "user",
          (privileges.admin() ? "administrator" : "can escalate privileges")
              + " with mfa_active false"
              + (console ? " and a console password" : ""),
          row.file());
    } else {
      results.evaluated("AWS-MFA-01", account, row.file());
    }

    if (console && !mfa) {
      results.fail(
          "AWS-MFA-02",
          account,
          row.arn(),
          "user",
          "password_enabled true, mfa_active false",
          row.file());
    } else {
      results.evaluated("AWS-MFA-02", account, row.file());
    }

    int staleDays = context.config().staleDays();
    if (console) {
      Optional<Instant> used = row.time("password_last_used");
      Instant since = used.orElse(row.time("user_creation_time").orElse(null));
      if (since != null && results.ageDays(since, row.arn()) > staleDays) {
        results.fail(
            "AWS-STALE-01",
            account,
            row.arn(),
            "user",
            (used.isPresent() ? "password last used " : "password never used, user created ")
                + since
                + " ("
                + results.ageDays(since, row.arn())
                + " days; limit "
                + staleDays
                + ")",
            row.file());
      } else {
        results.evaluated("AWS-STALE-01", account, row.file());
      }
    }
    for (int key = 1; key <= 2; key++) {
      String prefix = "access_key_" + key + "_";
      if (!row.flag(prefix + "active")) {
        continue;
      }
      Optional<Instant> used = row.time(prefix + "last_used_date");
      Optional<Instant> rotated = row.time(prefix + "last_rotated");
      Instant since = used.orElse(rotated.orElse(null));
      if (since != null && results.ageDays(since, row.arn()) > staleDays) {
        results.fail(
            "AWS-STALE-02",
            account,
            row.arn(),
            "user",
            "access key "
                + key
                + (used.isPresent() ? " last used " : " never used, rotated ")
                + since
                + " ("
                + results.ageDays(since, row.arn())
                + " days; limit "
                + staleDays
                + ")",
            row.file());
      } else {
        results.evaluated("AWS-STALE-02", account, row.file());
      }
      int rotationDays = context.config().keyRotationDays();
      if (rotated.isPresent() && results.ageDays(rotated.get(), row.arn()) > rotationDays) {
        results.fail(
            "AWS-STALE-03",
            account,
            row.arn(),
            "user",
            "access key "
                + key
                + " last rotated "
                + rotated.get()
                + " ("
                + results.ageDays(rotated.get(), row.arn())
                + " days; limit "
                + rotationDays
                + ")",
            row.file());
      } else {
        results.evaluated("AWS-STALE-03", account, row.file());
      }
    }
  }

  private static String activeKeys(Row row) throws PostureInputException {
    StringBuilder keys = new StringBuilder();
    for (int key = 1; key <= 2; key++) {
      if (row.flag("access_key_" + key + "_active")) {
        keys.append(keys.length() == 0 ? "" : ", ").append("access_key_").append(key);
      }
    }
    return keys.toString();
  }

  /** One row of the credential report with typed access that names file, line and field. */
  private record Row(JsonNode node, String file) {
    String user() {
      return AwsAudit.text(node, "user");
    }

    String arn() throws PostureInputException {
      String arn = AwsAudit.text(node, "arn");
      if (!arn.startsWith("arn:")) {
        throw new PostureInputException(
            file,
            "line " + node.path("_line").asInt() + ", field 'arn': invalid ARN '" + arn + "'");
      }
      return arn;
    }

    /**
     * Reads a boolean field; {@code N/A} and {@code not_supported}, which AWS writes where a flag
     * does not apply, read as false.
     *
     * @throws PostureInputException when the value is anything else
     */
    boolean flag(String field) throws PostureInputException {
      String value = AwsAudit.text(node, field);
      if (value.equalsIgnoreCase("true")) {
        return true;
      }
      if (value.equalsIgnoreCase("false")
          || value.equalsIgnoreCase("N/A")
          || value.equalsIgnoreCase("not_supported")) {
        return false;
      }
      throw new PostureInputException(
          file,
          "line "
              + node.path("_line").asInt()
              + ", field '"
              + field
              + "': expected true or false, got '"
              + value
              + "'");
    }

    Optional<Instant> time(String field) throws PostureInputException {
      String value = AwsAudit.text(node, field);
      try {
        return Timestamps.optional(value);
      } catch (DateTimeParseException e) {
        throw new PostureInputException(
            file,
            "line "
                + node.path("_line").asInt()
                + ", field '"
                + field
                + "': invalid time '"
                + value
                + "'",
            e);
      }
    }
  }
}
