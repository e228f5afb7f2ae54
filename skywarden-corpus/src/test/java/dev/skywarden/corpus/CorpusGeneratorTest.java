package dev.skywarden.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorpusGeneratorTest {

  private static final Pattern CLOUDTRAIL_KEY =
      Pattern.compile(
          "AWSLogs/(\\d{12})/CloudTrail/([a-z0-9-]+)/\\d{4}/\\d{2}/\\d{2}/"
              + "\\1_CloudTrail_\\2_\\d{8}T\\d{4}Z_[A-Za-z0-9]{16}\\.json\\.gz");

  @TempDir Path temp;

  private static CorpusOptions small(long seed, int threads) {
    return new CorpusOptions(
        seed,
        LocalDate.of(2026, 1, 5),
        1,
        0,
        3,
        25,
        EnumSet.allOf(Cloud.class),
        Set.copyOf(Scenarios.IDS),
        threads);
  }

  @Test
  void sameSeed_givesIdenticalBytes() throws Exception {
    new CorpusGenerator(small(11, 1)).generate(temp.resolve("a"), null);
    new CorpusGenerator(small(11, 2)).generate(temp.resolve("b"), null);

    assertThat(digest(temp.resolve("b"))).isEqualTo(digest(temp.resolve("a")));
  }

  @Test
  void otherSeed_givesOtherBytes() throws Exception {
    new CorpusGenerator(small(11, 2)).generate(temp.resolve("a"), null);
    new CorpusGenerator(small(12, 2)).generate(temp.resolve("b"), null);

    assertThat(digest(temp.resolve("b"))).isNotEqualTo(digest(temp.resolve("a")));
  }

  @Test
  void cloudTrailFiles_followS3KeyLayout() throws Exception {
    CorpusSummary summary = new CorpusGenerator(small(5, 2)).generate(temp, null);
    Path logs = temp.resolve("logs");

    List<Path> gzip = files(logs).stream().filter(p -> p.toString().endsWith(".gz")).toList();
    assertThat(gzip).isNotEmpty();
    long records = 0;
    for (Path file : gzip) {
      String key = logs.relativize(file).toString().replace('\\', '/');
      assertThat(key).matches(CLOUDTRAIL_KEY);
      byte[] bytes = Files.readAllBytes(file);
      // Modification time 0 and no file name flag keep the gzip files reproducible.
      assertThat(bytes[3] & 0x08).as("FNAME flag of %s", key).isZero();
      assertThat(bytes[4] | bytes[5] | bytes[6] | bytes[7]).as("MTIME of %s", key).isZero();
      records += countCloudTrailRecords(file);
    }
    assertThat(records).isPositive().isLessThan(summary.records());
  }

  @Test
  void hourlyFiles_followDiagnosticAndSinkLayouts() throws Exception {
    new CorpusGenerator(small(5, 2)).generate(temp, null);
    Path logs = temp.resolve("logs");

    List<String> keys =
        files(logs).stream()
            .map(p -> logs.relativize(p).toString().replace('\\', '/'))
            .filter(k -> !k.endsWith(".gz"))
            .toList();
    assertThat(keys)
        .anyMatch(
            k ->
                k.matches(
                    "insights-activity-logs/resourceId=/SUBSCRIPTIONS/[0-9A-F-]{36}/y=2026/m=01/d=05/h=\\d{2}/m=00/PT1H\\.json"))
        .anyMatch(
            k ->
                k.matches(
                    "insights-logs-signinlogs/resourceId=/tenants/[0-9a-f-]{36}/providers/Microsoft\\.aadiam/y=2026/m=01/d=05/h=\\d{2}/m=00/PT1H\\.json"))
        .anyMatch(
            k ->
                k.matches(
                    "cloudaudit\\.googleapis\\.com/activity/2026/01/05/\\d{2}:00:00_\\d{2}:59:59_S0\\.json"))
        .anyMatch(
            k ->
                k.matches(
                    "cloudaudit\\.googleapis\\.com/data_access/2026/01/05/\\d{2}:00:00_\\d{2}:59:59_S0\\.json"));
  }

  @Test
  void consoleFlag_isARecordField() throws Exception {
    new CorpusGenerator(awsOnly(0)).generate(temp, null);

    int flagged = 0;
    for (Path file : files(temp.resolve("logs"))) {
      JsonNode records = new ObjectMapper().readTree(gunzip(file)).get("Records");
      for (JsonNode record : records) {
        assertThat(record.path("userIdentity").has("sessionCredentialFromConsole"))
            .as("userIdentity of %s in %s", record.path("eventID").asText(), file)
            .isFalse();
        if (record.path("sessionCredentialFromConsole").asText().equals("true")) {
          flagged++;
        }
      }
    }
    assertThat(flagged).as("console calls").isPositive();
  }

  @Test
  void groundTruth_eventIdsAreInTheLogs() throws Exception {
    CorpusSummary summary = new CorpusGenerator(small(5, 2)).generate(temp, null);

    assertThat(summary.groundTruth()).hasSize(Scenarios.IDS.size());
    Set<String> ids = new HashSet<>();
    for (Path file : files(temp.resolve("logs"))) {
      String text =
          file.toString().endsWith(".gz")
              ? new String(gunzip(file), StandardCharsets.UTF_8)
              : Files.readString(file);
      for (GroundTruth truth : summary.groundTruth()) {
        for (String id : truth.eventIds()) {
          if (text.contains("\"" + id + "\"")) {
            ids.add(id);
          }
        }
      }
    }
    for (GroundTruth truth : summary.groundTruth()) {
      assertThat(ids).as("records of %s", truth.scenario()).containsAll(truth.eventIds());
    }
    assertThat(Files.readAllLines(temp.resolve("ground-truth.jsonl")))
        .hasSize(Scenarios.IDS.size());
  }

  @Test
  void rangeFiles_holdEveryCloudAndHostingRange() throws Exception {
    new CorpusGenerator(awsOnly(0)).generate(temp, null);
    Path ranges = temp.resolve(CorpusGenerator.IP_RANGES_FOLDER);

    String aws = Files.readString(ranges.resolve("aws-ip-ranges.json"));
    assertThat(aws)
        .startsWith("{\"syncToken\":\"1767571200\",\"createDate\":\"2026-01-05-00-00-00\"");
    for (var region : Networks.AWS_REGIONS.entrySet()) {
      for (String service : List.of("AMAZON", "EC2")) {
        assertThat(aws)
            .as("AWS prefix of %s", region.getKey())
            .contains(
                "{\"ip_prefix\":\""
                    + region.getValue().cidr()
                    + "\",\"region\":\""
                    + region.getKey()
                    + "\",\"service\":\""
                    + service
                    + "\"");
      }
    }
    assertThat(Files.readString(ranges.resolve("gcp-cloud.json")))
        .contains(
            "{\"ipv4Prefix\":\"35.184.0.0/13\",\"service\":\"Google Cloud\",\"scope\":\"us-central1\"}");
    assertThat(Files.readString(ranges.resolve("azure-service-tags.json")))
        .contains("\"region\":\"eastus\"")
        .contains("\"addressPrefixes\":[\"20.42.0.0/16\"]");
    for (AddressRange range : Networks.HOSTING) {
      Path feed = ranges.resolve(Networks.hostingProvider(range) + ".csv");
      assertThat(Files.readAllLines(feed)).as("geofeed %s", feed).contains(range.cidr() + ",,,,");
    }
    try (Stream<Path> files = Files.list(ranges)) {
      assertThat(files.count()).as("files in %s", ranges).isEqualTo(6);
    }
  }

  @Test
  void scenarios_leaveTheFirstDayFree() {
    CorpusOptions options =
        new CorpusOptions(
            7,
            LocalDate.of(2026, 1, 5),
            3,
            0,
            3,
            25,
            EnumSet.allOf(Cloud.class),
            Set.copyOf(Scenarios.IDS),
            1);

    List<Scenarios.Built> built =
        Scenarios.build(new Organisation(options), options, options.days());

    assertThat(built).hasSize(Scenarios.IDS.size());
    for (Scenarios.Built scenario : built) {
      assertThat(scenario.truth().start())
          .as("start of %s", scenario.truth().scenario())
          .isAfterOrEqualTo(java.time.Instant.parse("2026-01-06T00:00:00Z"))
          .isBefore(java.time.Instant.parse("2026-01-08T00:00:00Z"));
    }
  }

  @Test
  void sizedDays_followFirstDay() {
    CorpusOptions oneDay = sized(1, 1_000_000_000L);
    CorpusOptions fiveDays = sized(5, 1_000_000_000L);

    assertThat(Scenarios.sizedDays(oneDay, 50_000_000L)).isEqualTo(20);
    assertThat(Scenarios.sizedDays(oneDay, 60_000_000L)).as("rounded down").isEqualTo(16);
    assertThat(Scenarios.sizedDays(oneDay, 2_000_000_000L)).as("at least two days").isEqualTo(2);
    assertThat(Scenarios.sizedDays(fiveDays, 400_000_000L)).as("at least --days").isEqualTo(5);
    assertThat(Scenarios.sizedDays(oneDay, 1L)).isEqualTo(CorpusOptions.MAX_DAYS);
    assertThatThrownBy(() -> Scenarios.sizedDays(oneDay, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void longCorpus_spreadsScenarios() {
    CorpusOptions options = sized(1, 1_000_000_000L);
    int corpusDays = 141;

    List<Scenarios.Built> built = Scenarios.build(new Organisation(options), options, corpusDays);

    // Days counted from 0: one scenario a day from day 1, the last in the last tenth.
    Instant dayZero = Instant.parse("2026-01-05T00:00:00Z");
    Set<Long> days = new HashSet<>();
    for (Scenarios.Built scenario : built) {
      long day = java.time.Duration.between(dayZero, scenario.truth().start()).toDays();
      assertThat(day).as("day of %s", scenario.truth().scenario()).isBetween(1L, 140L);
      days.add(day);
    }
    assertThat(days).as("distinct days").hasSize(Scenarios.IDS.size());
    assertThat(days).contains(1L).anySatisfy(day -> assertThat(day).isGreaterThan(126L));
  }

  @Test
  void sizedCorpus_keepsTheFirstDayFree() {
    CorpusOptions options = sized(1, 1_000_000_000L);

    List<Scenarios.Built> built =
        Scenarios.build(new Organisation(options), options, Scenarios.sizedDays(options, 1));

    assertThat(built).hasSize(Scenarios.IDS.size());
    for (Scenarios.Built scenario : built) {
      assertThat(scenario.truth().start())
          .as("start of %s", scenario.truth().scenario())
          .isAfterOrEqualTo(java.time.Instant.parse("2026-01-06T00:00:00Z"));
    }
  }

  @Test
  void sizedCorpus_spreadsScenarios() throws Exception {
    Set<String> aws =
        Set.copyOf(Scenarios.IDS.stream().filter(id -> id.startsWith("aws-")).toList());
    CorpusOptions unsized =
        new CorpusOptions(3, LocalDate.of(2026, 1, 5), 1, 0, 2, 5, EnumSet.of(Cloud.AWS), aws, 2);
    CorpusSummary oneDay = new CorpusGenerator(unsized).generate(temp.resolve("day"), null);
    CorpusOptions options =
        new CorpusOptions(
            3,
            LocalDate.of(2026, 1, 5),
            1,
            oneDay.bytes() * 6,
            2,
            5,
            EnumSet.of(Cloud.AWS),
            aws,
            2);

    CorpusSummary summary = new CorpusGenerator(options).generate(temp.resolve("sized"), null);

    Instant dayOne = Instant.parse("2026-01-06T00:00:00Z");
    List<Instant> starts = summary.groundTruth().stream().map(GroundTruth::start).toList();
    assertThat(starts).hasSize(aws.size()).allSatisfy(start -> assertThat(start).isAfter(dayOne));
    assertThat(starts.stream().max(Instant::compareTo).orElseThrow())
        .as("the scenarios reach past the second day")
        .isAfter(dayOne.plusSeconds(2 * 86_400))
        .isBefore(summary.end());
    assertThat(summary.groundTruth().stream().map(GroundTruth::end).max(Instant::compareTo).get())
        .as("every scenario ends inside the corpus")
        .isBeforeOrEqualTo(summary.end());
    assertThat(Files.readAllLines(temp.resolve("sized").resolve("ground-truth.jsonl")))
        .hasSize(aws.size());
  }

  private static CorpusOptions sized(int days, long targetBytes) {
    return new CorpusOptions(
        7,
        LocalDate.of(2026, 1, 5),
        days,
        targetBytes,
        3,
        25,
        EnumSet.allOf(Cloud.class),
        Set.copyOf(Scenarios.IDS),
        1);
  }

  @Test
  void sizeTarget_extendsPastTheDays() throws Exception {
    CorpusSummary oneDay = new CorpusGenerator(awsOnly(0)).generate(temp.resolve("day"), null);
    long target = oneDay.bytes() + 1;

    CorpusSummary sized =
        new CorpusGenerator(awsOnly(target)).generate(temp.resolve("sized"), null);

    assertThat(sized.bytes()).isGreaterThanOrEqualTo(target);
    assertThat(sized.end()).isAfter(oneDay.end());
    assertThat(sized.end()).isBeforeOrEqualTo(oneDay.end().plusSeconds(3 * 3600));
  }

  private static CorpusOptions awsOnly(long targetBytes) {
    return new CorpusOptions(
        3, LocalDate.of(2026, 1, 5), 1, targetBytes, 1, 5, EnumSet.of(Cloud.AWS), Set.of(), 2);
  }

  @Test
  void nonEmptyOutput_isRejected() throws IOException {
    Files.writeString(temp.resolve("keep.txt"), "x");

    assertThatThrownBy(() -> new CorpusGenerator(small(1, 1)).generate(temp, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is not empty");
  }

  @Test
  void parseSize_readsUnits() {
    assertThat(CorpusOptions.parseSize("50MB")).isEqualTo(50_000_000L);
    assertThat(CorpusOptions.parseSize("1GiB")).isEqualTo(1L << 30);
    assertThat(CorpusOptions.parseSize("1.5gb")).isEqualTo(1_500_000_000L);
    assertThat(CorpusOptions.parseSize("4096")).isEqualTo(4096L);
    assertThatThrownBy(() -> CorpusOptions.parseSize("ten MB"))
        .hasMessageContaining("invalid size 'ten MB'");
  }

  @Test
  void parseSize_rejectsOddNumbers() {
    // Double.parseDouble alone reads these as numbers: a type suffix, a hex float, an exponent.
    for (String text : new String[] {"5d", "5fMB", "0x1p4KB", "1e3MB", "Infinity", "NaN", "5."}) {
      assertThatThrownBy(() -> CorpusOptions.parseSize(text))
          .as("size '%s'", text)
          .hasMessageContaining("invalid size '" + text + "'");
    }
  }

  @Test
  void parseSize_rejectsTooLarge() {
    assertThatThrownBy(() -> CorpusOptions.parseSize("99999999999999999999GB"))
        .hasMessageContaining("size too large '99999999999999999999GB'");
    assertThat(CorpusOptions.parseSize("9000TB")).isEqualTo(9_000_000_000_000_000L);
  }

  private static long countCloudTrailRecords(Path file) throws IOException {
    long count = 0;
    try (InputStream in = new GZIPInputStream(Files.newInputStream(file));
        JsonParser parser = Json.FACTORY.createParser(in)) {
      assertThat(parser.nextToken()).isEqualTo(JsonToken.START_OBJECT);
      assertThat(parser.nextFieldName()).isEqualTo("Records");
      assertThat(parser.nextToken()).isEqualTo(JsonToken.START_ARRAY);
      while (parser.nextToken() == JsonToken.START_OBJECT) {
        parser.skipChildren();
        count++;
      }
    }
    return count;
  }

  private static byte[] gunzip(Path file) throws IOException {
    try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
      return in.readAllBytes();
    }
  }

  private static List<Path> files(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(Files::isRegularFile).sorted().toList();
    }
  }

  /** Returns a SHA-256 over every file's relative path and content, in path order. */
  private static String digest(Path root) throws IOException, NoSuchAlgorithmException {
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    for (Path file : files(root)) {
      sha.update(root.relativize(file).toString().getBytes(StandardCharsets.UTF_8));
      sha.update(Files.readAllBytes(file));
    }
    return HexFormat.of().formatHex(sha.digest());
  }
}
