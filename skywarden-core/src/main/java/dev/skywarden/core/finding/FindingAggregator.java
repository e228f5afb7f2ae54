package dev.skywarden.core.finding;

import dev.skywarden.core.catalog.ControlCatalog;
import dev.skywarden.core.event.Actor;
import dev.skywarden.core.event.ClientFingerprint;
import dev.skywarden.core.event.CloudEvent;
import dev.skywarden.core.event.CloudProvider;
import dev.skywarden.core.event.Interner;
import dev.skywarden.core.event.SourceAddress;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Folds detection hits into findings, one per rule, provider, account and principal. The principal
 * is the actor's display name, or the name a grouping function gives it ({@link
 * #FindingAggregator(ControlCatalog, Function)}), such as a role for its CI run sessions.
 *
 * <p>Design note: every value a finding keeps is chosen by a total order, so the findings are the
 * same whatever the order of the hits and however many threads add them.
 *
 * <ul>
 *   <li>Evidence: the {@link #MAX_EVIDENCE} earliest hits by (time, source location, event id).
 *   <li>Severity: the highest of all hits, so a rule whose hits differ in severity (such as a first
 *       use of operations of different weight) reports its worst hit, whichever came first.
 *   <li>Title, techniques, explanation and behaviour: those of the lead hit, the earliest hit of
 *       the highest severity in that order (with explanation, title and severity as final
 *       tie-breakers), so the text explains the severity.
 *   <li>Principal type and client: those of the earliest hit.
 *   <li>Failed events: counted, with their distinct error codes kept like operations below.
 *   <li>Credentials, source addresses, operations, error codes, resources and client summaries (the
 *       {@link CappedList}s): the {@link #MAX_VALUES} smallest distinct values in {@link String}
 *       order. Larger values are dropped, so each finding keeps bounded state however many hits it
 *       folds, and {@link Finding#truncated()} names each list that dropped a value.
 *   <li>{@code id}: the first 32 hex digits of SHA-256 over {@code
 *       ruleId|provider|account|principal|eventId of the earliest evidence}.
 * </ul>
 *
 * <p>Thread-safety: {@link #add(DetectionHit)} may be called from many threads at once. Each
 * finding's state is guarded by its own lock; {@link #findings()} takes a snapshot and may run
 * while hits are still added, in which case it reflects some prefix of each finding's hits. The
 * lookup of a hit's finding goes through a lock-free memo of recent keys ({@link RecentKeys}) and
 * then through concurrent maps.
 */
public final class FindingAggregator {

  /** How many evidence entries a finding keeps: the earliest hits. */
  public static final int MAX_EVIDENCE = 20;

  /**
   * How many distinct credentials, source addresses, operations and error codes a finding keeps.
   */
  public static final int MAX_VALUES = 10;

  /** Length of {@link Finding#id()} in hex digits (128 bits of the SHA-256). */
  public static final int ID_HEX_LENGTH = 32;

  /** The order that picks evidence and the earliest hit; total over all hit fields that matter. */
  static final Comparator<DetectionHit> HIT_ORDER =
      Comparator.<DetectionHit, java.time.Instant>comparing(hit -> hit.event().time())
          .thenComparing(hit -> hit.event().location())
          .thenComparing(hit -> hit.event().eventId())
          .thenComparing(hit -> Objects.toString(hit.explanation(), ""))
          .thenComparing(hit -> Objects.toString(hit.title(), ""))
          .thenComparing(DetectionHit::severity);

  /** A total order over behavioural features, for picking one of two equal kind-value pairs. */
  static final Comparator<Behaviour.Feature> FEATURE_ORDER =
      Comparator.<Behaviour.Feature>naturalOrder()
          .thenComparing(Behaviour.Feature::rarity)
          .thenComparing(Behaviour.Feature::firstSeen)
          .thenComparing(Behaviour.Feature::lastSeen)
          .thenComparingLong(Behaviour.Feature::count);

  /** Findings first by severity (critical first), then first seen, then id. */
  public static final Comparator<Finding> FINDING_ORDER =
      Comparator.comparing(Finding::severity, Comparator.reverseOrder())
          .thenComparing(Finding::firstSeen)
          .thenComparing(Finding::id);

  private final ControlCatalog catalog;
  private final Map<Key, Accumulator> accumulators = new ConcurrentHashMap<>();

  /** The memo that finds the accumulators of recent hits without hashing their key fields. */
  private final RecentKeys<Accumulator> recent;

  /**
   * The maximum number of values in the interner of kept values before it starts over. Values that
   * a finding keeps for a while and then drops for smaller ones stay in the interner. Without a
   * cap, an input read newest first would pin every distinct address and resource of the hunt.
   */
  static final int MAX_INTERNED = 1 << 16;

  /**
   * Shared instances of the strings and values that kept hits and value lists repeat. It grows with
   * the distinct values kept until it contains {@link #MAX_INTERNED} and starts over, so an
   * aggregator serves one hunt.
   */
  private final Interner interner = new Interner(MAX_INTERNED);

  /**
   * Display names whose grouped principal is kept. Names made per run keep coming, so the map is
   * emptied when full rather than frozen.
   */
  static final int MAX_CACHED_PRINCIPALS = 4_096;

  /** The grouping function, or null to group by display name. */
  private final Function<Actor, String> principalOf;

  /** The grouped principal of recent display names, with the session issuer it came from. */
  private final Map<String, Grouped> principals = new ConcurrentHashMap<>();

  private record Grouped(String issuer, String principal) {}

  /** Creates an aggregator that resolves techniques in the bundled {@link ControlCatalog}. */
  public FindingAggregator() {
    this(ControlCatalog.bundled());
  }

  /** Creates an aggregator that resolves techniques in the given catalogue. */
  public FindingAggregator(ControlCatalog catalog) {
    this.catalog = Objects.requireNonNull(catalog, "catalog");
    this.principalOf = null;
    this.recent = new RecentKeys<>(false);
  }

  /**
   * Creates an aggregator that resolves techniques in the given catalogue and groups hits by the
   * principal name {@code principalOf} gives each actor instead of its display name.
   *
   * @param principalOf a pure, thread-safe function of the actor's display name and session issuer:
   *     its result is kept per display name and issuer, at most {@link #MAX_CACHED_PRINCIPALS} of
   *     them
   */
  public FindingAggregator(ControlCatalog catalog, Function<Actor, String> principalOf) {
    this.catalog = Objects.requireNonNull(catalog, "catalog");
    this.principalOf = Objects.requireNonNull(principalOf, "principalOf");
    this.recent = new RecentKeys<>(true);
  }

  /** Returns the principal a hit of {@code actor} is grouped by. */
  private String principal(Actor actor) {
    String name = actor.displayName();
    if (principalOf == null) {
      return name;
    }
    Grouped grouped = principals.get(name);
    if (grouped != null && Objects.equals(grouped.issuer(), actor.sessionIssuer())) {
      return grouped.principal();
    }
    String principal = principalOf.apply(actor);
    if (principals.size() >= MAX_CACHED_PRINCIPALS) {
      principals.clear();
    }
    principals.put(name, new Grouped(actor.sessionIssuer(), principal));
    return principal;
  }

  /** The grouping key of a finding. */
  private record Key(String ruleId, CloudProvider provider, String account, String principal) {}

  /**
   * Folds one hit into its finding, creating the finding on the first hit of its key.
   *
   * @throws NullPointerException when the hit, its rule id, severity or event is null
   */
  public void add(DetectionHit hit) {
    Objects.requireNonNull(hit, "hit");
    Objects.requireNonNull(hit.ruleId(), "hit.ruleId");
    Objects.requireNonNull(hit.severity(), "hit.severity");
    CloudEvent event = Objects.requireNonNull(hit.event(), "hit.event");

    Accumulator accumulator = recent.get(hit.ruleId(), event);
    if (accumulator == null) {
      accumulator = accumulator(hit.ruleId(), event);
      recent.put(hit.ruleId(), event, accumulator);
    }
    accumulator.add(hit);
  }

  /** Returns the accumulator of the finding of a hit of {@code ruleId} on {@code event}. */
  private Accumulator accumulator(String ruleId, CloudEvent event) {
    Key key = new Key(ruleId, event.provider(), event.account(), principal(event.actor()));
    // Try get first, because computeIfAbsent locks the bin unless its first node is the key.
    Accumulator accumulator = accumulators.get(key);
    if (accumulator == null) {
      accumulator = accumulators.computeIfAbsent(key, k -> new Accumulator());
    }
    return accumulator;
  }

  /** Returns the number of values the aggregator's interner holds, for tests. */
  int internedValues() {
    return interner.size();
  }

  /**
   * Returns the number of hits added so far. It sums the counts of all findings, because a shared
   * counter would cost an atomic update per hit.
   */
  public long hitCount() {
    long count = 0;
    for (Accumulator accumulator : accumulators.values()) {
      count += accumulator.hitCount();
    }
    return count;
  }

  /** Returns a snapshot of the findings in {@link #FINDING_ORDER}. */
  public List<Finding> findings() {
    List<Finding> findings = new ArrayList<>();
    accumulators.forEach((key, accumulator) -> findings.add(accumulator.toFinding(key)));
    findings.sort(FINDING_ORDER);
    return List.copyOf(findings);
  }

  /**
   * Computes a finding id: the first {@value #ID_HEX_LENGTH} lower-case hex digits of SHA-256 over
   * the UTF-8 text {@code ruleId|provider|account|principal|eventId}, where a null account is
   * empty.
   */
  public static String findingId(
      String ruleId, CloudProvider provider, String account, String principal, String eventId) {
    String text =
        String.join("|", ruleId, provider.id(), account == null ? "" : account, principal, eventId);
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest).substring(0, ID_HEX_LENGTH);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
    }
  }

  /** The bounded state of one finding; every method holds the instance lock. */
  private final class Accumulator {

    /**
     * The {@link #MAX_EVIDENCE} earliest hits in {@link #HIT_ORDER}, kept as {@link KeptHit}s so
     * the raw records of their events can be collected.
     */
    private final NavigableSet<KeptHit> earliest = new TreeSet<>(KeptHit.ORDER);

    /**
     * The last of {@link #earliest}, kept apart because a finding with thousands of siblings finds
     * {@code TreeSet.last()} out of the cache.
     */
    private KeptHit latestEvidence;

    /** The size of {@link #earliest}, mirrored for the same reason as {@link #latestEvidence}. */
    private int evidenceCount;

    private final Map<CappedList, BoundedValues> lists = new EnumMap<>(CappedList.class);

    /** The lists of {@link #lists} that {@link #add} writes, also in fields to skip the lookups. */
    private final BoundedValues credentials;

    private final BoundedValues sourceAddresses;
    private final BoundedValues operations;
    private final BoundedValues clients;
    private final BoundedValues resources;
    private final BoundedValues errorCodes;

    private final java.util.TreeMap<Behaviour.Feature, Behaviour.Feature> features =
        new java.util.TreeMap<>();
    private boolean featuresTruncated;
    private java.time.Instant lastSeen;
    private Severity highest;

    /** The earliest hit in {@link #HIT_ORDER} of the {@link #highest} severity. */
    private KeptHit lead;

    private long count;
    private long examinedCount;
    private long failedCount;

    /**
     * The client of the previous hit; a hit with the same instance adds the same summary, so its
     * summary is not built again. Client fingerprints are memoised per user agent, so consecutive
     * hits of one finding often share the instance.
     */
    private ClientFingerprint previousClient;

    /**
     * The address and name of the previous hit's source. A source equal in both has the same text,
     * so its text, which formats the address anew on each call, is not built again.
     */
    private InetAddress previousIp;

    private String previousSourceName;

    Accumulator() {
      for (CappedList list : CappedList.values()) {
        lists.put(list, new BoundedValues(interner));
      }
      credentials = list(CappedList.CREDENTIALS);
      sourceAddresses = list(CappedList.SOURCE_ADDRESSES);
      operations = list(CappedList.OPERATIONS);
      clients = list(CappedList.CLIENTS);
      resources = list(CappedList.RESOURCES);
      errorCodes = list(CappedList.ERROR_CODES);
    }

    // The client check compares instances on purpose: equal instances give equal summaries.
    @SuppressWarnings("ReferenceEquality")
    synchronized void add(DetectionHit hit) {
      CloudEvent event = hit.event();
      count += hit.eventCount();
      examinedCount++;
      if (lastSeen == null || event.time().isAfter(lastSeen)) {
        lastSeen = event.time();
      }
      Severity severity = hit.severity();
      if (severity == highest) {
        if (KeptHit.compare(hit, lead) < 0) {
          lead = KeptHit.of(hit, interner);
        }
      } else if (highest == null || severity.compareTo(highest) > 0) {
        highest = severity;
        lead = KeptHit.of(hit, interner);
      }

      addEvidence(hit);

      credentials.add(event.credential().id());
      addSource(event.source());
      operations.add(event.api().operation());
      if (event.client() != previousClient) {
        previousClient = event.client();
        clients.add(previousClient.summary());
      }
      List<String> eventResources = event.resources();
      for (int i = 0; i < eventResources.size(); i++) {
        resources.add(eventResources.get(i));
      }
      if (!event.outcome().success()) {
        failedCount++;
        errorCodes.add(event.outcome().errorCode());
      }
      if (hit.behaviour() != null) {
        addFeatures(hit.behaviour());
      }
    }

    /** Returns the number of hits added, which is {@link #examinedCount}. */
    synchronized long hitCount() {
      return examinedCount;
    }

    private BoundedValues list(CappedList list) {
      return lists.get(list);
    }

    /** Adds the text of {@code source} unless it equals the previous source in address and name. */
    private void addSource(SourceAddress source) {
      InetAddress ip = source.ip();
      String name = source.name();
      if (Objects.equals(ip, previousIp) && Objects.equals(name, previousSourceName)) {
        return;
      }
      previousIp = ip;
      previousSourceName = name;
      sourceAddresses.add(source.text());
    }

    /**
     * Keeps the {@link #MAX_EVIDENCE} earliest hits in {@link #HIT_ORDER}. Once the set is full, a
     * hit at or after the last kept one would be added and removed again, so it is not added.
     */
    private void addEvidence(DetectionHit hit) {
      if (evidenceCount >= MAX_EVIDENCE && KeptHit.compare(hit, latestEvidence) >= 0) {
        return;
      }
      earliest.add(KeptHit.of(hit, interner));
      if (earliest.size() > MAX_EVIDENCE) {
        earliest.pollLast();
      }
      evidenceCount = earliest.size();
      latestEvidence = earliest.last();
    }

    /**
     * Keeps the {@link #MAX_VALUES} smallest features by kind and value; when two hits carry the
     * same kind and value, the smaller in {@link #FEATURE_ORDER} wins, so the choice does not
     * depend on the order of the hits.
     */
    private void addFeatures(Behaviour behaviour) {
      if (behaviour.featuresTruncated()) {
        featuresTruncated = true;
      }
      for (Behaviour.Feature feature : behaviour.features()) {
        features.merge(
            feature, feature, (old, added) -> FEATURE_ORDER.compare(old, added) <= 0 ? old : added);
        if (features.size() > MAX_VALUES) {
          features.pollLastEntry();
          featuresTruncated = true;
        }
      }
    }

    synchronized Finding toFinding(Key key) {
      KeptHit first = earliest.first();

      List<Evidence> evidence = new ArrayList<>(earliest.size());
      for (KeptHit hit : earliest) {
        evidence.add(hit.evidence());
      }
      String id =
          findingId(
              key.ruleId(),
              key.provider(),
              key.account(),
              key.principal(),
              first.evidence().eventId());
      Set<CappedList> truncated = EnumSet.noneOf(CappedList.class);
      for (CappedList list : CappedList.values()) {
        if (list(list).truncated()) {
          truncated.add(list);
        }
      }

      return new Finding(
          id,
          key.ruleId(),
          lead.title(),
          highest,
          techniques(lead.techniqueIds()),
          key.provider(),
          key.account(),
          key.principal(),
          first.actorType().name(),
          values(CappedList.CREDENTIALS),
          values(CappedList.SOURCE_ADDRESSES),
          first.client(),
          values(CappedList.OPERATIONS),
          first.evidence().time(),
          lastSeen,
          count,
          evidence,
          explanation(
              lead.explanation(),
              count,
              examinedCount,
              failedCount,
              errorCodes.values(),
              errorCodes.truncated()),
          failedCount,
          errorCodes.values(),
          values(CappedList.RESOURCES),
          values(CappedList.CLIENTS),
          truncated,
          null,
          lead.behaviour() == null
              ? null
              : lead.behaviour()
                  .withFeatures(new ArrayList<>(features.values()), featuresTruncated),
          null);
    }

    private List<String> values(CappedList list) {
      return list(list).values();
    }

    private List<Technique> techniques(List<String> ids) {
      Set<String> seen = new LinkedHashSet<>();
      List<Technique> techniques = new ArrayList<>();
      for (String id : ids) {
        if (seen.add(id.trim().toUpperCase(Locale.ROOT))) {
          techniques.add(catalog.resolve(id));
        }
      }
      return techniques;
    }
  }

  /**
   * Builds the explanation: the lead hit's text, the number of events and the failed share.
   *
   * <p>Failures never lower the severity: a denied attempt to stop logging or to grant access still
   * shows the intent, and a principal probing its permissions is itself notable. The explanation
   * states how many calls failed, so a reader can tell attempts from successes.
   *
   * @param count the events the finding counts
   * @param examined the events whose outcome is known: {@code count}, except for correlations,
   *     whose hits are only the capped evidence of the events that contributed
   * @param failed the failed events among {@code examined}
   */
  static String explanation(
      String first,
      long count,
      long examined,
      long failed,
      List<String> codes,
      boolean codesTruncated) {
    String text = first == null || first.isEmpty() ? "rule matched" : first;
    String codeText = codes.isEmpty() ? "" : ": " + String.join(", ", codes);
    if (codesTruncated) {
      codeText += " and more";
    }
    if (examined < count && failed > 0) {
      return text
          + " ("
          + count
          + " matching events; "
          + failed
          + " of the "
          + examined
          + " kept as evidence failed"
          + codeText
          + ")";
    }
    if (failed == 0) {
      return count == 1 ? text : text + " (" + count + " matching events)";
    }
    if (failed == count) {
      return count == 1
          ? text + " (the call failed" + codeText + ")"
          : text + " (all " + count + " calls failed" + codeText + ")";
    }
    return text
        + " ("
        + count
        + " matching events, "
        + failed
        + " of "
        + count
        + " failed"
        + codeText
        + ")";
  }
}
