package dev.skywarden.core.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skywarden.core.event.CloudEvent;
import dev.skywarden.core.event.SourceLocation;
import dev.skywarden.core.finding.TestHits;
import dev.skywarden.core.input.RawRecord;
import dev.skywarden.core.normalize.EventNormalizer;
import dev.skywarden.core.normalize.NormalizeResult;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Feature values of CloudTrail events, built fresh and then from the extractor's caches. */
class FeatureExtractorTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final EventNormalizer NORMALIZER = new EventNormalizer();

  private static final String RUN_INSTANCES =
      "{\"eventVersion\":\"1.08\",\"eventTime\":\"2026-03-01T13:05:00Z\","
          + "\"eventSource\":\"ec2.amazonaws.com\",\"eventName\":\"RunInstances\","
          + "\"eventID\":\"ID\",\"awsRegion\":\"REGION\",\"sourceIPAddress\":\"IP\","
          + "\"userAgent\":\"aws-cli/2.15.0 Python/3.11.6 Linux/6.1 exe/x86_64\","
          + "\"userIdentity\":{\"type\":\"IAMUser\",\"arn\":\"arn:aws:iam::111122223333:user/a\","
          + "\"accountId\":\"111122223333\"},"
          + "\"requestParameters\":{\"@type\":\"x\",\"instanceType\":\"TYPE\","
          + "\"iamInstanceProfile\":{\"arn\":\"arn:aws:iam::111122223333:instance-profile/p\"},"
          + "\"minCount\":1}}";

  private final FeatureExtractor extractor = new FeatureExtractor(NotableParameters.bundled());

  @Test
  void runInstances_allFeatureValues() {
    List<String> features = extract(runInstances("e1", "us-east-1", "203.0.113.7", "t3.micro"));

    assertThat(features)
        .containsExactly(
            "SERVICE ec2.amazonaws.com",
            "OPERATION ec2.amazonaws.com RunInstances",
            "NETWORK 203.0.113.0/24",
            "CLIENT AWS_CLI:AWS CLI",
            "REGION us-east-1",
            "HOUR 13",
            "PARAMETER_KEY RunInstances instanceType",
            "PARAMETER_KEY RunInstances iamInstanceProfile",
            "PARAMETER_KEY RunInstances minCount",
            "PARAMETER_VALUE RunInstances instanceType=t3.micro",
            "PARAMETER_VALUE RunInstances region=us-east-1",
            "PARAMETER_VALUE RunInstances iamInstanceProfile.arn="
                + "arn:aws:iam::111122223333:instance-profile/p");
  }

  @Test
  void timeBefore1970_hourOfItsOwnDay() {
    CloudEvent event = runInstances("e1", "us-east-1", "203.0.113.7", "t3.micro");
    CloudEvent early = TestHits.at(event, java.time.Instant.parse("1969-12-31T23:30:00Z"));

    assertThat(extract(early)).contains("HOUR 23");
  }

  @Test
  void repeatedInputs_sameValuesFromCache() {
    List<String> first = extract(runInstances("e1", "us-east-1", "203.0.113.7", "t3.micro"));
    List<String> again = extract(runInstances("e2", "us-east-1", "203.0.113.200", "t3.micro"));

    assertThat(again).isEqualTo(first);
  }

  @Test
  void changedInputs_newValuesNotCached() {
    extract(runInstances("e1", "us-east-1", "203.0.113.7", "t3.micro"));

    List<String> other = extract(runInstances("e2", "eu-west-1", "198.51.100.9", "m5.large"));

    assertThat(other)
        .contains(
            "NETWORK 198.51.100.0/24",
            "REGION eu-west-1",
            "PARAMETER_VALUE RunInstances instanceType=m5.large",
            "PARAMETER_VALUE RunInstances region=eu-west-1")
        .doesNotContain("NETWORK 203.0.113.0/24", "PARAMETER_VALUE RunInstances region=us-east-1");
  }

  @Test
  void ipv6Network_is48Prefix() {
    List<String> features = extract(runInstances("e1", "us-east-1", "2001:db8:a:b::1", "t3.micro"));

    assertThat(features).contains("NETWORK 2001:db8:a::/48");
  }

  @Test
  void operationClass_matchesCatalog() {
    OperationCatalog catalog = OperationCatalog.bundled();
    CloudEvent unmarked = runInstances("e1", "us-east-1", "203.0.113.7", "t3.micro");
    List<CloudEvent> events =
        List.of(
            unmarked,
            withReadOnly(unmarked, "true"),
            withReadOnly(unmarked, "false"),
            withReadOnly(unmarked, "null"),
            withReadOnly(unmarked, "true"));
    assertThat(unmarked.api().readOnly()).isNull();

    // Twice each, so that the second result comes from the operation's memo.
    for (int pass = 1; pass <= 2; pass++) {
      for (CloudEvent event : events) {
        assertThat(buffer(event).operationClass())
            .as("pass " + pass + ", readOnly " + event.api().readOnly())
            .isEqualTo(catalog.classify(event));
      }
    }
  }

  @Test
  void operationClass_readFlagChangesClass() {
    // An operation that no catalogue entry names is a read or a write by its flag alone.
    CloudEvent unlisted =
        normalize(
            RUN_INSTANCES
                .replace("ec2.amazonaws.com", "example.amazonaws.com")
                .replace("RunInstances", "Frobnicate")
                .replace("REGION", "us-east-1")
                .replace("\"IP\"", "\"203.0.113.7\"")
                .replace("TYPE", "t3.micro"));

    assertThat(buffer(withReadOnly(unlisted, "true")).operationClass().category())
        .isEqualTo("read");
    assertThat(buffer(withReadOnly(unlisted, "false")).operationClass().category())
        .isEqualTo("write");
    assertThat(buffer(unlisted).operationClass().category()).isEqualTo("write");
  }

  @Test
  void cachedValues_sameInstances() {
    FeatureBuffer first = buffer(runInstances("e1", "us-east-1", "203.0.113.7", "t3.micro"));
    FeatureBuffer again = buffer(runInstances("e2", "us-east-1", "203.0.113.8", "t3.micro"));

    assertThat(again.size()).isEqualTo(first.size());
    for (int i = 0; i < first.size(); i++) {
      assertThat(again.value(i)).as(first.value(i)).isSameAs(first.value(i));
    }
  }

  private List<String> extract(CloudEvent event) {
    FeatureBuffer buffer = buffer(event);
    List<String> features = new ArrayList<>();
    for (int i = 0; i < buffer.size(); i++) {
      features.add(buffer.kind(i) + " " + buffer.value(i));
    }
    return features;
  }

  private FeatureBuffer buffer(CloudEvent event) {
    FeatureBuffer buffer = new FeatureBuffer();
    extractor.extract(event, buffer);
    return buffer;
  }

  /** Returns the event with its record's {@code readOnly} set to {@code flag}, normalised again. */
  private static CloudEvent withReadOnly(CloudEvent event, String flag) {
    ObjectNode raw = event.raw().deepCopy();
    if ("null".equals(flag)) {
      raw.putNull("readOnly");
    } else {
      raw.put("readOnly", Boolean.parseBoolean(flag));
    }
    return normalize(raw.toString());
  }

  private static CloudEvent runInstances(String id, String region, String ip, String type) {
    String json =
        RUN_INSTANCES
            .replace("\"ID\"", "\"" + id + "\"")
            .replace("REGION", region)
            .replace("\"IP\"", "\"" + ip + "\"")
            .replace("TYPE", type);
    return normalize(json);
  }

  private static CloudEvent normalize(String json) {
    try {
      RawRecord record = new RawRecord(MAPPER.readTree(json), new SourceLocation("t.json", 1, 0));
      NormalizeResult result = NORMALIZER.normalize(record);
      assertThat(result).isInstanceOf(NormalizeResult.Normalized.class);
      return ((NormalizeResult.Normalized) result).event();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
