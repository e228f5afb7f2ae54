package dev.skywarden.core.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skywarden.core.event.CloudEvent;
import dev.skywarden.core.event.Interner;
import dev.skywarden.core.finding.TestHits;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The first and last times and first evidence of a feature value, whatever the event order. */
class FeatureStatsTest {

  private static final Interner INTERNER = new Interner();
  private static final EvidenceStore STORE = new EvidenceStore(INTERNER);

  @Test
  void add_firstAndLastSameInEveryOrder() {
    Random random = new Random(17);
    for (int trial = 0; trial < 500; trial++) {
      List<CloudEvent> events = randomEvents(random);
      CloudEvent first = Collections.min(events, EventOrder.FIRST);
      Instant last = events.stream().map(CloudEvent::time).max(Comparator.naturalOrder()).get();
      Collections.shuffle(events, random);

      Profile.FeatureStats stats = new Profile.FeatureStats();
      for (CloudEvent event : events) {
        stats.add(new EventOrder.Shared(event, INTERNER, STORE), true);
      }

      String context = "trial " + trial + ": " + events;
      assertThat(stats.count).as(context).isEqualTo(events.size());
      assertThat(stats.firstSeen()).as(context).isEqualTo(first.time());
      assertThat(stats.lastSeen()).as(context).isEqualTo(last);
      assertThat(stats.first.compareTo(first, STORE.inputs())).as(context).isZero();
    }
  }

  @Test
  void firstAndLastSeen_nullBeforeAnyEvent() {
    Profile.FeatureStats stats = new Profile.FeatureStats();

    assertThat(stats.firstSeen()).isNull();
    assertThat(stats.lastSeen()).isNull();
  }

  /** Events within two seconds, so that many share a second and some share a time. */
  private static List<CloudEvent> randomEvents(Random random) {
    List<CloudEvent> events = new ArrayList<>();
    int count = 1 + random.nextInt(8);
    for (int i = 0; i < count; i++) {
      CloudEvent event =
          TestHits.event("alice", 0, random.nextInt(4), "AKIAEXAMPLE", "203.0.113.7", "ListUsers");
      Instant time = event.time().plusSeconds(random.nextInt(2)).plusNanos(random.nextInt(3));
      events.add(TestHits.at(event, time));
    }
    return events;
  }
}
