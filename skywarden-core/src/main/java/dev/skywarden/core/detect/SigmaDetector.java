package dev.skywarden.core.detect;

import dev.skywarden.core.detect.correlation.CorrelationLimits;
import dev.skywarden.core.event.CloudEvent;
import dev.skywarden.core.finding.DetectionHit;
import dev.skywarden.core.finding.Severity;
import dev.skywarden.core.sigma.CompiledRule;
import dev.skywarden.core.sigma.SigmaLevel;
import dev.skywarden.core.sigma.SigmaRule;
import dev.skywarden.core.sigma.SigmaRuleSet;
import dev.skywarden.core.sigma.correlation.CorrelationSet;
import dev.skywarden.core.sigma.match.EventFields;
import dev.skywarden.core.sigma.match.MatchExplanation;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Runs a Sigma rule set over events. Each rule that matches gives one {@link DetectionHit} whose
 * explanation names the selections and field values that matched. Thread-safe, because the rule set
 * is immutable.
 *
 * <p>With correlation rules, {@link #detect} stays stateless and reports only the rules whose own
 * findings the correlations keep ({@code generate}); a hunt's {@link #startRun() run} also collects
 * the matches the correlations need and evaluates them when it finishes (see {@link
 * BatchCorrelationRun}). For streams, feed matches to a {@link
 * dev.skywarden.core.detect.correlation.CorrelationEngine} instead, through {@link #forEachMatch}.
 */
public final class SigmaDetector implements Detector {

  /** The severity of a rule without a {@code level}. */
  static final Severity DEFAULT_SEVERITY = Severity.MEDIUM;

  private final SigmaRuleSet rules;
  private final CorrelationSet correlations;
  private final CorrelationLimits limits;
  private final IdentityHashMap<CompiledRule, RuleFacts> factsByRule = new IdentityHashMap<>();

  /**
   * The parts of a rule that every hit of it carries, computed once.
   *
   * @param ruleId the rule id, or its title when it has none
   * @param severity the rule level as a severity
   * @param techniqueIds the ATT&amp;CK technique ids of the rule tags
   * @param reportsFindings whether the rule reports its own findings, given the correlations
   */
  private record RuleFacts(
      String ruleId, Severity severity, List<String> techniqueIds, boolean reportsFindings) {}

  /** Creates a detector without correlation rules. */
  public SigmaDetector(SigmaRuleSet rules) {
    this(rules, CorrelationSet.empty(), CorrelationLimits.DEFAULTS);
  }

  /**
   * Creates a detector whose hunt runs also evaluate {@code correlations}, which must have been
   * resolved against the rules of {@code rules} (the same instances).
   *
   * @param limits bounds on correlation state; a hunt run ignores the allowed lateness, since it
   *     evaluates the matches in time order, and keeps at most {@link
   *     CorrelationLimits#maxPendingEvents()} matches (the earliest)
   */
  public SigmaDetector(SigmaRuleSet rules, CorrelationSet correlations, CorrelationLimits limits) {
    this.rules = Objects.requireNonNull(rules, "rules");
    this.correlations = Objects.requireNonNull(correlations, "correlations");
    this.limits = Objects.requireNonNull(limits, "limits");
    for (CompiledRule compiled : rules.rules()) {
      SigmaRule rule = compiled.rule();
      factsByRule.put(
          compiled,
          new RuleFacts(
              ruleId(rule),
              severity(rule.level()),
              List.copyOf(rule.attackTechniques()),
              correlations.reportsFindings(rule)));
    }
  }

  /** Returns the rule set this detector runs. */
  public SigmaRuleSet rules() {
    return rules;
  }

  /** Returns the correlation rules its hunt runs evaluate. */
  public CorrelationSet correlations() {
    return correlations;
  }

  /**
   * Calls {@code action} with each rule that {@code event} matches, whether or not the rule reports
   * its own findings; for feeding a correlation engine.
   */
  public void forEachMatch(CloudEvent event, Consumer<CompiledRule> action) {
    rules.forEachMatch(new CloudSigmaEvent(event), action);
  }

  /**
   * Calls {@code action} as {@link #forEachMatch(CloudEvent, Consumer)}, sharing {@code fields}.
   */
  void forEachMatch(CloudEvent event, EventFields fields, Consumer<CompiledRule> action) {
    rules.forEachMatch(new CloudSigmaEvent(event), fields, action);
  }

  @Override
  public String name() {
    return "sigma";
  }

  @Override
  public void detect(CloudEvent event, Consumer<DetectionHit> hits) {
    CloudSigmaEvent sigmaEvent = new CloudSigmaEvent(event);
    EventFields fields = new EventFields(event.raw());
    rules.forEachMatch(
        sigmaEvent,
        fields,
        rule -> {
          if (factsByRule.get(rule).reportsFindings()) {
            hits.accept(toHit(rule, event, fields));
          }
        });
  }

  /**
   * Starts a hunt run: without correlation rules the run is {@link #detect}; with them, see {@link
   * BatchCorrelationRun}.
   */
  @Override
  public DetectorRun startRun() {
    if (correlations.isEmpty()) {
      return this::detect;
    }
    return new BatchCorrelationRun(this, correlations, limits);
  }

  /** Returns whether {@code rule} reports its own findings, given the correlations' generate. */
  boolean reportsFindings(CompiledRule rule) {
    return factsByRule.get(rule).reportsFindings();
  }

  /**
   * Builds the hit of a rule that {@link #forEachMatch} reported for {@code event}; {@code fields}
   * was built from its document. The explanation is traced from {@code fields} only when the hit's
   * {@link DetectionHit#explanation()} is first called, because a finding keeps the explanations of
   * its earliest hits only.
   */
  DetectionHit toHit(CompiledRule compiled, CloudEvent event, EventFields fields) {
    RuleFacts facts = factsByRule.get(compiled);
    return DetectionHit.lazilyExplained(
        facts.ruleId(),
        compiled.rule().title(),
        facts.severity(),
        facts.techniqueIds(),
        event,
        () -> explanation(compiled, fields));
  }

  /** Returns the explanation text of a match that {@link #forEachMatch} reported. */
  static String explanation(CompiledRule compiled, EventFields fields) {
    return compiled
        .explainMatch(fields)
        .map(MatchExplanation::toString)
        .orElse("condition matched");
  }

  /** Returns the rule id, or its title when the rule has none (ids are optional in Sigma). */
  private static String ruleId(SigmaRule rule) {
    return rule.id() != null ? rule.id() : rule.title();
  }

  private static Severity severity(SigmaLevel level) {
    return level == null ? DEFAULT_SEVERITY : Severity.valueOf(level.name());
  }
}
