package dev.skywarden.core.hunt;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skywarden.core.finding.Finding;
import dev.skywarden.core.finding.Severity;
import dev.skywarden.core.input.InputDiscovery;
import dev.skywarden.core.input.InputWalk;
import dev.skywarden.core.sigma.SigmaParseResult;
import dev.skywarden.core.sigma.SigmaRuleParser;
import dev.skywarden.core.sigma.correlation.CorrelationSet;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Correlations in a batch hunt: findings from firings, identical for any thread count or order. */
class HuntCorrelationTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Instant T0 = Instant.parse("2025-04-01T12:00:00Z");
  private static final String ALICE = "arn:aws:iam::111122223333:user/alice";
  private static final String BOB = "arn:aws:iam::111122223333:user/bob";

  private static final String RULES =
      """
      title: IAM listing call
      name: iam_listing
      id: 2b7d4c10-0000-4000-8000-000000000001
      logsource:
          product: aws
          service: cloudtrail
      detection:
          selection:
              eventSource: iam.amazonaws.com
              eventName|startswith: List
          condition: selection
      level: low
      tags:
          - attack.discovery
          - attack.t1087.004
      ---
      title: Access key created
      name: key_created
      id: 2b7d4c10-0000-4000-8000-000000000002
      logsource:
          product: aws
          service: cloudtrail
      detection:
          selection:
              eventName: CreateAccessKey
          condition: selection
      level: medium
      tags:
          - attack.persistence
          - attack.t1098.001
      """;

  private static final String CORRELATIONS =
      """
      title: IAM listing burst
      id: 2b7d4c10-0000-4000-8000-0000000000a1
      correlation:
          type: event_count
          rules: [iam_listing]
          group-by: [userIdentity.arn]
          timespan: 10m
          condition:
              gte: 5
      level: high
      ---
      title: IAM listing followed by a new access key
      id: 2b7d4c10-0000-4000-8000-0000000000a2
      generate: true
      tags:
          - attack.t1098.001
      correlation:
          type: temporal_ordered
          rules: [iam_listing, key_created]
          group-by: [userIdentity.arn]
          timespan: 30m
      level: critical
      """;

  private static ObjectNode record(int seconds, String id, String arn, String source, String name) {
    ObjectNode record = MAPPER.createObjectNode();
    record.put("eventVersion", "1.08");
    record.put("eventTime", T0.plusSeconds(seconds).toString());
    record.put("eventSource", source);
    record.put("eventName", name);
    record.put("awsRegion", "us-east-1");
    record.put("eventID", id);
    record.put("recipientAccountId", "111122223333");
    record.put("sourceIPAddress", "203.0.113.10");
    record.put("userAgent", "aws-cli/2.15.0 Python/3.11");
    ObjectNode identity = record.putObject("userIdentity");
    identity.put("type", "IAMUser");
    identity.put("arn", arn);
    identity.put("accountId", "111122223333");
    identity.put(
        "accessKeyId", "AKIAEXAMPLE" + arn.substring(arn.length() - 3).toUpperCase(Locale.ROOT));
    return record;
  }

  /** Writes four files whose events interleave in time, including equal timestamps. */
  private static List<String> writeLogs(Path folder) throws IOException {
    List<List<String>> files = new ArrayList<>();
    for (int f = 0; f < 4; f++) {
      files.add(new ArrayList<>());
    }
    for (int i = 0; i < 12; i++) {
      // Two events per 30-second step land in different files with the same timestamp.
      files
          .get(i % 4)
          .add(
              MAPPER.writeValueAsString(
                  record(30 * (i / 2), "a" + i, ALICE, "iam.amazonaws.com", "ListUsers")));
    }
    for (int i = 0; i < 4; i++) {
      files
          .get(3 - i)
          .add(
              MAPPER.writeValueAsString(
                  record(10 * i, "b" + i, BOB, "iam.amazonaws.com", "ListRoles")));
    }
    files
        .get(2)
        .add(
            MAPPER.writeValueAsString(
                record(400, "a-key", ALICE, "iam.amazonaws.com", "CreateAccessKey")));

    List<String> paths = new ArrayList<>();
    for (int f = 0; f < files.size(); f++) {
      Path file = folder.resolve("trail-" + f + ".jsonl");
      Files.writeString(file, String.join("\n", files.get(f)) + "\n", StandardCharsets.UTF_8);
      paths.add(file.toString());
    }
    return paths;
  }

  private static List<Finding> hunt(List<String> paths, int threads) throws Exception {
    SigmaRuleParser parser = new SigmaRuleParser();
    SigmaParseResult rules = parser.parseAll("rules.yml", RULES);
    SigmaParseResult correlations = parser.parseAll("mr_listing.yml", CORRELATIONS);
    CorrelationSet set = CorrelationSet.resolve(rules.rules(), correlations.correlations());
    assertThat(set.errors()).isEmpty();

    Hunter hunter = HunterBuilder.empty().sigma(rules.rules(), set).threads(threads).build();
    InputWalk inputs = new InputDiscovery().discover(paths);
    HuntResult result = hunter.hunt(inputs, new HuntProgress());
    assertThat(result.detectorErrors()).isZero();
    return result.findings();
  }

  @Test
  void hunt_reportsCorrelationFindings(@TempDir Path folder) throws Exception {
    List<Finding> findings = hunt(writeLogs(folder), 2);

    List<String> rules = new ArrayList<>();
    for (Finding finding : findings) {
      rules.add(finding.title() + " / " + finding.principal());
    }
    // A correlation with generate: true references the listing rule, so it keeps its own
    // findings. The burst correlation fires for alice (12 calls) but not for bob (4 calls).
    assertThat(rules)
        .containsExactlyInAnyOrder(
            "IAM listing followed by a new access key / " + ALICE,
            "IAM listing burst / " + ALICE,
            "IAM listing call / " + ALICE,
            "IAM listing call / " + BOB,
            "Access key created / " + ALICE);

    Finding burst =
        findings.stream()
            .filter(f -> f.title().equals("IAM listing burst"))
            .findFirst()
            .orElseThrow();
    assertThat(burst.severity()).isEqualTo(Severity.HIGH);
    assertThat(burst.explanation())
        .startsWith("event_count 12 >= 5 in 10m for userIdentity.arn=" + ALICE);
    assertThat(burst.evidence()).hasSize(12);
    assertThat(burst.techniques()).extracting(t -> t.id()).containsExactly("T1087.004");

    Finding sequence = findings.get(0);
    assertThat(sequence.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(sequence.techniques()).extracting(t -> t.id()).containsExactly("T1098.001");
  }

  @Test
  void hunt_sameForThreadsAndOrder(@TempDir Path folder) throws Exception {
    List<String> paths = writeLogs(folder);
    List<Finding> expected = hunt(paths, 1);

    for (int threads : new int[] {1, 2, 4}) {
      List<String> reversed = new ArrayList<>(paths);
      Collections.reverse(reversed);
      List<String> rotated = new ArrayList<>(paths);
      Collections.rotate(rotated, 1);

      assertThat(hunt(paths, threads)).as("%d threads", threads).isEqualTo(expected);
      assertThat(hunt(reversed, threads)).as("%d threads, reversed", threads).isEqualTo(expected);
      assertThat(hunt(rotated, threads)).as("%d threads, rotated", threads).isEqualTo(expected);
    }
    assertThat(expected).hasSize(5);
  }
}
