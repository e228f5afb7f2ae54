package dev.skywarden.core.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skywarden.core.catalog.ControlCatalog;
import dev.skywarden.core.detect.Detector;
import dev.skywarden.core.detect.DetectorRun;
import dev.skywarden.core.event.ActorType;
import dev.skywarden.core.event.CloudEvent;
import dev.skywarden.core.finding.DetectionHit;
import dev.skywarden.core.finding.Finding;
import dev.skywarden.core.finding.FindingAggregator;
import dev.skywarden.core.hunt.HuntProgress;
import dev.skywarden.core.hunt.HuntResult;
import dev.skywarden.core.hunt.Hunter;
import dev.skywarden.core.hunt.RecordRereader;
import dev.skywarden.core.hunt.RereadingRun;
import dev.skywarden.core.input.InputDiscovery;
import dev.skywarden.core.input.InputSource;
import dev.skywarden.core.input.InputWalk;
import dev.skywarden.core.input.LogReader;
import dev.skywarden.core.input.RawRecord;
import dev.skywarden.core.input.RecordSink;
import dev.skywarden.core.normalize.EventNormalizer;
import dev.skywarden.core.normalize.NormalizeResult;
import dev.skywarden.core.report.JsonLinesFindingWriter;
import dev.skywarden.core.stats.SkippedRecord;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Evidence kept as references to records and read again from CloudTrail files when the run
 * finishes, compared with evidence kept as copies of the same events. Also covers files that change
 * or vanish before the run finishes.
 */
class EvidenceRereadTest {

  private static final int FILES = 6;

  private static final BehaviourGenerator.Scenario SCENARIO =
      new BehaviourGenerator(11L).generate(40, 3, true);

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path folder;

  private final LogReader reader = new LogReader();
  private final EventNormalizer normalizer = new EventNormalizer();
  private final ListAppender<ILoggingEvent> warnings = new ListAppender<>();
  private List<Path> files;

  @BeforeEach
  void writeTrail() throws IOException {
    files = writeFiles(SCENARIO.events());
    warnings.start();
    logger().addAppender(warnings);
  }

  @AfterEach
  void detachLog() {
    logger().detachAppender(warnings);
  }

  @Test
  void references_sameFindingsAsCopies() {
    List<CloudEvent> events = readEvents(files);

    Outcome copies = run(events, false, () -> {});
    Outcome references = run(events, true, () -> {});
    // Events of the files interleaved, so each input gets many numbers (InputNames).
    List<CloudEvent> shuffled = new ArrayList<>(events);
    java.util.Collections.shuffle(shuffled, new java.util.Random(3));
    Outcome interleaved = run(shuffled, true, () -> {});

    assertThat(copies.keptEvidence).as("evidence kept without a rereader").isEqualTo("copies");
    assertThat(references.keptEvidence).as("evidence kept with a rereader").isEqualTo("references");
    assertThat(behavioural(copies.findings)).as("behavioural findings").isNotEmpty();
    assertThat(lines(references.findings)).isEqualTo(lines(copies.findings));
    assertThat(lines(interleaved.findings))
        .as("findings with the events of all files interleaved")
        .isEqualTo(lines(copies.findings));
    assertThat(references.summary.hitsWithoutEvidence()).isZero();
    assertThat(interleaved.summary.hitsWithoutEvidence()).isZero();
    assertThat(warnings.list).as("warnings").isEmpty();
  }

  @Test
  void huntOfFiles_sameFindingsAsStreams() throws InterruptedException, IOException {
    List<InputDiscovery.UserInput> streams = new ArrayList<>();
    for (Path file : files) {
      byte[] bytes = Files.readAllBytes(file);
      // Named like the file, so locations and findings can be compared byte for byte.
      streams.add(
          new InputDiscovery.UserInput(
              file.toString(),
              List.of(InputSource.ofStream(file.toString(), new ByteArrayInputStream(bytes)))));
    }

    HuntResult fromFiles =
        hunter()
            .hunt(
                new InputDiscovery(new ByteArrayInputStream(new byte[0]))
                    .discover(List.of(folder.toString())),
                new HuntProgress());
    HuntResult fromStreams = hunter().hunt(InputWalk.of(streams), new HuntProgress());

    assertThat(behavioural(fromFiles.findings())).as("behavioural findings").isNotEmpty();
    assertThat(lines(fromFiles.findings())).isEqualTo(lines(fromStreams.findings()));
  }

  @Test
  void rereaderForFiles_noneForStandardInput() throws IOException, InterruptedException {
    assertThat(rereaderFor(List.of(folder.toString()))).as("directory").isTrue();
    assertThat(rereaderFor(List.of(files.get(0).toString()))).as("file").isTrue();
    assertThat(rereaderFor(List.of(folder.toString(), "-"))).as("standard input").isFalse();
  }

  @Test
  void changedAndVanishedFiles_warnAndCount() {
    List<CloudEvent> events = readEvents(files);
    Outcome intact = run(events, true, () -> {});
    Path vanished = files.get(1);
    Path changed = files.get(2);

    Outcome damaged =
        run(
            events,
            true,
            () -> {
              try {
                Files.delete(vanished);
                rewriteWithOtherIds(changed);
              } catch (IOException e) {
                throw new IllegalStateException(e);
              }
            });

    List<String> messages = warnings.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    assertThat(damaged.summary.hitsWithoutEvidence()).as("hits without evidence").isPositive();
    assertThat(behavioural(damaged.findings))
        .as("findings of the files left intact")
        .isNotEmpty()
        .hasSizeLessThan(behavioural(intact.findings).size());
    assertThat(messages)
        .as("warning on the vanished file")
        .anySatisfy(
            message ->
                assertThat(message).contains(vanished.toString()).contains("no longer exists"));
    assertThat(messages)
        .as("warning on a record of the changed file")
        .anySatisfy(
            message ->
                assertThat(message)
                    .containsPattern("record \\d+ of " + changed.toString().replace("\\", "\\\\"))
                    .contains("another event is there"));
  }

  @Test
  void recordChangedKeepingIdAndTime_warned() {
    List<CloudEvent> events = readEvents(files);
    Outcome intact = run(events, true, () -> {});
    Path changed = files.get(2);

    Outcome damaged =
        run(
            events,
            true,
            () -> {
              try {
                rewriteWithOtherSources(changed);
              } catch (IOException e) {
                throw new IllegalStateException(e);
              }
            });

    List<String> messages = warnings.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    assertThat(damaged.summary.hitsWithoutEvidence()).as("hits without evidence").isPositive();
    assertThat(behavioural(damaged.findings))
        .as("findings of the files left intact")
        .hasSizeLessThan(behavioural(intact.findings).size());
    assertThat(String.join("\n", lines(damaged.findings)))
        .as("findings")
        .doesNotContain(REPLACED_SOURCE);
    assertThat(messages)
        .as("warning on a record of the changed file")
        .anySatisfy(
            message ->
                assertThat(message)
                    .containsPattern("record \\d+ of " + changed.toString().replace("\\", "\\\\")));
  }

  /** What one run of the analytics gave, and how it kept its evidence. */
  private record Outcome(List<Finding> findings, AnalyticsSummary summary, String keptEvidence) {}

  /**
   * Runs the analytics over {@code events}, keeping references when {@code references} is set, and
   * calls {@code beforeFinish} after the last event.
   */
  private Outcome run(List<CloudEvent> events, boolean references, Runnable beforeFinish) {
    BehaviouralAnalytics analytics =
        new BehaviouralAnalytics(
            AnalyticsOptions.DEFAULTS, SavedState.EMPTY, state -> {}, AnalyticsHarness.CLOCK);
    AnalyticsRun run = (AnalyticsRun) analytics.startRun();
    if (references) {
      run.rereadWith(new RecordRereader(reader, normalizer, null));
    }
    FindingAggregator aggregator = new FindingAggregator();
    for (CloudEvent event : events) {
      run.detect(event, aggregator::add);
    }
    String kept = keptEvidence(run);
    beforeFinish.run();
    run.finish(aggregator::add);
    return new Outcome(aggregator.findings(), analytics.lastSummary(), kept);
  }

  /**
   * Returns "references" or "copies" when all the evidence of the run's buckets and network runs is
   * of that kind.
   */
  private static String keptEvidence(AnalyticsRun run) {
    List<Evidence> kept = new ArrayList<>();
    for (Profile profile : run.profiles()) {
      for (TimeBucket bucket : profile.buckets()) {
        kept.add(bucket.first());
      }
      if (profile.networkRuns() != null) {
        for (NetworkRuns.Run networkRun : profile.networkRuns().runs()) {
          kept.add(networkRun.firstEvent);
        }
      }
    }
    List<String> kinds = new ArrayList<>();
    for (Evidence evidence : kept) {
      kinds.add(evidence instanceof Evidence.Reference ? "references" : "copies");
    }
    return kinds.stream().distinct().reduce((a, b) -> a + " and " + b).orElse("none");
  }

  private Hunter hunter() {
    BehaviouralAnalytics analytics =
        new BehaviouralAnalytics(
            AnalyticsOptions.DEFAULTS, SavedState.EMPTY, state -> {}, AnalyticsHarness.CLOCK);
    return new Hunter(reader, normalizer, List.of(analytics), ControlCatalog.bundled(), 2);
  }

  /** Returns whether a hunt of {@code userPaths} offers its runs a rereader. */
  private boolean rereaderFor(List<String> userPaths) throws IOException, InterruptedException {
    AtomicReference<Boolean> offered = new AtomicReference<>(false);
    Detector recorder =
        new Detector() {
          @Override
          public String name() {
            return "offer recorder";
          }

          @Override
          public void detect(CloudEvent event, Consumer<DetectionHit> hits) {}

          @Override
          public DetectorRun startRun() {
            return new OfferedRun(offered);
          }
        };
    Hunter hunter = new Hunter(reader, normalizer, List.of(recorder), ControlCatalog.bundled(), 1);
    hunter.hunt(
        new InputDiscovery(new ByteArrayInputStream(new byte[0])).discover(userPaths),
        new HuntProgress());
    return offered.get();
  }

  /** A run that records whether the hunt offered it a rereader. */
  private record OfferedRun(AtomicReference<Boolean> offered) implements DetectorRun, RereadingRun {
    @Override
    public void detect(CloudEvent event, Consumer<DetectionHit> hits) {}

    @Override
    public void rereadWith(RecordRereader rereader) {
      offered.set(true);
    }
  }

  /** Reads the events of files the way a hunt does, with the real reader and normaliser. */
  private List<CloudEvent> readEvents(List<Path> paths) {
    List<CloudEvent> events = new ArrayList<>();
    for (Path path : paths) {
      reader.read(
          InputSource.ofFile(path),
          new RecordSink() {
            @Override
            public void accept(RawRecord record) {
              if (normalizer.normalize(record) instanceof NormalizeResult.Normalized normalized) {
                events.add(normalized.event());
              }
            }

            @Override
            public void skip(SkippedRecord skipped) {
              throw new AssertionError("record skipped: " + skipped.message());
            }
          });
    }
    assertThat(events).as("events read").hasSize(SCENARIO.events().size());
    return events;
  }

  /**
   * Writes the events as CloudTrail files, spread round-robin over {@link #FILES} files so that one
   * identity's evidence lies in several of them.
   */
  private List<Path> writeFiles(List<CloudEvent> events) throws IOException {
    List<ArrayNode> records = new ArrayList<>();
    for (int i = 0; i < FILES; i++) {
      records.add(JSON.createArrayNode());
    }
    for (int i = 0; i < events.size(); i++) {
      records.get(i % FILES).add(cloudTrail(events.get(i)));
    }
    List<Path> written = new ArrayList<>();
    for (int i = 0; i < FILES; i++) {
      Path file = folder.resolve("trail-" + i + ".json");
      ObjectNode document = JSON.createObjectNode();
      document.set("Records", records.get(i));
      JSON.writeValue(file.toFile(), document);
      written.add(file);
    }
    return written;
  }

  /** Rewrites a CloudTrail file with the same records under new event ids. */
  private static void rewriteWithOtherIds(Path file) throws IOException {
    JsonNode document = JSON.readTree(file.toFile());
    for (JsonNode record : document.get("Records")) {
      ((ObjectNode) record).put("eventID", "replaced-" + record.get("eventID").asText());
    }
    JSON.writeValue(file.toFile(), document);
  }

  /** The source address that {@link #rewriteWithOtherSources} writes. */
  private static final String REPLACED_SOURCE = "192.0.2.250";

  /** Rewrites a CloudTrail file with the same event ids and times but another source address. */
  private static void rewriteWithOtherSources(Path file) throws IOException {
    JsonNode document = JSON.readTree(file.toFile());
    for (JsonNode record : document.get("Records")) {
      ((ObjectNode) record).put("sourceIPAddress", REPLACED_SOURCE);
    }
    JSON.writeValue(file.toFile(), document);
  }

  /** Returns a CloudTrail record that the normaliser turns into an event like {@code event}. */
  private static ObjectNode cloudTrail(CloudEvent event) {
    ObjectNode record = JSON.createObjectNode();
    record.put("eventVersion", "1.08");
    record.put("eventTime", event.time().toString());
    record.put("eventSource", event.api().service() + ".amazonaws.com");
    record.put("eventName", event.api().operation());
    record.put("awsRegion", event.region());
    record.put("sourceIPAddress", event.source().text());
    record.put("userAgent", event.userAgent());
    record.put("eventID", event.eventId());
    record.put("recipientAccountId", event.account());

    ObjectNode identity = record.putObject("userIdentity");
    boolean session = event.actor().type() == ActorType.ROLE_SESSION;
    identity.put("type", session ? "AssumedRole" : "IAMUser");
    identity.put("principalId", event.actor().principalId());
    identity.put("arn", event.actor().name());
    identity.put("accountId", event.actor().accountId());
    identity.put("accessKeyId", event.credential().id());
    if (session) {
      ObjectNode issuer = identity.putObject("sessionContext").putObject("sessionIssuer");
      issuer.put("type", "Role");
      issuer.put("arn", event.actor().sessionIssuer());
    }

    if (!event.outcome().success()) {
      record.put("errorCode", event.outcome().errorCode());
      record.put("errorMessage", event.outcome().errorMessage());
    }
    JsonNode parameters = event.raw().get("requestParameters");
    if (parameters != null) {
      record.set("requestParameters", parameters);
    }
    return record;
  }

  private static List<Finding> behavioural(List<Finding> findings) {
    return findings.stream().filter(Finding::behavioural).toList();
  }

  private static List<String> lines(List<Finding> findings) {
    JsonLinesFindingWriter writer = new JsonLinesFindingWriter();
    return findings.stream().map(finding -> writer.toJson(finding).toString()).toList();
  }

  private static Logger logger() {
    Logger logger = (Logger) LoggerFactory.getLogger(EvidenceStore.class);
    logger.setLevel(Level.WARN);
    return logger;
  }
}
