package dev.skywarden.core.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skywarden.core.event.CloudEvent;
import dev.skywarden.core.finding.Finding;
import dev.skywarden.core.finding.TestHits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SavedStateTest {

  @TempDir Path folder;

  private static final BehaviourGenerator.Scenario SCENARIO =
      new BehaviourGenerator(7L).generate(60, 3, true);

  @Test
  void writeThenRead_sameState() throws IOException {
    SavedState state =
        AnalyticsHarness.run(SCENARIO.events(), AnalyticsOptions.DEFAULTS, SavedState.EMPTY)
            .state();

    StateFile.write(folder, state);
    SavedState read = StateFile.read(folder);

    assertThat(read).isEqualTo(state);
    assertThat(read.identities()).isNotEmpty();
    try (var files = Files.list(folder)) {
      assertThat(files.map(path -> path.getFileName().toString()))
          .as("no temporary file is left behind")
          .containsExactly(StateFile.FILE_NAME);
    }
  }

  @Test
  void sessionCredentials_notSaved() {
    SavedState state =
        AnalyticsHarness.run(SCENARIO.events(), AnalyticsOptions.DEFAULTS, SavedState.EMPTY)
            .state();

    List<String> credentials =
        state.identities().keySet().stream()
            .filter(key -> key.scope() == ProfileKey.Scope.CREDENTIAL)
            .map(ProfileKey::id)
            .toList();
    assertThat(credentials).isNotEmpty();
    assertThat(credentials).allMatch(id -> id.startsWith("AKIA"));
  }

  @Test
  void missingFile_emptyState() throws IOException {
    assertThat(StateFile.read(folder)).isEqualTo(SavedState.EMPTY);
  }

  @Test
  void damagedJson_errorNamesFileAndLine() throws IOException {
    Path file = folder.resolve(StateFile.FILE_NAME);
    Files.writeString(file, "{\"format\": \"skywarden-analytics-state\",\n \"identities\": [ {");

    assertThatThrownBy(() -> StateFile.read(folder))
        .isInstanceOf(StateFileException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("line 2");
  }

  @Test
  void newerVersion_rejectedWithSupported() throws IOException {
    Path file = folder.resolve(StateFile.FILE_NAME);
    Files.writeString(
        file, "{\"format\": \"skywarden-analytics-state\", \"version\": 3, \"identities\": []}");

    assertThatThrownBy(() -> StateFile.read(folder))
        .isInstanceOf(StateFileException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("version 3 was written by a newer Skywarden")
        .hasMessageContaining("(supported versions: 1, 2)");
  }

  @Test
  void unknownOlderVersion_rejected() throws IOException {
    Files.writeString(
        folder.resolve(StateFile.FILE_NAME),
        "{\"format\": \"skywarden-analytics-state\", \"version\": 0, \"identities\": []}");

    assertThatThrownBy(() -> StateFile.read(folder))
        .isInstanceOf(StateFileException.class)
        .hasMessageContaining("version 0 is not supported (supported versions: 1, 2)");
  }

  @Test
  void missingVersion_errorNamesField() throws IOException {
    Path file = folder.resolve(StateFile.FILE_NAME);
    Files.writeString(file, "{\"format\": \"skywarden-analytics-state\",\n \"identities\": []}");

    assertThatThrownBy(() -> StateFile.read(folder))
        .isInstanceOf(StateFileException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("the version field is missing")
        .hasMessageContaining("line 2");
  }

  @Test
  void textVersion_rejected() throws IOException {
    Files.writeString(
        folder.resolve(StateFile.FILE_NAME),
        "{\"format\": \"skywarden-analytics-state\", \"version\": \"1\", \"identities\": []}");

    assertThatThrownBy(() -> StateFile.read(folder))
        .isInstanceOf(StateFileException.class)
        .hasMessageContaining("the version field must be an integer, not 1");
  }

  @Test
  void setAside_keepsDamagedFile() throws IOException {
    Files.writeString(folder.resolve(StateFile.FILE_NAME), "{oops");
    String name = StateFile.damagedName(Instant.parse("2026-03-01T12:00:05Z"));

    Path kept = StateFile.setAside(folder, name);

    assertThat(kept.getFileName().toString())
        .isEqualTo("analytics-state.json.damaged-20260301T120005Z");
    assertThat(Files.readString(kept)).isEqualTo("{oops");
    assertThat(StateFile.read(folder)).isEqualTo(SavedState.EMPTY);
  }

  @Test
  void badIdentity_errorNamesField() throws IOException {
    Files.writeString(
        folder.resolve(StateFile.FILE_NAME),
        "{\"format\": \"skywarden-analytics-state\", \"version\": 1, \"identities\": [\n"
            + "{\"scope\": \"principal\", \"provider\": \"aws\", \"id\": \"x\"}]}");

    assertThatThrownBy(() -> StateFile.read(folder))
        .isInstanceOf(StateFileException.class)
        .hasMessageContaining("first_seen is missing")
        .hasMessageContaining("line 2");
  }

  @Test
  void yesterdaysState_trainsTodaysHunt() {
    Instant lastDay = BehaviourGenerator.START.plus(Duration.ofDays(2));
    List<CloudEvent> before = new ArrayList<>();
    List<CloudEvent> today = new ArrayList<>();
    for (CloudEvent event : SCENARIO.events()) {
      (event.time().isBefore(lastDay) ? before : today).add(event);
    }
    SavedState yesterday =
        AnalyticsHarness.run(before, AnalyticsOptions.DEFAULTS, SavedState.EMPTY).state();

    AnalyticsHarness.Outcome outcome =
        AnalyticsHarness.run(today, AnalyticsOptions.DEFAULTS, yesterday);

    assertThat(outcome.summary().trainingWindow()).isZero();
    Finding sensitive =
        outcome.behavioural().stream()
            .filter(f -> f.ruleId().equals(BehaviouralDetection.FIRST_SENSITIVE_OPERATION.ruleId()))
            .filter(f -> f.principal().equals(SCENARIO.attacks().get(0).principal()))
            .findFirst()
            .orElseThrow();
    assertThat(sensitive.behaviour().history().source()).startsWith("saved state of role ");
    assertThat(sensitive.behaviour().historyLevel()).isEqualTo("role");
    assertThat(sensitive.behaviour().history().events()).isPositive();
  }

  @Test
  void stateSize_growsWithValuesNotEvents() throws IOException {
    long small = stateBytes(100);
    long large = stateBytes(10_000);

    // Same identities and values: only the counts and times differ, a few bytes each.
    assertThat(large).isLessThan(small + 64);
  }

  @Test
  void stateValues_cappedPerKind() {
    List<CloudEvent> events = new ArrayList<>();
    for (int i = 0; i < 600; i++) {
      events.add(
          TestHits.event(
              "alice",
              i * 60,
              i,
              "AKIAALICE",
              "10." + (i / 250) + "." + (i % 250) + ".1",
              "ListUsers"));
    }
    AnalyticsLimits limits =
        new AnalyticsLimits(100, 8064, 2016, Duration.ofMinutes(5), 64, 8, 50, Duration.ofDays(90));

    AnalyticsHarness.Outcome outcome =
        AnalyticsHarness.run(events, new AnalyticsOptions(null, limits), SavedState.EMPTY);

    IdentityHistory alice =
        outcome.state().identities().values().stream()
            .filter(h -> h.key().scope() == ProfileKey.Scope.PRINCIPAL)
            .findFirst()
            .orElseThrow();
    assertThat(alice.features().get(FeatureKind.NETWORK)).hasSize(50);
    assertThat(outcome.summary().droppedFeatureEvents()).isEqualTo(2 * 500);
  }

  @Test
  void oldIdentities_droppedAfterRetention() {
    List<CloudEvent> events = new ArrayList<>();
    events.add(TestHits.event("old", 0, 1, "AKIAOLD", "10.0.0.1", "ListUsers"));
    events.add(TestHits.event("new", 100 * 86_400, 2, "AKIANEW", "10.0.0.1", "ListUsers"));

    SavedState state =
        AnalyticsHarness.run(events, AnalyticsOptions.DEFAULTS, SavedState.EMPTY).state();

    assertThat(state.identities().keySet())
        .extracting(ProfileKey::id)
        .containsExactlyInAnyOrder("arn:aws:iam::111122223333:user/new", "AKIANEW");
  }

  private long stateBytes(int repeats) throws IOException {
    List<CloudEvent> events = new ArrayList<>();
    for (int i = 0; i < repeats; i++) {
      events.add(
          TestHits.event(
              "bob", 3600 + i % 3000, i, "AKIABOB", "10.0.0." + (1 + i % 5), "ListUsers"));
    }
    SavedState state =
        AnalyticsHarness.run(events, AnalyticsOptions.DEFAULTS, SavedState.EMPTY).state();
    Path target = folder.resolve("size-" + repeats);
    StateFile.write(target, state);
    return Files.size(target.resolve(StateFile.FILE_NAME));
  }
}
