package dev.skywarden.core.finding;

import dev.skywarden.core.event.CloudEvent;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * One event that fired one rule or detector, before hits are folded into findings. Immutable in
 * what its accessors return; equal hits have equal fields.
 *
 * <p>The explanation may be built lazily ({@link #lazilyExplained}): a finding keeps the
 * explanations of its {@value FindingAggregator#MAX_EVIDENCE} earliest hits only, so most hits of a
 * busy rule are folded without their explanation text ever being built. The text is built on the
 * first call of {@link #explanation()} and then kept. A detector builds that text from state of the
 * event that only the detecting thread may touch while the detector runs. So make the first call on
 * the thread that received the hit, or after the detector has returned and the hit was handed over
 * safely (through a lock or a concurrent queue).
 */
public final class DetectionHit {

  private final String ruleId;
  private final String title;
  private final Severity severity;
  private final List<String> techniqueIds;
  private final CloudEvent event;
  private final long eventCount;
  private final Behaviour behaviour;

  /** The explanation, valid once {@link #explainer} is null. */
  private String explanation;

  /** The builder of a lazy explanation until its first use; null after it and for eager ones. */
  private Supplier<String> explainer;

  /**
   * Creates a hit.
   *
   * @param ruleId the rule or detector id
   * @param title the rule title
   * @param severity the rule level
   * @param techniqueIds ATT&CK technique ids from the rule tags, such as {@code T1059.009}
   * @param event the event that fired
   * @param explanation why it fired, in one line
   * @param eventCount how many events the hit counts for in a finding's {@link Finding#count()}, at
   *     least 1: 1 for a rule match. The hits of a correlation firing are its evidence events,
   *     which are capped, so one of them also counts for the contributing events left out.
   * @param behaviour the structured explanation of a behavioural detector, or {@code null} for
   *     rules
   * @throws IllegalArgumentException when {@code eventCount} is less than 1
   */
  public DetectionHit(
      String ruleId,
      String title,
      Severity severity,
      List<String> techniqueIds,
      CloudEvent event,
      String explanation,
      long eventCount,
      Behaviour behaviour) {
    this(ruleId, title, severity, techniqueIds, event, explanation, null, eventCount, behaviour);
  }

  private DetectionHit(
      String ruleId,
      String title,
      Severity severity,
      List<String> techniqueIds,
      CloudEvent event,
      String explanation,
      Supplier<String> explainer,
      long eventCount,
      Behaviour behaviour) {
    if (eventCount < 1) {
      throw new IllegalArgumentException("eventCount must be at least 1, was " + eventCount);
    }
    this.ruleId = ruleId;
    this.title = title;
    this.severity = severity;
    this.techniqueIds = List.copyOf(techniqueIds);
    this.event = event;
    this.explanation = explanation;
    this.explainer = explainer;
    this.eventCount = eventCount;
    this.behaviour = behaviour;
  }

  /** Creates the hit of one event that matched a rule: it counts for that one event. */
  public DetectionHit(
      String ruleId,
      String title,
      Severity severity,
      List<String> techniqueIds,
      CloudEvent event,
      String explanation) {
    this(ruleId, title, severity, techniqueIds, event, explanation, 1, null);
  }

  /** Creates a rule hit that counts for {@code eventCount} events, as a correlation firing does. */
  public DetectionHit(
      String ruleId,
      String title,
      Severity severity,
      List<String> techniqueIds,
      CloudEvent event,
      String explanation,
      long eventCount) {
    this(ruleId, title, severity, techniqueIds, event, explanation, eventCount, null);
  }

  /** Creates the hit of a behavioural detector on one event. */
  public DetectionHit(
      String ruleId,
      String title,
      Severity severity,
      List<String> techniqueIds,
      CloudEvent event,
      String explanation,
      Behaviour behaviour) {
    this(ruleId, title, severity, techniqueIds, event, explanation, 1, behaviour);
  }

  /**
   * Creates the hit of one event that matched a rule, whose explanation {@code explainer} builds on
   * the first call of {@link #explanation()}. The hit keeps {@code explainer}, and whatever it
   * holds, until then.
   *
   * @param explainer returns the explanation; called at most once
   */
  public static DetectionHit lazilyExplained(
      String ruleId,
      String title,
      Severity severity,
      List<String> techniqueIds,
      CloudEvent event,
      Supplier<String> explainer) {
    return new DetectionHit(
        ruleId,
        title,
        severity,
        techniqueIds,
        event,
        null,
        Objects.requireNonNull(explainer, "explainer"),
        1,
        null);
  }

  /** Returns the rule or detector id. */
  public String ruleId() {
    return ruleId;
  }

  /** Returns the rule title. */
  public String title() {
    return title;
  }

  /** Returns the rule level. */
  public Severity severity() {
    return severity;
  }

  /** Returns the ATT&amp;CK technique ids from the rule tags. */
  public List<String> techniqueIds() {
    return techniqueIds;
  }

  /** Returns the event that fired. */
  public CloudEvent event() {
    return event;
  }

  /**
   * Returns why the rule fired, in one line, or {@code null}; builds it on the first call when the
   * hit was made by {@link #lazilyExplained}.
   */
  public synchronized String explanation() {
    if (explainer != null) {
      explanation = explainer.get();
      explainer = null;
    }
    return explanation;
  }

  /** Returns how many events the hit counts for in a finding's {@link Finding#count()}. */
  public long eventCount() {
    return eventCount;
  }

  /** Returns the structured explanation of a behavioural detector, or {@code null} for rules. */
  public Behaviour behaviour() {
    return behaviour;
  }

  /** Compares every field, the explanation included (building a lazy one). */
  @Override
  public boolean equals(Object other) {
    if (this == other) {
      return true;
    }
    if (!(other instanceof DetectionHit hit)) {
      return false;
    }
    return eventCount == hit.eventCount
        && Objects.equals(ruleId, hit.ruleId)
        && Objects.equals(title, hit.title)
        && severity == hit.severity
        && techniqueIds.equals(hit.techniqueIds)
        && Objects.equals(event, hit.event)
        && Objects.equals(explanation(), hit.explanation())
        && Objects.equals(behaviour, hit.behaviour);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        ruleId, title, severity, techniqueIds, event, explanation(), eventCount, behaviour);
  }

  @Override
  public String toString() {
    return "DetectionHit[ruleId="
        + ruleId
        + ", title="
        + title
        + ", severity="
        + severity
        + ", techniqueIds="
        + techniqueIds
        + ", event="
        + event
        + ", explanation="
        + explanation()
        + ", eventCount="
        + eventCount
        + ", behaviour="
        + behaviour
        + "]";
  }
}
