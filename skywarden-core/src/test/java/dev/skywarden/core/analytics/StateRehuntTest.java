package dev.skywarden.core.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skywarden.core.event.CloudEvent;
import dev.skywarden.core.finding.Finding;
import dev.skywarden.core.finding.TestHits;
import dev.skywarden.core.report.JsonLinesFindingWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hunts logs that the saved state already holds: the same day again, overlapping days, late and
 * backfilled events. Every state goes through a real state file between hunts.
 */
class StateRehuntTest {

  @TempDir Path folder;

  private static final BehaviourGenerator.Scenario SCENARIO =
      new BehaviourGenerator(7L).generate(60, 3, true);

  private static final Instant DAY_1 = BehaviourGenerator.START.plus(Duration.ofDays(1));
  private static final Instant DAY_2 = BehaviourGenerator.START.plus(Duration.ofDays(2));

  private static final String ALICE = "arn:aws:iam::111122223333:user/alice";

  @Test
  void sameDayTwice_sameFindingsAndState() throws IOException {
    SavedState earlier = saveAndRead("earlier", hunt(between(null, DAY_2), SavedState.EMPTY));
    List<CloudEvent> lastDay = between(DAY_2, null);

    AnalyticsHarness.Outcome first = hunt(lastDay, earlier);
    SavedState afterFirst = saveAndRead("first", first);
    AnalyticsHarness.Outcome again = hunt(lastDay, afterFirst);

    assertThat(first.behavioural()).as("the attack day has behavioural findings").isNotEmpty();
    assertThat(lines(again.findings())).isEqualTo(lines(first.findings()));
    assertThat(again.state()).as("nothing new to save").isSameAs(afterFirst);
    assertThat(write("again", again.state()))
        .hasSameBinaryContentAs(folder.resolve("first").resolve(StateFile.FILE_NAME));
  }

  @Test
  void firstDayTwice_trainsAgain() throws IOException {
    List<CloudEvent> firstDay = between(null, DAY_1);

    AnalyticsHarness.Outcome first = hunt(firstDay, SavedState.EMPTY);
    SavedState afterFirst = saveAndRead("first", first);
    AnalyticsHarness.Outcome again = hunt(firstDay, afterFirst);

    assertThat(again.summary().trainingWindow())
        .as("the state knows nothing before the input, so the input trains again")
        .isEqualTo(AnalyticsOptions.DEFAULT_TRAINING_WINDOW);
    assertThat(lines(again.findings())).isEqualTo(lines(first.findings()));
    assertThat(again.state()).isSameAs(afterFirst);
  }

  @Test
  void overlappingDays_eventsCountedOnce() throws IOException {
    // The attacked workload's session is named after its instance, so its events are profiled
    // and saved as its role's, together with the other instances of that role.
    String principal =
        SCENARIO.events().stream()
            .filter(e -> e.actor().displayName().equals(SCENARIO.attacks().get(0).principal()))
            .map(e -> PrincipalKeys.profileName(e.actor()))
            .findFirst()
            .orElseThrow();
    assertThat(principal).startsWith("arn:aws:iam::");
    SavedState afterTwoDays = saveAndRead("two", hunt(between(null, DAY_2), SavedState.EMPTY));

    AnalyticsHarness.Outcome overlap = hunt(between(DAY_1, null), afterTwoDays);

    IdentityHistory history = principal(overlap.state(), principal);
    List<CloudEvent> own = SCENARIO.events().stream().filter(e -> by(e, principal)).toList();
    assertThat(history.events()).isEqualTo(own.size());
    assertThat(history.features().get(FeatureKind.OPERATION)).isNotEmpty();
    history
        .features()
        .get(FeatureKind.OPERATION)
        .forEach(
            (operation, value) ->
                assertThat(value.count())
                    .as("events of %s", operation)
                    .isEqualTo(
                        own.stream()
                            .filter(
                                e ->
                                    FeatureExtractor.operationKey(
                                            e.api().service(), e.api().operation())
                                        .equals(operation))
                            .count()));
  }

  @Test
  void eventAtWatermark_notCountedAgain() throws IOException {
    CloudEvent last = TestHits.event("alice", 600, 2, "AKIAALICE", "10.0.0.1", "ListUsers");
    SavedState saved =
        saveAndRead(
            "saved",
            hunt(
                List.of(TestHits.event("alice", 0, 1, "AKIAALICE", "10.0.0.1", "ListUsers"), last),
                SavedState.EMPTY));

    CloudEvent sameSecond = TestHits.event("alice", 600, 3, "AKIAALICE", "10.0.0.1", "ListUsers");
    AnalyticsHarness.Outcome outcome = hunt(List.of(sameSecond), saved);

    assertThat(principal(outcome.state(), ALICE).events()).isEqualTo(2);
    assertThat(outcome.state()).isSameAs(saved);
  }

  @Test
  void lateEventInsideSpan_valueLearntNotCounted() throws IOException {
    SavedState saved =
        saveAndRead(
            "saved",
            hunt(
                List.of(
                    TestHits.event("alice", 0, 1, "AKIAALICE", "10.0.0.1", "ListUsers"),
                    TestHits.event("alice", 7200, 2, "AKIAALICE", "10.0.0.1", "ListUsers")),
                SavedState.EMPTY));

    CloudEvent late = TestHits.event("alice", 3600, 3, "AKIAALICE", "10.0.9.1", "ListRoles");
    AnalyticsHarness.Outcome outcome = hunt(List.of(late), saved);

    IdentityHistory alice = principal(outcome.state(), ALICE);
    assertThat(alice.events()).as("inside the saved span: taken as counted").isEqualTo(2);
    assertThat(alice.features().get(FeatureKind.OPERATION))
        .containsKey("iam.amazonaws.com ListRoles");
    assertThat(alice.features().get(FeatureKind.OPERATION).get("iam.amazonaws.com ListRoles"))
        .isEqualTo(new IdentityHistory.ValueHistory(1, late.time(), late.time()));
    assertThat(
            alice.features().get(FeatureKind.OPERATION).get("iam.amazonaws.com ListUsers").count())
        .isEqualTo(2);
  }

  @Test
  void inputBeforeAndAfterSpan_bothCounted() throws IOException {
    SavedState saved =
        saveAndRead(
            "saved",
            hunt(
                List.of(
                    TestHits.event("alice", 3600, 1, "AKIAALICE", "10.0.0.1", "ListUsers"),
                    TestHits.event("alice", 7200, 2, "AKIAALICE", "10.0.0.1", "ListUsers")),
                SavedState.EMPTY));

    List<CloudEvent> events =
        List.of(
            TestHits.event("alice", 0, 3, "AKIAALICE", "10.0.0.1", "ListUsers"),
            TestHits.event("alice", 3600, 1, "AKIAALICE", "10.0.0.1", "ListUsers"),
            TestHits.event("alice", 7200, 2, "AKIAALICE", "10.0.0.1", "ListUsers"),
            TestHits.event("alice", 9000, 4, "AKIAALICE", "10.0.0.1", "ListUsers"));
    AnalyticsHarness.Outcome outcome = hunt(events, saved);
    SavedState afterward = saveAndRead("afterward", outcome);

    IdentityHistory alice = principal(afterward, ALICE);
    assertThat(alice.events()).isEqualTo(4);
    assertThat(alice.firstSeen()).isEqualTo(TestHits.T0);
    assertThat(alice.lastSeen()).isEqualTo(TestHits.T0.plusSeconds(9000));
    assertThat(alice.before())
        .as("the checkpoint starts at the earliest added event")
        .isEqualTo(
            new IdentityHistory.Checkpoint(
                TestHits.T0,
                2,
                TestHits.T0.plusSeconds(3600),
                TestHits.T0.plusSeconds(7200),
                principal(saved, ALICE).rate()));
    assertThat(hunt(events, afterward).state()).as("and again: no change").isSameAs(afterward);
  }

  private static AnalyticsHarness.Outcome hunt(List<CloudEvent> events, SavedState saved) {
    return AnalyticsHarness.run(events, AnalyticsOptions.DEFAULTS, saved);
  }

  /** Writes the outcome's state to its own folder and reads it back. */
  private SavedState saveAndRead(String name, AnalyticsHarness.Outcome outcome) throws IOException {
    write(name, outcome.state());
    return StateFile.read(folder.resolve(name));
  }

  private Path write(String name, SavedState state) throws IOException {
    StateFile.write(folder.resolve(name), state);
    return folder.resolve(name).resolve(StateFile.FILE_NAME);
  }

  private static List<CloudEvent> between(Instant from, Instant to) {
    return SCENARIO.events().stream()
        .filter(e -> from == null || !e.time().isBefore(from))
        .filter(e -> to == null || e.time().isBefore(to))
        .toList();
  }

  private static boolean by(CloudEvent event, String principal) {
    return PrincipalKeys.profileName(event.actor()).equals(principal);
  }

  private static IdentityHistory principal(SavedState state, String principal) {
    return state.identities().values().stream()
        .filter(h -> h.key().scope() == ProfileKey.Scope.PRINCIPAL)
        .filter(h -> h.key().id().equals(principal))
        .findFirst()
        .orElseThrow();
  }

  private static List<String> lines(List<Finding> findings) {
    JsonLinesFindingWriter writer = new JsonLinesFindingWriter();
    return findings.stream().map(f -> writer.toJson(f).toString()).toList();
  }
}
