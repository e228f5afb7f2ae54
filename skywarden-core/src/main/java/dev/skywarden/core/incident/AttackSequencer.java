package dev.skywarden.core.incident;

import dev.skywarden.core.event.SourceLocation;
import dev.skywarden.core.finding.Behaviour;
import dev.skywarden.core.finding.CappedList;
import dev.skywarden.core.finding.Evidence;
import dev.skywarden.core.finding.Finding;
import dev.skywarden.core.finding.FindingAggregator;
import dev.skywarden.core.finding.Incident;
import dev.skywarden.core.finding.KillChainStage;
import dev.skywarden.core.finding.Severity;
import dev.skywarden.core.finding.Technique;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Chains findings of one credential, principal or person into attack sequences and reports each
 * sequence as one incident finding.
 *
 * <p>The rule:
 *
 * <ol>
 *   <li>Each finding gets the earliest {@link KillChainStage} of its techniques' ATT&CK tactics;
 *       findings without one, informational findings (hunting signals such as a session start) and
 *       earlier incidents take no part.
 *   <li>Findings are linked when they share a principal of one cloud, a credential id of one cloud,
 *       or the e-mail address or UPN of one person ({@link IdentityLinks}), across clouds. Linked
 *       findings form a group, transitively.
 *   <li>The findings of a group, ordered by first seen time, are cut into sequences: a sequence
 *       takes every finding that starts within {@code window} of its first finding's start, and the
 *       next finding starts a new one. A sequence therefore never spans more than the window,
 *       however long its findings last (a finding folds calls of days).
 *   <li>A sequence with at least {@value #MIN_STAGES} distinct stages that rests on at least
 *       {@value #MIN_EVENTS} distinct events becomes an incident: two rules firing on one event are
 *       one action, not a sequence.
 *   <li>The incident is raised one level above its most severe step, at most critical, when the
 *       chain carries weight: its most severe step is at least medium, or its steps span at least
 *       {@value #MIN_STAGES_TO_RAISE_LOW} distinct stages. A chain of only low steps in fewer
 *       stages stays low. A low step is an everyday event that a detector reports for the record (a
 *       write from CloudShell, a first /24), and two of them by one person on one day are common.
 *       Raising such pairs to medium would make them the loudest findings of a benign organisation.
 *       The low incident is still reported, so its timeline stays in the output.
 *   <li>When the behavioural analytics judged the time of the sequence ({@link
 *       #AttackSequencer(Duration, Supplier)}), the incident is raised only when the sequence also
 *       shows a new source or a burst ({@link Behaviour#showsNewSourceOrBurst()}): a network, AS,
 *       country, cloud range or client new or rare for the identity, or a call count far above its
 *       history. It shows one when a step does, or when a behavioural finding of a step's principal
 *       or person has such a value first seen from one window before the first step to one window
 *       after it. Without one the chain is at the severity of its highest step. A sequence that
 *       starts before the analytics judged (in the training window) is raised as above, because
 *       nothing was compared there. An administrator's day often chains a console sign-in, writes
 *       from CloudShell and security group changes across two stages, and on the generated corpus
 *       such chains were most of the critical incidents outside the attacks. A stolen credential is
 *       used from a source new to the identity.
 * </ol>
 *
 * <p>Design note: the input is the complete list of findings of a hunt, so the result depends only
 * on the findings, not on the order of files or threads. Group order, sequence order and incident
 * ids come from first seen times and finding ids. State is the list of findings; memory is linear
 * in the number of findings. Instances are immutable and thread-safe.
 */
public final class AttackSequencer {

  /** The rule id of incident findings. */
  public static final String RULE_ID = "skywarden-attack-sequence";

  /** The default longest time from the first step of a sequence to the start of its last. */
  public static final Duration DEFAULT_WINDOW = Duration.ofHours(24);

  /** How many distinct kill-chain stages a sequence needs to be an incident. */
  public static final int MIN_STAGES = 2;

  /** How many distinct events the steps of a sequence need to be an incident. */
  public static final int MIN_EVENTS = 2;

  /**
   * How many distinct kill-chain stages raise a sequence whose steps are all low. A sequence with a
   * medium or higher step is raised at {@value #MIN_STAGES} stages.
   */
  public static final int MIN_STAGES_TO_RAISE_LOW = 3;

  /** How many steps the explanation lists; the {@link Incident} keeps them all. */
  static final int MAX_EXPLAINED_STEPS = 12;

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

  private static final Comparator<Finding> STEP_ORDER =
      Comparator.comparing(Finding::firstSeen).thenComparing(Finding::id);

  private final Duration window;
  private final Supplier<Instant> judgedFrom;

  /**
   * Creates a sequencer for a hunt without the behavioural analytics.
   *
   * @param window the longest time from a sequence's first step to the start of its last; positive
   * @throws IllegalArgumentException when the window is zero or negative
   */
  public AttackSequencer(Duration window) {
    this(window, () -> null);
  }

  /**
   * Creates a sequencer.
   *
   * @param window the longest time from a sequence's first step to the start of its last; positive
   * @param judgedFrom returns, when the incidents are made, the time from which the behavioural
   *     analytics judged events (the end of their training window), or null when they judged none.
   *     An incident that starts then or later is raised only when its sequence shows a new source
   *     or a burst.
   * @throws IllegalArgumentException when the window is zero or negative
   */
  public AttackSequencer(Duration window, Supplier<Instant> judgedFrom) {
    if (window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("window must be positive, was " + window);
    }
    this.window = window;
    this.judgedFrom = Objects.requireNonNull(judgedFrom, "judgedFrom");
  }

  /**
   * Returns the findings with an incident added for every attack sequence, in {@link
   * FindingAggregator#FINDING_ORDER}. The given findings are kept unchanged.
   */
  public List<Finding> addIncidents(List<Finding> findings) {
    List<Finding> result = new ArrayList<>(findings);
    result.addAll(incidents(findings));
    result.sort(FindingAggregator.FINDING_ORDER);
    return List.copyOf(result);
  }

  /** Returns the incidents of the findings, ordered by first seen time and id. */
  public List<Finding> incidents(List<Finding> findings) {
    Map<Finding, KillChainStage> stages = new LinkedHashMap<>();
    List<Finding> steps = new ArrayList<>();
    for (Finding finding : findings) {
      boolean step = !finding.isIncident() && finding.severity() != Severity.INFORMATIONAL;
      KillChainStage stage = step ? KillChainStage.earliestOf(finding.techniques()) : null;
      if (stage != null) {
        stages.put(finding, stage);
        steps.add(finding);
      }
    }
    steps.sort(STEP_ORDER);

    Instant judged = judgedFrom.get();
    Map<String, List<Behaviour>> behaviours =
        judged == null ? Map.of() : behavioursByIdentity(findings);
    List<Finding> incidents = new ArrayList<>();
    for (List<Finding> group : groups(steps)) {
      for (List<Finding> sequence : sequences(group)) {
        Set<KillChainStage> distinct = EnumSet.noneOf(KillChainStage.class);
        sequence.forEach(step -> distinct.add(stages.get(step)));
        if (distinct.size() >= MIN_STAGES && eventCount(sequence) >= MIN_EVENTS) {
          boolean raisable =
              judged == null
                  || sequence.get(0).firstSeen().isBefore(judged)
                  || showsNewSourceOrBurst(sequence, behaviours);
          incidents.add(incident(sequence, stages, List.copyOf(distinct), raisable));
        }
      }
    }
    incidents.sort(STEP_ORDER);
    return incidents;
  }

  /** Splits the steps into linked groups; each group keeps the order of {@code steps}. */
  private static List<List<Finding>> groups(List<Finding> steps) {
    UnionFind links = new UnionFind(steps.size());
    Map<String, Integer> firstWithKey = new HashMap<>();
    for (int i = 0; i < steps.size(); i++) {
      for (String key : linkKeys(steps.get(i))) {
        Integer earlier = firstWithKey.putIfAbsent(key, i);
        if (earlier != null) {
          links.union(earlier, i);
        }
      }
    }

    Map<Integer, List<Finding>> byRoot = new TreeMap<>();
    for (int i = 0; i < steps.size(); i++) {
      byRoot.computeIfAbsent(links.find(i), root -> new ArrayList<>()).add(steps.get(i));
    }
    return new ArrayList<>(byRoot.values());
  }

  /** Returns the keys that link a finding to others: its principal, credentials and person. */
  private static List<String> linkKeys(Finding finding) {
    List<String> keys = new ArrayList<>();
    String cloud = finding.provider().id();
    if (finding.principal() != null && !finding.principal().equals("unknown")) {
      keys.add("principal|" + cloud + "|" + finding.principal());
    }
    for (String credential : finding.credentials()) {
      if (credential != null && !credential.isEmpty()) {
        keys.add("credential|" + cloud + "|" + credential);
      }
    }
    String person = IdentityLinks.personOf(finding.principal());
    if (person != null) {
      keys.add("person|" + person);
    }
    return keys;
  }

  /** Cuts a time-ordered group where a step starts more than the window after the sequence ends. */
  private List<List<Finding>> sequences(List<Finding> group) {
    List<List<Finding>> sequences = new ArrayList<>();
    List<Finding> current = new ArrayList<>();
    java.time.Instant start = null;
    for (Finding step : group) {
      if (start != null && step.firstSeen().isAfter(start.plus(window))) {
        sequences.add(current);
        current = new ArrayList<>();
        start = null;
      }
      current.add(step);
      if (start == null) {
        start = step.firstSeen();
      }
    }
    if (!current.isEmpty()) {
      sequences.add(current);
    }
    return sequences;
  }

  private Finding incident(
      List<Finding> sequence,
      Map<Finding, KillChainStage> stages,
      List<KillChainStage> distinct,
      boolean sourceOrBurst) {
    Finding first = sequence.get(0);
    Set<String> identities = new TreeSet<>();
    TreeSet<String> persons = new TreeSet<>();
    Severity highest = Severity.INFORMATIONAL;
    long failed = 0;
    Instant lastSeen = first.lastSeen();
    List<Incident.Step> steps = new ArrayList<>();
    for (Finding step : sequence) {
      identities.add(step.provider().id() + ":" + step.principal());
      String person = IdentityLinks.personOf(step.principal());
      if (person != null) {
        persons.add(person);
      }
      if (step.severity().compareTo(highest) > 0) {
        highest = step.severity();
      }
      failed += step.failedCount();
      if (step.lastSeen().isAfter(lastSeen)) {
        lastSeen = step.lastSeen();
      }
      steps.add(
          new Incident.Step(
              step.id(),
              step.ruleId(),
              step.title(),
              step.severity(),
              stages.get(step),
              step.provider(),
              step.principal(),
              step.firstSeen(),
              step.lastSeen()));
    }

    String linkedBy = identities.size() > 1 && persons.size() == 1 ? persons.first() : null;
    String principal = linkedBy != null ? linkedBy : first.principal();
    Incident incident = new Incident(steps, distinct, List.copyOf(identities), linkedBy, window);
    Severity severity = sourceOrBurst ? severity(highest, distinct.size()) : highest;
    String id =
        FindingAggregator.findingId(
            RULE_ID, first.provider(), first.account(), principal, first.id());

    Values values = new Values();
    for (Finding step : sequence) {
      values.add(step);
    }
    long count = eventCount(sequence);
    return new Finding(
        id,
        RULE_ID,
        "Attack sequence: " + stageList(distinct),
        severity,
        techniques(sequence),
        first.provider(),
        sameAccount(sequence) ? first.account() : null,
        principal,
        first.principalType(),
        values.get(CappedList.CREDENTIALS),
        values.get(CappedList.SOURCE_ADDRESSES),
        first.client(),
        values.get(CappedList.OPERATIONS),
        first.firstSeen(),
        lastSeen,
        count,
        evidence(sequence),
        explanation(incident, highest, severity, sourceOrBurst),
        failed,
        values.get(CappedList.ERROR_CODES),
        values.get(CappedList.RESOURCES),
        values.get(CappedList.CLIENTS),
        values.truncated(),
        null,
        null,
        incident);
  }

  /**
   * Returns the severity of an incident: one level above {@code highest} when that step is at least
   * medium or the steps span at least {@value #MIN_STAGES_TO_RAISE_LOW} stages, otherwise {@code
   * highest} itself.
   *
   * @param highest the severity of the most severe step
   * @param stageCount the number of distinct kill-chain stages of the steps
   */
  static Severity severity(Severity highest, int stageCount) {
    if (isRaised(highest, stageCount)) {
      return raise(highest);
    }
    return highest;
  }

  /**
   * Returns the behaviours of the behavioural findings by {@link #principalKey} and, for a
   * principal with an e-mail address or UPN, also by {@link #personKey}.
   */
  private static Map<String, List<Behaviour>> behavioursByIdentity(List<Finding> findings) {
    Map<String, List<Behaviour>> behaviours = new HashMap<>();
    for (Finding finding : findings) {
      if (finding.behaviour() == null) {
        continue;
      }
      behaviours
          .computeIfAbsent(principalKey(finding), key -> new ArrayList<>())
          .add(finding.behaviour());
      String person = IdentityLinks.personOf(finding.principal());
      if (person != null) {
        behaviours
            .computeIfAbsent(personKey(person), key -> new ArrayList<>())
            .add(finding.behaviour());
      }
    }
    return behaviours;
  }

  private static String principalKey(Finding finding) {
    return finding.provider().id() + ":" + finding.principal();
  }

  private static String personKey(String person) {
    return "person:" + person;
  }

  /**
   * Returns whether a step of {@code sequence} shows a new source or a burst, or a behavioural
   * finding of a step's principal or person has a source or burst feature first seen from one
   * window before the first step to one window after it. A behavioural finding folds every new
   * value of a hunt, so it sits in the sequence of its first value, which may be days before the
   * attack. An attacker's new network also often shows in discovery calls just before the first
   * step.
   */
  private boolean showsNewSourceOrBurst(
      List<Finding> sequence, Map<String, List<Behaviour>> behaviours) {
    Instant start = sequence.get(0).firstSeen();
    Instant from = start.minus(window);
    Instant to = start.plus(window);
    Set<String> checked = new HashSet<>();
    for (Finding step : sequence) {
      if (step.behaviour() != null && step.behaviour().showsNewSourceOrBurst()) {
        return true;
      }
      String person = IdentityLinks.personOf(step.principal());
      for (String key :
          person == null
              ? List.of(principalKey(step))
              : List.of(principalKey(step), personKey(person))) {
        if (!checked.add(key)) {
          continue;
        }
        for (Behaviour behaviour : behaviours.getOrDefault(key, List.of())) {
          if (behaviour.showsNewSourceOrBurstBetween(from, to)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  private static boolean isRaised(Severity highest, int stageCount) {
    return highest.compareTo(Severity.MEDIUM) >= 0 || stageCount >= MIN_STAGES_TO_RAISE_LOW;
  }

  /** Returns the severity one level above {@code highest}, at most critical. */
  static Severity raise(Severity highest) {
    return switch (highest) {
      case INFORMATIONAL -> Severity.LOW;
      case LOW -> Severity.MEDIUM;
      case MEDIUM -> Severity.HIGH;
      case HIGH, CRITICAL -> Severity.CRITICAL;
    };
  }

  private static String stageList(List<KillChainStage> stages) {
    List<String> labels = new ArrayList<>();
    stages.forEach(stage -> labels.add(stage.label()));
    return String.join(", ", labels);
  }

  private static boolean sameAccount(List<Finding> sequence) {
    String account = sequence.get(0).account();
    for (Finding step : sequence) {
      if (!Objects.equals(account, step.account())) {
        return false;
      }
    }
    return true;
  }

  /** Returns the distinct techniques of the steps, in step order. */
  private static List<Technique> techniques(List<Finding> sequence) {
    Map<String, Technique> techniques = new LinkedHashMap<>();
    for (Finding step : sequence) {
      for (Technique technique : step.techniques()) {
        techniques.putIfAbsent(technique.id(), technique);
      }
    }
    return List.copyOf(techniques.values());
  }

  /** Returns the first evidence of each step, at most {@link FindingAggregator#MAX_EVIDENCE}. */
  /**
   * Returns how many events the steps rest on: the distinct records of their evidence, plus each
   * step's events beyond the evidence it kept. Steps that fired on one record count it once.
   */
  static long eventCount(List<Finding> sequence) {
    Set<SourceLocation> records = new HashSet<>();
    long beyondEvidence = 0;
    for (Finding step : sequence) {
      step.evidence().forEach(item -> records.add(item.location()));
      beyondEvidence += Math.max(0, step.count() - step.evidence().size());
    }
    return records.size() + beyondEvidence;
  }

  private static List<Evidence> evidence(List<Finding> sequence) {
    List<Evidence> evidence = new ArrayList<>();
    Set<SourceLocation> records = new HashSet<>();
    for (Finding step : sequence) {
      if (step.evidence().isEmpty() || evidence.size() >= FindingAggregator.MAX_EVIDENCE) {
        continue;
      }
      Evidence first = step.evidence().get(0);
      if (records.add(first.location())) {
        evidence.add(first);
      }
    }
    evidence.sort(
        Comparator.comparing(Evidence::time)
            .thenComparing(Evidence::location)
            .thenComparing(Evidence::eventId));
    return evidence;
  }

  /**
   * Builds the explanation: stages, span and window, then the timeline of steps, then the linked
   * identities.
   */
  private static String explanation(
      Incident incident, Severity highest, Severity severity, boolean sourceOrBurst) {
    List<Incident.Step> steps = incident.steps();
    Duration span =
        Duration.between(steps.get(0).firstSeen(), steps.get(steps.size() - 1).firstSeen());
    StringBuilder text = new StringBuilder();
    text.append(steps.size())
        .append(" findings in ")
        .append(incident.stages().size())
        .append(" kill-chain stages within ")
        .append(humanDuration(span))
        .append(" (window ")
        .append(humanDuration(incident.window()))
        .append("); ")
        .append(
            sourceOrBurst
                ? severityReason(highest, severity, incident.stages().size())
                : "severity "
                    + severity.sigmaLevel()
                    + ", as its highest step, because neither its steps nor the behavioural"
                    + " findings of its identities around it show a new source or a burst")
        .append(". Timeline: ");
    for (int i = 0; i < steps.size() && i < MAX_EXPLAINED_STEPS; i++) {
      Incident.Step step = steps.get(i);
      if (i > 0) {
        text.append(" | ");
      }
      text.append(TIME.format(step.firstSeen()))
          .append(' ')
          .append(step.stage().label())
          .append(": ")
          .append(step.title() == null ? step.ruleId() : step.title());
      if (incident.identities().size() > 1) {
        text.append(" by ").append(step.principal());
      }
    }
    if (steps.size() > MAX_EXPLAINED_STEPS) {
      text.append(" | and ").append(steps.size() - MAX_EXPLAINED_STEPS).append(" more");
    }
    text.append('.');
    if (incident.linkedBy() != null) {
      text.append(" Identities linked across clouds by the e-mail or UPN ")
          .append(incident.linkedBy())
          .append(": ")
          .append(String.join(", ", incident.identities()))
          .append('.');
    }
    return text.toString();
  }

  /** Explains the incident's severity against its most severe step. */
  private static String severityReason(Severity highest, Severity severity, int stageCount) {
    if (!isRaised(highest, stageCount)) {
      return "severity "
          + severity.sigmaLevel()
          + ", as its highest step, because low steps in fewer than "
          + MIN_STAGES_TO_RAISE_LOW
          + " stages do not raise it";
    }
    String reason =
        "severity "
            + severity.sigmaLevel()
            + ", one above the highest step ("
            + highest.sigmaLevel();
    if (highest == Severity.LOW) {
      return reason + ") because its low steps span " + stageCount + " stages";
    }
    return reason + ")";
  }

  /** Formats a duration as {@code 3d 4h}, {@code 2h 15m}, {@code 40m} or {@code 12s}. */
  static String humanDuration(Duration duration) {
    long seconds = duration.toSeconds();
    if (seconds >= 86_400) {
      long hours = (seconds % 86_400) / 3600;
      return seconds / 86_400 + "d" + (hours > 0 ? " " + hours + "h" : "");
    }
    if (seconds >= 3600) {
      long minutes = (seconds % 3600) / 60;
      return seconds / 3600 + "h" + (minutes > 0 ? " " + minutes + "m" : "");
    }
    if (seconds >= 60) {
      return seconds / 60 + "m";
    }
    return seconds + "s";
  }

  /** The capped lists of an incident: the smallest distinct values of all its steps. */
  private static final class Values {
    private final Map<CappedList, TreeSet<String>> lists = new LinkedHashMap<>();
    private final Set<CappedList> truncated = EnumSet.noneOf(CappedList.class);

    void add(Finding step) {
      put(CappedList.CREDENTIALS, step.credentials());
      put(CappedList.SOURCE_ADDRESSES, step.sourceAddresses());
      put(CappedList.OPERATIONS, step.operations());
      put(CappedList.ERROR_CODES, step.errorCodes());
      put(CappedList.RESOURCES, step.resources());
      put(CappedList.CLIENTS, step.clients());
      for (CappedList list : step.truncated()) {
        truncated.add(list);
      }
    }

    private void put(CappedList list, List<String> values) {
      TreeSet<String> set = lists.computeIfAbsent(list, key -> new TreeSet<>());
      for (String value : values) {
        if (value != null) {
          set.add(value);
        }
      }
      while (set.size() > FindingAggregator.MAX_VALUES) {
        set.pollLast();
        truncated.add(list);
      }
    }

    List<String> get(CappedList list) {
      return List.copyOf(lists.getOrDefault(list, new TreeSet<>()));
    }

    Set<CappedList> truncated() {
      return truncated;
    }
  }

  /** Disjoint sets over indexes, with path halving; the smaller index is always the root. */
  private static final class UnionFind {
    private final int[] parent;

    UnionFind(int size) {
      parent = new int[size];
      for (int i = 0; i < size; i++) {
        parent[i] = i;
      }
    }

    int find(int i) {
      while (parent[i] != i) {
        parent[i] = parent[parent[i]];
        i = parent[i];
      }
      return i;
    }

    void union(int a, int b) {
      int rootA = find(a);
      int rootB = find(b);
      if (rootA != rootB) {
        parent[Math.max(rootA, rootB)] = Math.min(rootA, rootB);
      }
    }
  }
}
