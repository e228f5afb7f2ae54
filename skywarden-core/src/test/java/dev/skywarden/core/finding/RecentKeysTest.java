package dev.skywarden.core.finding;

import static dev.skywarden.core.finding.TestHits.by;
import static dev.skywarden.core.finding.TestHits.event;
import static org.assertj.core.api.Assertions.assertThat;

import dev.skywarden.core.event.Actor;
import dev.skywarden.core.event.ActorType;
import dev.skywarden.core.event.CloudEvent;
import dev.skywarden.core.event.LogKind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RecentKeysTest {

  private static final String ACCOUNT = "111122223333";

  /** Returns an event of the session {@code session} of role {@code role}, issued by that role. */
  private static CloudEvent session(String role, String session) {
    return session(role, session, "arn:aws:iam::" + ACCOUNT + ":role/" + role);
  }

  private static CloudEvent session(String role, String session, String issuer) {
    Actor actor =
        new Actor(
            ActorType.ROLE_SESSION,
            "AROAEXAMPLE:" + session,
            "arn:aws:sts::" + ACCOUNT + ":assumed-role/" + role + "/" + session,
            ACCOUNT,
            issuer,
            null);
    return by(event("unused", 0, 1, "ASIAEXAMPLE", "203.0.113.9", "GetObject"), actor);
  }

  /** Returns a copy of {@code event} recorded in another account and log. */
  private static CloudEvent elsewhere(CloudEvent event, String account, LogKind kind) {
    return new CloudEvent(
        event.time(),
        kind,
        event.eventId(),
        account,
        event.region(),
        event.actor(),
        event.credential(),
        event.source(),
        event.userAgent(),
        event.api(),
        event.outcome(),
        event.resources(),
        event.client(),
        event.raw(),
        event.location());
  }

  @Test
  void get_missesBeforePut() {
    RecentKeys<String> recent = new RecentKeys<>(true);

    assertThat(recent.get("rule-a", session("deploy", "alice"))).isNull();
  }

  @Test
  void get_findsEqualFieldsOfAnotherEvent() {
    RecentKeys<String> recent = new RecentKeys<>(true);
    recent.put("rule-a", session("deploy", "alice"), "finding-1");

    // Fresh strings, as two parsed records give them.
    String rule = new String("rule-a");
    assertThat(recent.get(rule, session("deploy", "alice"))).isEqualTo("finding-1");
  }

  @Test
  void get_missesWhenOneFieldDiffers() {
    RecentKeys<String> recent = new RecentKeys<>(true);
    CloudEvent stored = session("deploy", "alice");
    recent.put("rule-a", stored, "finding-1");

    assertThat(recent.get("rule-b", stored)).as("rule").isNull();
    assertThat(recent.get("rule-a", elsewhere(stored, "444455556666", LogKind.CLOUDTRAIL)))
        .as("account")
        .isNull();
    assertThat(recent.get("rule-a", elsewhere(stored, null, LogKind.CLOUDTRAIL)))
        .as("no account")
        .isNull();
    assertThat(recent.get("rule-a", elsewhere(stored, ACCOUNT, LogKind.GCP_AUDIT)))
        .as("provider")
        .isNull();
    assertThat(recent.get("rule-a", session("deploy", "alicf"))).as("name").isNull();
    assertThat(recent.get("rule-a", session("deploy", "alice", "arn:aws:iam::1:role/other")))
        .as("issuer")
        .isNull();
    assertThat(recent.get("rule-a", stored)).as("stored").isEqualTo("finding-1");
  }

  @Test
  void get_ignoresIssuerWithoutGrouping() {
    RecentKeys<String> recent = new RecentKeys<>(false);
    recent.put("rule-a", session("deploy", "alice"), "finding-1");

    assertThat(recent.get("rule-a", session("deploy", "alice", null))).isEqualTo("finding-1");
  }

  @Test
  void put_sameSlotReplacesEntry() {
    String first = "arn:aws:sts::" + ACCOUNT + ":assumed-role/deploy/run-0";
    String second = null;
    for (int i = 1; second == null && i < 1_000_000; i++) {
      String candidate = "arn:aws:sts::" + ACCOUNT + ":assumed-role/deploy/run-" + i;
      if (RecentKeys.slot("rule-a", candidate) == RecentKeys.slot("rule-a", first)) {
        second = candidate;
      }
    }
    assertThat(second).as("name in the slot of %s", first).isNotNull();
    RecentKeys<String> recent = new RecentKeys<>(false);
    CloudEvent firstEvent = session("deploy", first.substring(first.lastIndexOf('/') + 1));
    CloudEvent secondEvent = session("deploy", second.substring(second.lastIndexOf('/') + 1));

    recent.put("rule-a", firstEvent, "finding-1");
    recent.put("rule-a", secondEvent, "finding-2");

    assertThat(recent.get("rule-a", firstEvent)).as("replaced entry").isNull();
    assertThat(recent.get("rule-a", secondEvent)).as("new entry").isEqualTo("finding-2");
  }

  @Test
  void slot_withinTableForShortAndEmptyNames() {
    for (String name : List.of("", "a", "ab", "unknown", "x".repeat(500))) {
      assertThat(RecentKeys.slot("rule-a", name)).as(name).isBetween(0, RecentKeys.SLOTS - 1);
    }
  }

  @Test
  void slot_namesBeforeCommonSuffixSpread() {
    // Equal length, equal first characters and a shared e-mail domain: only the user part differs.
    Set<Integer> slots = new HashSet<>();
    for (int i = 0; i < 50; i++) {
      String name =
          String.format(
              "arn:aws:sts::%s:assumed-role/AWSReservedSSO_Admin/user%02d@northwind.example",
              ACCOUNT, i);
      slots.add(RecentKeys.slot("rule-a", name));
    }

    assertThat(slots).as("distinct slots of 50 names").hasSizeGreaterThan(40);
  }

  @Test
  void get_concurrentNeverReturnsOtherValue() throws Exception {
    RecentKeys<String> recent = new RecentKeys<>(true);
    List<CloudEvent> events = new ArrayList<>();
    for (int i = 0; i < 3 * RecentKeys.SLOTS; i++) {
      events.add(session("deploy", "run-" + i));
    }

    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Future<Integer>> wrong = new ArrayList<>();
    for (int thread = 0; thread < 4; thread++) {
      int offset = thread;
      wrong.add(
          pool.submit(
              () -> {
                int mismatches = 0;
                for (int round = 0; round < 20; round++) {
                  for (int i = offset; i < events.size(); i += 2) {
                    CloudEvent event = events.get(i);
                    String value = recent.get("rule-a", event);
                    if (value != null && !value.equals("value-" + i)) {
                      mismatches++;
                    }
                    recent.put("rule-a", event, "value-" + i);
                  }
                }
                return mismatches;
              }));
    }
    pool.shutdown();
    assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

    for (Future<Integer> mismatches : wrong) {
      assertThat(mismatches.get()).isZero();
    }
  }
}
