package dev.skywarden.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skywarden.core.detect.DetectorRun;
import dev.skywarden.core.detect.SigmaDetector;
import dev.skywarden.core.detect.correlation.CorrelationLimits;
import dev.skywarden.core.event.CloudEvent;
import dev.skywarden.core.event.SourceLocation;
import dev.skywarden.core.finding.DetectionHit;
import dev.skywarden.core.input.InputSource;
import dev.skywarden.core.input.LogReader;
import dev.skywarden.core.input.RawRecord;
import dev.skywarden.core.input.RecordSink;
import dev.skywarden.core.normalize.EventNormalizer;
import dev.skywarden.core.normalize.NormalizeResult;
import dev.skywarden.core.sigma.CompiledRule;
import dev.skywarden.core.sigma.SigmaEvent;
import dev.skywarden.core.sigma.SigmaRuleSet;
import dev.skywarden.core.stats.SkippedRecord;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Throughput of the Sigma engine on one thread, in CloudTrail events per second. One operation is
 * one event: each invocation runs the whole corpus of {@value EventCorpus#SIZE} records.
 *
 * <ul>
 *   <li>{@link #match}: {@link SigmaRuleSet#forEachMatch} alone, on events parsed and normalised at
 *       setup. This is the rule engine: log source routing, the index, and the rule predicates.
 *   <li>{@link #detect}: {@link SigmaDetector#detect} on the same events, which also builds a hit
 *       with its explanation for each match.
 *   <li>{@link #pipeline}: the whole per-event path of a hunt from bytes: the {@link LogReader}
 *       streams the corpus as JSON Lines, the {@link EventNormalizer} builds each event, and the
 *       detector runs. Finding aggregation and report writing are left out.
 * </ul>
 *
 * <p>The {@code rules} parameter picks the rule set (see {@link BenchRuleSets}). With correlation
 * rules, {@link #detect} and {@link #pipeline} run the corpus through one hunt run ({@link
 * DetectorRun}) as a hunt does: the run collects the matches the correlations reference and
 * evaluates them when it finishes, and its firings become hits too.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Benchmark)
@Threads(1)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class SigmaBenchmark {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Param({
    BenchRuleSets.BUILTIN,
    BenchRuleSets.BUILTIN_SIGMAHQ,
    BenchRuleSets.BUILTIN_SIGMAHQ_CORRELATIONS
  })
  public String rules;

  private SigmaRuleSet ruleSet;
  private SigmaDetector detector;
  private EventNormalizer normalizer;
  private LogReader reader;
  private byte[] jsonLines;
  private CloudEvent[] events;
  private SigmaEvent[] sigmaEvents;

  /**
   * Loads the rule set and builds the corpus, then prints the corpus make-up and how many of its
   * events fire a rule, so that the figures can be read against the share of hits.
   *
   * @throws IllegalStateException when data is missing or a corpus record does not normalise
   */
  @Setup(Level.Trial)
  public void setUp() throws IOException {
    BenchRuleSets.Loaded loaded = BenchRuleSets.load(rules);
    ruleSet = loaded.ruleSet();
    detector = new SigmaDetector(ruleSet, loaded.correlations(), CorrelationLimits.DEFAULTS);
    normalizer = new EventNormalizer();
    reader = new LogReader();

    List<byte[]> records =
        EventCorpus.build(
            SharedData.require("stratus/logs"), EventCorpus.SIZE, EventCorpus.ATTACK_PERCENT, 42L);
    jsonLines = EventCorpus.jsonLines(records);
    events = new CloudEvent[records.size()];
    sigmaEvents = new SigmaEvent[records.size()];
    for (int i = 0; i < records.size(); i++) {
      events[i] = normalise(records.get(i), i);
      sigmaEvents[i] =
          SigmaEvent.of(
              events[i].kind().sigmaProduct(),
              events[i].kind().sigmaService(),
              null,
              events[i].raw());
    }
    printCorpus();
  }

  /** Matches the rule set alone against events parsed and normalised at setup. */
  @Benchmark
  @OperationsPerInvocation(EventCorpus.SIZE)
  public void match(Blackhole blackhole) {
    Consumer<CompiledRule> consume = blackhole::consume;
    for (SigmaEvent event : sigmaEvents) {
      ruleSet.forEachMatch(event, consume);
    }
  }

  /** Runs the Sigma detector, which also builds hits, on events normalised at setup. */
  @Benchmark
  @OperationsPerInvocation(EventCorpus.SIZE)
  public void detect(Blackhole blackhole) {
    Consumer<DetectionHit> consume = blackhole::consume;
    DetectorRun run = detector.startRun();
    for (CloudEvent event : events) {
      run.detect(event, consume);
    }
    run.finish(consume);
  }

  /** Reads the corpus from JSON Lines bytes, normalises each record and runs the detector. */
  @Benchmark
  @OperationsPerInvocation(EventCorpus.SIZE)
  public void pipeline(Blackhole blackhole) {
    Consumer<DetectionHit> consume = blackhole::consume;
    DetectorRun run = detector.startRun();
    RecordSink sink =
        new RecordSink() {
          @Override
          public void accept(RawRecord record) {
            NormalizeResult result = normalizer.normalize(record);
            if (result instanceof NormalizeResult.Normalized normalized) {
              run.detect(normalized.event(), consume);
            } else {
              blackhole.consume(result);
            }
          }

          @Override
          public void skip(SkippedRecord skipped) {
            blackhole.consume(skipped);
          }
        };
    blackhole.consume(
        reader.read(
            InputSource.ofStream("corpus.jsonl", new ByteArrayInputStream(jsonLines)), sink));
    run.finish(consume);
  }

  /** Returns the events that {@link #match} runs; valid after {@link #setUp}. */
  SigmaEvent[] sigmaEvents() {
    return sigmaEvents.clone();
  }

  private CloudEvent normalise(byte[] record, int index) throws IOException {
    RawRecord raw =
        new RawRecord(
            MAPPER.readTree(record), new SourceLocation("corpus.jsonl", index + 1L, index + 1L));
    NormalizeResult result = normalizer.normalize(raw);
    if (!(result instanceof NormalizeResult.Normalized normalized)) {
      throw new IllegalStateException("corpus record " + (index + 1) + " skipped: " + result);
    }
    return normalized.event();
  }

  private void printCorpus() {
    int correlationHits = 0;
    if (!detector.correlations().isEmpty()) {
      List<DetectionHit> hits = new ArrayList<>();
      DetectorRun run = detector.startRun();
      for (CloudEvent event : events) {
        run.detect(event, hit -> {});
      }
      run.finish(hits::add);
      correlationHits = hits.size();
    }
    int withHit = 0;
    int hits = 0;
    for (SigmaEvent event : sigmaEvents) {
      List<CompiledRule> matched = new ArrayList<>(ruleSet.match(event));
      hits += matched.size();
      withHit += matched.isEmpty() ? 0 : 1;
    }
    System.out.printf(
        Locale.ROOT,
        "%n[setup] rules=%s: %d rules (%d indexed); corpus: %d events, %d%% from Stratus logs,"
            + " %d events fire a rule (%.1f%%), %d hits; %d correlations, %d correlation hits%n",
        rules,
        ruleSet.size(),
        ruleSet.indexedRuleCount(),
        events.length,
        EventCorpus.ATTACK_PERCENT,
        withHit,
        100.0 * withHit / events.length,
        hits,
        detector.correlations().correlations().size(),
        correlationHits);
  }
}
