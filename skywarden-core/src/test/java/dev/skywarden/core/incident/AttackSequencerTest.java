package dev.skywarden.core.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skywarden.core.catalog.ControlCatalog;
import dev.skywarden.core.event.ClientFingerprint;
import dev.skywarden.core.event.CloudProvider;
import dev.skywarden.core.event.SourceLocation;
import dev.skywarden.core.finding.Behaviour;
import dev.skywarden.core.finding.Evidence;
import dev.skywarden.core.finding.Finding;
import dev.skywarden.core.finding.FindingAggregator;
import dev.skywarden.core.finding.Incident;
import dev.skywarden.core.finding.KillChainStage;
import dev.skywarden.core.finding.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AttackSequencerTest {

  private static final Instant T0 = Instant.parse("2026-03-02T08:00:00Z");
  private static final String ROLE_SESSION = "arn:aws:sts::111122223333:assumed-role/deploy/i-0abc";
  private static final String OTHER_ROLE_SESSION =
      "arn:aws:sts::111122223333:assumed-role/reporting/i-0def";

  private static final AttackSequencer SEQUENCER =
      new AttackSequencer(AttackSequencer.DEFAULT_WINDOW);

  /** Builds a finding as the aggregator would, for one technique, principal and credential. */
  private static Finding finding(
      String ruleId,
      String technique,
      Severity severity,
      CloudProvider provider,
      String principal,
      String credential,
      Instant time) {
    String eventId = ruleId + "-" + time.getEpochSecond();
    return finding(ruleId, technique, severity, provider, principal, credential, time, eventId);
  }

  /** Builds a finding whose one evidence event is {@code eventId}, read from its own record. */
  private static Finding finding(
      String ruleId,
      String technique,
      Severity severity,
      CloudProvider provider,
      String principal,
      String credential,
      Instant time,
      String eventId) {
    return finding(
        ruleId,
        technique,
        severity,
        provider,
        principal,
        credential,
        time,
        eventId,
        time.plusSeconds(60));
  }

  /** Builds a finding whose calls run from {@code time} to {@code lastSeen}. */
  private static Finding finding(
      String ruleId,
      String technique,
      Severity severity,
      CloudProvider provider,
      String principal,
      String credential,
      Instant time,
      String eventId,
      Instant lastSeen) {
    Evidence evidence =
        new Evidence(
            eventId,
            time,
            new SourceLocation("log.json", Math.floorMod(eventId.hashCode(), 1_000_000), 1),
            "iam",
            "Call" + ruleId,
            "198.51.100.7");
    return new Finding(
        FindingAggregator.findingId(ruleId, provider, "111122223333", principal, eventId),
        ruleId,
        "Rule " + ruleId,
        severity,
        List.of(ControlCatalog.bundled().resolve(technique)),
        provider,
        "111122223333",
        principal,
        "ROLE_SESSION",
        credential == null ? List.of() : List.of(credential),
        List.of("198.51.100.7"),
        ClientFingerprint.UNKNOWN,
        List.of("Call" + ruleId),
        time,
        lastSeen,
        1,
        List.of(evidence),
        "rule matched");
  }

  private static List<Finding> incidents(List<Finding> findings) {
    return SEQUENCER.incidents(findings);
  }

  @Test
  void sequence_chainsStagesInOrder() {
    Finding access =
        finding("a", "T1078.004", Severity.MEDIUM, CloudProvider.AWS, ROLE_SESSION, "ASIA1", T0);
    Finding escalation =
        finding(
            "b",
            "T1098.003",
            Severity.HIGH,
            CloudProvider.AWS,
            ROLE_SESSION,
            "ASIA1",
            T0.plus(Duration.ofHours(1)));
    Finding evasion =
        finding(
            "c",
            "T1562.008",
            Severity.MEDIUM,
            CloudProvider.AWS,
            ROLE_SESSION,
            "ASIA1",
            T0.plus(Duration.ofHours(3)));

    List<Finding> incidents = incidents(List.of(evasion, access, escalation));

    assertThat(incidents).hasSize(1);
    Finding incident = incidents.get(0);
    assertThat(incident.ruleId()).isEqualTo(AttackSequencer.RULE_ID);
    assertThat(incident.isIncident()).isTrue();
    assertThat(incident.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(incident.firstSeen()).isEqualTo(T0);
    assertThat(incident.lastSeen()).isEqualTo(evasion.lastSeen());
    assertThat(incident.count()).isEqualTo(3);
    assertThat(incident.principal()).isEqualTo(ROLE_SESSION);
    assertThat(incident.incident().steps())
        .extracting(Incident.Step::findingId)
        .containsExactly(access.id(), escalation.id(), evasion.id());
    assertThat(incident.incident().stages())
        .containsExactly(
            KillChainStage.NEW_ACCESS,
            KillChainStage.PRIVILEGE_ESCALATION_OR_PERSISTENCE,
            KillChainStage.DEFENSE_EVASION);
    assertThat(incident.incident().linkedBy()).isNull();
    assertThat(incident.explanation())
        .startsWith("3 findings in 3 kill-chain stages within 3h (window 1d)")
        .contains("2026-03-02 08:00:00 new access: Rule a | 2026-03-02 09:00:00 privilege");
    assertThat(incident.evidence()).hasSize(3);
    assertThat(incident.techniques())
        .extracting(t -> t.id())
        .containsExactly("T1078.004", "T1098.003", "T1562.008");
  }

  @Test
  void informationalStep_takesNoPart() {
    Finding session =
        finding(
            "a", "T1078.004", Severity.INFORMATIONAL, CloudProvider.AWS, ROLE_SESSION, "ASIA1", T0);
    Finding escalation =
        finding(
            "b",
            "T1098.003",
            Severity.HIGH,
            CloudProvider.AWS,
            ROLE_SESSION,
            "ASIA1",
            T0.plus(Duration.ofMinutes(10)));

    assertThat(incidents(List.of(session, escalation))).isEmpty();
  }

  @Test
  void twoRulesOnOneEvent_notAnIncident() {
    Finding client =
        finding(
            "ua", "T1078.004", Severity.HIGH, CloudProvider.AWS, ROLE_SESSION, "ASIA1", T0, "e-1");
    Finding evasion =
        finding(
            "stop",
            "T1562.008",
            Severity.HIGH,
            CloudProvider.AWS,
            ROLE_SESSION,
            "ASIA1",
            T0,
            "e-1");

    assertThat(incidents(List.of(client, evasion))).isEmpty();
  }

  @Test
  void sharedEvent_countedOnceInIncident() {
    Finding client =
        finding(
            "ua", "T1078.004", Severity.HIGH, CloudProvider.AWS, ROLE_SESSION, "ASIA1", T0, "e-1");
    Finding evasion =
        finding(
            "stop",
            "T1562.008",
            Severity.HIGH,
            CloudProvider.AWS,
            ROLE_SESSION,
            "ASIA1",
            T0,
            "e-1");
    Finding escalation =
        finding(
            "b",
            "T1098.003",
            Severity.MEDIUM,
            CloudProvider.AWS,
            ROLE_SESSION,
            "ASIA1",
            T0.plus(Duration.ofMinutes(5)),
            "e-2");

    List<Finding> incidents = incidents(List.of(client, evasion, escalation));

    assertThat(incidents).hasSize(1);
    assertThat(incidents.get(0).count()).isEqualTo(2);
    assertThat(incidents.get(0).evidence())
        .extracting(Evidence::eventId)
        .containsExactly("e-1", "e-2");
  }

  @Test
  void severity_oneAboveHighestCappedAtCritical() {
    assertThat(AttackSequencer.raise(Severity.MEDIUM)).isEqualTo(Severity.HIGH);
    assertThat(AttackSequencer.raise(Severity.HIGH)).isEqualTo(Severity.CRITICAL);
    assertThat(AttackSequencer.raise(Severity.CRITICAL)).isEqualTo(Severity.CRITICAL);

    Finding low =
        finding("a", "T1078.004", Severity.LOW, CloudProvider.AWS, ROLE_SESSION, "ASIA1", T0);
    Finding medium =
        finding(
            "b",
            "T1651",
            Severity.MEDIUM,
            CloudProvider.AWS,
            ROLE_SESSION,
            "ASIA1",
            T0.plusSeconds(600));
    assertThat(incidents(List.of(low, medium)).get(0).severity()).isEqualTo(Severity.HIGH);
  }

  @Test
  void twoLowSteps_staysLow() {
    Finding access =
        finding("a", "T1078.004", Severity.LOW, CloudProvider.AWS, ROLE_SESSION, "ASIA1", T0);
    Finding execution =
        finding(
            "b",
            "T1059.009",
            Severity.LOW,
            CloudProvider.AWS,
            ROLE_SESSION,
            "ASIA1",
            T0.plusSeconds(600));

    List<Finding> incidents = incidents(List.of(access, execution));

    assertThat(incidents).hasSize(1);
    assertThat(incidents.get(0).severity()).isEqualTo(Severity.LOW);
    assertThat(incidents.get(0).incident().steps()).hasSize(2);
    assertThat(incidents.get(0).explanation())
        .contains(
            "severity low, as its highest step, because low steps in fewer than 3 stages do not"
                + " raise it");
  }

  @Test
  void threeLowStages_raisedToMedium() {
    Finding access =
        finding("a", "T1078.004", Severity.LOW, CloudProvider.AWS, ROLE_SESSION, "ASIA1", T0);
    Finding discovery =
        finding(
            "b",
            "T1580",
            Severity.LOW,
            CloudProvider.AWS,
            ROLE_SESSION,
            "ASIA1",
            T0.plusSeconds(300));
    Finding execution =
        finding(
            "c",
            "T1059.009",
            Severity.LOW,
            CloudProvider.AWS,
            ROLE_SESSION,
            "ASIA1",
            T0.plusSeconds(600));

    Finding incident = incidents(List.of(access, discovery, execution)).get(0);

    assertThat(incident.severity()).isEqualTo(Severity.MEDIUM);
    assertThat(incident.explanation())
        .contains("severity medium, one above the highest step (low) because its low steps span 3");
  }

  @Test
  void manyLowStepsInTwoStages_staysLow() {
    List<Finding> steps = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      steps.add(
          finding(
              "access" + i,
              "T1078.004",
              Severity.LOW,
              CloudProvider.AWS,
              ROLE_SESSION,
              "ASIA1",
              T0.plusSeconds(60L * i)));
      steps.add(
          finding(
              "execution" + i,
              "T1059.009",
              Severity.LOW,
              CloudProvider.AWS,
              ROLE_SESSION,
              "ASIA1",
              T0.plusSeconds(60L * i + 30)));
    }

    Finding incident = incidents(steps).get(0);

    assertThat(incident.incident().steps()).hasSize(8);
    assertThat(incident.severity()).isEqualTo(Severity.LOW);
  }

  @Test
  void lowAndMediumAcrossStages_raised() {
    Finding access =
        finding("a", "T1078.004", Severity.LOW, CloudProvider.AWS, ROLE_SESSION, "ASIA1", T0);
    Finding persistence =
        finding(
            "b",
            "T1098.001",
            Severity.MEDIUM,
            CloudProvider.AWS,
            ROLE_SESSION,
            "ASIA1",
            T0.plusSeconds(600));

    Finding incident = incidents(List.of(access, persistence)).get(0);

    assertThat(incident.severity()).isEqualTo(Severity.HIGH);
    assertThat(incident.explanation())
        .contains("severity high, one above the highest step (medium)");
  }

  /** A sequencer of a hunt whose analytics judged events from ten days before {@link #T0}. */
  private static final AttackSequencer JUDGED_SEQUENCER =
      new AttackSequencer(AttackSequencer.DEFAULT_WINDOW, () -> T0.minus(Duration.ofDays(10)));

  /** Returns {@code finding} as the analytics would report it, with one feature. */
  private static Finding withFeature(Finding finding, String kind, String rarity) {
    return withFeature(finding, kind, rarity, finding.firstSeen());
  }

  /** Returns {@code finding} with one feature first seen at {@code featureFirstSeen}. */
  private static Finding withFeature(
      Finding finding, String kind, String rarity, Instant featureFirstSeen) {
    Behaviour.Feature feature =
        new Behaviour.Feature(
            kind, "value", rarity, featureFirstSeen, finding.lastSeen(), finding.count());
    Behaviour behaviour =
        new Behaviour(
            "principal",
            finding.principal(),
            List.of(feature),
            false,
            new Behaviour.History("training window", null, null, 0, null, null),
            null,
            0);
    return new Finding(
        finding.id(),
        finding.ruleId(),
        finding.title(),
        finding.severity(),
        finding.techniques(),
        finding.provider(),
        finding.account(),
        finding.principal(),
        finding.principalType(),
        finding.credentials(),
        finding.sourceAddresses(),
        finding.client(),
        finding.operations(),
        finding.firstSeen(),
        finding.lastSeen(),
        finding.count(),
        finding.evidence(),
        finding.explanation(),
        finding.failedCount(),
        finding.errorCodes(),
        finding.resources(),
        finding.clients(),
        finding.truncated(),
        finding.posture(),
        behaviour,
        finding.incident());
  }

  /**
   * Returns a low access finding of {@link #ROLE_SESSION} on another credential, from {@code
   * firstSeen} to {@code lastSeen}, to stand for a behavioural finding that started before the
   * sequence.
   */
  private static Finding earlierLowFinding(Instant firstSeen, Instant lastSeen) {
    return finding(
        "c",
        "T1078.004",
        Severity.LOW,
        CloudProvider.AWS,
        ROLE_SESSION,
        "ASIA9",
        firstSeen,
        "c-early",
        lastSeen);
  }

  /** Returns a low access step and a medium persistence step ten minutes later. */
  private static List<Finding> accessThenPersistence() {
    Finding access =
        finding("a", "T1078.004", Severity.LOW, CloudProvider.AWS, ROLE_SESSION, "ASIA1", T0);
    Finding persistence =
        finding(
            "b",
            "T1098.001",
            Severity.MEDIUM,
            CloudProvider.AWS,
            ROLE_SESSION,
            "ASIA1",
            T0.plusSeconds(600));
    return List.of(access, persistence);
  }

  @Test
  void judgedWithoutNewSource_keepsHighestStep() {
    Finding incident = JUDGED_SEQUENCER.incidents(accessThenPersistence()).get(0);

    assertThat(incident.severity()).isEqualTo(Severity.MEDIUM);
    assertThat(incident.explanation())
        .contains(
            "severity medium, as its highest step, because neither its steps nor the behavioural"
                + " findings of its identities around it show a new source or a burst");
  }

  @Test
  void judgedNewNetworkStep_raised() {
    List<Finding> steps = accessThenPersistence();
    Finding access = withFeature(steps.get(0), "network", "new");

    Finding incident = JUDGED_SEQUENCER.incidents(List.of(access, steps.get(1))).get(0);

    assertThat(incident.severity()).isEqualTo(Severity.HIGH);
    assertThat(incident.explanation())
        .contains("severity high, one above the highest step (medium)");
  }

  @Test
  void judgedSourceKindsAndBursts_raise() {
    List<Finding> steps = accessThenPersistence();
    for (String kind : List.of("network", "asn", "country", "cloud range", "client")) {
      Finding access = withFeature(steps.get(0), kind, "rare");

      Finding incident = JUDGED_SEQUENCER.incidents(List.of(access, steps.get(1))).get(0);

      assertThat(incident.severity()).as("step with a new %s", kind).isEqualTo(Severity.HIGH);
    }
    Finding burst = withFeature(steps.get(0), "discovery operations", "burst");
    assertThat(JUDGED_SEQUENCER.incidents(List.of(burst, steps.get(1))).get(0).severity())
        .as("step with a burst")
        .isEqualTo(Severity.HIGH);
  }

  @Test
  void judgedNewOperationOrParameter_notRaised() {
    List<Finding> steps = accessThenPersistence();
    for (String kind : List.of("operation", "parameter value", "region", "hour")) {
      Finding access = withFeature(steps.get(0), kind, "new");

      Finding incident = JUDGED_SEQUENCER.incidents(List.of(access, steps.get(1))).get(0);

      assertThat(incident.severity()).as("step with a new %s", kind).isEqualTo(Severity.MEDIUM);
    }
  }

  /**
   * A behavioural finding folds every new network of the hunt, so it starts with the first one,
   * days before the attack, and the attack's network is one of its later features.
   */
  @Test
  void earlierFindingNewSourceInWindow_raised() {
    List<Finding> steps = accessThenPersistence();
    Finding earlier = earlierLowFinding(T0.minus(Duration.ofDays(5)), T0.plusSeconds(300));
    Finding inWindow = withFeature(earlier, "network", "new", T0.plusSeconds(300));
    Finding beforeWindow = withFeature(earlier, "network", "new", T0.minus(Duration.ofDays(5)));

    List<Finding> raised =
        JUDGED_SEQUENCER.incidents(List.of(inWindow, steps.get(0), steps.get(1)));
    List<Finding> kept =
        JUDGED_SEQUENCER.incidents(List.of(beforeWindow, steps.get(0), steps.get(1)));

    assertThat(raised).hasSize(1);
    assertThat(raised.get(0).severity()).isEqualTo(Severity.HIGH);
    assertThat(kept).hasSize(1);
    assertThat(kept.get(0).severity()).isEqualTo(Severity.MEDIUM);
  }

  /** Nothing is compared in the training window, so its sequences are raised as before. */
  @Test
  void sequenceBeforeJudgedPeriod_raised() {
    AttackSequencer trainingUntilLater =
        new AttackSequencer(AttackSequencer.DEFAULT_WINDOW, () -> T0.plusSeconds(3600));

    Finding incident = trainingUntilLater.incidents(accessThenPersistence()).get(0);

    assertThat(incident.severity()).isEqualTo(Severity.HIGH);
  }

  /** Discovery from an attacker's new network often comes minutes before the first rule step. */
  @Test
  void newSourceJustBeforeFirstStep_raised() {
    List<Finding> steps = accessThenPersistence();
    Finding earlier = earlierLowFinding(T0.minus(Duration.ofDays(2)), T0);
    Finding network = withFeature(earlier, "network", "new", T0.minusSeconds(300));

    Finding incident =
        JUDGED_SEQUENCER.incidents(List.of(network, steps.get(0), steps.get(1))).get(0);

    assertThat(incident.severity()).isEqualTo(Severity.HIGH);
  }

  /** A person's new network in one cloud raises the sequence of their identity in another. */
  @Test
  void linkedPersonNewSource_raised() {
    String awsSession =
        "arn:aws:sts::111122223333:assumed-role/AWSReservedSSO_Admin_0123/dana@contoso.example";
    Finding access =
        finding("a", "T1078.004", Severity.LOW, CloudProvider.AWS, awsSession, "ASIA1", T0);
    Finding persistence =
        finding(
            "b",
            "T1098.001",
            Severity.MEDIUM,
            CloudProvider.AWS,
            awsSession,
            "ASIA1",
            T0.plusSeconds(600));
    Finding azure =
        finding(
            "c",
            "T1078.004",
            Severity.LOW,
            CloudProvider.AZURE,
            "dana@contoso.example",
            null,
            T0.minus(Duration.ofDays(3)),
            "c-azure",
            T0);
    Finding azureNetwork = withFeature(azure, "network", "new", T0.plusSeconds(60));

    List<Finding> incidents =
        JUDGED_SEQUENCER.incidents(List.of(azureNetwork, access, persistence));

    assertThat(incidents).hasSize(1);
    assertThat(incidents.get(0).severity()).isEqualTo(Severity.HIGH);
  }

  @Test
  void featureWithoutTimeOrKind_notCounted() {
    List<Finding> steps = accessThenPersistence();
    Finding earlier = earlierLowFinding(T0.minus(Duration.ofDays(5)), T0);
    Finding noTime = withFeature(earlier, "network", "new", null);
    Finding noKind = withFeature(earlier, null, "new", T0);

    assertThat(JUDGED_SEQUENCER.incidents(List.of(noTime, steps.get(0), steps.get(1))))
        .singleElement()
        .extracting(Finding::severity)
        .isEqualTo(Severity.MEDIUM);
    assertThat(JUDGED_SEQUENCER.incidents(List.of(noKind, steps.get(0), steps.get(1))))
        .singleElement()
        .extracting(Finding::severity)
        .isEqualTo(Severity.MEDIUM);
  }

  @Test
  void notJudged_raisedWithoutBehaviour() {
    Finding incident = SEQUENCER.incidents(accessThenPersistence()).get(0);

    assertThat(incident.severity()).isEqualTo(Severity.HIGH);
  }

  @Test
  void stagesOutOfWindow_notChained() {
    Finding access =
        finding("a", "T1078.004", Severity.MEDIUM, CloudProvider.AWS, ROLE_SESSION, "ASIA1", T0);
    Finding late =
        finding(
            "b",
            "T1098.003",
            Severity.HIGH,
            CloudProvider.AWS,
            ROLE_SESSION,
            "ASIA1",
            T0.plus(Duration.ofHours(25)));

    assertThat(incidents(List.of(access, late))).isEmpty();
    assertThat(new AttackSequencer(Duration.ofDays(2)).incidents(List.of(access, late))).hasSize(1);
  }

  @Test
  void sequenceSpan_cappedAtWindow() {
    Finding access =
        finding("a", "T1078.004", Severity.MEDIUM, CloudProvider.AWS, ROLE_SESSION, "ASIA1", T0);
    Finding sameStage =
        finding(
            "b",
            "T1078.004",
            Severity.MEDIUM,
            CloudProvider.AWS,
            ROLE_SESSION,
            "ASIA1",
            T0.plus(Duration.ofHours(20)));
    Finding escalation =
        finding(
            "c",
            "T1098.003",
            Severity.HIGH,
            CloudProvider.AWS,
            ROLE_SESSION,
            "ASIA1",
            T0.plus(Duration.ofHours(40)));

    assertThat(incidents(List.of(access, sameStage, escalation)))
        .as("the escalation starts 40h after the first step")
        .isEmpty();
    List<Finding> wide =
        new AttackSequencer(Duration.ofDays(2)).incidents(List.of(access, sameStage, escalation));
    assertThat(wide).hasSize(1);
    assertThat(wide.get(0).incident().steps()).hasSize(3);
  }

  @Test
  void longLastingStep_doesNotExtendSequence() {
    Finding daily =
        finding(
            "a",
            "T1078.004",
            Severity.MEDIUM,
            CloudProvider.AWS,
            ROLE_SESSION,
            "ASIA1",
            T0,
            "daily-1",
            T0.plus(Duration.ofDays(5)));
    Finding escalation =
        finding(
            "c",
            "T1098.003",
            Severity.HIGH,
            CloudProvider.AWS,
            ROLE_SESSION,
            "ASIA1",
            T0.plus(Duration.ofDays(3)));

    assertThat(incidents(List.of(daily, escalation))).isEmpty();
  }

  @Test
  void oneStageOnly_noIncident() {
    Finding first =
        finding("a", "T1098.003", Severity.HIGH, CloudProvider.AWS, ROLE_SESSION, "ASIA1", T0);
    Finding second =
        finding(
            "b",
            "T1136.003",
            Severity.HIGH,
            CloudProvider.AWS,
            ROLE_SESSION,
            "ASIA1",
            T0.plusSeconds(60));

    assertThat(incidents(List.of(first, second))).isEmpty();
  }

  @Test
  void differentCredentialsAndPrincipals_notLinked() {
    Finding access =
        finding("a", "T1078.004", Severity.MEDIUM, CloudProvider.AWS, ROLE_SESSION, "ASIA1", T0);
    Finding escalation =
        finding(
            "b",
            "T1098.003",
            Severity.HIGH,
            CloudProvider.AWS,
            OTHER_ROLE_SESSION,
            "ASIA2",
            T0.plusSeconds(60));

    assertThat(incidents(List.of(access, escalation))).isEmpty();
  }

  @Test
  void sharedCredential_linksPrincipals() {
    Finding access =
        finding("a", "T1078.004", Severity.MEDIUM, CloudProvider.AWS, ROLE_SESSION, "ASIA1", T0);
    Finding escalation =
        finding(
            "b",
            "T1098.003",
            Severity.HIGH,
            CloudProvider.AWS,
            OTHER_ROLE_SESSION,
            "ASIA1",
            T0.plusSeconds(60));

    List<Finding> incidents = incidents(List.of(access, escalation));

    assertThat(incidents).hasSize(1);
    assertThat(incidents.get(0).incident().identities())
        .containsExactly("aws:" + ROLE_SESSION, "aws:" + OTHER_ROLE_SESSION);
    assertThat(incidents.get(0).incident().linkedBy()).isNull();
  }

  @Test
  void sameEmailAcrossClouds_linked() {
    String sso =
        "arn:aws:sts::111122223333:assumed-role/AWSReservedSSO_Admin_0a1b2c/Alice@Example.com";
    Finding awsAccess =
        finding("a", "T1078.004", Severity.MEDIUM, CloudProvider.AWS, sso, "ASIA1", T0);
    Finding gcpEscalation =
        finding(
            "b",
            "T1098.003",
            Severity.HIGH,
            CloudProvider.GCP,
            "alice@example.com",
            null,
            T0.plus(Duration.ofHours(2)));

    List<Finding> incidents = incidents(List.of(awsAccess, gcpEscalation));

    assertThat(incidents).hasSize(1);
    Finding incident = incidents.get(0);
    assertThat(incident.incident().linkedBy()).isEqualTo("alice@example.com");
    assertThat(incident.principal()).isEqualTo("alice@example.com");
    assertThat(incident.incident().identities())
        .containsExactly("aws:" + sso, "gcp:alice@example.com");
    assertThat(incident.explanation())
        .contains("Identities linked across clouds by the e-mail or UPN alice@example.com")
        .contains("by " + sso);
  }

  @Test
  void serviceAccountEmail_notLinkedToPerson() {
    Finding access =
        finding(
            "a",
            "T1078.004",
            Severity.MEDIUM,
            CloudProvider.GCP,
            "deployer@project.iam.gserviceaccount.com",
            null,
            T0);
    Finding escalation =
        finding(
            "b",
            "T1098.003",
            Severity.HIGH,
            CloudProvider.AZURE,
            "deployer@project.iam.gserviceaccount.com",
            null,
            T0.plusSeconds(60));

    assertThat(incidents(List.of(access, escalation))).isEmpty();
  }

  @Test
  void order_doesNotChangeIdsOrIncidents() {
    List<Finding> findings = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      String technique = List.of("T1078.004", "T1098.003", "T1562.008", "T1651").get(i % 4);
      String principal = i % 3 == 0 ? ROLE_SESSION : OTHER_ROLE_SESSION;
      findings.add(
          finding(
              "r" + i,
              technique,
              Severity.MEDIUM,
              CloudProvider.AWS,
              principal,
              "ASIA" + (i % 3),
              T0.plus(Duration.ofMinutes(17L * i))));
    }
    List<Finding> expected = SEQUENCER.addIncidents(findings);

    Random random = new Random(3);
    for (int round = 0; round < 5; round++) {
      List<Finding> shuffled = new ArrayList<>(findings);
      Collections.shuffle(shuffled, random);
      assertThat(SEQUENCER.addIncidents(shuffled)).isEqualTo(expected);
    }
    assertThat(expected).filteredOn(Finding::isIncident).isNotEmpty();
  }

  @Test
  void incidents_notChainedAgain() {
    Finding access =
        finding("a", "T1078.004", Severity.MEDIUM, CloudProvider.AWS, ROLE_SESSION, "ASIA1", T0);
    Finding escalation =
        finding(
            "b",
            "T1098.003",
            Severity.HIGH,
            CloudProvider.AWS,
            ROLE_SESSION,
            "ASIA1",
            T0.plusSeconds(60));
    List<Finding> once = SEQUENCER.addIncidents(List.of(access, escalation));

    assertThat(SEQUENCER.incidents(once)).hasSize(1);
  }

  @Test
  void window_mustBePositive() {
    assertThatThrownBy(() -> new AttackSequencer(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("PT0S");
  }

  @Test
  void identityLinks_emailOrUpnOnly() {
    assertThat(
            IdentityLinks.personOf(
                "arn:aws:sts::111122223333:assumed-role/AWSReservedSSO_Admin_0a1b/bob@example.com"))
        .isEqualTo("bob@example.com");
    assertThat(IdentityLinks.personOf("arn:aws:iam::111122223333:user/ci-legacy")).isNull();
    assertThat(IdentityLinks.personOf("Bob@Contoso.onmicrosoft.com"))
        .isEqualTo("bob@contoso.onmicrosoft.com");
    assertThat(IdentityLinks.personOf("sa@proj.iam.gserviceaccount.com")).isNull();
    assertThat(IdentityLinks.personOf("unknown")).isNull();
    assertThat(IdentityLinks.personOf(null)).isNull();
  }
}
