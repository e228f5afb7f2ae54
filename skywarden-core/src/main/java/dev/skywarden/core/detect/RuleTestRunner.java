package dev.skywarden.core.detect;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skywarden.core.detect.RuleTestCase.Expectation;
import dev.skywarden.core.detect.correlation.CorrelationLimits;
import dev.skywarden.core.event.CloudEvent;
import dev.skywarden.core.event.SourceLocation;
import dev.skywarden.core.finding.DetectionHit;
import dev.skywarden.core.input.RawRecord;
import dev.skywarden.core.normalize.EventNormalizer;
import dev.skywarden.core.normalize.NormalizeResult;
import dev.skywarden.core.sigma.CompiledRule;
import dev.skywarden.core.sigma.SigmaRuleParser;
import dev.skywarden.core.sigma.SigmaRuleSet;
import dev.skywarden.core.sigma.correlation.CorrelationSet;
import dev.skywarden.core.sigma.correlation.ResolvedCorrelation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Runs the test records of Sigma rules through the real pipeline: each record is wrapped as a
 * {@link RawRecord}, normalised by the {@link EventNormalizer} and evaluated by a {@link
 * SigmaDetector} over the whole rule set, so a record is tested with the same log-source routing,
 * record repair and index as in a hunt.
 *
 * <p>A {@code match} case passes when the rule under test is among the rules that fire; other rules
 * may fire as well. A {@code nomatch} case passes when the rule under test does not fire. A record
 * that the normaliser skips fails either way, because a near miss that never reaches the rules
 * tests nothing.
 *
 * <p>A case of a correlation rule is a sequence of records: they run in order through one hunt run
 * of a detector with the correlations (the {@link DetectorRun} a hunt uses), and the case passes
 * when the correlation is among the rules that reported a hit once the run finished, or for {@code
 * nomatch}, when it is not. A single record tested against a correlation rule is a sequence of one.
 *
 * <p>Immutable and thread-safe.
 */
public final class RuleTestRunner {

  private final SigmaDetector detector;
  private final SigmaDetector correlating;
  private final EventNormalizer normalizer;
  private final Set<String> ruleIds;
  private final Set<String> correlationIds;

  /** Creates a runner over {@code rules} with the standard normaliser and client list. */
  public RuleTestRunner(SigmaRuleSet rules) {
    this(rules, CorrelationSet.empty());
  }

  /**
   * Creates a runner over {@code rules} and {@code correlations}, which must have been resolved
   * against the rules of {@code rules} (the same instances), with the standard normaliser.
   */
  public RuleTestRunner(SigmaRuleSet rules, CorrelationSet correlations) {
    this(rules, correlations, new EventNormalizer());
  }

  public RuleTestRunner(SigmaRuleSet rules, EventNormalizer normalizer) {
    this(rules, CorrelationSet.empty(), normalizer);
  }

  /** Creates a runner over {@code rules} and {@code correlations} with {@code normalizer}. */
  public RuleTestRunner(
      SigmaRuleSet rules, CorrelationSet correlations, EventNormalizer normalizer) {
    this.detector = new SigmaDetector(Objects.requireNonNull(rules, "rules"));
    // A rule or correlation under test is seen to fire even when a correlation that references it
    // hides its findings in a hunt (no generate: true).
    this.correlating =
        new SigmaDetector(rules, correlations.reportingAllFindings(), CorrelationLimits.DEFAULTS);
    this.normalizer = Objects.requireNonNull(normalizer, "normalizer");
    this.ruleIds =
        rules.rules().stream()
            .map(CompiledRule::rule)
            .map(rule -> rule.id() != null ? rule.id() : rule.title())
            .collect(Collectors.toUnmodifiableSet());
    this.correlationIds =
        correlations.correlations().stream()
            .map(ResolvedCorrelation::key)
            .collect(Collectors.toUnmodifiableSet());
  }

  /**
   * Returns the test files at a path: the path itself when it is a file ending in {@value
   * SigmaRuleParser#TEST_FILE_SUFFIX}, the test file beside it when it is a rule file, or every
   * test file under it in path order when it is a directory.
   *
   * @throws IOException when the directory cannot be listed
   */
  public static List<Path> findTestFiles(Path fileOrDirectory) throws IOException {
    if (Files.isDirectory(fileOrDirectory)) {
      try (Stream<Path> walk = Files.walk(fileOrDirectory)) {
        return walk.filter(Files::isRegularFile)
            .filter(RuleTestRunner::isTestFile)
            .sorted()
            .collect(Collectors.toList());
      }
    }
    if (isTestFile(fileOrDirectory)) {
      return List.of(fileOrDirectory);
    }
    String name = fileOrDirectory.getFileName().toString();
    int dot = name.lastIndexOf('.');
    String base = dot > 0 ? name.substring(0, dot) : name;
    Path beside = fileOrDirectory.resolveSibling(base + SigmaRuleParser.TEST_FILE_SUFFIX);
    return Files.isRegularFile(beside) ? List.of(beside) : List.of();
  }

  /**
   * Reads a test file and runs every case in it.
   *
   * @throws IOException when the file cannot be read
   * @throws IllegalArgumentException when it is not a valid test file
   */
  public List<RuleTestResult> run(Path testFile) throws IOException {
    return run(RuleTestFile.read(testFile));
  }

  /** Runs every case of a parsed test file, in file order. */
  public List<RuleTestResult> run(RuleTestFile file) {
    List<RuleTestResult> results = new ArrayList<>();
    for (RuleTestCase testCase : file.cases()) {
      results.add(run(testCase));
    }
    return results;
  }

  /** Runs one case. */
  public RuleTestResult run(RuleTestCase testCase) {
    boolean correlation = correlationIds.contains(testCase.ruleId());
    if (!correlation && !ruleIds.contains(testCase.ruleId())) {
      return new RuleTestResult(
          testCase,
          false,
          List.of(),
          testCase.name()
              + ": no loaded rule or correlation has id "
              + testCase.ruleId()
              + "; check the 'rule' key, and that the rule loaded");
    }

    RecordEvaluation evaluation;
    if (correlation || testCase.isSequence()) {
      evaluation = evaluateSequence(testCase);
    } else {
      evaluation = evaluate(testCase.record(), testCase.location());
    }
    if (evaluation.isSkipped()) {
      return new RuleTestResult(
          testCase,
          false,
          List.of(),
          testCase.name()
              + " (line "
              + testCase.location().line()
              + "): record skipped by the normaliser: "
              + evaluation.skipped().message());
    }

    List<String> fired = evaluation.ruleIds();
    boolean firedRule = fired.contains(testCase.ruleId());
    boolean expected = testCase.expectation() == Expectation.MATCH;
    if (firedRule == expected) {
      return new RuleTestResult(testCase, true, fired, "");
    }
    String verdict = expected ? "did not fire" : "fired";
    return new RuleTestResult(
        testCase,
        false,
        fired,
        String.format(
            Locale.ROOT,
            "%s (line %d): rule %s %s; rules that fired: %s",
            testCase.name(),
            testCase.location().line(),
            testCase.ruleId(),
            verdict,
            fired));
  }

  /**
   * Runs the records of a sequence case (or its one record) in order through one hunt run with the
   * correlations. Returns the first skip, or the distinct rule ids of every hit, in the order first
   * reported.
   */
  private RecordEvaluation evaluateSequence(RuleTestCase testCase) {
    List<JsonNode> records = new ArrayList<>();
    if (testCase.isSequence()) {
      testCase.record().forEach(records::add);
    } else {
      records.add(testCase.record());
    }

    DetectorRun run = correlating.startRun();
    List<DetectionHit> hits = new ArrayList<>();
    CloudEvent last = null;
    for (int i = 0; i < records.size(); i++) {
      SourceLocation location =
          new SourceLocation(testCase.location().input(), i + 1L, testCase.location().line());
      NormalizeResult result = normalizer.normalize(new RawRecord(records.get(i), location));
      if (result instanceof NormalizeResult.Skipped skipped) {
        return new RecordEvaluation(null, skipped.skipped(), List.of());
      }
      last = ((NormalizeResult.Normalized) result).event();
      run.detect(last, hits::add);
    }
    run.finish(hits::add);

    // One hit per rule is enough to tell which rules fired; a correlation reports one per event.
    Set<String> seen = new LinkedHashSet<>();
    List<DetectionHit> distinct = new ArrayList<>();
    for (DetectionHit hit : hits) {
      if (seen.add(hit.ruleId())) {
        distinct.add(hit);
      }
    }
    return new RecordEvaluation(last, null, distinct);
  }

  /**
   * Normalises one raw record and runs the rule set over the event.
   *
   * @param record the raw log record
   * @param location where the record was read, for the event and skip messages
   */
  public RecordEvaluation evaluate(JsonNode record, SourceLocation location) {
    NormalizeResult result = normalizer.normalize(new RawRecord(record, location));
    if (result instanceof NormalizeResult.Skipped skipped) {
      return new RecordEvaluation(null, skipped.skipped(), List.of());
    }
    NormalizeResult.Normalized normalized = (NormalizeResult.Normalized) result;
    List<DetectionHit> hits = new ArrayList<>();
    detector.detect(normalized.event(), hits::add);
    return new RecordEvaluation(normalized.event(), null, hits);
  }

  private static boolean isTestFile(Path path) {
    return path.getFileName()
        .toString()
        .toLowerCase(Locale.ROOT)
        .endsWith(SigmaRuleParser.TEST_FILE_SUFFIX);
  }
}
