package dev.skywarden.cli;

import dev.skywarden.core.detect.BuiltinRules;
import dev.skywarden.core.sigma.SigmaConfig;
import dev.skywarden.core.sigma.SigmaCorrelationRule;
import dev.skywarden.core.sigma.SigmaFilter;
import dev.skywarden.core.sigma.SigmaParseResult;
import dev.skywarden.core.sigma.SigmaRule;
import dev.skywarden.core.sigma.SigmaRuleException;
import dev.skywarden.core.sigma.SigmaRuleParser;
import dev.skywarden.core.sigma.SigmaRuleSet;
import dev.skywarden.core.sigma.correlation.CorrelationSet;
import dev.skywarden.core.sigma.correlation.ResolvedCorrelation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The Sigma rules of one command run: the built-in pack (unless left out) followed by the rules and
 * filters read from the paths the user gave, compiled into one {@link SigmaRuleSet}. Filters of the
 * user's files apply to built-in rules too. Immutable.
 *
 * @param builtin the rules of the built-in pack, empty when it was left out
 * @param builtinCorrelations the correlation rules of the built-in pack, empty when it was left out
 * @param user what the user's paths gave: rules, filters and one error per rejected document
 * @param files the rule files read from the user's paths, in reading order
 * @param emptyPaths the user's directories that hold no rule file
 * @param ruleSet the compiled set of the built-in and user rules
 * @param correlations the built-in and the user's correlation rules, resolved against all rules
 */
record LoadedRules(
    List<SigmaRule> builtin,
    List<SigmaCorrelationRule> builtinCorrelations,
    SigmaParseResult user,
    List<Path> files,
    List<Path> emptyPaths,
    SigmaRuleSet ruleSet,
    CorrelationSet correlations) {

  LoadedRules {
    builtin = List.copyOf(builtin);
    builtinCorrelations = List.copyOf(builtinCorrelations);
    files = List.copyOf(files);
    emptyPaths = List.copyOf(emptyPaths);
  }

  /**
   * Reads and compiles the rules.
   *
   * @param config the placeholders and field mappings, for the user's and the built-in rules
   * @param includeBuiltin whether the built-in pack is part of the set
   * @param paths rule files and directories (searched recursively for {@code .yml} and {@code
   *     .yaml} files, without the {@code .tests.yml} files of test events)
   * @throws NoSuchFileException when a path does not exist
   * @throws IOException when a file cannot be read
   */
  static LoadedRules load(SigmaConfig config, boolean includeBuiltin, List<Path> paths)
      throws IOException {
    SigmaParseResult pack =
        includeBuiltin ? BuiltinRules.loadPack() : new SigmaParseResult(List.of(), List.of());
    List<SigmaRule> builtin = pack.rules();
    SigmaRuleParser parser = new SigmaRuleParser(config);

    List<Path> files = new ArrayList<>();
    List<Path> emptyPaths = new ArrayList<>();
    for (Path path : paths) {
      List<Path> found = ruleFiles(path);
      if (found.isEmpty()) {
        emptyPaths.add(path);
      }
      files.addAll(found);
    }

    List<SigmaRule> rules = new ArrayList<>();
    List<SigmaFilter> filters = new ArrayList<>();
    List<SigmaCorrelationRule> correlationRules = new ArrayList<>();
    List<SigmaRuleException> errors = new ArrayList<>();
    for (Path file : files) {
      SigmaParseResult result = parser.parseFile(file);
      rules.addAll(result.rules());
      filters.addAll(result.filters());
      correlationRules.addAll(result.correlations());
      errors.addAll(result.errors());
    }

    // The pack's correlations are resolved together with the user's, so either may reference
    // rules of the other, exactly as correlations of two --rules folders may.
    List<SigmaRule> all = new ArrayList<>(builtin);
    all.addAll(rules);
    List<SigmaCorrelationRule> allCorrelations = new ArrayList<>(pack.correlations());
    allCorrelations.addAll(correlationRules);
    CorrelationSet correlations = CorrelationSet.resolve(all, allCorrelations);
    errors.addAll(correlations.errors());
    SigmaParseResult user = new SigmaParseResult(rules, filters, correlationRules, errors);
    List<SigmaFilter> allFilters = new ArrayList<>(pack.filters());
    allFilters.addAll(filters);
    SigmaRuleSet ruleSet = SigmaRuleSet.compile(all, allFilters, config);
    return new LoadedRules(
        builtin, pack.correlations(), user, files, emptyPaths, ruleSet, correlations);
  }

  /** Returns the built-in rules followed by the user's, in the order of the rule set. */
  List<SigmaRule> rules() {
    return ruleSet.rules().stream().map(compiled -> compiled.rule()).toList();
  }

  /** Returns how many of the user's correlation rules resolved, so they will run. */
  int resolvedUserCorrelations() {
    Set<SigmaCorrelationRule> resolved = Collections.newSetFromMap(new IdentityHashMap<>());
    for (ResolvedCorrelation correlation : correlations.correlations()) {
      resolved.add(correlation.rule());
    }
    return (int) user.correlations().stream().filter(resolved::contains).count();
  }

  /** Returns the documents of the user's files that were rejected, with their locations. */
  List<SigmaRuleException> errors() {
    return user.errors();
  }

  /**
   * Returns what loads but deserves a look: filter entries that name no loaded rule or a rule
   * outside the filter's log source, and rule ids used twice (their findings would share one id).
   */
  List<SigmaRuleException> warnings() {
    List<SigmaRuleException> warnings = new ArrayList<>(ruleSet.problems());
    Map<String, SigmaRule> byId = new HashMap<>();
    for (SigmaRule rule : rules()) {
      if (rule.id() == null) {
        continue;
      }
      SigmaRule first = byId.putIfAbsent(rule.id(), rule);
      if (first != null) {
        warnings.add(
            new SigmaRuleException(
                rule.location(),
                "rule id "
                    + rule.id()
                    + " is also used by '"
                    + first.title()
                    + "' at "
                    + first.location()
                    + "; findings of both rules share this id"));
      }
    }
    return warnings;
  }

  /** Returns a summary such as {@code loaded 52 rules and 1 filter (3 not loaded)}. */
  String summary() {
    List<SigmaRule> all = new ArrayList<>(builtin);
    all.addAll(user.rules());
    List<SigmaCorrelationRule> allCorrelations = new ArrayList<>(builtinCorrelations);
    allCorrelations.addAll(user.correlations());
    return new SigmaParseResult(all, user.filters(), allCorrelations, user.errors()).summary();
  }

  private static List<Path> ruleFiles(Path path) throws IOException {
    if (!Files.isDirectory(path)) {
      if (!Files.exists(path)) {
        throw new NoSuchFileException(path.toString());
      }
      // A test-event file contains no rules: load the rule file beside it, so that
      // `rules test x.tests.yml` tests rule x. Its test file `rules test` finds by itself.
      String name = path.getFileName().toString();
      boolean testFile = name.toLowerCase(Locale.ROOT).endsWith(SigmaRuleParser.TEST_FILE_SUFFIX);
      if (!testFile) {
        return List.of(path);
      }
      String base = name.substring(0, name.length() - SigmaRuleParser.TEST_FILE_SUFFIX.length());
      for (String extension : List.of(".yml", ".yaml")) {
        Path rule = path.resolveSibling(base + extension);
        if (Files.isRegularFile(rule)) {
          return List.of(rule);
        }
      }
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(path)) {
      return walk.filter(Files::isRegularFile)
          .filter(file -> SigmaRuleParser.isRuleFile(file.getFileName().toString()))
          .sorted()
          .collect(Collectors.toList());
    }
  }
}
