package dev.skywarden.core.report.html;

import static dev.skywarden.core.finding.TestHits.event;
import static org.assertj.core.api.Assertions.assertThat;

import dev.skywarden.core.event.CloudEvent;
import dev.skywarden.core.report.html.ActivitySampler.PrincipalActivity;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ActivitySamplerTest {

  private static List<CloudEvent> events() {
    List<CloudEvent> events = new ArrayList<>();
    // One event every 7 minutes for 3 days: far more minutes than MAX_BUCKETS.
    for (int i = 0; i < 600; i++) {
      String ip = "198.51.100." + (i % 40);
      events.add(event("alice", i * 420, i, "AKIA1", ip, "Op" + (i % 30)));
    }
    events.add(event("bob", 5, 9999, null, "203.0.113.9", "ListUsers"));
    return events;
  }

  private static ActivitySampler.Snapshot sample(List<CloudEvent> events) {
    ActivitySampler sampler = new ActivitySampler();
    events.forEach(event -> sampler.detect(event, hit -> {}));
    return sampler.snapshot();
  }

  @Test
  void snapshot_sameWhateverTheOrder() {
    List<CloudEvent> events = events();
    ActivitySampler.Snapshot ordered = sample(events);
    List<CloudEvent> shuffled = new ArrayList<>(events);
    Collections.shuffle(shuffled, new Random(42));

    assertThat(sample(shuffled)).isEqualTo(ordered);
  }

  @Test
  void snapshot_staysWithinCaps() {
    ActivitySampler.Snapshot snapshot = sample(events());
    PrincipalActivity alice =
        snapshot.principals().values().stream()
            .filter(p -> p.key().principal().endsWith("alice"))
            .findFirst()
            .orElseThrow();

    assertThat(alice.events()).isEqualTo(600);
    assertThat(alice.timeline().size()).isLessThanOrEqualTo(ActivitySampler.MAX_BUCKETS);
    assertThat(alice.timeline().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(600);
    assertThat(Long.bitCount(alice.bucketMinutes())).as("power of two").isEqualTo(1);
    assertThat(alice.bucketMinutes()).isGreaterThan(1);
    assertThat(alice.networks()).hasSize(ActivitySampler.MAX_VALUES);
    assertThat(alice.operations()).hasSize(ActivitySampler.MAX_VALUES);
    assertThat(alice.operations().get(0).value()).isEqualTo("Op0");
    assertThat(alice.operations().get(0).count()).isEqualTo(20);
    assertThat(snapshot.untrackedEvents()).isZero();
  }
}
