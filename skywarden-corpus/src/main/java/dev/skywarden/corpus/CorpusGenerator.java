package dev.skywarden.corpus;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Generates a corpus: benign activity of a simulated organisation in AWS, Azure and GCP with attack
 * scenarios inserted, written in the providers' delivery layouts.
 *
 * <p>Layout under the output folder:
 *
 * <ul>
 *   <li>{@code logs/AWSLogs/ACCOUNT/CloudTrail/REGION/YYYY/MM/DD/*.json.gz}: CloudTrail, one gzip
 *       file per account, region and five minutes
 *   <li>{@code logs/insights-activity-logs/resourceId=/SUBSCRIPTIONS/.../PT1H.json}: the Azure
 *       Activity Log, and {@code logs/insights-logs-signinlogs/...} and {@code
 *       logs/insights-logs-auditlogs/...} for Entra ID, one JSON Lines file per hour
 *   <li>{@code
 *       logs/cloudaudit.googleapis.com/activity|data_access/YYYY/MM/DD/HH:00:00_HH:59:59_S0.json}:
 *       Cloud Audit Logs, one JSON Lines file per hour
 *   <li>{@code ip-ranges/}: the generator's cloud and hosting address ranges in the providers'
 *       published formats, for {@code hunt --ip-ranges} ({@link RangeFiles})
 *   <li>{@code ground-truth.jsonl}: one {@link GroundTruth} per scenario
 *   <li>{@code corpus.json}: the options and what was written
 * </ul>
 *
 * <p>The generator works through time in five-minute slices and holds only one slice's records, so
 * memory depends on the organisation's size, not the corpus size. The output depends only on the
 * options: worker threads build files in parallel, but every random choice comes from a stream
 * keyed by seed and coordinates, and the main thread writes the JSON Lines files in a fixed order.
 * Instances are not thread-safe; use one per run.
 */
public final class CorpusGenerator {

  /** Receives progress after every generated hour; called on the generating thread. */
  public interface Progress {
    void hourDone(Instant corpusTime, long records, long bytes);
  }

  /** The folder under the output that contains the range files for {@code hunt --ip-ranges}. */
  public static final String IP_RANGES_FOLDER = RangeFiles.FOLDER;

  private final CorpusOptions options;
  private final Organisation org;

  public CorpusGenerator(CorpusOptions options) {
    this.options = options;
    this.org = new Organisation(options);
  }

  /**
   * Generates the corpus into {@code out}.
   *
   * @param out a folder that does not exist or is empty
   * @throws IllegalArgumentException when {@code out} exists and is not an empty folder
   * @throws IOException when a file cannot be written
   * @throws InterruptedException when interrupted while waiting for workers
   */
  public CorpusSummary generate(Path out, Progress progress)
      throws IOException, InterruptedException {
    checkEmpty(out);
    Path logs = out.resolve("logs");
    Files.createDirectories(logs);

    Instant first = options.start().atStartOfDay(ZoneOffset.UTC).toInstant();
    RangeFiles.write(out.resolve(RangeFiles.FOLDER), first);
    long firstSlice = Slice.containing(first).index();
    long minimumEnd = firstSlice + (long) options.days() * 288;
    long maximumEnd = firstSlice + (long) CorpusOptions.MAX_DAYS * 288;

    // A corpus sized by bytes places its scenarios once its first day, which has none, is written
    // and predicts how many days the size takes.
    boolean sized = options.targetBytes() > 0;
    ScenarioSchedule schedule = new ScenarioSchedule();
    if (!sized) {
      schedule.place(Scenarios.build(org, options, options.days()));
      writeGroundTruth(out.resolve("ground-truth.jsonl"), schedule.truths);
    }
    long records = 0;
    long ctBytes = 0;
    long ctFiles = 0;
    long index = firstSlice;
    ExecutorService pool = Executors.newFixedThreadPool(options.threads());
    try (DeliveryWriter writer = new DeliveryWriter(logs, org.tenantId)) {
      while (index < maximumEnd) {
        Slice slice = new Slice(index);
        List<Emitted> attack = schedule.records.getOrDefault(index, List.of());
        SliceResult result = generateSlice(pool, writer, slice, attack);
        records += result.records;
        ctBytes += result.bytes;
        ctFiles += result.files;
        index++;

        if (index % 12 == 0) {
          writer.closeHour();
          long bytes = ctBytes + writer.hourlyBytes();
          if (progress != null) {
            progress.hourDone(new Slice(index).start(), records, bytes);
          }
          if (sized && index == firstSlice + 288) {
            int days = Scenarios.sizedDays(options, Math.max(bytes, 1));
            schedule.place(Scenarios.build(org, options, days));
            writeGroundTruth(out.resolve("ground-truth.jsonl"), schedule.truths);
          }
          boolean scenariosDone = schedule.placed && index > schedule.lastSlice;
          boolean daysDone = index >= minimumEnd;
          boolean sizeDone = bytes >= options.targetBytes();
          if (scenariosDone && daysDone && sizeDone) {
            break;
          }
        }
      }
      writer.closeHour();
      long bytes = ctBytes + writer.hourlyBytes();
      CorpusSummary summary =
          new CorpusSummary(
              first,
              new Slice(index).start(),
              records,
              ctFiles + writer.hourlyFiles(),
              bytes,
              schedule.truths);
      writeManifest(out.resolve("corpus.json"), summary);
      return summary;
    } finally {
      pool.shutdownNow();
    }
  }

  /** The scenario records by slice index, once placed. Not thread-safe. */
  private static final class ScenarioSchedule {
    final Map<Long, List<Emitted>> records = new TreeMap<>();
    List<GroundTruth> truths = List.of();
    long lastSlice = Long.MIN_VALUE;
    boolean placed;

    void place(List<Scenarios.Built> scenarios) {
      List<GroundTruth> placedTruths = new ArrayList<>();
      for (Scenarios.Built built : scenarios) {
        placedTruths.add(built.truth());
        for (Emitted record : built.records()) {
          long slice = Slice.containing(record.time()).index();
          records.computeIfAbsent(slice, k -> new ArrayList<>()).add(record);
          lastSlice = Math.max(lastSlice, slice);
        }
      }
      truths = List.copyOf(placedTruths);
      placed = true;
    }
  }

  private static void checkEmpty(Path out) throws IOException {
    if (!Files.exists(out)) {
      return;
    }
    if (!Files.isDirectory(out)) {
      throw new IllegalArgumentException("output " + out + " exists and is not a folder");
    }
    try (var entries = Files.list(out)) {
      if (entries.findAny().isPresent()) {
        throw new IllegalArgumentException(
            "output folder " + out + " is not empty: choose a new folder");
      }
    }
  }

  /** Records, files and CloudTrail bytes of one slice. */
  private static final class SliceResult {
    long records;
    long files;
    long bytes;
  }

  private SliceResult generateSlice(
      ExecutorService pool, DeliveryWriter writer, Slice slice, List<Emitted> attack)
      throws IOException, InterruptedException {
    PeoplePlan.Activity[] plan = new PeoplePlan.Activity[org.people.size()];
    for (Organisation.Person person : org.people) {
      plan[person.index()] = PeoplePlan.activity(org, person, slice);
    }

    List<Future<long[]>> cloudTrail = new ArrayList<>();
    for (Organisation.AwsAccount account : org.awsAccounts) {
      cloudTrail.add(pool.submit(() -> writeAccount(writer, account, slice, plan, attack)));
    }
    List<Future<List<Emitted>>> others = new ArrayList<>();
    for (Organisation.AzureSubscription subscription : org.subscriptions) {
      others.add(
          pool.submit(list(out -> AzureActivity.generate(org, subscription, slice, plan, out))));
    }
    if (!org.subscriptions.isEmpty()) {
      others.add(pool.submit(list(out -> AzureActivity.entra(org, slice, plan, out))));
    }
    for (Organisation.GcpProject project : org.projects) {
      others.add(pool.submit(list(out -> GcpActivity.generate(org, project, slice, plan, out))));
    }

    SliceResult result = new SliceResult();
    for (Future<long[]> future : cloudTrail) {
      long[] counts = await(future);
      result.records += counts[0];
      result.files += counts[1];
      result.bytes += counts[2];
    }

    Map<String, List<Emitted>> streams = new TreeMap<>();
    for (Future<List<Emitted>> future : others) {
      for (Emitted record : await(future)) {
        streams.computeIfAbsent(record.stream(), k -> new ArrayList<>()).add(record);
      }
    }
    for (Emitted record : attack) {
      if (!Streams.isCloudTrail(record.stream())) {
        streams.computeIfAbsent(record.stream(), k -> new ArrayList<>()).add(record);
      }
    }
    Instant hour = Instant.ofEpochSecond(slice.hourIndex() * 3600);
    for (Map.Entry<String, List<Emitted>> entry : streams.entrySet()) {
      List<Emitted> records = entry.getValue();
      records.sort(Emitted.ORDER);
      writer.append(entry.getKey(), hour, records);
      result.records += records.size();
    }
    return result;
  }

  /** Generates and writes one account's CloudTrail files of a slice: records, files, bytes. */
  private long[] writeAccount(
      DeliveryWriter writer,
      Organisation.AwsAccount account,
      Slice slice,
      PeoplePlan.Activity[] plan,
      List<Emitted> attack)
      throws IOException {
    List<Emitted> records = new ArrayList<>();
    AwsActivity.generate(org, account, slice, plan, records);
    String prefix = "ct|" + account.id() + "|";
    for (Emitted record : attack) {
      if (record.stream().startsWith(prefix)) {
        records.add(record);
      }
    }
    Map<String, List<Emitted>> byRegion = new TreeMap<>();
    for (Emitted record : records) {
      byRegion.computeIfAbsent(record.stream(), k -> new ArrayList<>()).add(record);
    }
    long files = 0;
    long bytes = 0;
    for (Map.Entry<String, List<Emitted>> entry : byRegion.entrySet()) {
      List<Emitted> regionRecords = entry.getValue();
      regionRecords.sort(Emitted.ORDER);
      String unique = Rng.of(org.seed, Rng.hash(entry.getKey()), slice.index()).alphanumeric(16);
      bytes += writer.writeCloudTrail(entry.getKey(), slice, unique, regionRecords);
      files++;
    }
    return new long[] {records.size(), files, bytes};
  }

  private interface Filler {
    void fill(List<Emitted> out);
  }

  private static Callable<List<Emitted>> list(Filler filler) {
    return () -> {
      List<Emitted> out = new ArrayList<>();
      filler.fill(out);
      return out;
    };
  }

  private static <T> T await(Future<T> future) throws IOException, InterruptedException {
    try {
      return future.get();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) {
        throw io;
      }
      if (cause instanceof UncheckedIOException io) {
        throw io.getCause();
      }
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException("corpus worker failed", cause);
    }
  }

  private static void writeGroundTruth(Path file, List<GroundTruth> truths) throws IOException {
    try (OutputStream out = Files.newOutputStream(file)) {
      for (GroundTruth truth : truths) {
        out.write(truth.toJsonLine());
        out.write('\n');
      }
    }
  }

  private void writeManifest(Path file, CorpusSummary summary) throws IOException {
    List<String> clouds = new ArrayList<>();
    for (Cloud cloud : Cloud.values()) {
      if (options.clouds().contains(cloud)) {
        clouds.add(cloud.name().toLowerCase(java.util.Locale.ROOT));
      }
    }
    Map<String, Object> manifest =
        Json.obj(
            "generator", "skywarden-corpus",
            "seed", options.seed(),
            "start", summary.start().toString(),
            "end", summary.end().toString(),
            "accounts", options.accounts(),
            "identities", options.identities(),
            "machineIdentities", org.machineIdentities(),
            "targetBytes", options.targetBytes(),
            "clouds", clouds,
            "scenarios", summary.groundTruth().stream().map(GroundTruth::scenario).toList(),
            "records", summary.records(),
            "files", summary.files(),
            "bytes", summary.bytes());
    Files.write(file, Json.bytes(manifest));
  }
}
