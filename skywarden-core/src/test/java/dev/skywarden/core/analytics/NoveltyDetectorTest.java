package dev.skywarden.core.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skywarden.core.event.Actor;
import dev.skywarden.core.event.ActorType;
import org.junit.jupiter.api.Test;

class NoveltyDetectorTest {

  private static Actor session(String name, String issuer) {
    return new Actor(ActorType.ROLE_SESSION, "AROA1:x", name, "111122223333", issuer, null);
  }

  @Test
  void identityCenterSession_isPerson() {
    Actor actor =
        session(
            "arn:aws:sts::111122223333:assumed-role/AWSReservedSSO_Admin_0a1b/ana@example.com",
            "arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Admin_0a1b");

    assertThat(NoveltyDetector.workload(actor)).isFalse();
  }

  @Test
  void samlSessionNamedByEmail_isPerson() {
    Actor actor =
        session(
            "arn:aws:sts::111122223333:assumed-role/Okta-ReadOnly/bo@example.com",
            "arn:aws:iam::111122223333:role/Okta-ReadOnly");

    assertThat(NoveltyDetector.workload(actor)).isFalse();
  }

  @Test
  void instanceOrCiSession_isWorkload() {
    Actor instance =
        session(
            "arn:aws:sts::111122223333:assumed-role/web-role/i-0abc123def4567890",
            "arn:aws:iam::111122223333:role/web-role");
    Actor ci =
        session(
            "arn:aws:sts::111122223333:assumed-role/deploy/GitHubActions-12345",
            "arn:aws:iam::111122223333:role/deploy");

    assertThat(NoveltyDetector.workload(instance)).isTrue();
    assertThat(NoveltyDetector.workload(ci)).isTrue();
  }

  @Test
  void serviceAccountAndUser_keepTheirKind() {
    Actor serviceAccount =
        new Actor(ActorType.SERVICE_ACCOUNT, "1", "sa@p.iam.gserviceaccount.com", "p", null, null);
    Actor user = new Actor(ActorType.USER, "2", "ana@example.com", "t", null, null);

    assertThat(NoveltyDetector.workload(serviceAccount)).isTrue();
    assertThat(NoveltyDetector.workload(user)).isFalse();
  }
}
