package dev.skywarden.core.posture.gcp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GcpBindingTest {

  private static GcpBinding withCondition(String condition) {
    return new GcpBinding("p", "roles/owner", "user:a@example.com", condition, "policy.json");
  }

  @Test
  void timeBound_onlyUpperBoundsOnRequestTimeAreExpiries() {
    assertThat(withCondition("request.time < timestamp('2025-03-05T00:00:00Z')").timeBound())
        .isTrue();
    assertThat(withCondition("request.time<=timestamp('2025-03-05T00:00:00Z')").timeBound())
        .isTrue();
    assertThat(withCondition("timestamp('2025-03-05T00:00:00Z') > request.time").timeBound())
        .isTrue();

    assertThat(withCondition("request.time > timestamp('2025-03-05T00:00:00Z')").timeBound())
        .isFalse();
    assertThat(withCondition("request.time.getHours('Europe/Berlin') >= 9").timeBound()).isFalse();
    assertThat(withCondition(null).timeBound()).isFalse();
  }

  @Test
  void timeBound_bypassableExpiryIsNone() {
    String expiry = "request.time < timestamp('2025-03-05T00:00:00Z')";

    assertThat(withCondition(expiry + " || true").timeBound()).isFalse();
    assertThat(withCondition(expiry + " || resource.name.startsWith('x')").timeBound()).isFalse();
    assertThat(withCondition("!(" + expiry + ")").timeBound()).isFalse();
    assertThat(withCondition(expiry + " && resource.type != 'x'").timeBound()).isTrue();
  }

  @Test
  void domain_ofDeletedMemberDropsTheUidSuffix() {
    GcpBinding deleted =
        new GcpBinding(
            "p", "roles/owner", "deleted:user:x@Example.com?uid=123", null, "policy.json");

    assertThat(deleted.domain()).isEqualTo("example.com");
  }
}
