package dev.skywarden.core.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.skywarden.core.event.Actor;
import dev.skywarden.core.event.ActorType;
import dev.skywarden.core.event.Api;
import dev.skywarden.core.event.ClientFingerprint;
import dev.skywarden.core.event.CloudEvent;
import dev.skywarden.core.event.CloudProvider;
import dev.skywarden.core.event.Credential;
import dev.skywarden.core.event.LogKind;
import dev.skywarden.core.event.NetworkInfo;
import dev.skywarden.core.event.NetworkKind;
import dev.skywarden.core.event.Outcome;
import dev.skywarden.core.event.SourceAddress;
import dev.skywarden.core.event.SourceLocation;
import dev.skywarden.core.finding.DetectionHit;
import dev.skywarden.core.finding.Severity;
import java.net.InetAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WorkloadCredentialsTest {

  private static final String INSTANCE_SESSION =
      "arn:aws:sts::111122223333:assumed-role/web/i-0abc123def4567890";

  @Test
  void instanceSession_fromHosting_high() throws Exception {
    List<DetectionHit> hits =
        detect(
            aws(
                INSTANCE_SESSION,
                new NetworkInfo(
                    NetworkKind.HOSTING, "digitalocean", null, null, null, null, "NL", null)));

    assertThat(hits).hasSize(1);
    assertThat(hits.get(0).severity()).isEqualTo(Severity.HIGH);
    assertThat(hits.get(0).explanation()).contains("EC2 instance role session").contains("hosting");
  }

  @Test
  void instanceSession_fromTor_critical() throws Exception {
    List<DetectionHit> hits = detect(aws(INSTANCE_SESSION, NetworkInfo.of(NetworkKind.TOR)));

    assertThat(hits)
        .singleElement()
        .extracting(DetectionHit::severity)
        .isEqualTo(Severity.CRITICAL);
  }

  @Test
  void instanceSession_fromOwnCloud_quiet() throws Exception {
    NetworkInfo aws =
        new NetworkInfo(
            NetworkKind.CLOUD_PROVIDER, "aws", "EC2", "eu-west-1", null, null, null, null);

    assertThat(detect(aws(INSTANCE_SESSION, aws))).isEmpty();
  }

  @Test
  void instanceSession_fromOtherAddress_high() throws Exception {
    List<DetectionHit> hits =
        detect(aws(INSTANCE_SESSION, NetworkInfo.OTHER), EnumSet.of(CloudProvider.AWS));

    assertThat(hits)
        .singleElement()
        .extracting(DetectionHit::explanation)
        .asString()
        .contains("outside the published ranges of aws");
  }

  @Test
  void instanceSession_withoutAwsRanges_quiet() throws Exception {
    // Only Tor exits, MaxMind data or another cloud's ranges are loaded: an address in no range
    // may still be an AWS address, so "outside the published ranges of aws" cannot be claimed.
    assertThat(detect(aws(INSTANCE_SESSION, NetworkInfo.OTHER), EnumSet.of(CloudProvider.GCP)))
        .isEmpty();
    assertThat(
            detect(aws(INSTANCE_SESSION, NetworkInfo.OTHER), EnumSet.noneOf(CloudProvider.class)))
        .isEmpty();
  }

  @Test
  void instanceSession_fromOtherCloud_highWithoutAwsRanges() throws Exception {
    NetworkInfo gcp =
        new NetworkInfo(
            NetworkKind.CLOUD_PROVIDER,
            "gcp",
            "Google Cloud",
            "europe-west1",
            null,
            null,
            null,
            null);

    List<DetectionHit> hits = detect(aws(INSTANCE_SESSION, gcp), EnumSet.of(CloudProvider.GCP));

    assertThat(hits)
        .singleElement()
        .extracting(DetectionHit::explanation)
        .asString()
        .contains("outside the published ranges of aws (gcp");
  }

  @Test
  void personSession_fromHosting_notWorkload() throws Exception {
    NetworkInfo hosting = NetworkInfo.of(NetworkKind.HOSTING);

    assertThat(detect(aws("arn:aws:sts::111122223333:assumed-role/admin/alice", hosting)))
        .isEmpty();
  }

  @Test
  void withoutNetworkIntel_quiet() throws Exception {
    assertThat(detect(aws(INSTANCE_SESSION, null))).isEmpty();
  }

  private static List<DetectionHit> detect(CloudEvent event) {
    return detect(event, EnumSet.allOf(CloudProvider.class));
  }

  private static List<DetectionHit> detect(CloudEvent event, Set<CloudProvider> publishedRanges) {
    List<DetectionHit> hits = new ArrayList<>();
    new WorkloadCredentials(publishedRanges).detect(event, hits::add);
    return hits;
  }

  private static CloudEvent aws(String session, NetworkInfo network) throws Exception {
    return new CloudEvent(
        Instant.parse("2026-03-02T10:00:00Z"),
        LogKind.CLOUDTRAIL,
        "evt-1",
        "111122223333",
        "eu-west-1",
        new Actor(ActorType.ROLE_SESSION, "AROA1", session, "111122223333", null, null),
        new Credential("ASIAEXAMPLE", Credential.CredentialKind.SESSION, null),
        new SourceAddress(InetAddress.getByName("198.51.100.7"), null, network),
        "aws-cli/2.15.0",
        new Api("s3.amazonaws.com", "ListBuckets", Boolean.TRUE),
        Outcome.SUCCESS,
        List.of(),
        ClientFingerprint.UNKNOWN,
        JsonNodeFactory.instance.objectNode(),
        new SourceLocation("trail.json", 1, 1));
  }

  @Test
  void instanceSession_agreesWithPattern() {
    java.util.regex.Pattern pattern = java.util.regex.Pattern.compile(".*/i-[0-9a-f]{8,17}");
    List<String> names =
        List.of(
            "arn:aws:sts::1:assumed-role/web/i-0123456789abcdef0",
            "arn:aws:sts::1:assumed-role/web/i-01234567",
            "arn:aws:sts::1:assumed-role/web/i-0123456",
            "arn:aws:sts::1:assumed-role/web/i-0123456789abcdef01",
            "arn:aws:sts::1:assumed-role/web/i-0123456789ABCDEF0",
            "arn:aws:sts::1:assumed-role/i-0123456789abcdef0/alice",
            "i-0123456789abcdef0",
            "/i-0123456789abcdef0",
            "arn:aws:sts::1:assumed-role/web/x-0123456789abcdef0",
            "arn:aws:sts::1:assumed-role/web/i-0123456789abcdeg0",
            "a/b/");
    for (String name : names) {
      assertThat(WorkloadCredentials.instanceSession(name))
          .as(name)
          .isEqualTo(pattern.matcher(name).matches());
    }
  }
}
