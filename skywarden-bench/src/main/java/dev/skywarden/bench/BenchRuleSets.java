package dev.skywarden.bench;

import dev.skywarden.core.detect.BuiltinRules;
import dev.skywarden.core.sigma.SigmaConfig;
import dev.skywarden.core.sigma.SigmaParseResult;
import dev.skywarden.core.sigma.SigmaRule;
import dev.skywarden.core.sigma.SigmaRuleParser;
import dev.skywarden.core.sigma.SigmaRuleSet;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The rule sets the benchmarks compare, by the name used in the {@code rules} parameter. */
final class BenchRuleSets {

  /** The built-in pack alone. */
  static final String BUILTIN = "builtin";

  /** The built-in pack and every SigmaHQ rule under {@code sigmahq/rules} (cloud, identity). */
  static final String BUILTIN_SIGMAHQ = "builtin+sigmahq";

  private BenchRuleSets() {}

  /**
   * Loads and compiles a rule set with the default configuration (built-in field mappings).
   *
   * @throws IllegalArgumentException for an unknown name
   * @throws IllegalStateException when the SigmaHQ rules are missing or one of them is rejected
   * @throws IOException when a rule file cannot be read
   */
  static SigmaRuleSet load(String name) throws IOException {
    List<SigmaRule> rules = new ArrayList<>(BuiltinRules.load());
    if (name.equals(BUILTIN)) {
      return SigmaRuleSet.compile(rules);
    }
    if (!name.equals(BUILTIN_SIGMAHQ)) {
      throw new IllegalArgumentException(
          "unknown rule set '" + name + "'; expected " + BUILTIN + " or " + BUILTIN_SIGMAHQ);
    }
    Path sigmaHq = SharedData.require("sigmahq/rules");
    SigmaConfig config = SigmaConfig.defaults();
    SigmaParseResult parsed = new SigmaRuleParser(config).parseAll(sigmaHq);
    if (!parsed.errors().isEmpty()) {
      throw new IllegalStateException(
          "SigmaHQ rule rejected: " + parsed.errors().get(0).getMessage(), parsed.errors().get(0));
    }
    rules.addAll(parsed.rules());
    return SigmaRuleSet.compile(rules, parsed.filters(), config);
  }
}
