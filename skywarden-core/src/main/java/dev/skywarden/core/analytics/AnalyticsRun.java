package dev.skywarden.core.analytics;

import dev.skywarden.core.detect.DetectorRun;
import dev.skywarden.core.event.Actor;
import dev.skywarden.core.event.ActorType;
import dev.skywarden.core.event.CloudEvent;
import dev.skywarden.core.event.CloudProvider;
import dev.skywarden.core.event.Interner;
import dev.skywarden.core.finding.DetectionHit;
import dev.skywarden.core.hunt.RecordRereader;
import dev.skywarden.core.hunt.RereadingRun;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The behavioural analytics' part in one hunt.
 *
 * <p>Design note: {@link #detect} only updates profiles, one per principal and one per credential,
 * in a concurrent map. The sessions of one role with generated names, such as CI runs, share one
 * principal profile, the role's ({@link PrincipalKeys}). Each profile keeps order-independent
 * aggregates under its own lock (see {@link Profile}). {@link #finish} decides: it fixes the start
 * of the input (the earliest event) and so the end of the training window, compares each profile
 * with its saved state, its training part or its peer group ({@link Baselines}), reports hits, and
 * hands the joined state to the state consumer. Since nothing is decided before every event is in,
 * late and out-of-order events need no special handling, and the hits are the same whatever the
 * thread count or file order.
 *
 * <p>Thread-safety: {@code detect} may run on many threads; {@code finish} runs once, after them.
 */
final class AnalyticsRun implements DetectorRun, RereadingRun {

  private static final Logger log = LoggerFactory.getLogger(AnalyticsRun.class);

  private final BehaviouralAnalytics analytics;
  private final Map<ProfileKey, Profile> profiles = new ConcurrentHashMap<>();
  private final Interner interner = new Interner();
  private final EvidenceStore evidence = new EvidenceStore(interner);
  private final WideNetworks wideNetworks = new WideNetworks(interner);
  private final ThreadLocal<FeatureBuffer> buffers = ThreadLocal.withInitial(FeatureBuffer::new);
  private final PrincipalKeys principalKeys = new PrincipalKeys();

  /**
   * The principal profiles of recent display names, emptied when it reaches {@link
   * PrincipalKeys#MAX_CACHED} as the cache of {@link PrincipalKeys} is. An entry holds for events
   * with its cloud and session issuer, the inputs besides the name that decide the key.
   */
  private final Map<String, RecentPrincipal> recentPrincipals = new ConcurrentHashMap<>();

  /** The principal profile of one display name, for events of one cloud and session issuer. */
  private record RecentPrincipal(CloudProvider provider, String issuer, Profile profile) {}

  AnalyticsRun(BehaviouralAnalytics analytics) {
    this.analytics = analytics;
  }

  /**
   * Keeps evidence as references to records, read again with {@code rereader} when the run
   * finishes, instead of slimmed copies ({@link EvidenceStore}).
   *
   * @throws IllegalStateException when the run has seen events already
   */
  @Override
  public void rereadWith(RecordRereader rereader) {
    if (!profiles.isEmpty()) {
      throw new IllegalStateException("evidence references must be chosen before the first event");
    }
    evidence.useReferences(rereader);
  }

  @Override
  public void detect(CloudEvent event, Consumer<DetectionHit> hits) {
    ActorType type = event.actor().type();
    if (type == ActorType.CLOUD_SERVICE) {
      // A provider's own service acting for itself has no credential an attacker could steal.
      return;
    }
    analytics.workloadCredentials().detect(event, hits);

    FeatureBuffer buffer = buffers.get();
    buffer.clear();
    analytics.extractor().extract(event, buffer);
    OperationCatalog.OperationClass operation = buffer.operationClass();
    boolean discovery = operation.weight() <= 2;
    boolean denied = denied(event);

    EventOrder.Shared shared = new EventOrder.Shared(event, interner, evidence, wideNetworks);
    shared.operation(buffer.operation());
    Profile principalProfile = principalProfile(event);
    principalProfile.add(shared, buffer, discovery, denied);
    String credential = event.credential().id();
    // NOTE: one profile per credential id. AWS temporary keys (ASIA...) and session tokens are new
    // every session, so their number grows with the days of input, not with identities. Their
    // profiles are light (Profile#light): they keep the network runs that detectSpread needs and
    // no feature values or buckets, so each costs a few hundred bytes and the event's features are
    // added once.
    if (credential != null && !credential.isEmpty()) {
      // Most events of a principal use the credential of its previous event.
      Profile credentialProfile = principalProfile.linkedCredential(credential);
      if (credentialProfile == null) {
        credentialProfile =
            profile(
                new ProfileKey(ProfileKey.Scope.CREDENTIAL, event.provider(), credential),
                !Profile.longLived(event.credential().kind()));
        principalProfile.linkCredential(credential, credentialProfile);
      }
      if (credentialProfile.light()) {
        credentialProfile.addLight(shared, principalProfile.key());
      } else {
        credentialProfile.add(shared, buffer, discovery, denied);
      }
    }
    buffer.clear();
  }

  /**
   * Returns the principal profile of {@code event}, creating it when it is new: the profile of the
   * key that {@link PrincipalKeys#of} gives, found with one lookup by display name for the names
   * seen recently.
   */
  private Profile principalProfile(CloudEvent event) {
    Actor actor = event.actor();
    RecentPrincipal recent = recentPrincipals.get(actor.displayName());
    if (recent != null
        && recent.provider() == event.provider()
        && Objects.equals(recent.issuer(), actor.sessionIssuer())) {
      return recent.profile();
    }
    Profile profile = profile(principalKeys.of(event), false);
    if (recentPrincipals.size() >= PrincipalKeys.MAX_CACHED) {
      recentPrincipals.clear();
    }
    recentPrincipals.put(
        actor.displayName(), new RecentPrincipal(event.provider(), actor.sessionIssuer(), profile));
    return profile;
  }

  /**
   * Returns the profile of {@code key}, creating it when it is new.
   *
   * @param light whether a new profile is light, as the event's credential kind decides. The
   *     normalizers derive the kind from the credential id, so every event of one id agrees.
   */
  private Profile profile(ProfileKey key, boolean light) {
    Profile profile = profiles.get(key);
    return profile != null
        ? profile
        : profiles.computeIfAbsent(
            key,
            k ->
                new Profile(k, analytics.options().limits(), analytics.savedState().get(k), light));
  }

  /**
   * Returns the profiles kept so far, one per principal and one per credential, in no particular
   * order. For tests of the state's bounds; a snapshot while {@link #detect} may still run.
   */
  List<Profile> profiles() {
    return List.copyOf(profiles.values());
  }

  /** Returns whether a failed call was refused for lack of permission. */
  static boolean denied(CloudEvent event) {
    if (event.outcome().success()) {
      return false;
    }
    String code = event.outcome().errorCode();
    if (code == null) {
      return false;
    }
    String lower = code.toLowerCase(Locale.ROOT);
    return lower.contains("denied")
        || lower.contains("unauthorized")
        || lower.contains("forbidden")
        || lower.contains("authorizationfailed")
        || lower.equals("permission_denied")
        || lower.equals("7")
        || lower.equals("403");
  }

  /**
   * Returns the profile of the principal a credential belongs to, or null: the role's for a session
   * with a generated name, as {@link PrincipalKeys} keys it.
   */
  private Profile principalOf(Profile credential) {
    // A light profile keeps the principal key its first event had; a full one keeps the event.
    ProfileKey principal =
        credential.light() ? credential.principal() : principalKeys.of(credential.first());
    return principal == null ? null : profiles.get(principal);
  }

  @Override
  public void finish(Consumer<DetectionHit> hits) {
    List<Profile> sorted = new ArrayList<>(profiles.values());
    sorted.sort((a, b) -> a.key().compareTo(b.key()));
    Instant start = null;
    Instant lastEvent = null;
    for (Profile profile : sorted) {
      Instant first = profile.firstSeen();
      if (first != null && (start == null || first.isBefore(start))) {
        start = first;
      }
      Instant last = profile.lastSeen();
      if (last != null && (lastEvent == null || last.isAfter(lastEvent))) {
        lastEvent = last;
      }
    }

    SavedState saved = analytics.savedState();
    Duration window =
        analytics
            .options()
            .effectiveTrainingWindow(start != null && saved.hasIdentityBefore(start));
    AnalyticsLimits limits = analytics.options().limits();
    long withoutBaseline = 0;
    long withPeers = 0;
    long dropped = 0;
    long droppedFromBuckets = 0;
    long createdAmongEvicted = 0;
    long principals = 0;
    Instant trainingEnd = null;
    BurstDetector bursts = new BurstDetector();
    long withoutEvidence = 0;
    if (start != null) {
      Baselines baselines = new Baselines(saved, sorted, start, window, limits.bucketWidth());
      trainingEnd = baselines.trainingEnd();
      // Bursts are decided on counts and new values on times, so the events behind the hits are
      // known before any is read. With references, they are read again here, each file once.
      List<Evidence> needed = new ArrayList<>();
      for (Profile profile : sorted) {
        for (FeatureKind kind : FeatureKind.values()) {
          dropped += profile.droppedEvents(kind);
        }
        droppedFromBuckets += profile.droppedBucketEvents();
        createdAmongEvicted += profile.bucketsCreatedAmongEvicted();
        if (profile.key().scope() == ProfileKey.Scope.CREDENTIAL) {
          Profile principal = principalOf(profile);
          Set<String> known = principal == null ? Set.of() : baselines.knownWideNetworks(principal);
          boolean thin = principal == null || baselines.view(principal).thin();
          bursts.detectSpread(profile, known, thin, baselines, evidence.inputs());
          continue;
        }
        principals++;
        Baselines.View view = baselines.view(profile);
        if (!view.hasBaseline()) {
          withoutBaseline++;
        } else if (view.level() == HistoryLevel.PEER_GROUP) {
          withPeers++;
        }
        NoveltyDetector.collectNeeded(profile, baselines, needed::add);
        bursts.detect(profile, baselines);
      }
      bursts.collectNeeded(needed::add);
      EvidenceStore.Events events = evidence.resolve(needed);

      NoveltyDetector novelty = new NoveltyDetector(analytics.catalog());
      for (Profile profile : sorted) {
        if (profile.key().scope() == ProfileKey.Scope.PRINCIPAL) {
          novelty.detect(profile, baselines, events, hits);
        }
      }
      bursts.emit(events, hits);
      withoutEvidence = novelty.withoutEvidence() + bursts.withoutEvidence();
    }

    SavedState next =
        StateMerger.merge(
            saved, sorted, limits, analytics.clock().instant(), bursts.burstBuckets());
    AnalyticsSummary summary =
        new AnalyticsSummary(
            principals,
            sorted.size() - principals,
            withoutBaseline,
            withPeers,
            dropped,
            droppedFromBuckets,
            window,
            trainingEnd,
            lastEvent,
            next.identities().size(),
            next.valueCount(),
            withoutEvidence);
    if (dropped > 0) {
      log.warn(
          "analytics: {} feature updates dropped because identities reached {} values of a kind;"
              + " their values are neither profiled nor reported",
          dropped,
          limits.maxValuesPerKind());
    }
    if (droppedFromBuckets > 0) {
      log.warn(
          "analytics: {} time bucket updates dropped because identities filled {} earliest and {}"
              + " late buckets with possible bursts; those events were not judged for bursts",
          droppedFromBuckets,
          limits.maxBuckets(),
          limits.maxLateBuckets());
    }
    if (createdAmongEvicted > 0) {
      log.warn(
          "analytics: {} late time buckets got events after quiet buckets around them were"
              + " evicted, because the input is not in time order per identity (such as one"
              + " identity's logs in several inputs, or in folders by another key before the"
              + " date). A burst whose events were split around an"
              + " eviction is judged on its later events only. To judge such bursts exactly, hunt"
              + " long inputs day by day with --state, or in time order.",
          createdAmongEvicted);
    }
    if (withoutEvidence > 0) {
      log.warn(
          "analytics: {} new values and bursts not reported because their events could not be"
              + " read again (see the warnings above)",
          withoutEvidence);
    }
    log.debug("analytics: {}", summary);
    analytics.finished(summary, next);
  }
}
