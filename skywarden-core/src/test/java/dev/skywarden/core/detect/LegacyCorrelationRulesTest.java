package dev.skywarden.core.detect;

import static dev.skywarden.core.detect.correlation.CorrelationFixtures.T0;
import static dev.skywarden.core.detect.correlation.CorrelationFixtures.event;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skywarden.core.detect.correlation.CorrelationFixtures;
import dev.skywarden.core.detect.correlation.CorrelationLimits;
import dev.skywarden.core.event.CloudEvent;
import dev.skywarden.core.event.SourceLocation;
import dev.skywarden.core.finding.DetectionHit;
import dev.skywarden.core.finding.Severity;
import dev.skywarden.core.sigma.SigmaCorrelationRule;
import dev.skywarden.core.sigma.SigmaParseResult;
import dev.skywarden.core.sigma.SigmaRuleParser;
import dev.skywarden.core.sigma.SigmaRuleSet;
import dev.skywarden.core.sigma.correlation.CorrelationSet;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * The aggregation rules that Sigma 1 wrote as {@code | count() by ...} conditions, rewritten as
 * Sigma 2 correlations in {@code src/test/resources/correlation/legacy/}: each fires on events at
 * its threshold and stays silent one step below it.
 */
class LegacyCorrelationRulesTest {

  private static final String FOLDER = "/correlation/legacy/";
  private static final String ALICE = "arn:aws:iam::111122223333:user/alice";

  /** What running one legacy file over some events produced. */
  private record Outcome(SigmaCorrelationRule correlation, List<DetectionHit> hits) {

    List<DetectionHit> correlationHits() {
      List<DetectionHit> matching = new ArrayList<>();
      for (DetectionHit hit : hits) {
        if (hit.ruleId().equals(correlation.id())) {
          matching.add(hit);
        }
      }
      return matching;
    }
  }

  private static Outcome run(String file, List<CloudEvent> events) throws IOException {
    String yaml;
    try (InputStream in = LegacyCorrelationRulesTest.class.getResourceAsStream(FOLDER + file)) {
      assertThat(in).as("resource %s", file).isNotNull();
      yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    SigmaParseResult parsed = new SigmaRuleParser().parseAll(file, yaml);
    assertThat(parsed.errors()).isEmpty();
    assertThat(parsed.correlations()).hasSize(1);
    CorrelationSet correlations = CorrelationSet.resolve(parsed.rules(), parsed.correlations());
    assertThat(correlations.errors()).isEmpty();

    SigmaDetector detector =
        new SigmaDetector(
            SigmaRuleSet.compile(parsed.rules()), correlations, CorrelationLimits.DEFAULTS);
    DetectorRun run = detector.startRun();
    List<DetectionHit> hits = new ArrayList<>();
    for (CloudEvent event : events) {
      run.detect(event, hits::add);
    }
    run.finish(hits::add);
    return new Outcome(parsed.correlations().get(0), hits);
  }

  /** Asserts that {@code count} events fire the file's correlation and one event fewer does not. */
  private static void assertThreshold(String file, int count, IntFunction<List<CloudEvent>> events)
      throws IOException {
    Outcome at = run(file, events.apply(count));
    Outcome below = run(file, events.apply(count - 1));

    assertThat(at.correlationHits()).as("%s with %d events", file, count).isNotEmpty();
    DetectionHit hit = at.correlationHits().get(0);
    assertThat(hit.title()).isEqualTo(at.correlation().title());
    assertThat(hit.severity().sigmaLevel()).isEqualTo(at.correlation().level().toString());
    assertThat(hit.explanation()).contains(at.correlation().timespan().text());
    assertThat(below.correlationHits()).as("%s with %d events", file, count - 1).isEmpty();
    // The base rules keep no findings of their own (generate is not set).
    assertThat(at.hits()).allMatch(each -> each.ruleId().equals(at.correlation().id()));
  }

  private static List<CloudEvent> calls(int count, int spacingSeconds, Map<String, Object> fields) {
    List<CloudEvent> events = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      events.add(event(1000L * i * spacingSeconds, "trail.json", i + 1, fields));
    }
    return events;
  }

  private static Map<String, Object> fields(Object... keyValues) {
    Map<String, Object> fields = new HashMap<>();
    fields.put("userIdentity.arn", ALICE);
    for (int i = 0; i < keyValues.length; i += 2) {
      fields.put((String) keyValues[i], keyValues[i + 1]);
    }
    return fields;
  }

  @Test
  void ec2UserdataBulkRead_firesAboveTen() throws IOException {
    Map<String, Object> read =
        fields(
            "eventSource", "ec2.amazonaws.com",
            "eventName", "DescribeInstanceAttribute",
            "requestParameters.attribute", "userData");

    assertThreshold("mr_aws_ec2_userdata_bulk_read.yml", 11, n -> calls(n, 150, read));
  }

  @Test
  void backupEnumeration_firesAboveFive() throws IOException {
    String[] names = {"DescribeVolumes", "DescribeSnapshots", "DescribeImages", "GetPasswordData"};
    IntFunction<List<CloudEvent>> events =
        n -> {
          List<CloudEvent> list = new ArrayList<>();
          for (int i = 0; i < n; i++) {
            list.add(
                event(
                    i * 60_000L,
                    "trail.json",
                    i + 1,
                    fields(
                        "eventSource", "ec2.amazonaws.com", "eventName", names[i % names.length])));
          }
          return list;
        };

    assertThreshold("mr_aws_backup_enumeration.yml", 6, events);
  }

  @Test
  void listCallBurst_firesAboveFifty() throws IOException {
    Map<String, Object> list = fields("eventSource", "iam.amazonaws.com", "eventName", "ListRoles");

    assertThreshold("mr_aws_list_call_burst.yml", 51, n -> calls(n, 10, list));
  }

  @Test
  void networkEnumeration_firesAboveFive() throws IOException {
    Map<String, Object> read =
        fields("eventSource", "ec2.amazonaws.com", "eventName", "DescribeDhcpOptions");

    assertThreshold("mr_aws_network_enumeration.yml", 6, n -> calls(n, 100, read));
  }

  @Test
  void s3ConfigurationSweep_firesAtFiveDistinctCalls() throws IOException {
    String[] names = {
      "GetBucketPolicy", "GetBucketCors", "GetBucketTagging", "GetBucketAcl", "ListBuckets"
    };
    IntFunction<List<CloudEvent>> events =
        n -> {
          List<CloudEvent> list = new ArrayList<>();
          // Repeats of the same call do not count: each distinct name appears twice.
          for (int i = 0; i < 2 * n; i++) {
            list.add(
                event(
                    i * 30_000L,
                    "trail.json",
                    i + 1,
                    fields("eventSource", "s3.amazonaws.com", "eventName", names[i % n])));
          }
          return list;
        };

    assertThreshold("mr_aws_s3_configuration_sweep.yml", 5, events);
  }

  @Test
  void lambdaCreatedThenInvoked_needsBothInOrder() throws IOException {
    CloudEvent created =
        event(
            0,
            "trail.json",
            1,
            fields("eventSource", "lambda.amazonaws.com", "eventName", "CreateFunction20150331"));
    CloudEvent invoked =
        event(
            120_000,
            "trail.json",
            2,
            fields("eventSource", "lambda.amazonaws.com", "eventName", "Invoke"));
    CloudEvent invokedBefore =
        event(
            -60_000,
            "trail.json",
            3,
            fields("eventSource", "lambda.amazonaws.com", "eventName", "Invoke"));
    String file = "mr_aws_lambda_created_then_invoked.yml";

    assertThat(run(file, List.of(created, invoked)).correlationHits()).hasSize(2);
    assertThat(run(file, List.of(created)).correlationHits()).isEmpty();
    assertThat(run(file, List.of(invokedBefore, created)).correlationHits()).isEmpty();
    assertThat(run(file, List.of(created, invoked)).correlationHits().get(0).severity())
        .isEqualTo(Severity.LOW);
  }

  @Test
  void macieTampering_firesAboveFiveFromOneAddress() throws IOException {
    Map<String, Object> archive =
        fields(
            "eventSource", "macie2.amazonaws.com",
            "eventName", "ArchiveFindings",
            "sourceIPAddress", "198.51.100.7");

    assertThreshold("mr_aws_macie_tampering.yml", 6, n -> calls(n, 60, archive));
  }

  @Test
  void sesSendingSetup_needsBothWithinFiveMinutes() throws IOException {
    CloudEvent verify =
        event(
            0,
            "trail.json",
            1,
            fields("eventSource", "ses.amazonaws.com", "eventName", "VerifyEmailIdentity"));
    CloudEvent enable =
        event(
            300_000,
            "trail.json",
            2,
            fields("eventSource", "ses.amazonaws.com", "eventName", "UpdateAccountSendingEnabled"));
    CloudEvent enableLate =
        event(
            300_001,
            "trail.json",
            2,
            fields("eventSource", "ses.amazonaws.com", "eventName", "UpdateAccountSendingEnabled"));
    String file = "mr_aws_ses_sending_setup.yml";

    assertThat(run(file, List.of(verify, enable)).correlationHits()).hasSize(2);
    assertThat(run(file, List.of(verify, enableLate)).correlationHits()).isEmpty();
  }

  private static CloudEvent wrongPassword(int index, String user) {
    ObjectNode record = JsonNodeFactory.instance.objectNode();
    record.put("Type", "SigninLogs");
    record.put("TimeGenerated", T0.plusSeconds(index * 20L).toString());
    record.put("Id", "signin-" + index);
    record.put("ResultType", "50126");
    record.put("UserPrincipalName", user + "@contoso.example");
    record.put("IPAddress", "203.0.113.99");
    record.put("AppDisplayName", "Azure Portal");
    return CorrelationFixtures.normalize(record, new SourceLocation("signin.json", index, index));
  }

  @Test
  void azurePasswordSpray_firesAboveTenAccounts() throws IOException {
    IntFunction<List<CloudEvent>> events =
        n -> {
          List<CloudEvent> list = new ArrayList<>();
          for (int i = 0; i < n; i++) {
            list.add(wrongPassword(2 * i + 1, "user" + i));
            // A second failure for the same account adds no distinct value.
            list.add(wrongPassword(2 * i + 2, "user" + i));
          }
          return list;
        };

    assertThreshold("mr_azure_password_spray_from_address.yml", 11, events);
  }
}
