package dev.skywarden.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skywarden.core.analytics.BehaviouralAnalytics;
import dev.skywarden.core.detect.DetectorRun;
import dev.skywarden.core.event.CloudEvent;
import dev.skywarden.core.event.SourceLocation;
import dev.skywarden.core.finding.DetectionHit;
import dev.skywarden.core.input.RawRecord;
import dev.skywarden.core.normalize.EventNormalizer;
import dev.skywarden.core.normalize.NormalizeResult;
import java.io.IOException;
import java.util.List;
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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Cost of the behavioural analytics' profile updates on one thread, in CloudTrail events per
 * second: {@link DetectorRun#detect} of a {@link BehaviouralAnalytics} run over the {@value
 * EventCorpus#SIZE} events of the corpus, normalised at setup. One run serves every invocation, so
 * after the first pass the profiles hold every value and the figure is the steady state of a long
 * hunt: feature extraction, the per-profile lock and the aggregate updates. {@link
 * DetectorRun#finish} is left out, because it runs once per hunt.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Benchmark)
@Threads(1)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class AnalyticsBenchmark {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private CloudEvent[] events;
  private DetectorRun run;

  /**
   * Builds the corpus and starts one analytics run.
   *
   * @throws IllegalStateException when data is missing or a corpus record does not normalise
   */
  @Setup(Level.Trial)
  public void setUp() throws IOException {
    EventNormalizer normalizer = new EventNormalizer();
    List<byte[]> records =
        EventCorpus.build(
            SharedData.require("stratus/logs"), EventCorpus.SIZE, EventCorpus.ATTACK_PERCENT, 42L);
    events = new CloudEvent[records.size()];
    for (int i = 0; i < records.size(); i++) {
      RawRecord raw =
          new RawRecord(
              MAPPER.readTree(records.get(i)), new SourceLocation("corpus.jsonl", i + 1L, i + 1L));
      NormalizeResult result = normalizer.normalize(raw);
      if (!(result instanceof NormalizeResult.Normalized normalized)) {
        throw new IllegalStateException("corpus record " + (i + 1) + " skipped: " + result);
      }
      events[i] = normalized.event();
    }
    run = new BehaviouralAnalytics().startRun();
  }

  /** Updates the profiles with every corpus event. */
  @Benchmark
  @OperationsPerInvocation(EventCorpus.SIZE)
  public void update(Blackhole blackhole) {
    Consumer<DetectionHit> consume = blackhole::consume;
    for (CloudEvent event : events) {
      run.detect(event, consume);
    }
  }
}
