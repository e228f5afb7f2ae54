package dev.skywarden.core.detect;

import dev.skywarden.core.event.CloudEvent;
import dev.skywarden.core.finding.DetectionHit;
import dev.skywarden.core.finding.Severity;
import dev.skywarden.core.sigma.CompiledRule;
import dev.skywarden.core.sigma.SigmaLevel;
import dev.skywarden.core.sigma.SigmaRule;
import dev.skywarden.core.sigma.SigmaRuleSet;
import dev.skywarden.core.sigma.match.MatchExplanation;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Runs a Sigma rule set over events. Each rule that matches gives one {@link DetectionHit} whose
 * explanation names the selections and field values that matched. Thread-safe, because the rule set
 * is immutable.
 */
public final class SigmaDetector implements Detector {

  /** The severity of a rule without a {@code level}. */
  static final Severity DEFAULT_SEVERITY = Severity.MEDIUM;

  private final SigmaRuleSet rules;
  private final IdentityHashMap<CompiledRule, List<String>> techniquesByRule =
      new IdentityHashMap<>();

  public SigmaDetector(SigmaRuleSet rules) {
    this.rules = Objects.requireNonNull(rules, "rules");
    for (CompiledRule rule : rules.rules()) {
      techniquesByRule.put(rule, rule.rule().attackTechniques());
    }
  }

  /** Returns the rule set this detector runs. */
  public SigmaRuleSet rules() {
    return rules;
  }

  @Override
  public String name() {
    return "sigma";
  }

  @Override
  public void detect(CloudEvent event, Consumer<DetectionHit> hits) {
    CloudSigmaEvent sigmaEvent = new CloudSigmaEvent(event);
    rules.forEachMatch(sigmaEvent, rule -> hits.accept(toHit(rule, sigmaEvent)));
  }

  private DetectionHit toHit(CompiledRule compiled, CloudSigmaEvent sigmaEvent) {
    SigmaRule rule = compiled.rule();
    String explanation =
        compiled.explain(sigmaEvent).map(MatchExplanation::toString).orElse("condition matched");
    return new DetectionHit(
        ruleId(rule),
        rule.title(),
        severity(rule.level()),
        techniquesByRule.get(compiled),
        sigmaEvent.event(),
        explanation);
  }

  /** Returns the rule id, or its title when the rule has none (ids are optional in Sigma). */
  private static String ruleId(SigmaRule rule) {
    return rule.id() != null ? rule.id() : rule.title();
  }

  private static Severity severity(SigmaLevel level) {
    return level == null ? DEFAULT_SEVERITY : Severity.valueOf(level.name());
  }
}
