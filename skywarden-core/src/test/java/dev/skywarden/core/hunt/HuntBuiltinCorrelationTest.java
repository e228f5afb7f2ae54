package dev.skywarden.core.hunt;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skywarden.core.finding.Finding;
import dev.skywarden.core.input.InputDiscovery;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checks that a hunt with the built-in pack evaluates the pack's own correlation rules. */
class HuntBuiltinCorrelationTest {

  private static final String BURST_ID = "6507e45c-23c0-40c3-9b42-917b5c35d9f7";
  private static final String DENIED_CALL_ID = "83f49070-ecd3-4062-9967-1190d8fb7a2d";
  private static final List<String> OPERATIONS =
      List.of(
          "ListUsers",
          "ListRoles",
          "ListPolicies",
          "ListGroups",
          "GetAccountSummary",
          "ListAccessKeys",
          "ListMFADevices",
          "ListInstanceProfiles",
          "GetAccountPasswordPolicy",
          "ListSAMLProviders",
          "ListOpenIDConnectProviders",
          "ListServerCertificates");

  @TempDir Path temp;

  @Test
  void deniedEnumeration_firesBuiltinCorrelation() throws IOException, InterruptedException {
    ObjectMapper mapper = new ObjectMapper();
    StringBuilder lines = new StringBuilder();
    Instant start = Instant.parse("2026-11-24T11:00:00Z");
    for (int i = 0; i < OPERATIONS.size(); i++) {
      lines.append(mapper.writeValueAsString(deniedCall(mapper, OPERATIONS.get(i), start, i)));
      lines.append('\n');
    }
    Path trail = temp.resolve("trail.jsonl");
    Files.writeString(trail, lines, StandardCharsets.UTF_8);

    Hunter hunter = HunterBuilder.withBuiltinRules().threads(1).build();
    HuntResult result =
        hunter.hunt(new InputDiscovery().discover(List.of(trail.toString())), new HuntProgress());

    List<Finding> bursts =
        result.findings().stream().filter(finding -> finding.ruleId().equals(BURST_ID)).toList();
    assertThat(bursts).hasSize(1);
    assertThat(bursts.get(0).count()).isEqualTo(OPERATIONS.size());
    assertThat(bursts.get(0).explanation()).startsWith("value_count of eventName 12 >= 10 in 10m");
    // The referenced rule feeds the correlation and reports nothing on its own.
    assertThat(result.findings()).noneMatch(finding -> finding.ruleId().equals(DENIED_CALL_ID));
  }

  private static ObjectNode deniedCall(
      ObjectMapper mapper, String operation, Instant start, int index) {
    ObjectNode record = mapper.createObjectNode();
    record.put("eventVersion", "1.09");
    ObjectNode identity = record.putObject("userIdentity");
    identity.put("type", "IAMUser");
    identity.put("principalId", "AIDAEXAMPLEDEVLAPTOP");
    identity.put("arn", "arn:aws:iam::111122223333:user/dev-laptop");
    identity.put("accountId", "111122223333");
    identity.put("accessKeyId", "AKIAEXAMPLEDEVLAPTOP");
    identity.put("userName", "dev-laptop");
    record.put("eventTime", start.plusSeconds(20L * index).toString());
    record.put("eventSource", "iam.amazonaws.com");
    record.put("eventName", operation);
    record.put("awsRegion", "us-east-1");
    record.put("sourceIPAddress", "203.0.113.47");
    record.put("userAgent", "Boto3/1.34.0 md/Botocore#1.34.0 ua/2.0 os/linux#6.8.11");
    record.put("errorCode", "AccessDenied");
    record.put("eventID", "9b1d0000-0000-4000-8000-" + String.format("%012d", index + 1));
    record.put("readOnly", true);
    record.put("eventType", "AwsApiCall");
    record.put("recipientAccountId", "111122223333");
    return record;
  }
}
