package dev.skywarden.core.finding;

import static dev.skywarden.core.finding.TestHits.T0;
import static dev.skywarden.core.finding.TestHits.by;
import static dev.skywarden.core.finding.TestHits.event;
import static dev.skywarden.core.finding.TestHits.failed;
import static dev.skywarden.core.finding.TestHits.hit;
import static dev.skywarden.core.finding.TestHits.touching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.skywarden.core.analytics.PrincipalKeys;
import dev.skywarden.core.catalog.ControlCatalog;
import dev.skywarden.core.event.Actor;
import dev.skywarden.core.event.ActorType;
import dev.skywarden.core.event.ClientFingerprint;
import dev.skywarden.core.event.ClientKind;
import dev.skywarden.core.event.CloudEvent;
import dev.skywarden.core.event.SourceAddress;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class FindingAggregatorTest {

  /**
   * 300 hits of two rules by three users: 50 per finding, each with 15 access keys, 35 addresses
   * and 2 operations.
   */
  private static List<DetectionHit> corpus() {
    List<DetectionHit> hits = new ArrayList<>();
    String[] operations = {"CreateAccessKey", "AttachUserPolicy", "ListUsers", "GetCallerIdentity"};
    for (int i = 0; i < 300; i++) {
      String user = "user" + (i % 3);
      String key = String.format("AKIAEXAMPLE%05d", i % 45);
      String ip = "198.51.100." + (i % 35 + 1);
      // Times repeat so that order ties fall through to the location.
      int seconds = (i * 7919) % 97;
      DetectionHit base =
          hit(
              i % 2 == 0 ? "rule-a" : "rule-b",
              i % 2 == 0 ? Severity.HIGH : Severity.MEDIUM,
              event(user, seconds, i + 1, key, ip, operations[i % 4]));
      hits.add(base);
    }
    return hits;
  }

  private static List<Finding> aggregate(List<DetectionHit> hits) {
    FindingAggregator aggregator = new FindingAggregator();
    hits.forEach(aggregator::add);
    return aggregator.findings();
  }

  private static List<Finding> aggregateInParallel(List<DetectionHit> hits, int threads)
      throws InterruptedException {
    FindingAggregator aggregator = new FindingAggregator();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    for (DetectionHit hit : hits) {
      pool.execute(() -> aggregator.add(hit));
    }
    pool.shutdown();
    assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    return aggregator.findings();
  }

  @Test
  void findings_sameForShuffledOrder() {
    List<DetectionHit> hits = corpus();
    List<Finding> expected = aggregate(hits);

    for (long seed = 1; seed <= 5; seed++) {
      List<DetectionHit> shuffled = new ArrayList<>(hits);
      Collections.shuffle(shuffled, new Random(seed));
      assertThat(aggregate(shuffled)).isEqualTo(expected);
    }
  }

  @Test
  void findings_sameForManyThreads() throws InterruptedException {
    List<DetectionHit> hits = corpus();
    List<Finding> expected = aggregate(hits);

    for (int threads : new int[] {2, 8}) {
      List<DetectionHit> shuffled = new ArrayList<>(hits);
      Collections.shuffle(shuffled, new Random(threads));
      assertThat(aggregateInParallel(shuffled, threads)).isEqualTo(expected);
    }
  }

  @Test
  void keptValues_sharedAcrossFindings() {
    // Equal texts from two events are distinct instances, as two parsed records give them.
    CloudEvent alice = event("alice", 0, 1, "AKIAALICE", "203.0.113.9", new String("ListUsers"));
    CloudEvent bob = event("bob", 5, 2, "AKIABOB", "203.0.113.9", new String("ListUsers"));
    assertThat(alice.api().operation()).isNotSameAs(bob.api().operation());

    List<Finding> findings =
        aggregate(List.of(hit("rule-a", Severity.LOW, alice), hit("rule-a", Severity.LOW, bob)));

    assertThat(findings).hasSize(2);
    Evidence first = findings.get(0).evidence().get(0);
    Evidence second = findings.get(1).evidence().get(0);
    assertThat(first.operation()).as("evidence operation").isSameAs(second.operation());
    assertThat(first.sourceAddress()).as("evidence address").isSameAs(second.sourceAddress());
    assertThat(findings.get(0).operations().get(0))
        .as("listed operation")
        .isSameAs(findings.get(1).operations().get(0));
    assertThat(findings.get(0).sourceAddresses().get(0))
        .as("listed address")
        .isSameAs(findings.get(1).sourceAddresses().get(0));
  }

  @Test
  void internedValues_boundedWhenEvicted() {
    // Each hit is earlier than the kept ones and names a smaller resource and address, so each is
    // kept and then evicted by the next, as an input read newest first gives it.
    int count = FindingAggregator.MAX_INTERNED + 10_000;
    FindingAggregator aggregator = new FindingAggregator();
    for (int i = 0; i < count; i++) {
      int rank = count - i;
      String ip = String.format("10.%d.%d.%d", rank >> 16, (rank >> 8) & 0xff, rank & 0xff);
      CloudEvent event = event("mallory", rank, i + 1, "AKIAMALLORY", ip, "GetObject");
      String resource = String.format("arn:aws:s3:::bucket/object-%09d", rank);
      aggregator.add(hit("rule-a", Severity.LOW, touching(event, resource)));
    }

    assertThat(aggregator.internedValues())
        .as("interned values")
        .isLessThanOrEqualTo(FindingAggregator.MAX_INTERNED);
    Finding finding = aggregator.findings().get(0);
    assertThat(finding.evidence()).hasSize(FindingAggregator.MAX_EVIDENCE);
    assertThat(finding.evidence().get(0).time()).isEqualTo(T0.plusSeconds(1));
    assertThat(finding.resources())
        .hasSize(FindingAggregator.MAX_VALUES)
        .startsWith("arn:aws:s3:::bucket/object-000000001");
  }

  @Test
  void findings_groupedByRuleAndPrincipal() {
    List<Finding> findings = aggregate(corpus());

    assertThat(findings).hasSize(6);
    assertThat(findings).extracting(Finding::count).containsOnly(50L);
    assertThat(findings.stream().mapToLong(Finding::count).sum()).isEqualTo(300);
    assertThat(findings).extracting(Finding::id).doesNotHaveDuplicates();
  }

  @Test
  void findings_sortedBySeverityThenFirstSeen() {
    List<Finding> findings = aggregate(corpus());

    assertThat(findings.subList(0, 3)).extracting(Finding::severity).containsOnly(Severity.HIGH);
    assertThat(findings.subList(3, 6)).extracting(Finding::severity).containsOnly(Severity.MEDIUM);
    assertThat(findings).isSortedAccordingTo(FindingAggregator.FINDING_ORDER);
  }

  @Test
  void evidence_boundedToEarliestHits() {
    Finding finding = aggregate(corpus()).get(0);

    assertThat(finding.evidence()).hasSize(FindingAggregator.MAX_EVIDENCE);
    assertThat(finding.evidence().get(0).time()).isEqualTo(finding.firstSeen());
    for (int i = 1; i < finding.evidence().size(); i++) {
      assertThat(finding.evidence().get(i).time())
          .isAfterOrEqualTo(finding.evidence().get(i - 1).time());
    }
    assertThat(finding.lastSeen()).isAfterOrEqualTo(finding.evidence().get(19).time());
  }

  @Test
  void values_distinctSortedAndCapped() {
    Finding finding = aggregate(corpus()).get(0);
    List<String> smallestKeys =
        corpus().stream()
            .filter(hit -> hit.ruleId().equals(finding.ruleId()))
            .filter(hit -> hit.event().actor().displayName().equals(finding.principal()))
            .map(hit -> hit.event().credential().id())
            .distinct()
            .sorted()
            .limit(FindingAggregator.MAX_VALUES)
            .toList();

    assertThat(finding.credentials()).isEqualTo(smallestKeys);
    assertThat(finding.sourceAddresses()).hasSize(FindingAggregator.MAX_VALUES).isSorted();
    assertThat(finding.operations()).hasSize(2).isSorted();
  }

  @Test
  void singleHit_keepsItsFields() {
    FindingAggregator aggregator = new FindingAggregator();
    aggregator.add(
        hit(
            "rule-x",
            Severity.CRITICAL,
            event("alice", 5, 1, "AKIAEXAMPLE1", "203.0.113.9", "CreateUser")));

    Finding finding = aggregator.findings().get(0);

    assertThat(finding.count()).isEqualTo(1);
    assertThat(finding.principal()).isEqualTo("arn:aws:iam::111122223333:user/alice");
    assertThat(finding.principalType()).isEqualTo("USER");
    assertThat(finding.account()).isEqualTo("111122223333");
    assertThat(finding.firstSeen()).isEqualTo(T0.plusSeconds(5));
    assertThat(finding.lastSeen()).isEqualTo(finding.firstSeen());
    assertThat(finding.client().product()).isEqualTo("aws-cli");
    assertThat(finding.explanation())
        .isEqualTo("CreateUser called by arn:aws:iam::111122223333:user/alice");
    assertThat(finding.techniques())
        .extracting(Technique::id)
        .containsExactly("T1059.009", "T1078.004");
    assertThat(finding.techniques().get(0).nistControls()).contains("AC-2");
  }

  @Test
  void explanation_carriesCount() {
    FindingAggregator aggregator = new FindingAggregator();
    aggregator.add(hit("rule-x", Severity.LOW, event("bob", 9, 2, null, "203.0.113.9", "B")));
    aggregator.add(hit("rule-x", Severity.LOW, event("bob", 3, 1, null, "203.0.113.9", "A")));

    Finding finding = aggregator.findings().get(0);

    assertThat(finding.explanation())
        .isEqualTo("A called by arn:aws:iam::111122223333:user/bob (2 matching events)");
    assertThat(finding.credentials()).isEmpty();
    assertThat(aggregator.hitCount()).isEqualTo(2);
  }

  @Test
  void severity_highestHitWhateverComesFirst() {
    FindingAggregator aggregator = new FindingAggregator();
    aggregator.add(hit("rule-x", Severity.LOW, event("bob", 1, 1, null, "203.0.113.9", "A")));
    aggregator.add(hit("rule-x", Severity.HIGH, event("bob", 9, 2, null, "203.0.113.9", "B")));
    aggregator.add(hit("rule-x", Severity.MEDIUM, event("bob", 5, 3, null, "203.0.113.9", "C")));

    Finding finding = aggregator.findings().get(0);

    assertThat(finding.severity()).isEqualTo(Severity.HIGH);
    assertThat(finding.firstSeen()).isEqualTo(TestHits.T0.plusSeconds(1));
  }

  @Test
  void explanation_fromLeadHit() {
    List<DetectionHit> hits =
        List.of(
            hit("rule-x", Severity.LOW, event("bob", 1, 1, null, "203.0.113.9", "A")),
            hit("rule-x", Severity.HIGH, event("bob", 9, 2, null, "203.0.113.9", "B")),
            hit("rule-x", Severity.MEDIUM, event("bob", 5, 3, null, "203.0.113.9", "C")),
            hit("rule-x", Severity.HIGH, event("bob", 12, 4, null, "203.0.113.9", "D")));

    for (int shift = 0; shift < hits.size(); shift++) {
      FindingAggregator aggregator = new FindingAggregator();
      for (int i = 0; i < hits.size(); i++) {
        aggregator.add(hits.get((i + shift) % hits.size()));
      }

      Finding finding = aggregator.findings().get(0);

      assertThat(finding.explanation()).as("order shifted by %d", shift).startsWith("B called by");
      assertThat(finding.evidence().get(0).operation()).isEqualTo("A");
    }
  }

  @Test
  void grouping_generatedSessionsShareTheirRole() {
    FindingAggregator aggregator =
        new FindingAggregator(ControlCatalog.bundled(), PrincipalKeys::profileName);
    aggregator.add(hit("rule-x", Severity.LOW, session("deploy", "GitHubActions-1234567", 1)));
    aggregator.add(hit("rule-x", Severity.LOW, session("deploy", "GitHubActions-7654321", 2)));
    aggregator.add(hit("rule-x", Severity.LOW, session("deploy", "alice", 3)));

    List<Finding> findings = aggregator.findings();

    assertThat(findings)
        .extracting(Finding::principal)
        .containsExactlyInAnyOrder(
            "arn:aws:iam::111122223333:role/deploy",
            "arn:aws:sts::111122223333:assumed-role/deploy/alice");
    Finding role =
        findings.stream().filter(f -> f.principal().contains(":role/")).findFirst().get();
    assertThat(role.count()).isEqualTo(2);
  }

  @Test
  void grouping_offKeepsEachSession() {
    FindingAggregator aggregator = new FindingAggregator();
    aggregator.add(hit("rule-x", Severity.LOW, session("deploy", "GitHubActions-1234567", 1)));
    aggregator.add(hit("rule-x", Severity.LOW, session("deploy", "GitHubActions-7654321", 2)));

    assertThat(aggregator.findings()).hasSize(2);
  }

  /** Returns an event of a session of {@code role} in the test account. */
  private static CloudEvent session(String role, String sessionName, int index) {
    CloudEvent event = event("unused", index, index, "ASIAEXAMPLE" + index, "203.0.113.9", "A");
    Actor actor =
        new Actor(
            ActorType.ROLE_SESSION,
            "AROAEXAMPLE:" + sessionName,
            "arn:aws:sts::111122223333:assumed-role/" + role + "/" + sessionName,
            "111122223333",
            "arn:aws:iam::111122223333:role/" + role,
            null);
    return by(event, actor);
  }

  @Test
  void id_stableHashOfKeyAndEarliestEvent() {
    FindingAggregator aggregator = new FindingAggregator();
    aggregator.add(hit("rule-x", Severity.LOW, event("bob", 9, 2, null, "203.0.113.9", "B")));
    aggregator.add(hit("rule-x", Severity.LOW, event("bob", 3, 1, null, "203.0.113.9", "A")));

    String id = aggregator.findings().get(0).id();

    assertThat(id)
        .isEqualTo(
            FindingAggregator.findingId(
                "rule-x",
                dev.skywarden.core.event.CloudProvider.AWS,
                "111122223333",
                "arn:aws:iam::111122223333:user/bob",
                "evt-1"));
    assertThat(id).hasSize(32).matches("[0-9a-f]{32}");
    // SHA-256 of "r|aws||p|e", computed independently with sha256sum.
    assertThat(
            FindingAggregator.findingId(
                "r", dev.skywarden.core.event.CloudProvider.AWS, null, "p", "e"))
        .isEqualTo("75b376bd5d1ac88ff0fb07eb4a965d3e");
  }

  @Test
  void failures_allDeniedCountedAndExplained() {
    FindingAggregator aggregator = new FindingAggregator();
    for (int i = 0; i < 3; i++) {
      aggregator.add(
          hit(
              "stop-logging",
              Severity.HIGH,
              failed(
                  event("mallory", i, i + 1, null, "203.0.113.1", "StopLogging"), "AccessDenied")));
    }
    Finding finding = aggregator.findings().get(0);

    assertThat(finding.count()).isEqualTo(3);
    assertThat(finding.failedCount()).isEqualTo(3);
    assertThat(finding.allFailed()).isTrue();
    assertThat(finding.errorCodes()).containsExactly("AccessDenied");
    assertThat(finding.severity()).isEqualTo(Severity.HIGH);
    assertThat(finding.explanation()).endsWith("(all 3 calls failed: AccessDenied)");
  }

  @Test
  void failures_partialShareAndCodesSorted() {
    FindingAggregator aggregator = new FindingAggregator();
    aggregator.add(hit("r", Severity.LOW, event("eve", 1, 1, null, "203.0.113.1", "ListUsers")));
    aggregator.add(hit("r", Severity.LOW, event("eve", 2, 2, null, "203.0.113.1", "ListUsers")));
    aggregator.add(
        hit(
            "r",
            Severity.LOW,
            failed(event("eve", 3, 3, null, "203.0.113.1", "ListUsers"), "Throttling")));
    aggregator.add(
        hit(
            "r",
            Severity.LOW,
            failed(event("eve", 4, 4, null, "203.0.113.1", "ListUsers"), "AccessDenied")));
    aggregator.add(
        hit(
            "r",
            Severity.LOW,
            failed(event("eve", 5, 5, null, "203.0.113.1", "ListUsers"), "AccessDenied")));
    Finding finding = aggregator.findings().get(0);

    assertThat(finding.failedCount()).isEqualTo(3);
    assertThat(finding.allFailed()).isFalse();
    assertThat(finding.errorCodes()).containsExactly("AccessDenied", "Throttling");
    assertThat(finding.explanation())
        .endsWith("(5 matching events, 3 of 5 failed: AccessDenied, Throttling)");
  }

  @Test
  void failures_singleFailedCall() {
    FindingAggregator aggregator = new FindingAggregator();
    aggregator.add(
        hit(
            "r",
            Severity.LOW,
            failed(event("eve", 1, 1, null, "203.0.113.1", "StopLogging"), null)));
    Finding finding = aggregator.findings().get(0);

    assertThat(finding.failedCount()).isEqualTo(1);
    assertThat(finding.errorCodes()).isEmpty();
    assertThat(finding.explanation()).endsWith("(the call failed)");
  }

  @Test
  void failures_noneWhenAllSucceeded() {
    Finding finding = aggregate(corpus()).get(0);

    assertThat(finding.failedCount()).isZero();
    assertThat(finding.errorCodes()).isEmpty();
    assertThat(finding.explanation()).doesNotContain("failed");
  }

  @Test
  void resources_distinctSortedAndCapped() {
    FindingAggregator aggregator = new FindingAggregator();
    aggregator.add(
        hit(
            "r",
            Severity.LOW,
            touching(
                event("eve", 1, 1, null, "203.0.113.1", "StopLogging"),
                "arn:aws:cloudtrail:eu-west-1:111122223333:trail/b",
                "arn:aws:cloudtrail:eu-west-1:111122223333:trail/a")));
    aggregator.add(
        hit(
            "r",
            Severity.LOW,
            touching(
                event("eve", 2, 2, null, "203.0.113.1", "StopLogging"),
                "arn:aws:cloudtrail:eu-west-1:111122223333:trail/a")));
    for (int i = 0; i < 20; i++) {
      aggregator.add(
          hit(
              "capped",
              Severity.LOW,
              touching(
                  event("eve", 3 + i, 3 + i, null, "203.0.113.1", "DeleteBucket"),
                  String.format("arn:aws:s3:::bucket-%02d", i))));
    }
    List<Finding> findings = aggregator.findings();
    Finding trails =
        findings.stream().filter(f -> f.ruleId().equals("r")).findFirst().orElseThrow();
    Finding buckets =
        findings.stream().filter(f -> f.ruleId().equals("capped")).findFirst().orElseThrow();

    assertThat(trails.resources())
        .containsExactly(
            "arn:aws:cloudtrail:eu-west-1:111122223333:trail/a",
            "arn:aws:cloudtrail:eu-west-1:111122223333:trail/b");
    assertThat(buckets.resources()).hasSize(FindingAggregator.MAX_VALUES);
    assertThat(buckets.resources().get(0)).isEqualTo("arn:aws:s3:::bucket-00");
  }

  @Test
  void truncated_onlyListsOverTheCap() {
    FindingAggregator aggregator = new FindingAggregator();
    // 11 addresses and 10 access keys: only the address list drops a value.
    for (int i = 0; i < 22; i++) {
      aggregator.add(
          hit(
              "r",
              Severity.LOW,
              event(
                  "eve",
                  i,
                  i + 1,
                  "AKIAEXAMPLE" + (i % 10),
                  "198.51.100." + (i % 11 + 1),
                  "ListUsers")));
    }
    Finding finding = aggregator.findings().get(0);

    assertThat(finding.sourceAddresses()).hasSize(FindingAggregator.MAX_VALUES);
    assertThat(finding.truncated(CappedList.SOURCE_ADDRESSES)).isTrue();
    assertThat(finding.credentials()).hasSize(10);
    assertThat(finding.truncated(CappedList.CREDENTIALS)).isFalse();
    assertThat(finding.truncated()).containsExactly(CappedList.SOURCE_ADDRESSES);
  }

  @Test
  void truncated_sameInAnyOrder() {
    List<DetectionHit> hits = corpus();
    Finding sorted = aggregate(hits).get(0);
    Collections.shuffle(hits, new Random(7));
    Finding shuffled = aggregate(hits).get(0);

    assertThat(sorted.truncated())
        .containsExactlyInAnyOrder(CappedList.CREDENTIALS, CappedList.SOURCE_ADDRESSES);
    assertThat(shuffled.truncated()).isEqualTo(sorted.truncated());
  }

  @Test
  void clients_distinctSummariesSorted() {
    FindingAggregator aggregator = new FindingAggregator();
    ClientFingerprint python =
        new ClientFingerprint(ClientKind.AWS_SDK, "Boto3", "1.34.0", List.of("AWS_SDK:Boto3"));
    aggregator.add(hit("r", Severity.LOW, event("eve", 1, 1, null, "198.51.100.1", "ListUsers")));
    aggregator.add(
        hit("r", Severity.LOW, by(event("eve", 2, 2, null, "198.51.100.1", "ListUsers"), python)));
    aggregator.add(hit("r", Severity.LOW, event("eve", 3, 3, null, "198.51.100.1", "ListUsers")));
    Finding finding = aggregator.findings().get(0);

    assertThat(finding.clients()).containsExactly("AWS_CLI aws-cli/2.15.0", "AWS_SDK Boto3/1.34.0");
    assertThat(finding.client().product()).isEqualTo("aws-cli");
    assertThat(finding.truncated()).isEmpty();
  }

  @Test
  void hitCount_sumsAllFindings() {
    FindingAggregator aggregator = new FindingAggregator();
    corpus().forEach(aggregator::add);

    assertThat(aggregator.findings()).hasSize(6);
    assertThat(aggregator.hitCount()).isEqualTo(300);
  }

  @Test
  void findings_separateForNamesSharingMemoSlot() {
    String alice = "arn:aws:iam::111122223333:user/user0";
    String other = null;
    for (int i = 1; other == null && i < 1_000_000; i++) {
      String candidate = "arn:aws:iam::111122223333:user/user" + i;
      if (RecentKeys.slot("rule-a", candidate) == RecentKeys.slot("rule-a", alice)) {
        other = candidate;
      }
    }
    assertThat(other).as("name in the slot of %s", alice).isNotNull();
    String otherUser = other.substring(other.lastIndexOf('/') + 1);

    FindingAggregator aggregator = new FindingAggregator();
    for (int i = 0; i < 5; i++) {
      String user = i % 2 == 0 ? "user0" : otherUser;
      aggregator.add(hit("rule-a", Severity.LOW, event(user, i, i + 1, null, "203.0.113.9", "A")));
    }
    List<Finding> findings = aggregator.findings();

    assertThat(findings).extracting(Finding::principal).containsExactlyInAnyOrder(alice, other);
    assertThat(findings)
        .filteredOn(finding -> finding.principal().equals(alice))
        .extracting(Finding::count)
        .containsExactly(3L);
  }

  @Test
  void grouping_sameNameOtherIssuerSeparate() {
    // A grouping function that reads the session issuer, as its contract allows.
    FindingAggregator aggregator =
        new FindingAggregator(ControlCatalog.bundled(), Actor::sessionIssuer);
    CloudEvent first = session("deploy", "build", 1);
    Actor sameName =
        new Actor(
            ActorType.ROLE_SESSION,
            first.actor().principalId(),
            first.actor().name(),
            "111122223333",
            "arn:aws:iam::111122223333:role/other",
            null);

    aggregator.add(hit("rule-x", Severity.LOW, first));
    aggregator.add(hit("rule-x", Severity.LOW, by(session("deploy", "build", 2), sameName)));
    aggregator.add(hit("rule-x", Severity.LOW, session("deploy", "build", 3)));

    assertThat(aggregator.findings())
        .extracting(Finding::principal, Finding::count)
        .containsExactlyInAnyOrder(
            tuple("arn:aws:iam::111122223333:role/deploy", 2L),
            tuple("arn:aws:iam::111122223333:role/other", 1L));
  }

  @Test
  void sourceAddresses_alternatingSourcesAllKept() throws UnknownHostException {
    SourceAddress first = new SourceAddress(InetAddress.getByName("198.51.100.7"), null);
    SourceAddress service = new SourceAddress(null, "ssm.amazonaws.com");
    SourceAddress internal = new SourceAddress(null, "AWS Internal");
    SourceAddress ipv6 = new SourceAddress(InetAddress.getByName("2001:db8:0:0:0:0:0:1"), null);
    SourceAddress second = new SourceAddress(InetAddress.getByName("198.51.100.8"), null);
    List<SourceAddress> sources =
        List.of(
            first,
            service,
            internal,
            SourceAddress.NONE,
            ipv6,
            first,
            second,
            SourceAddress.NONE,
            ipv6);

    FindingAggregator aggregator = new FindingAggregator();
    for (int i = 0; i < sources.size(); i++) {
      CloudEvent event =
          event("eve", i, i + 1, null, "203.0.113.9", "A").withSource(sources.get(i));
      aggregator.add(hit("r", Severity.LOW, event));
    }
    Finding finding = aggregator.findings().get(0);

    assertThat(finding.sourceAddresses())
        .containsExactly(
            "198.51.100.7", "198.51.100.8", "2001:db8::1", "AWS Internal", "ssm.amazonaws.com");
    assertThat(finding.evidence())
        .extracting(Evidence::sourceAddress)
        .containsExactly(
            "198.51.100.7",
            "ssm.amazonaws.com",
            "AWS Internal",
            "",
            "2001:db8::1",
            "198.51.100.7",
            "198.51.100.8",
            "",
            "2001:db8::1");
  }

  @Test
  void explanation_correlationNamesExaminedShare() {
    String text =
        FindingAggregator.explanation("burst", 120, 20, 3, List.of("AccessDenied"), false);

    assertThat(text)
        .isEqualTo(
            "burst (120 matching events; 3 of the 20 kept as evidence failed:" + " AccessDenied)");
  }

  @Test
  void explanation_allExaminedKeepsPlainWording() {
    String text = FindingAggregator.explanation("rule", 3, 3, 3, List.of("AccessDenied"), false);

    assertThat(text).isEqualTo("rule (all 3 calls failed: AccessDenied)");
  }
}
