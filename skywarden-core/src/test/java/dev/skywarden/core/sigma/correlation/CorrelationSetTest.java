package dev.skywarden.core.sigma.correlation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skywarden.core.sigma.SigmaCorrelationException;
import dev.skywarden.core.sigma.SigmaCorrelationRule;
import dev.skywarden.core.sigma.SigmaParseResult;
import dev.skywarden.core.sigma.SigmaRule;
import dev.skywarden.core.sigma.SigmaRuleException;
import dev.skywarden.core.sigma.SigmaRuleParser;
import dev.skywarden.core.sigma.correlation.CorrelationSource.ChainedSource;
import dev.skywarden.core.sigma.correlation.CorrelationSource.RuleSource;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Resolution of correlation references: names and ids across files, aliases, cycles, chains. */
class CorrelationSetTest {

  private static String rule(String name, String id, String... tags) {
    StringBuilder yaml =
        new StringBuilder("title: Rule ")
            .append(name)
            .append("\nname: ")
            .append(name)
            .append("\nid: ")
            .append(id)
            .append("\nlogsource:\n    product: aws\n    service: cloudtrail\n")
            .append("detection:\n    sel:\n        eventName: X\n    condition: sel\n");
    if (tags.length > 0) {
      yaml.append("tags:\n");
      for (String tag : tags) {
        yaml.append("    - ").append(tag).append('\n');
      }
    }
    return yaml.toString();
  }

  private static final String BASE =
      rule(
              "failed",
              "11111111-0000-4000-8000-000000000001",
              "attack.credential_access",
              "attack.t1110")
          + "---\n"
          + rule("success", "11111111-0000-4000-8000-000000000002", "attack.t1078.004");

  private static CorrelationSet resolve(String... nameAndYaml) {
    SigmaRuleParser parser = new SigmaRuleParser();
    List<SigmaRule> rules = new ArrayList<>();
    List<SigmaCorrelationRule> correlations = new ArrayList<>();
    for (int i = 0; i < nameAndYaml.length; i += 2) {
      SigmaParseResult result = parser.parseAll(nameAndYaml[i], nameAndYaml[i + 1]);
      assertThat(result.errors()).isEmpty();
      rules.addAll(result.rules());
      correlations.addAll(result.correlations());
    }
    return CorrelationSet.resolve(rules, correlations);
  }

  private static SigmaRuleException onlyError(CorrelationSet set) {
    assertThat(set.errors()).hasSize(1);
    assertThat(set.errors().get(0)).isInstanceOf(SigmaCorrelationException.class);
    return set.errors().get(0);
  }

  @Test
  void references_resolveByNameAndIdAcrossFiles() {
    CorrelationSet set =
        resolve(
            "base.yml",
            BASE,
            "mr_login.yml",
            """
            title: c
            correlation:
              type: temporal_ordered
              rules: [failed, 11111111-0000-4000-8000-000000000002]
              group-by: [userIdentity.arn]
              timespan: 10m
            """);

    assertThat(set.errors()).isEmpty();
    ResolvedCorrelation correlation = set.correlations().get(0);
    assertThat(correlation.sources())
        .extracting(source -> ((RuleSource) source).rule().name())
        .containsExactly("failed", "success");
    assertThat(correlation.techniqueIds()).containsExactly("T1110", "T1078.004");
  }

  @Test
  void ownTags_replaceRuleTechniques() {
    CorrelationSet set =
        resolve(
            "all.yml",
            BASE
                + """
                    ---
                    title: c
                    tags: [attack.t1098]
                    correlation:
                      type: temporal
                      rules: [failed, success]
                      timespan: 10m
                    """);

    assertThat(set.correlations().get(0).techniqueIds()).containsExactly("T1098");
  }

  @Test
  void unknownReference_isRejectedAtItsLocation() {
    SigmaRuleException error =
        onlyError(
            resolve(
                "base.yml",
                BASE,
                "mr_bad.yml",
                """
                title: c
                correlation:
                  type: temporal
                  rules:
                    - failed
                    - sucess
                  timespan: 10m
                """));

    assertThat(error.getMessage())
        .isEqualTo(
            "mr_bad.yml:6:7: rule 'sucess' not found: no loaded rule or correlation has this id or"
                + " name");
  }

  @Test
  void cycle_rejectsEveryMember() {
    CorrelationSet set =
        resolve(
            "base.yml",
            BASE,
            "mr_cycle.yml",
            """
            title: a
            name: corr_a
            correlation:
              type: event_count
              rules: [corr_b]
              timespan: 1h
              condition:
                gte: 2
            ---
            title: b
            name: corr_b
            correlation:
              type: event_count
              rules: [corr_a]
              timespan: 1h
              condition:
                gte: 2
            ---
            title: c
            name: corr_c
            correlation:
              type: event_count
              rules: [corr_a]
              timespan: 1h
              condition:
                gte: 2
            """);

    assertThat(set.correlations()).isEmpty();
    assertThat(set.errors()).hasSize(3);
    assertThat(set.errors().get(0).reason())
        .isEqualTo("correlation cycle: corr_a -> corr_b -> corr_a");
    assertThat(set.errors().get(0).line()).isEqualTo(1);
    assertThat(set.errors().get(2).reason())
        .startsWith("references correlation 'corr_a', which was rejected: correlation cycle");
  }

  @Test
  void selfReference_isRejected() {
    SigmaRuleException error =
        onlyError(
            resolve(
                "mr_self.yml",
                """
                title: a
                name: me
                correlation:
                  type: event_count
                  rules: [me]
                  timespan: 1h
                  condition:
                    gte: 2
                """));

    assertThat(error.reason()).isEqualTo("correlation references itself");
  }

  @Test
  void aliasWithoutFieldForARule_isRejected() {
    SigmaRuleException error =
        onlyError(
            resolve(
                "all.yml",
                BASE
                    + """
                        ---
                        title: c
                        correlation:
                          type: temporal
                          rules: [failed, success]
                          group-by: [actor]
                          timespan: 10m
                          aliases:
                            actor:
                              failed: userIdentity.arn
                        """));

    assertThat(error.reason())
        .isEqualTo(
            "alias 'actor' has no field for rule 'success'; an alias must map every referenced"
                + " rule (by its name)");
    assertThat(error.line()).as("line of the alias name").isEqualTo(35);
  }

  @Test
  void aliasNamingUnreferencedRule_isRejected() {
    SigmaRuleException error =
        onlyError(
            resolve(
                "all.yml",
                BASE
                    + """
                        ---
                        title: c
                        correlation:
                          type: temporal
                          rules: [failed, success]
                          group-by: [actor]
                          timespan: 10m
                          aliases:
                            actor:
                              failed: userIdentity.arn
                              success: userIdentity.arn
                              other: userIdentity.arn
                        """));

    assertThat(error.reason())
        .contains("maps rule 'other', which this correlation does not reference");
  }

  @Test
  void ambiguousName_isRejected() {
    SigmaRuleException error =
        onlyError(
            resolve(
                "base.yml",
                BASE,
                "copy.yml",
                rule("failed", "11111111-0000-4000-8000-000000000009")
                    + """
                        ---
                        title: c
                        correlation:
                          type: event_count
                          rules: [failed]
                          timespan: 10m
                          condition:
                            gte: 2
                        """));

    assertThat(error.reason()).startsWith("rule reference 'failed' is ambiguous: it names rule");
  }

  @Test
  void chainedGroupBy_mustBeUpstreamField() {
    SigmaRuleException error =
        onlyError(
            resolve(
                "all.yml",
                BASE
                    + """
                        ---
                        title: burst
                        name: burst
                        correlation:
                          type: event_count
                          rules: [failed]
                          group-by: [userIdentity.arn]
                          timespan: 10m
                          condition:
                            gte: 3
                        ---
                        title: c
                        correlation:
                          type: temporal_ordered
                          rules: [burst, success]
                          group-by: [sourceIPAddress]
                          timespan: 1h
                        """));

    assertThat(error.reason())
        .isEqualTo(
            "field 'sourceIPAddress' is not in the group-by [userIdentity.arn] of the referenced"
                + " correlation 'burst', so its firings do not carry it");
  }

  @Test
  void chain_resolvesAfterItsUpstreamAndSetsGenerate() {
    CorrelationSet set =
        resolve(
            "all.yml",
            """
            title: c
            correlation:
              type: temporal_ordered
              rules: [burst, success]
              group-by: [userIdentity.arn]
              timespan: 1h
            ---
            title: burst
            name: burst
            correlation:
              type: event_count
              rules: [failed]
              group-by: [userIdentity.arn]
              timespan: 10m
              generate: true
              condition:
                gte: 3
            ---
            """
                + BASE);

    assertThat(set.errors()).isEmpty();
    assertThat(set.correlations())
        .extracting(ResolvedCorrelation::key)
        .containsExactly("burst", "c");
    ResolvedCorrelation outer = set.correlations().get(1);
    assertThat(outer.sources().get(0)).isInstanceOf(ChainedSource.class);
    assertThat(((ChainedSource) outer.sources().get(0)).groupIndexes()).containsExactly(0);
    assertThat(outer.techniqueIds()).containsExactly("T1110", "T1078.004");
    // The outer correlation does not set generate, so the burst reports nothing itself; the burst
    // sets generate, so the failed logins keep their own findings.
    assertThat(set.reportsFindings(set.correlations().get(0))).isFalse();
    assertThat(set.reportsFindings(outer)).isTrue();
  }

  @Test
  void generate_keepsOrHidesReferencedRuleFindings() {
    String hiding =
        """
        title: hide
        correlation:
          type: event_count
          rules: [failed]
          timespan: 10m
          condition:
            gte: 3
        """;
    String keeping =
        """
        title: keep
        generate: true
        correlation:
          type: event_count
          rules: [failed]
          timespan: 10m
          condition:
            gte: 3
        """;
    SigmaRuleParser parser = new SigmaRuleParser();
    List<SigmaRule> rules = parser.parseAll("base.yml", BASE).rules();
    SigmaCorrelationRule hide = parser.parseAll("hide.yml", hiding).correlations().get(0);
    SigmaCorrelationRule keep = parser.parseAll("keep.yml", keeping).correlations().get(0);

    CorrelationSet hidden = CorrelationSet.resolve(rules, List.of(hide));
    CorrelationSet kept = CorrelationSet.resolve(rules, List.of(hide, keep));

    assertThat(hidden.reportsFindings(rules.get(0))).isFalse();
    assertThat(hidden.reportsFindings(rules.get(1))).as("unreferenced rule").isTrue();
    assertThat(kept.reportsFindings(rules.get(0))).isTrue();
    assertThat(hidden.fieldsOf(rules.get(0))).isEmpty();
  }
}
