package dev.skywarden.core.sigma;

import dev.skywarden.core.sigma.match.EventFields;
import dev.skywarden.core.sigma.match.FieldPath;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A set of compiled Sigma rules that finds the rules an event matches. Immutable and thread-safe.
 *
 * <p>Rules are grouped by log source, and a group is consulted only for events whose product,
 * service and category equal (ignoring case) those the group's rules set. Inside a group, a rule
 * whose condition requires an event path to have one of a finite set of literal values is indexed
 * under those values, and is evaluated only for events that have one of them there. The path is the
 * first {@linkplain #DISCRIMINATING_FIELDS discriminating field} that gives such a set, else the
 * rule's path with the fewest values. Other rules are evaluated for every event in scope.
 *
 * <p>Rules are compiled with the field mappings of a {@link SigmaConfig} and with the {@link
 * SigmaFilter}s that apply to them. Filter entries that name no loaded rule, or a rule outside the
 * filter's log source, are reported by {@link #problems()}; they do not stop the set from being
 * built.
 */
public final class SigmaRuleSet {

  /** The fields rules are indexed by first, in order of preference. */
  public static final List<String> DISCRIMINATING_FIELDS =
      List.of("eventName", "eventSource", "operationName", "protoPayload.methodName");

  /** How many distinct event log sources {@link #groupsBySource} remembers. */
  private static final int MAX_CACHED_SOURCES = 64;

  private final List<CompiledRule> rules;
  private final List<CompiledGroup> groups;

  /**
   * The groups whose log source applies to an event's product, service and category, computed on
   * first use of each. Most events share a few log sources, so this spares comparing the log source
   * of every group for every event.
   */
  private final ConcurrentMap<EventSource, List<CompiledGroup>> groupsBySource =
      new ConcurrentHashMap<>();

  private final int indexedRuleCount;
  private final List<SigmaRuleException> problems;

  /** The log source attributes of an event; any of them may be null. */
  private record EventSource(String product, String service, String category) {}

  /**
   * The rules of one log source: an index per field that some of its rules are indexed by, in the
   * order the fields were first used, plus the unindexed rest.
   */
  private record Group(LogSource logSource, Map<String, FieldIndex> indexByPath, BitSet unindexed) {

    /** Returns the index of the event path {@code path}, made empty on first use. */
    FieldIndex indexFor(String path) {
      return indexByPath.computeIfAbsent(path, key -> new FieldIndex(FieldPath.of(key)));
    }
  }

  /** The rules indexed by one event path, by the case-folded values they require it to have. */
  private record FieldIndex(FieldPath path, Map<String, BitSet> rulesByValue) {
    FieldIndex(FieldPath path) {
      this(path, new HashMap<>());
    }
  }

  /** The rules indexed by one event path, ready for lookups by a value's text. */
  private record CompiledIndex(FieldPath path, FoldedValueIndex rulesByValue) {}

  /** A group ready for matching, with its indexes in a list that the per-event loop walks. */
  private record CompiledGroup(
      LogSource logSource, List<CompiledIndex> indexes, BitSet unindexed) {}

  private SigmaRuleSet(
      List<CompiledRule> rules, SigmaConfig config, List<SigmaRuleException> problems) {
    this.rules = List.copyOf(rules);
    this.problems = List.copyOf(problems);
    Map<LogSource, Group> byLogSource = new LinkedHashMap<>();
    int indexed = 0;
    for (int ordinal = 0; ordinal < rules.size(); ordinal++) {
      SigmaRule rule = rules.get(ordinal).rule();
      Group group = byLogSource.computeIfAbsent(rule.logSource(), SigmaRuleSet::emptyGroup);
      if (index(group, rule, config, ordinal)) {
        indexed++;
      } else {
        group.unindexed().set(ordinal);
      }
    }
    List<CompiledGroup> compiled = new ArrayList<>();
    for (Group group : byLogSource.values()) {
      List<CompiledIndex> indexes = new ArrayList<>();
      for (FieldIndex index : group.indexByPath().values()) {
        indexes.add(new CompiledIndex(index.path(), new FoldedValueIndex(index.rulesByValue())));
      }
      compiled.add(new CompiledGroup(group.logSource(), List.copyOf(indexes), group.unindexed()));
    }
    this.groups = List.copyOf(compiled);
    this.indexedRuleCount = indexed;
  }

  /**
   * Compiles {@code rules} with the built-in field mappings and no filter; {@link #match} returns
   * matches in this order.
   */
  public static SigmaRuleSet compile(Collection<SigmaRule> rules) {
    return compile(rules, List.of(), SigmaConfig.defaults());
  }

  /** Compiles the rules and filters of a parse result with {@code config}. */
  public static SigmaRuleSet compile(SigmaParseResult parsed, SigmaConfig config) {
    return compile(parsed.rules(), parsed.filters(), config);
  }

  /**
   * Compiles {@code rules}, each with the field mappings of {@code config} for its log source and
   * the {@code filters} that apply to it; {@link #match} returns matches in rule order.
   */
  public static SigmaRuleSet compile(
      Collection<SigmaRule> rules, Collection<SigmaFilter> filters, SigmaConfig config) {
    List<CompiledRule> compiled = new ArrayList<>(rules.size());
    for (SigmaRule rule : rules) {
      compiled.add(CompiledRule.compile(rule, config, filters));
    }
    return new SigmaRuleSet(compiled, config, checkFilters(rules, filters));
  }

  /**
   * Returns the filter entries that name no loaded rule, or a rule outside the filter's log source,
   * each with the entry's location.
   */
  public List<SigmaRuleException> problems() {
    return problems;
  }

  private static List<SigmaRuleException> checkFilters(
      Collection<SigmaRule> rules, Collection<SigmaFilter> filters) {
    List<SigmaRuleException> problems = new ArrayList<>();
    for (SigmaFilter filter : filters) {
      for (SigmaFilter.RuleReference reference : filter.rules()) {
        List<SigmaRule> named = rules.stream().filter(reference::names).toList();
        if (named.isEmpty()) {
          problems.add(
              new SigmaFilterException(
                  reference.location(),
                  "filter '"
                      + filter.title()
                      + "' names rule '"
                      + reference.idOrName()
                      + "', which is not loaded"));
        }
        for (SigmaRule rule : named) {
          if (!filter.covers(rule.logSource())) {
            problems.add(
                new SigmaFilterException(
                    reference.location(),
                    "filter '"
                        + filter.title()
                        + "' with logsource "
                        + filter.logSource()
                        + " names rule '"
                        + reference.idOrName()
                        + "' of logsource "
                        + rule.logSource()
                        + ", which it does not cover; the filter is not applied to it"));
          }
        }
      }
    }
    return problems;
  }

  /** Returns the rules in the order given. */
  public List<CompiledRule> rules() {
    return rules;
  }

  /** Returns the number of rules. */
  public int size() {
    return rules.size();
  }

  /** Returns how many rules are indexed by the literal values of an event path. */
  public int indexedRuleCount() {
    return indexedRuleCount;
  }

  /** Returns the rules that match {@code event}, in rule set order. */
  public List<CompiledRule> match(SigmaEvent event) {
    List<CompiledRule> matched = new ArrayList<>();
    forEachMatch(event, matched::add);
    return matched;
  }

  /** Calls {@code action} for each rule that matches {@code event}, in rule set order. */
  public void forEachMatch(SigmaEvent event, Consumer<CompiledRule> action) {
    forEachMatch(event, new EventFields(event.document()), action);
  }

  /**
   * Calls {@code action} for each rule that matches {@code event}, in rule set order, resolving
   * fields through {@code fields}, which must have been built from the document of {@code event}.
   * Every field is resolved and case-folded at most once for all the rules, so a caller that goes
   * on to explain the matches passes the same {@code fields} to {@link
   * CompiledRule#explain(SigmaEvent, EventFields)}.
   */
  public void forEachMatch(SigmaEvent event, EventFields fields, Consumer<CompiledRule> action) {
    BitSet candidates = candidates(event, fields);
    for (int i = candidates.nextSetBit(0); i >= 0; i = candidates.nextSetBit(i + 1)) {
      CompiledRule rule = rules.get(i);
      if (rule.matchesDocument(fields)) {
        action.accept(rule);
      }
    }
  }

  /**
   * Returns the positions in {@link #rules()} of the rules that {@link #forEachMatch} evaluates for
   * {@code event}: those whose log source applies to it and that the index does not rule out. Every
   * rule that matches the event is among them. {@code fields} must have been built from the
   * document of {@code event}.
   */
  public BitSet candidates(SigmaEvent event, EventFields fields) {
    BitSet candidates = new BitSet(rules.size());
    for (CompiledGroup group : groupsFor(event)) {
      candidates.or(group.unindexed());
      List<CompiledIndex> indexes = group.indexes();
      for (int i = 0; i < indexes.size(); i++) {
        CompiledIndex index = indexes.get(i);
        FoldedValueIndex rulesByValue = index.rulesByValue();
        fields.forEachText(index.path(), text -> addHits(rulesByValue, text, candidates));
      }
    }
    return candidates;
  }

  private List<CompiledGroup> groupsFor(SigmaEvent event) {
    EventSource source = new EventSource(event.product(), event.service(), event.category());
    List<CompiledGroup> cached = groupsBySource.get(source);
    if (cached != null) {
      return cached;
    }
    List<CompiledGroup> applicable = new ArrayList<>();
    for (CompiledGroup group : groups) {
      if (group.logSource().appliesTo(source.product(), source.service(), source.category())) {
        applicable.add(group);
      }
    }
    if (groupsBySource.size() < MAX_CACHED_SOURCES) {
      groupsBySource.putIfAbsent(source, List.copyOf(applicable));
    }
    return applicable;
  }

  private static void addHits(FoldedValueIndex index, String text, BitSet candidates) {
    BitSet hits = index.find(text);
    if (hits != null) {
      candidates.or(hits);
    }
  }

  private static Group emptyGroup(LogSource logSource) {
    return new Group(logSource, new LinkedHashMap<>(), new BitSet());
  }

  /**
   * Indexes the rule under the first discriminating field whose values it constrains or, when it
   * constrains none of them, under the other event path it constrains to the fewest values. Returns
   * false when the rule constrains no path to a finite set of values.
   */
  private static boolean index(Group group, SigmaRule rule, SigmaConfig config, int ordinal) {
    Function<String, List<String>> fieldPaths =
        config.fieldMappings().resolverFor(rule.logSource());
    String chosenPath = null;
    Set<String> chosenValues = null;
    for (String path : DISCRIMINATING_FIELDS) {
      Optional<Set<String>> values =
          DiscriminatorAnalysis.requiredValues(rule.detection(), path, fieldPaths);
      if (values.isPresent()) {
        chosenPath = path;
        chosenValues = values.get();
        break;
      }
    }
    if (chosenPath == null) {
      for (String path : DiscriminatorAnalysis.eventPaths(rule.detection(), fieldPaths)) {
        Optional<Set<String>> values =
            DiscriminatorAnalysis.requiredValues(rule.detection(), path, fieldPaths);
        if (values.isPresent()
            && (chosenValues == null || values.get().size() < chosenValues.size())) {
          chosenPath = path;
          chosenValues = values.get();
        }
      }
    }
    if (chosenPath == null) {
      return false;
    }
    FieldIndex index = group.indexFor(chosenPath);
    for (String value : chosenValues) {
      index.rulesByValue().computeIfAbsent(value, key -> new BitSet()).set(ordinal);
    }
    return true;
  }

  @Override
  public String toString() {
    return "SigmaRuleSet[" + rules.size() + " rules, " + indexedRuleCount + " indexed]";
  }
}
