package dev.skywarden.core.finding;

import dev.skywarden.core.event.ActorType;
import dev.skywarden.core.event.ClientFingerprint;
import dev.skywarden.core.event.CloudEvent;
import dev.skywarden.core.event.Interner;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The part of one hit that a finding keeps among its earliest hits or as its lead hit: the {@link
 * Evidence} and the fields a finding takes from its earliest or its lead hit. The event's raw
 * record, credential, resources and other parts are left out, so the garbage collector can reclaim
 * them during the hunt. Immutable.
 *
 * @param evidence the evidence entry of the hit's event
 * @param title the rule title
 * @param severity the rule level
 * @param techniqueIds ATT&amp;CK technique ids of the rule
 * @param explanation why the rule fired, or {@code null}
 * @param behaviour the structured explanation of a behavioural detector, or {@code null}
 * @param actorType the type of the identity behind the event
 * @param client the classified client of the event
 */
record KeptHit(
    Evidence evidence,
    String title,
    Severity severity,
    List<String> techniqueIds,
    String explanation,
    Behaviour behaviour,
    ActorType actorType,
    ClientFingerprint client) {

  /** The order of {@link FindingAggregator#HIT_ORDER}, over the kept fields. */
  static final Comparator<KeptHit> ORDER =
      Comparator.<KeptHit, java.time.Instant>comparing(hit -> hit.evidence().time())
          .thenComparing(hit -> hit.evidence().location())
          .thenComparing(hit -> hit.evidence().eventId())
          .thenComparing(hit -> Objects.toString(hit.explanation(), ""))
          .thenComparing(hit -> Objects.toString(hit.title(), ""))
          .thenComparing(KeptHit::severity);

  /**
   * Returns what a finding keeps of {@code hit}. The service, operation, source address, network
   * and client are the shared instances of {@code interner}, because the kept hits of a large hunt
   * repeat few of them.
   */
  static KeptHit of(DetectionHit hit, Interner interner) {
    CloudEvent event = hit.event();
    Evidence evidence =
        new Evidence(
            event.eventId(),
            event.time(),
            event.location(),
            interner.intern(event.api().service()),
            interner.intern(event.api().operation()),
            interner.intern(event.source().text()),
            interner.intern(event.source().network()));
    return new KeptHit(
        evidence,
        hit.title(),
        hit.severity(),
        hit.techniqueIds(),
        hit.explanation(),
        hit.behaviour(),
        event.actor().type(),
        interner.intern(event.client()));
  }

  /**
   * Compares {@code hit} with {@code kept} in {@link FindingAggregator#HIT_ORDER}, without building
   * a {@link KeptHit} for {@code hit}.
   */
  static int compare(DetectionHit hit, KeptHit kept) {
    CloudEvent event = hit.event();
    Evidence evidence = kept.evidence();
    int order = event.time().compareTo(evidence.time());
    if (order != 0) {
      return order;
    }
    order = event.location().compareTo(evidence.location());
    if (order != 0) {
      return order;
    }
    order = event.eventId().compareTo(evidence.eventId());
    if (order != 0) {
      return order;
    }
    order =
        Objects.toString(hit.explanation(), "").compareTo(Objects.toString(kept.explanation(), ""));
    if (order != 0) {
      return order;
    }
    order = Objects.toString(hit.title(), "").compareTo(Objects.toString(kept.title(), ""));
    if (order != 0) {
      return order;
    }
    return hit.severity().compareTo(kept.severity());
  }
}
