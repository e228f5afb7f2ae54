package dev.skywarden.core.sigma.correlation;

import dev.skywarden.core.sigma.RuleLocation;
import dev.skywarden.core.sigma.SigmaCorrelationException;
import dev.skywarden.core.sigma.SigmaCorrelationRule;
import dev.skywarden.core.sigma.SigmaCorrelationRule.FieldAlias;
import dev.skywarden.core.sigma.SigmaCorrelationRule.RuleReference;
import dev.skywarden.core.sigma.SigmaRule;
import dev.skywarden.core.sigma.SigmaRuleException;
import dev.skywarden.core.sigma.correlation.CorrelationSource.ChainedSource;
import dev.skywarden.core.sigma.correlation.CorrelationSource.RuleSource;
import dev.skywarden.core.sigma.match.FieldPath;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Correlation rules resolved against the detection rules and each other: every {@code rules} entry
 * found by id or name, aliases applied, cycles and dangling references rejected. Immutable and
 * thread-safe.
 *
 * <p>A rejected correlation gets one {@link SigmaCorrelationException} in {@link #errors()} naming
 * the file, line, column and reason, and is left out, as is every correlation that references it.
 * The rest are in {@link #correlations()}, each after the correlations it references.
 *
 * <p>Findings of referenced rules ({@code generate}): a detection rule or correlation that no
 * correlation references reports its own findings. One that is referenced reports them only when at
 * least one correlation that references it sets {@code generate: true}; so a request to keep a
 * rule's findings wins over another correlation's default of hiding them.
 */
public final class CorrelationSet {

  private static final CorrelationSet EMPTY =
      new CorrelationSet(
          List.of(),
          List.of(),
          new IdentityHashMap<>(),
          new IdentityHashMap<>(),
          new IdentityHashMap<>());

  private final List<ResolvedCorrelation> correlations;
  private final List<SigmaRuleException> errors;
  private final IdentityHashMap<SigmaRule, Boolean> generateByRule;
  private final IdentityHashMap<ResolvedCorrelation, Boolean> generateByCorrelation;
  private final IdentityHashMap<SigmaRule, Set<String>> fieldsByRule;

  private CorrelationSet(
      List<ResolvedCorrelation> correlations,
      List<SigmaRuleException> errors,
      IdentityHashMap<SigmaRule, Boolean> generateByRule,
      IdentityHashMap<ResolvedCorrelation, Boolean> generateByCorrelation,
      IdentityHashMap<SigmaRule, Set<String>> fieldsByRule) {
    this.correlations = List.copyOf(correlations);
    this.errors = List.copyOf(errors);
    this.generateByRule = generateByRule;
    this.generateByCorrelation = generateByCorrelation;
    this.fieldsByRule = fieldsByRule;
  }

  /** Returns a set without correlations. */
  public static CorrelationSet empty() {
    return EMPTY;
  }

  /**
   * Resolves {@code correlations} against {@code rules} and each other. Names and ids are looked up
   * across all the given rules and correlations, whatever file they came from.
   */
  public static CorrelationSet resolve(
      Collection<SigmaRule> rules, Collection<SigmaCorrelationRule> correlations) {
    return new Resolver(List.copyOf(rules), List.copyOf(correlations)).resolve();
  }

  /** Returns the usable correlations; each comes after the correlations it references. */
  public List<ResolvedCorrelation> correlations() {
    return correlations;
  }

  /** Returns one error per rejected correlation, in input order. */
  public List<SigmaRuleException> errors() {
    return errors;
  }

  /**
   * Returns this set with every rule and correlation reporting its own findings, as if each
   * correlation set {@code generate: true}. Rule tests use it, so a test of a rule or correlation
   * that another correlation references can see it fire.
   */
  public CorrelationSet reportingAllFindings() {
    IdentityHashMap<SigmaRule, Boolean> allRules = new IdentityHashMap<>(generateByRule);
    allRules.replaceAll((rule, generate) -> Boolean.TRUE);
    IdentityHashMap<ResolvedCorrelation, Boolean> allCorrelations =
        new IdentityHashMap<>(generateByCorrelation);
    allCorrelations.replaceAll((correlation, generate) -> Boolean.TRUE);
    return new CorrelationSet(correlations, errors, allRules, allCorrelations, fieldsByRule);
  }

  /** Returns whether there are no usable correlations. */
  public boolean isEmpty() {
    return correlations.isEmpty();
  }

  /** Returns whether a usable correlation references {@code rule} (the same instance). */
  public boolean references(SigmaRule rule) {
    return generateByRule.containsKey(rule);
  }

  /**
   * Returns whether {@code rule} reports its own findings: true when no usable correlation
   * references it, or one that does sets {@code generate: true}.
   */
  public boolean reportsFindings(SigmaRule rule) {
    return generateByRule.getOrDefault(rule, Boolean.TRUE);
  }

  /**
   * Returns whether the firings of {@code correlation} become findings: true unless another usable
   * correlation references it and none of those sets {@code generate: true}.
   */
  public boolean reportsFindings(ResolvedCorrelation correlation) {
    return generateByCorrelation.getOrDefault(correlation, Boolean.TRUE);
  }

  /**
   * Returns the field names that the correlations referencing {@code rule} read from its events
   * (group-by and value fields, after aliases), sorted; empty when none references it.
   */
  public Set<String> fieldsOf(SigmaRule rule) {
    return fieldsByRule.getOrDefault(rule, Set.of());
  }

  @Override
  public String toString() {
    return "CorrelationSet[" + correlations.size() + " correlations, " + errors.size() + " errors]";
  }

  /** One resolution run; not thread-safe, used once. */
  private static final class Resolver {

    private final List<SigmaCorrelationRule> input;
    private final Map<String, List<Object>> targetsByKey = new HashMap<>();
    private final IdentityHashMap<SigmaCorrelationRule, SigmaRuleException> errorByCorrelation =
        new IdentityHashMap<>();
    private final IdentityHashMap<SigmaCorrelationRule, List<Object>> targetsByCorrelation =
        new IdentityHashMap<>();
    private final List<SigmaCorrelationRule> order = new ArrayList<>();

    Resolver(List<SigmaRule> rules, List<SigmaCorrelationRule> input) {
      this.input = input;
      for (SigmaRule rule : rules) {
        index(rule.id(), rule);
        index(rule.name(), rule);
      }
      for (SigmaCorrelationRule correlation : input) {
        index(correlation.id(), correlation);
        index(correlation.name(), correlation);
      }
    }

    private void index(String key, Object target) {
      if (key != null) {
        List<Object> targets = targetsByKey.computeIfAbsent(key, k -> new ArrayList<>());
        if (!targets.contains(target)) {
          targets.add(target);
        }
      }
    }

    CorrelationSet resolve() {
      for (SigmaCorrelationRule correlation : input) {
        lookUpReferences(correlation);
      }
      IdentityHashMap<SigmaCorrelationRule, Integer> state = new IdentityHashMap<>();
      for (SigmaCorrelationRule correlation : input) {
        visit(correlation, state, new ArrayList<>());
      }

      IdentityHashMap<SigmaCorrelationRule, ResolvedCorrelation> resolved = new IdentityHashMap<>();
      List<ResolvedCorrelation> usable = new ArrayList<>();
      IdentityHashMap<SigmaRule, Set<String>> fields = new IdentityHashMap<>();
      for (SigmaCorrelationRule correlation : order) {
        if (errorByCorrelation.containsKey(correlation)) {
          continue;
        }
        try {
          ResolvedCorrelation result = build(correlation, usable.size(), resolved, fields);
          resolved.put(correlation, result);
          usable.add(result);
        } catch (SigmaCorrelationException e) {
          errorByCorrelation.put(correlation, e);
        }
      }

      IdentityHashMap<SigmaRule, Boolean> generateByRule = new IdentityHashMap<>();
      IdentityHashMap<ResolvedCorrelation, Boolean> generateByCorrelation = new IdentityHashMap<>();
      for (ResolvedCorrelation correlation : usable) {
        boolean generate = correlation.rule().generate();
        for (CorrelationSource source : correlation.sources()) {
          if (source instanceof RuleSource ruleSource) {
            generateByRule.merge(ruleSource.rule(), generate, Boolean::logicalOr);
          } else if (source instanceof ChainedSource chained) {
            generateByCorrelation.merge(chained.correlation(), generate, Boolean::logicalOr);
          }
        }
      }
      List<SigmaRuleException> errors = new ArrayList<>();
      for (SigmaCorrelationRule correlation : input) {
        SigmaRuleException error = errorByCorrelation.get(correlation);
        if (error != null) {
          errors.add(error);
        }
      }
      fields.replaceAll((rule, names) -> Collections.unmodifiableSet(names));
      fields.keySet().retainAll(generateByRule.keySet());
      return new CorrelationSet(usable, errors, generateByRule, generateByCorrelation, fields);
    }

    /** Resolves each {@code rules} entry to exactly one rule or correlation. */
    private void lookUpReferences(SigmaCorrelationRule correlation) {
      List<Object> targets = new ArrayList<>();
      for (RuleReference reference : correlation.rules()) {
        List<Object> found = targetsByKey.getOrDefault(reference.reference(), List.of());
        if (found.isEmpty()) {
          reject(
              correlation,
              reference.location(),
              "rule '"
                  + reference.reference()
                  + "' not found: no loaded rule or correlation has this id or name");
          return;
        }
        if (found.size() > 1) {
          reject(
              correlation,
              reference.location(),
              "rule reference '"
                  + reference.reference()
                  + "' is ambiguous: it names "
                  + describe(found.get(0))
                  + " and "
                  + describe(found.get(1)));
          return;
        }
        if (found.get(0) == correlation) {
          reject(correlation, reference.location(), "correlation references itself");
          return;
        }
        targets.add(found.get(0));
      }
      targetsByCorrelation.put(correlation, targets);
    }

    private static String describe(Object target) {
      if (target instanceof SigmaRule rule) {
        return "rule '" + rule.title() + "' at " + rule.location();
      }
      SigmaCorrelationRule correlation = (SigmaCorrelationRule) target;
      return "correlation '" + correlation.title() + "' at " + correlation.location();
    }

    /**
     * Orders correlations depth first so that each follows those it references, and rejects the
     * correlations on a cycle and those that reference a rejected one. State: 1 visiting, 2 done.
     */
    private void visit(
        SigmaCorrelationRule correlation,
        IdentityHashMap<SigmaCorrelationRule, Integer> state,
        List<SigmaCorrelationRule> path) {
      Integer seen = state.get(correlation);
      if (seen != null) {
        if (seen == 1) {
          List<SigmaCorrelationRule> cycle = path.subList(path.indexOf(correlation), path.size());
          StringBuilder text = new StringBuilder();
          for (SigmaCorrelationRule member : cycle) {
            text.append(member.key()).append(" -> ");
          }
          text.append(correlation.key());
          for (SigmaCorrelationRule member : cycle) {
            reject(member, member.location(), "correlation cycle: " + text);
          }
        }
        return;
      }
      state.put(correlation, 1);
      path.add(correlation);
      for (Object target : targetsByCorrelation.getOrDefault(correlation, List.of())) {
        if (target instanceof SigmaCorrelationRule referenced) {
          visit(referenced, state, path);
          if (errorByCorrelation.containsKey(referenced)) {
            reject(
                correlation,
                referenceLocation(correlation, referenced),
                "references correlation '"
                    + referenced.key()
                    + "', which was rejected: "
                    + errorByCorrelation.get(referenced).reason());
          }
        }
      }
      path.remove(path.size() - 1);
      state.put(correlation, 2);
      order.add(correlation);
    }

    private RuleLocation referenceLocation(
        SigmaCorrelationRule correlation, SigmaCorrelationRule referenced) {
      for (RuleReference reference : correlation.rules()) {
        if (reference.reference().equals(referenced.id())
            || reference.reference().equals(referenced.name())) {
          return reference.location();
        }
      }
      return correlation.location();
    }

    private void reject(SigmaCorrelationRule correlation, RuleLocation location, String reason) {
      errorByCorrelation.putIfAbsent(correlation, new SigmaCorrelationException(location, reason));
    }

    private ResolvedCorrelation build(
        SigmaCorrelationRule correlation,
        int ordinal,
        IdentityHashMap<SigmaCorrelationRule, ResolvedCorrelation> resolved,
        IdentityHashMap<SigmaRule, Set<String>> fields) {
      checkAliases(correlation);
      List<Object> targets = targetsByCorrelation.get(correlation);
      List<CorrelationSource> sources = new ArrayList<>();
      Set<String> techniques = new LinkedHashSet<>();
      AttackTags.addTechniques(correlation.tags(), techniques);
      boolean ownTechniques = !techniques.isEmpty();

      for (int i = 0; i < targets.size(); i++) {
        Object target = targets.get(i);
        RuleReference reference = correlation.rules().get(i);
        if (target instanceof SigmaRule rule) {
          List<String> groupFields =
              fieldsFor(correlation, correlation.groupBy(), rule.name(), rule.id(), reference);
          List<String> valueFields =
              fieldsFor(
                  correlation, correlation.condition().fields(), rule.name(), rule.id(), reference);
          sources.add(
              new RuleSource(reference.reference(), rule, paths(groupFields), paths(valueFields)));
          Set<String> needed = fields.computeIfAbsent(rule, r -> new TreeSet<>());
          needed.addAll(groupFields);
          needed.addAll(valueFields);
          if (!ownTechniques) {
            techniques.addAll(rule.attackTechniques());
          }
        } else {
          SigmaCorrelationRule referenced = (SigmaCorrelationRule) target;
          ResolvedCorrelation upstream = resolved.get(referenced);
          if (upstream == null) {
            throw new SigmaCorrelationException(
                reference.location(),
                "references correlation '"
                    + referenced.key()
                    + "', which was rejected: "
                    + errorByCorrelation.get(referenced).reason());
          }
          List<String> groupFields =
              fieldsFor(
                  correlation,
                  correlation.groupBy(),
                  referenced.name(),
                  referenced.id(),
                  reference);
          List<String> valueFields =
              fieldsFor(
                  correlation,
                  correlation.condition().fields(),
                  referenced.name(),
                  referenced.id(),
                  reference);
          sources.add(
              new ChainedSource(
                  reference.reference(),
                  upstream,
                  indexesIn(upstream, groupFields, reference),
                  indexesIn(upstream, valueFields, reference)));
          if (!ownTechniques) {
            techniques.addAll(upstream.techniqueIds());
          }
        }
      }
      return new ResolvedCorrelation(correlation, ordinal, sources, new ArrayList<>(techniques));
    }

    /** Checks that each alias names only referenced rules and covers every one of them. */
    private void checkAliases(SigmaCorrelationRule correlation) {
      List<Object> targets = targetsByCorrelation.get(correlation);
      for (FieldAlias alias : correlation.aliases().values()) {
        for (String ruleKey : alias.fieldByRule().keySet()) {
          boolean known = false;
          for (Object target : targets) {
            known |= ruleKey.equals(nameOf(target)) || ruleKey.equals(idOf(target));
          }
          if (!known) {
            throw new SigmaCorrelationException(
                alias.location(),
                "alias '"
                    + alias.alias()
                    + "' maps rule '"
                    + ruleKey
                    + "', which this correlation does not reference by that name or id");
          }
        }
        for (int i = 0; i < targets.size(); i++) {
          Object target = targets.get(i);
          if (!alias.fieldByRule().containsKey(nameOf(target))
              && !alias.fieldByRule().containsKey(idOf(target))) {
            throw new SigmaCorrelationException(
                alias.location(),
                "alias '"
                    + alias.alias()
                    + "' has no field for rule '"
                    + correlation.rules().get(i).reference()
                    + "'; an alias must map every referenced rule (by its name)");
          }
        }
      }
    }

    private static String nameOf(Object target) {
      return target instanceof SigmaRule rule
          ? rule.name()
          : ((SigmaCorrelationRule) target).name();
    }

    private static String idOf(Object target) {
      return target instanceof SigmaRule rule ? rule.id() : ((SigmaCorrelationRule) target).id();
    }

    /** Returns the event field behind each name: the alias's field for this rule, else the name. */
    private static List<String> fieldsFor(
        SigmaCorrelationRule correlation,
        List<String> names,
        String ruleName,
        String ruleId,
        RuleReference reference) {
      List<String> fields = new ArrayList<>();
      for (String name : names) {
        FieldAlias alias = correlation.aliases().get(name);
        if (alias == null) {
          fields.add(name);
          continue;
        }
        String field = ruleName == null ? null : alias.fieldByRule().get(ruleName);
        if (field == null && ruleId != null) {
          field = alias.fieldByRule().get(ruleId);
        }
        if (field == null) {
          throw new SigmaCorrelationException(
              reference.location(),
              "alias '" + name + "' has no field for rule '" + reference.reference() + "'");
        }
        fields.add(field);
      }
      return fields;
    }

    private static List<FieldPath> paths(List<String> fields) {
      List<FieldPath> paths = new ArrayList<>();
      for (String field : fields) {
        paths.add(FieldPath.of(field));
      }
      return paths;
    }

    /** Returns where each field is in the referenced correlation's group-by. */
    private static List<Integer> indexesIn(
        ResolvedCorrelation upstream, List<String> fields, RuleReference reference) {
      List<Integer> indexes = new ArrayList<>();
      List<String> upstreamGroupBy = upstream.rule().groupBy();
      for (String field : fields) {
        int index = upstreamGroupBy.indexOf(field);
        if (index < 0) {
          throw new SigmaCorrelationException(
              reference.location(),
              "field '"
                  + field
                  + "' is not in the group-by "
                  + upstreamGroupBy
                  + " of the referenced correlation '"
                  + reference.reference()
                  + "', so its firings do not carry it");
        }
        indexes.add(index);
      }
      return indexes;
    }
  }
}
