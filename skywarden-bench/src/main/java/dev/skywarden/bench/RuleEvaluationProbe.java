package dev.skywarden.bench;

import dev.skywarden.core.event.CloudEvent;
import dev.skywarden.core.input.InputSource;
import dev.skywarden.core.input.LogReader;
import dev.skywarden.core.input.RawRecord;
import dev.skywarden.core.input.RecordSink;
import dev.skywarden.core.normalize.EventNormalizer;
import dev.skywarden.core.normalize.NormalizeResult;
import dev.skywarden.core.sigma.CompiledRule;
import dev.skywarden.core.sigma.SigmaEvent;
import dev.skywarden.core.sigma.SigmaRuleSet;
import dev.skywarden.core.sigma.match.EventFields;
import dev.skywarden.core.stats.SkippedRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Counts, per event, how many rules {@link SigmaRuleSet#forEachMatch} evaluates and how many of
 * them fail, and ranks the rules by the time spent evaluating them.
 *
 * <p>Usage: {@code java -Dskywarden.shared.dir=DIR -cp benchmarks.jar
 * dev.skywarden.bench.RuleEvaluationProbe [rule set, default builtin+sigmahq] [log folder...]}.
 * Without a folder it runs the corpus of {@link SigmaBenchmark}; with folders it reads every {@code
 * .json.gz} file under them. The corpus is evaluated five times and only the last pass is counted,
 * so the compiler has warmed up. A rule's time is measured with {@link System#nanoTime} around its
 * evaluation, so it includes about 20 ns of timer overhead, and the first rule that tests a field
 * pays for resolving it for all later ones.
 */
public final class RuleEvaluationProbe {

  private static final int PASSES = 5;
  private static final int TOP_RULES = 25;

  private RuleEvaluationProbe() {}

  /** Runs the probe and prints the counts and the costliest rules. */
  public static void main(String[] args) throws IOException {
    String ruleSetName = args.length > 0 ? args[0] : BenchRuleSets.BUILTIN_SIGMAHQ;
    SigmaRuleSet ruleSet = BenchRuleSets.load(ruleSetName).ruleSet();
    List<SigmaEvent> events = new ArrayList<>();
    if (args.length > 1) {
      for (int i = 1; i < args.length; i++) {
        readFolder(Path.of(args[i]), events);
      }
    } else {
      SigmaBenchmark benchmark = new SigmaBenchmark();
      benchmark.rules = ruleSetName;
      benchmark.setUp();
      events.addAll(List.of(benchmark.sigmaEvents()));
    }

    int ruleCount = ruleSet.size();
    long[] evaluated = new long[ruleCount];
    long[] matched = new long[ruleCount];
    long[] nanos = new long[ruleCount];
    long evaluations = 0;
    long matches = 0;
    for (int pass = 0; pass < PASSES; pass++) {
      boolean counted = pass == PASSES - 1;
      for (SigmaEvent event : events) {
        EventFields fields = new EventFields(event.document());
        BitSet candidates = ruleSet.candidates(event, fields);
        for (int i = candidates.nextSetBit(0); i >= 0; i = candidates.nextSetBit(i + 1)) {
          CompiledRule rule = ruleSet.rules().get(i);
          long start = System.nanoTime();
          boolean result = rule.matchesDocument(fields);
          long elapsed = System.nanoTime() - start;
          if (counted) {
            evaluated[i]++;
            nanos[i] += elapsed;
            evaluations++;
            if (result) {
              matched[i]++;
              matches++;
            }
          }
        }
      }
    }

    System.out.printf(
        Locale.ROOT,
        "rules=%s: %d rules (%d indexed), %d events%n"
            + "per event: %.2f rules evaluated, %.2f of them fail, %.3f match%n",
        ruleSetName,
        ruleCount,
        ruleSet.indexedRuleCount(),
        events.size(),
        (double) evaluations / events.size(),
        (double) (evaluations - matches) / events.size(),
        (double) matches / events.size());
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < ruleCount; i++) {
      if (evaluated[i] > 0) {
        order.add(i);
      }
    }
    order.sort(Comparator.comparingLong((Integer i) -> nanos[i]).reversed());
    long totalNanos = 0;
    for (long n : nanos) {
      totalNanos += n;
    }
    System.out.printf(
        Locale.ROOT,
        "%d rules evaluated at least once; %d ms in all%n",
        order.size(),
        totalNanos / 1_000_000);
    System.out.println("share  ns/event  evaluated  matched  rule");
    for (Integer i : order.subList(0, Math.min(TOP_RULES, order.size()))) {
      System.out.printf(
          Locale.ROOT,
          "%5.1f%% %8.1f %10d %8d  %s%n",
          100.0 * nanos[i] / totalNanos,
          (double) nanos[i] / events.size(),
          evaluated[i],
          matched[i],
          ruleSet.rules().get(i).rule().title());
    }
  }

  private static void readFolder(Path folder, List<SigmaEvent> events) throws IOException {
    EventNormalizer normalizer = new EventNormalizer();
    LogReader reader = new LogReader();
    RecordSink sink =
        new RecordSink() {
          @Override
          public void accept(RawRecord record) {
            if (normalizer.normalize(record) instanceof NormalizeResult.Normalized normalized) {
              CloudEvent event = normalized.event();
              events.add(
                  SigmaEvent.of(
                      event.kind().sigmaProduct(), event.kind().sigmaService(), null, event.raw()));
            }
          }

          @Override
          public void skip(SkippedRecord skipped) {
            // a record that does not normalise has no event to evaluate
          }
        };
    List<Path> files;
    try (Stream<Path> walk = Files.walk(folder)) {
      files = walk.filter(path -> path.toString().endsWith(".json.gz")).sorted().toList();
    }
    for (Path file : files) {
      reader.read(InputSource.ofFile(file), sink);
    }
  }
}
