package dev.skywarden.bench;

import dev.skywarden.core.detect.BuiltinRules;
import dev.skywarden.core.sigma.SigmaConfig;
import dev.skywarden.core.sigma.SigmaCorrelationRule;
import dev.skywarden.core.sigma.SigmaParseResult;
import dev.skywarden.core.sigma.SigmaRule;
import dev.skywarden.core.sigma.SigmaRuleParser;
import dev.skywarden.core.sigma.SigmaRuleSet;
import dev.skywarden.core.sigma.correlation.CorrelationSet;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The rule sets the benchmarks compare, by the name used in the {@code rules} parameter. */
final class BenchRuleSets {

  /** The built-in pack alone, without its correlation rules. */
  static final String BUILTIN = "builtin";

  /** The built-in pack and every SigmaHQ rule under {@code sigmahq/rules} (cloud, identity). */
  static final String BUILTIN_SIGMAHQ = "builtin+sigmahq";

  /**
   * {@link #BUILTIN_SIGMAHQ} with correlation rules: those of the built-in pack and the benchmark's
   * own {@value #CORRELATIONS}, which reference SigmaHQ rules that most of the corpus matches.
   */
  static final String BUILTIN_SIGMAHQ_CORRELATIONS = "builtin+sigmahq+correlations";

  private static final String CORRELATIONS = "correlations.yml";

  /** A compiled rule set and the correlation rules resolved against it (possibly none). */
  record Loaded(SigmaRuleSet ruleSet, CorrelationSet correlations) {}

  private BenchRuleSets() {}

  /**
   * Loads and compiles a rule set with the default configuration (built-in field mappings).
   *
   * @throws IllegalArgumentException for an unknown name
   * @throws IllegalStateException when the SigmaHQ rules are missing or one of them is rejected
   * @throws IOException when a rule file cannot be read
   */
  static Loaded load(String name) throws IOException {
    SigmaParseResult pack = BuiltinRules.loadPack();
    List<SigmaRule> rules = new ArrayList<>(pack.rules());
    if (name.equals(BUILTIN)) {
      return new Loaded(SigmaRuleSet.compile(rules), CorrelationSet.empty());
    }
    if (!name.equals(BUILTIN_SIGMAHQ) && !name.equals(BUILTIN_SIGMAHQ_CORRELATIONS)) {
      throw new IllegalArgumentException(
          "unknown rule set '"
              + name
              + "'; expected "
              + String.join(", ", BUILTIN, BUILTIN_SIGMAHQ, BUILTIN_SIGMAHQ_CORRELATIONS));
    }
    Path sigmaHq = SharedData.require("sigmahq/rules");
    SigmaConfig config = SigmaConfig.defaults();
    SigmaRuleParser parser = new SigmaRuleParser(config);
    SigmaParseResult parsed = parser.parseAll(sigmaHq);
    requireNoErrors(parsed);
    rules.addAll(parsed.rules());
    SigmaRuleSet ruleSet = SigmaRuleSet.compile(rules, parsed.filters(), config);
    if (name.equals(BUILTIN_SIGMAHQ)) {
      return new Loaded(ruleSet, CorrelationSet.empty());
    }

    List<SigmaCorrelationRule> correlations = new ArrayList<>(pack.correlations());
    correlations.addAll(parsed.correlations());
    SigmaParseResult own = parser.parseAll(CORRELATIONS, readResource(CORRELATIONS));
    requireNoErrors(own);
    correlations.addAll(own.correlations());
    CorrelationSet resolved = CorrelationSet.resolve(rules, correlations);
    if (!resolved.errors().isEmpty()) {
      throw new IllegalStateException(
          "benchmark correlation rejected: " + resolved.errors().get(0).getMessage(),
          resolved.errors().get(0));
    }
    return new Loaded(ruleSet, resolved);
  }

  private static void requireNoErrors(SigmaParseResult parsed) {
    if (!parsed.errors().isEmpty()) {
      throw new IllegalStateException(
          "rule rejected: " + parsed.errors().get(0).getMessage(), parsed.errors().get(0));
    }
  }

  private static String readResource(String name) throws IOException {
    try (InputStream in = BenchRuleSets.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("benchmark resource missing from the class path: " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
