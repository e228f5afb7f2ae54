package dev.skywarden.core.analytics;

import dev.skywarden.core.event.CloudEvent;
import dev.skywarden.core.event.Credential;
import dev.skywarden.core.event.NetworkInfo;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The behaviour of one identity during one hunt.
 *
 * <p>Design note: every field is an order-independent aggregate, so a profile is the same whatever
 * order its events arrive in. Per feature value it keeps the count, first and last time and the
 * {@link Evidence} of the first event by {@link EventOrder#FIRST}; per time bucket ({@link
 * TimeBuckets}, sorted parallel arrays) the count of calls and failures and bounded sorted sets of
 * distinct denied and discovery operations and wide networks. A light profile ({@link #light()}),
 * for a short-lived credential, keeps no feature values and no buckets, only its wide networks as
 * runs of buckets ({@link NetworkRuns}). Late or out-of-order events need no special case, because
 * nothing is decided before {@link AnalyticsRun#finish}. Memory is bounded by {@link
 * AnalyticsLimits}: values beyond the per-kind cap are not kept (the smallest values are), and
 * {@link #droppedEvents(FeatureKind)} returns how many events that cost. The buckets are capped in
 * two sets ({@link TimeBuckets}): the earliest {@link AnalyticsLimits#maxBuckets()} (28 days of an
 * identity active around the clock), which hold the training part and the call-rate baseline, and
 * up to {@link AnalyticsLimits#maxLateBuckets()} later ones, which the burst checks judge too.
 *
 * <p>NOTE: the late set is exact and independent of event order only while an identity's buckets
 * fit in both sets. Past that it evicts buckets that cannot be reported, judged on their counts
 * when evicted, so a bucket whose events arrive split around its eviction is judged on its later
 * part alone, and {@link #droppedBucketEvents()} counts the events of buckets dropped when no late
 * bucket could be evicted.
 *
 * <p>Thread-safety: every method holds the instance lock, except {@link #linkedCredential} and
 * {@link #linkCredential}, which read and write one volatile field.
 */
final class Profile {

  /**
   * The aggregates of one feature value in one profile. The first and last times are kept as
   * seconds and nanoseconds, not as the events' {@link Instant}s: most events of a value come after
   * its first, and comparing primitives in this object decides that without reading the kept
   * evidence or an {@code Instant} elsewhere on the heap. The four fields take 16 bytes more than
   * two references, but no longer pin the {@code Instant}s of a value's first and last events (24
   * bytes each, shared by the values of one event).
   */
  static final class FeatureStats {
    long count;

    /** Events outside the saved history's span, which the next saved state adds to its count. */
    long unsavedCount;

    /** Events with the value whose call failed. */
    long failed;

    private long firstSecond;
    private long lastSecond;
    private int firstNano;
    private int lastNano;
    Evidence first;

    void add(EventOrder.Shared shared, boolean unsaved) {
      CloudEvent event = shared.event();
      Instant time = event.time();
      long second = time.getEpochSecond();
      int nano = time.getNano();
      count++;
      if (unsaved) {
        unsavedCount++;
      }
      if (!event.outcome().success()) {
        failed++;
      }
      if (count == 1 || second > lastSecond || (second == lastSecond && nano > lastNano)) {
        lastSecond = second;
        lastNano = nano;
      }
      // The first evidence has the time firstSecond, and events are ordered by time first, so an
      // event in a later second comes after it whatever the later comparisons decide.
      if (first != null && second > firstSecond) {
        return;
      }
      if (EventOrder.earlier(event, first, shared.inputs())) {
        first = shared.evidence();
        firstSecond = second;
        firstNano = nano;
      }
    }

    /** Returns the time of the first event by {@link EventOrder#FIRST}, or null before any. */
    Instant firstSeen() {
      return first == null ? null : Instant.ofEpochSecond(firstSecond, firstNano);
    }

    /** Returns the latest event time, or null before any event. */
    Instant lastSeen() {
      return count == 0 ? null : Instant.ofEpochSecond(lastSecond, lastNano);
    }
  }

  private final ProfileKey key;
  private final AnalyticsLimits limits;
  private final IdentityHistory saved;
  private final boolean light;

  /** The feature values of a full profile; null in a light one. */
  private final Map<FeatureKind, Map<String, FeatureStats>> features;

  /** The feature updates of a full profile per kind; null in a light one. */
  private final long[] eventsPerKind;

  /** The time buckets of a full profile; null in a light one. */
  private final TimeBuckets buckets;

  /** The wide networks of a light profile; null in a full one. */
  private final NetworkRuns runs;

  /**
   * The kind, value and stats of each feature of the latest event of a full profile, by the
   * feature's position in that event's {@link FeatureBuffer}. The next event's feature at the same
   * position with the same kind and the same value instance updates those stats without a map
   * lookup. An identity check suffices, because the extractor interns every value, and a miss only
   * costs the lookup. Cleared whenever a value is removed from the maps, so every stats object here
   * is the one its map holds. Null in a light profile.
   */
  private FeatureKind[] recentKinds;

  private String[] recentValues;
  private FeatureStats[] recentStats;

  /**
   * The credential profile of this profile's latest event with a credential and that credential's
   * id, or null. Read and written without the lock, as {@link #linkedCredential} describes.
   */
  private volatile CredentialLink credentialLink;

  /** A credential id and the profile of that credential. */
  private record CredentialLink(String credentialId, Profile profile) {}

  /**
   * The first event of a full profile as a slimmed copy, not as {@link Evidence}: finish reads it
   * for every profile (its actor, credential and peer groups), and it costs one copy per identity.
   * Null in a light profile, which keeps {@link #firstEvidence} and {@link #principal} instead.
   */
  private CloudEvent first;

  /** The first event of a light profile. */
  private Evidence firstEvidence;

  /** The principal of a light profile's first event, the key of that principal's profile. */
  private ProfileKey principal;

  private Instant lastSeen;
  private long events;
  private long unsavedEvents;
  private Instant firstUnsaved;

  /**
   * Creates an empty profile.
   *
   * @param saved the identity's saved history, or {@code null}; events in its span ({@link
   *     IdentityHistory#counts}) are taken as counted already
   */
  Profile(ProfileKey key, AnalyticsLimits limits, IdentityHistory saved) {
    this(key, limits, saved, false);
  }

  /**
   * Creates an empty profile, light or full.
   *
   * @param light whether the profile keeps only what credential spread detection needs ({@link
   *     #light()}); only credential profiles of short-lived credentials should be light
   */
  Profile(ProfileKey key, AnalyticsLimits limits, IdentityHistory saved, boolean light) {
    this.key = key;
    this.limits = limits;
    this.saved = saved;
    this.light = light;
    if (light) {
      this.features = null;
      this.eventsPerKind = null;
      this.buckets = null;
      this.runs =
          new NetworkRuns(
              BurstDetector.spreadWindowBuckets(limits.bucketWidth()), limits.maxValuesPerKind());
    } else {
      this.features = new EnumMap<>(FeatureKind.class);
      this.eventsPerKind = new long[FeatureKind.values().length];
      this.recentKinds = new FeatureKind[0];
      this.recentValues = new String[0];
      this.recentStats = new FeatureStats[0];
      this.buckets =
          new TimeBuckets(
              limits.maxBuckets(),
              limits.maxLateBuckets(),
              limits.bucketWidth(),
              limits.maxOperationsPerBucket(),
              bucketNetworks(key, limits));
      this.runs = null;
    }
  }

  /**
   * Returns the most wide networks one bucket of a full profile keeps: none in a principal profile,
   * because only the spread check reads them and it runs on credential profiles.
   */
  private static int bucketNetworks(ProfileKey key, AnalyticsLimits limits) {
    return key.scope() == ProfileKey.Scope.CREDENTIAL ? limits.maxNetworksPerBucket() : 0;
  }

  /**
   * Returns whether this is a light profile, a short-lived credential's. It keeps its events'
   * count, first and last time, its first event and that event's principal, and its wide networks
   * as runs of buckets ({@link #networkRuns()}). It keeps no feature values and no time buckets,
   * because only {@link BurstDetector#detectSpread} and the finding's history read a credential
   * profile, and short-lived credentials are never saved ({@link #longLived}). A session credential
   * is new every hour or so. This keeps the per-event work to one full profile, and a session costs
   * its key, counters and first event's evidence plus 48 bytes per run, not a bucket per five
   * minutes.
   */
  boolean light() {
    return light;
  }

  /**
   * Returns whether a credential of this kind outlives one session: long-lived access keys and
   * service account keys. Other credentials (AWS session keys, tokens) change every hour or so, so
   * their profiles are light and not saved.
   */
  static boolean longLived(Credential.CredentialKind kind) {
    return kind == Credential.CredentialKind.ACCESS_KEY
        || kind == Credential.CredentialKind.SERVICE_ACCOUNT_KEY;
  }

  ProfileKey key() {
    return key;
  }

  /**
   * Adds one event with its features to a full profile under one lock.
   *
   * @param shared the event, with the evidence that every profile of the event keeps of it
   * @param discovery whether the operation is a read or discovery call
   * @param denied whether the call was denied
   * @throws IllegalStateException for a light profile, which takes {@link #addLight}
   */
  @SuppressWarnings("ReferenceEquality") // the recent values are compared by instance, see there
  synchronized void add(
      EventOrder.Shared shared, FeatureBuffer buffer, boolean discovery, boolean denied) {
    if (light) {
      throw new IllegalStateException("a light profile takes addLight: " + key);
    }
    CloudEvent event = shared.event();
    addEvent(shared);
    boolean unsaved = saved == null || !saved.counts(event.time());
    if (unsaved) {
      unsavedEvents++;
      firstUnsaved =
          firstUnsaved == null || event.time().isBefore(firstUnsaved) ? event.time() : firstUnsaved;
    }
    int size = buffer.size();
    if (recentKinds.length < size) {
      recentKinds = Arrays.copyOf(recentKinds, size);
      recentValues = Arrays.copyOf(recentValues, size);
      recentStats = Arrays.copyOf(recentStats, size);
    }
    for (int i = 0; i < size; i++) {
      FeatureKind kind = buffer.kind(i);
      String value = buffer.value(i);
      if (recentValues[i] == value && recentKinds[i] == kind) {
        countFeature(kind);
        recentStats[i].add(shared, unsaved);
      } else {
        FeatureStats stats = addFeature(kind, value, shared, unsaved);
        if (stats != null) {
          recentKinds[i] = kind;
          recentValues[i] = value;
          recentStats[i] = stats;
        }
      }
    }
    buckets.add(shared, discovery, denied);
  }

  /**
   * Returns the profile of {@code credentialId} that {@link #linkCredential} linked last, or null
   * when the last link is to another credential or there is none.
   *
   * <p>Thread-safe without the lock: the link is one immutable object in a volatile field, and a
   * link that another thread replaced only makes the caller look the credential up in the run's map
   * of profiles, whose entries are never removed while events are added.
   */
  Profile linkedCredential(String credentialId) {
    CredentialLink link = credentialLink;
    return link != null && link.credentialId().equals(credentialId) ? link.profile() : null;
  }

  /**
   * Links the profile of the credential of this profile's latest event, so that the next event with
   * the same credential finds it here ({@link #linkedCredential}).
   *
   * @param credential the credential's profile, of this profile's cloud
   */
  void linkCredential(String credentialId, Profile credential) {
    credentialLink = new CredentialLink(credentialId, credential);
  }

  /**
   * Adds one event to a light profile under one lock: its count, times and wide network. A light
   * profile is never saved, so it does not count events outside the saved span apart.
   *
   * @param shared the event, with the evidence that every profile of the event keeps of it
   * @param principalKey the key of the event's principal profile, kept when the event is the
   *     profile's first
   * @throws IllegalStateException for a full profile, which takes {@link #add}
   */
  synchronized void addLight(EventOrder.Shared shared, ProfileKey principalKey) {
    if (!light) {
      throw new IllegalStateException("a full profile takes add: " + key);
    }
    CloudEvent event = shared.event();
    events++;
    if (lastSeen == null || event.time().isAfter(lastSeen)) {
      lastSeen = event.time();
    }
    if (EventOrder.earlier(event, firstEvidence, shared.inputs())) {
      firstEvidence = shared.evidence();
      principal = principalKey;
    }
    String network = shared.wideNetwork();
    if (network != null) {
      long millis = event.time().toEpochMilli();
      runs.add(network, Math.floorDiv(millis, limits.bucketWidth().toMillis()), shared);
    }
  }

  /** Counts one event and keeps its time and first event. */
  private void addEvent(EventOrder.Shared shared) {
    CloudEvent event = shared.event();
    events++;
    if (lastSeen == null || event.time().isAfter(lastSeen)) {
      lastSeen = event.time();
    }
    if (EventOrder.earlier(event, first)) {
      first = shared.slim();
    }
  }

  @SuppressWarnings("EnumOrdinal") // an array indexed by kind counts without boxing per feature
  private void countFeature(FeatureKind kind) {
    eventsPerKind[kind.ordinal()]++;
  }

  /**
   * Adds one feature value of an event. Returns the value's stats, or null when the per-kind cap
   * keeps the value out.
   */
  private FeatureStats addFeature(
      FeatureKind kind, String value, EventOrder.Shared shared, boolean unsaved) {
    countFeature(kind);
    Map<String, FeatureStats> values = features.computeIfAbsent(kind, k -> new HashMap<>());
    FeatureStats stats = values.get(value);
    if (stats == null) {
      if (values.size() >= limits.maxValuesPerKind()) {
        String largest = largestKey(values);
        if (value.compareTo(largest) > 0) {
          return null;
        }
        values.remove(largest);
        // The removed value's stats may be among the recent ones.
        Arrays.fill(recentKinds, null);
        Arrays.fill(recentValues, null);
        Arrays.fill(recentStats, null);
      }
      stats = new FeatureStats();
      values.put(value, stats);
    }
    stats.add(shared, unsaved);
    return stats;
  }

  private static String largestKey(Map<String, FeatureStats> values) {
    String largest = null;
    for (String candidate : values.keySet()) {
      if (largest == null || candidate.compareTo(largest) > 0) {
        largest = candidate;
      }
    }
    return largest;
  }

  /**
   * Returns the wide network of an event's source: {@code aws ranges} (or another cloud's) when
   * network intel places the address in the published ranges of the event's own cloud, else the
   * {@link #wideNetwork(InetAddress)}. The cloud's own addresses count as one network, because a
   * person's session is used from CloudShell, the console and services acting for them, all in the
   * provider's ranges but in many /16s.
   *
   * <p>NOTE: so a credential used from a machine in the same cloud, the user's network and
   * CloudShell counts two networks, not three.
   */
  static String wideNetwork(CloudEvent event, InetAddress ip) {
    NetworkInfo network = event.source().network();
    if (network != null && network.isProvider(event.provider())) {
      return event.provider().id() + " ranges";
    }
    return wideNetwork(ip);
  }

  /** Returns the IPv4 /16 or IPv6 /32 of an address: networks that far apart. */
  static String wideNetwork(InetAddress ip) {
    byte[] bytes = ip.getAddress();
    if (ip instanceof Inet4Address) {
      return (bytes[0] & 0xff) + "." + (bytes[1] & 0xff) + ".0.0/16";
    }
    return Integer.toHexString(((bytes[0] & 0xff) << 8) | (bytes[1] & 0xff))
        + ":"
        + Integer.toHexString(((bytes[2] & 0xff) << 8) | (bytes[3] & 0xff))
        + "::/32";
  }

  synchronized long events() {
    return events;
  }

  /** Returns the first event of a full profile, or null in a light one ({@link #principal()}). */
  synchronized CloudEvent first() {
    return first;
  }

  /**
   * Returns the key of the principal profile of a light profile's first event, or null before the
   * first event or in a full profile, whose principal {@link PrincipalKeys} derives from {@link
   * #first()}.
   */
  synchronized ProfileKey principal() {
    return light ? principal : null;
  }

  /** Returns the time of the first event, or null before the first event. */
  synchronized Instant firstSeen() {
    if (light) {
      return firstEvidence == null ? null : firstEvidence.time();
    }
    return first == null ? null : first.time();
  }

  synchronized Instant lastSeen() {
    return lastSeen;
  }

  /** Returns how many events lie outside the saved history's span: all without saved history. */
  synchronized long unsavedEvents() {
    return unsavedEvents;
  }

  /** Returns the earliest event outside the saved history's span, or null when there is none. */
  synchronized Instant firstUnsaved() {
    return firstUnsaved;
  }

  /** Returns the kept values of one kind, none in a light profile; do not modify the map. */
  synchronized Map<String, FeatureStats> values(FeatureKind kind) {
    return light ? Map.of() : features.getOrDefault(kind, Map.of());
  }

  /**
   * Returns the kept time buckets of both sets, the earliest and the late, in ascending index
   * order, none in a light profile. A view: call it after the last {@link #add}, as {@link
   * AnalyticsRun#finish} does.
   */
  synchronized List<TimeBucket> buckets() {
    return light ? List.of() : buckets.sorted();
  }

  /**
   * Returns the buckets of the earliest set in ascending index order, as {@link #buckets()} does.
   * The training part and the saved call-rate baseline are summed from these only, because the late
   * set keeps mostly the buckets that may be bursts once it is full.
   */
  synchronized List<TimeBucket> earliestBuckets() {
    return light ? List.of() : buckets.earliest();
  }

  /**
   * Returns the wide networks of a light profile as runs of buckets, or null in a full one. Not a
   * copy: call it after the last {@link #addLight}, as {@link AnalyticsRun#finish} does.
   */
  synchronized NetworkRuns networkRuns() {
    return runs;
  }

  /**
   * Returns how many entries the profile keeps: feature values, time buckets and the operations and
   * networks of its buckets, or the network runs of a light profile. The entries, not the events,
   * size a profile on the heap; tests check that they depend on distinct values, time buckets and
   * runs only.
   */
  synchronized long retainedEntries() {
    if (light) {
      return runs.size();
    }
    long entries = buckets.size();
    for (Map<String, FeatureStats> values : features.values()) {
      entries += values.size();
    }
    for (TimeBucket bucket : buckets.sorted()) {
      entries += bucket.entries();
    }
    return entries;
  }

  /**
   * Returns how many events no time bucket kept because both sets were full of buckets that may be
   * reported, none in a light profile.
   */
  synchronized long droppedBucketEvents() {
    return light ? 0 : buckets.droppedEvents();
  }

  /**
   * Returns how many late time buckets were created among buckets evicted before ({@link
   * TimeBuckets#bucketsCreatedAmongEvicted()}), none in a light profile.
   */
  synchronized long bucketsCreatedAmongEvicted() {
    return light ? 0 : buckets.bucketsCreatedAmongEvicted();
  }

  /** Returns how many events of one kind were not kept because of the per-kind cap. */
  @SuppressWarnings("EnumOrdinal") // see countFeature
  synchronized long droppedEvents(FeatureKind kind) {
    if (light) {
      return 0;
    }
    long kept = 0;
    for (FeatureStats stats : features.getOrDefault(kind, Map.of()).values()) {
      kept += stats.count;
    }
    return eventsPerKind[kind.ordinal()] - kept;
  }
}
