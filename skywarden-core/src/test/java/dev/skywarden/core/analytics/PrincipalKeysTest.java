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
import dev.skywarden.core.event.Outcome;
import dev.skywarden.core.event.SourceAddress;
import dev.skywarden.core.event.SourceLocation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The principal key of each event, and the cache that keeps it per display name. */
class PrincipalKeysTest {

  private static final String SESSION =
      "arn:aws:sts::111122223333:assumed-role/deploy/GitHubActions-10000101";
  private static final String ROLE_WITH_PATH = "arn:aws:iam::111122223333:role/ci/deploy";
  private static final String ROLE_FROM_ARN = "arn:aws:iam::111122223333:role/deploy";

  private static CloudEvent event(CloudProvider provider, String name, String issuer) {
    return new CloudEvent(
        Instant.parse("2026-03-02T08:00:00Z"),
        provider == CloudProvider.AWS ? LogKind.CLOUDTRAIL : LogKind.AZURE_ACTIVITY,
        "evt-1",
        "111122223333",
        "eu-west-1",
        new Actor(ActorType.ROLE_SESSION, null, name, "111122223333", issuer, null),
        Credential.NONE,
        SourceAddress.NONE,
        null,
        new Api("s3.amazonaws.com", "ListBuckets", Boolean.TRUE),
        Outcome.SUCCESS,
        List.of(),
        ClientFingerprint.UNKNOWN,
        JsonNodeFactory.instance.objectNode(),
        new SourceLocation("trail.json", 1, 1));
  }

  @Test
  void emptyName_roleFromDisplayName() {
    // The display name falls back to the principal id, which the caches compare, so the role must
    // come from it too.
    Actor named = new Actor(ActorType.ROLE_SESSION, null, SESSION, "111122223333", null, null);
    Actor unnamed = new Actor(ActorType.ROLE_SESSION, SESSION, "", "111122223333", null, null);

    assertThat(PeerGroups.role(named)).isEqualTo(ROLE_FROM_ARN);
    assertThat(PeerGroups.role(unnamed)).isEqualTo(ROLE_FROM_ARN);
  }

  @Test
  void issuerWithPath_sameKeyAsArn() {
    CloudEvent withIssuer = event(CloudProvider.AWS, SESSION, ROLE_WITH_PATH);
    CloudEvent withoutIssuer = event(CloudProvider.AWS, SESSION, null);

    PrincipalKeys forward = new PrincipalKeys();
    PrincipalKeys backward = new PrincipalKeys();
    List<String> first = List.of(forward.of(withIssuer).id(), forward.of(withoutIssuer).id());
    List<String> second = List.of(backward.of(withoutIssuer).id(), backward.of(withIssuer).id());

    // A role name is unique in its account whatever its path, and an assumed-role ARN has no path.
    assertThat(first).containsExactly(ROLE_FROM_ARN, ROLE_FROM_ARN);
    assertThat(second).containsExactly(ROLE_FROM_ARN, ROLE_FROM_ARN);
  }

  @Test
  void sameNameOtherProvider_ownKey() {
    PrincipalKeys keys = new PrincipalKeys();

    ProfileKey aws = keys.of(event(CloudProvider.AWS, "0e1f2a3b", null));
    ProfileKey azure = keys.of(event(CloudProvider.AZURE, "0e1f2a3b", null));

    assertThat(aws.provider()).isEqualTo(CloudProvider.AWS);
    assertThat(azure.provider()).isEqualTo(CloudProvider.AZURE);
  }

  @Test
  void fullCache_keysStayRight() {
    PrincipalKeys keys = new PrincipalKeys();
    List<String> ids = new ArrayList<>();

    for (int run = 0; run < 3 * PrincipalKeys.MAX_CACHED; run++) {
      String session =
          "arn:aws:sts::111122223333:assumed-role/deploy/GitHubActions-" + (10_000_000 + run);
      ids.add(keys.of(event(CloudProvider.AWS, session, null)).id());
    }
    String chosen = "arn:aws:sts::111122223333:assumed-role/deploy/nightly-backup";
    ids.add(keys.of(event(CloudProvider.AWS, chosen, null)).id());

    assertThat(ids.subList(0, ids.size() - 1)).containsOnly(ROLE_FROM_ARN);
    assertThat(ids.get(ids.size() - 1)).isEqualTo(chosen);
  }
}
