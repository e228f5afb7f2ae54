package dev.skywarden.core.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The order in which a walk produces the files of a CloudTrail folder in the S3 layout: merged
 * across regions by day and delivery time, with entries outside the layout after them.
 */
class CloudTrailOrderTest {

  private static final String TRAIL = "AWSLogs/111122223333/CloudTrail/";

  private final InputDiscovery discovery =
      new InputDiscovery(new ByteArrayInputStream(new byte[0]));

  @TempDir Path dir;

  @Test
  void twoRegions_mergedByDayThenTime() throws Exception {
    write(
        log("us-east-1", "2026/01/01", "0005"),
        log("us-east-1", "2026/01/01", "0100"),
        log("us-east-1", "2026/01/02", "0000"),
        log("us-west-2", "2026/01/01", "0050"),
        log("us-west-2", "2026/01/02", "2355"));

    assertThat(walk(dir))
        .containsExactly(
            log("us-east-1", "2026/01/01", "0005"),
            log("us-west-2", "2026/01/01", "0050"),
            log("us-east-1", "2026/01/01", "0100"),
            log("us-east-1", "2026/01/02", "0000"),
            log("us-west-2", "2026/01/02", "2355"));
  }

  @Test
  void threeRegions_daysMissingInSome() throws Exception {
    write(
        log("eu-west-1", "2026/01/02", "0300"),
        log("us-east-1", "2026/01/01", "0200"),
        log("us-east-1", "2026/01/03", "0100"),
        log("us-west-2", "2026/01/01", "0100"),
        log("us-west-2", "2026/01/03", "0000"));

    assertThat(walk(dir))
        .containsExactly(
            log("us-west-2", "2026/01/01", "0100"),
            log("us-east-1", "2026/01/01", "0200"),
            log("eu-west-1", "2026/01/02", "0300"),
            log("us-west-2", "2026/01/03", "0000"),
            log("us-east-1", "2026/01/03", "0100"));
  }

  @Test
  void monthAndYearBoundaries_inDayOrder() throws Exception {
    write(
        log("us-east-1", "2026/01/01", "0000"),
        log("us-west-2", "2025/12/31", "2355"),
        log("us-west-2", "2026/02/01", "0000"));

    assertThat(walk(dir))
        .containsExactly(
            log("us-west-2", "2025/12/31", "2355"),
            log("us-east-1", "2026/01/01", "0000"),
            log("us-west-2", "2026/02/01", "0000"));
  }

  @Test
  void unusualRegionNames_merged() throws Exception {
    List<String> regions =
        List.of(
            "us-gov-west-1",
            "cn-north-1",
            "ap-southeast-5",
            "il-central-1",
            "eu-central-2",
            "eusc-de-east-1",
            "us-east-1");
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < regions.size(); i++) {
      expected.add(log(regions.get(i), "2026/03/01", String.format("%02d00", i)));
    }
    write(expected.toArray(String[]::new));

    assertThat(walk(dir)).containsExactlyElementsOf(expected);
  }

  @Test
  void sameTime_tiedByPath() throws Exception {
    write(log("us-west-2", "2026/01/01", "0005"), log("us-east-1", "2026/01/01", "0005"));

    assertThat(walk(dir))
        .containsExactly(
            log("us-east-1", "2026/01/01", "0005"), log("us-west-2", "2026/01/01", "0005"));
  }

  @Test
  void namesWithoutTime_afterTimedFilesByName() throws Exception {
    String day = "/2026/01/01/";
    write(
        TRAIL + "us-west-2" + day + "b-export.json",
        TRAIL + "us-east-1" + day + "z-export.json",
        TRAIL + "us-east-1" + day + "a-export.json",
        log("us-west-2", "2026/01/01", "2300"),
        log("us-east-1", "2026/01/02", "0000"));

    assertThat(walk(dir))
        .containsExactly(
            log("us-west-2", "2026/01/01", "2300"),
            TRAIL + "us-east-1" + day + "a-export.json",
            TRAIL + "us-west-2" + day + "b-export.json",
            TRAIL + "us-east-1" + day + "z-export.json",
            log("us-east-1", "2026/01/02", "0000"));
  }

  @Test
  void strays_afterMergedFilesInPathOrder() throws Exception {
    write(
        log("us-east-1", "2026/01/02", "0000"),
        log("us-west-2", "2026/01/01", "0000"),
        TRAIL + "README.txt",
        TRAIL + "notes/a.json",
        TRAIL + "us-east-1/digest.json",
        TRAIL + "us-east-1/2026/extra.json",
        TRAIL + "us-east-1/2026/1/01/short-month.json",
        TRAIL + "us-east-1/2026/01/x1/odd-day.json",
        TRAIL + "us-east-1/2026/01/02/nested/deep.json",
        TRAIL + "us-west-2x/2026/01/01/not-a-region.json");

    assertThat(walk(dir))
        .containsExactly(
            log("us-west-2", "2026/01/01", "0000"),
            log("us-east-1", "2026/01/02", "0000"),
            TRAIL + "README.txt",
            TRAIL + "notes/a.json",
            TRAIL + "us-east-1/2026/01/02/nested/deep.json",
            TRAIL + "us-east-1/2026/01/x1/odd-day.json",
            TRAIL + "us-east-1/2026/1/01/short-month.json",
            TRAIL + "us-east-1/2026/extra.json",
            TRAIL + "us-east-1/digest.json",
            TRAIL + "us-west-2x/2026/01/01/not-a-region.json");
  }

  @Test
  void filesAroundFolder_keepPathOrder() throws Exception {
    write(
        "AWSLogs/111122223333/CloudTrail-Digest/us-east-1/2026/01/01/digest.json",
        "AWSLogs/111122223333/AAA.json",
        log("us-west-2", "2026/01/01", "0000"),
        log("us-east-1", "2026/01/02", "0000"),
        "AWSLogs/222233334444/CloudTrail/us-east-1/2026/01/01/other.json",
        "zz.json");

    // "CloudTrail-Digest" sorts before the files of "CloudTrail", because '-' sorts before '/'.
    assertThat(walk(dir))
        .containsExactly(
            "AWSLogs/111122223333/AAA.json",
            "AWSLogs/111122223333/CloudTrail-Digest/us-east-1/2026/01/01/digest.json",
            log("us-west-2", "2026/01/01", "0000"),
            log("us-east-1", "2026/01/02", "0000"),
            "AWSLogs/222233334444/CloudTrail/us-east-1/2026/01/01/other.json",
            "zz.json");
  }

  @Test
  void organisationTrail_merged() throws Exception {
    String org = "AWSLogs/o-a1b2c3d4e5/111122223333/CloudTrail/";
    write(
        org + "us-east-1/2026/01/02/111122223333_CloudTrail_us-east-1_20260102T0000Z_u.json.gz",
        org + "us-west-2/2026/01/01/111122223333_CloudTrail_us-west-2_20260101T0000Z_u.json.gz");

    assertThat(walk(dir))
        .containsExactly(
            org + "us-west-2/2026/01/01/111122223333_CloudTrail_us-west-2_20260101T0000Z_u.json.gz",
            org
                + "us-east-1/2026/01/02/111122223333_CloudTrail_us-east-1_20260102T0000Z_u.json.gz");
  }

  @Test
  void cloudTrailNotUnderAccount_pathOrder() throws Exception {
    write(
        "CloudTrail/us-east-1/2026/01/02/a.json",
        "CloudTrail/us-west-2/2026/01/01/b.json",
        "AWSLogs/1111222233334/CloudTrail/us-east-1/2026/01/02/c.json",
        "AWSLogs/1111222233334/CloudTrail/us-west-2/2026/01/01/d.json");

    assertThat(walk(dir))
        .containsExactly(
            "AWSLogs/1111222233334/CloudTrail/us-east-1/2026/01/02/c.json",
            "AWSLogs/1111222233334/CloudTrail/us-west-2/2026/01/01/d.json",
            "CloudTrail/us-east-1/2026/01/02/a.json",
            "CloudTrail/us-west-2/2026/01/01/b.json");
  }

  @Test
  void folderGivenAsArgument_merged() throws Exception {
    write(log("us-east-1", "2026/01/02", "0000"), log("us-west-2", "2026/01/01", "0000"));

    List<String> names = relative(names(List.of(dir.resolve(TRAIL).toString())).get(0));

    assertThat(names)
        .containsExactly(
            log("us-west-2", "2026/01/01", "0000"), log("us-east-1", "2026/01/02", "0000"));
  }

  @Test
  void linkedFolder_mergedByRealPath() throws Exception {
    write(log("us-east-1", "2026/01/02", "0000"), log("us-west-2", "2026/01/01", "0000"));
    Path link = dir.resolve("trail-link");
    Files.createSymbolicLink(link, dir.resolve(TRAIL));

    List<String> names = names(List.of(link.toString())).get(0);

    assertThat(names)
        .containsExactly(
            link.resolve(log("us-west-2", "2026/01/01", "0000").substring(TRAIL.length()))
                .toString(),
            link.resolve(log("us-east-1", "2026/01/02", "0000").substring(TRAIL.length()))
                .toString());
  }

  @Test
  void walk_holdsOneDayOfFiles() throws Exception {
    int days = 20;
    int filesEach = 10;
    List<String> regions = List.of("eu-west-1", "us-east-1", "us-west-2");
    for (String region : regions) {
      for (int day = 1; day <= days; day++) {
        for (int f = 0; f < filesEach; f++) {
          write(log(region, String.format("2026/01/%02d", day), String.format("%02d00", f)));
        }
      }
    }
    TreeWalk walk = new TreeWalk(dir, new ReadOnce(), () -> {});

    int files = 0;
    int maxEntriesHeld = 0;
    while (walk.hasNext()) {
      walk.next();
      files++;
      maxEntriesHeld = Math.max(maxEntriesHeld, walk.entriesHeld());
    }

    assertThat(files).isEqualTo(regions.size() * days * filesEach);
    // The three directories above the folder, a day folder per region and day, and one day's
    // files of all regions: not the 600 files.
    assertThat(maxEntriesHeld).isLessThanOrEqualTo(3 + regions.size() * days + 3 * filesEach);
  }

  // Duplicates: each file is read once whatever the order.

  @Test
  void folderGivenTwice_readOnce() throws Exception {
    write(log("us-east-1", "2026/01/02", "0000"), log("us-west-2", "2026/01/01", "0000"));
    String folder = dir.resolve(TRAIL).toString();

    InputWalk walk = discovery.discover(List.of(folder, folder));

    assertThat(names(walk).get(1)).isEmpty();
    assertThat(walk.duplicatesDropped(1)).isEqualTo(2);
  }

  @Test
  void overlappingArguments_readOnceInBothOrders() throws Exception {
    write(
        log("us-east-1", "2026/01/01", "0000"),
        log("us-east-1", "2026/01/02", "0000"),
        log("us-west-2", "2026/01/01", "0100"));
    String region = dir.resolve(TRAIL + "us-east-1").toString();

    InputWalk allFirst = discovery.discover(List.of(dir.toString(), region));
    List<List<String>> allFirstNames = names(allFirst);
    InputWalk regionFirst = discovery.discover(List.of(region, dir.toString()));
    List<List<String>> regionFirstNames = names(regionFirst);

    assertThat(allFirstNames.get(0)).hasSize(3);
    assertThat(allFirstNames.get(1)).isEmpty();
    assertThat(allFirst.duplicatesDropped(1)).isEqualTo(2);
    assertThat(regionFirstNames.get(0)).hasSize(2);
    assertThat(relative(regionFirstNames.get(1)))
        .containsExactly(log("us-west-2", "2026/01/01", "0100"));
    assertThat(regionFirst.duplicatesDropped(1)).isEqualTo(2);
  }

  @Test
  void linksToFilesInsideFolder_readOnce() throws Exception {
    write(
        log("us-east-1", "2026/01/01", "0000"),
        log("us-east-1", "2026/01/03", "0000"),
        log("us-west-2", "2026/01/02", "0000"));
    // The file of day 2 is read through the link on day 1, so it is not read again on day 2. The
    // link on day 3 leads to a file of day 1, which was read already.
    Path later = dir.resolve(log("us-west-2", "2026/01/02", "0000"));
    Path earlier = dir.resolve(log("us-east-1", "2026/01/01", "0000"));
    Path toLater = dir.resolve(TRAIL + "us-east-1/2026/01/01/link-to-later.json");
    Path toEarlier = dir.resolve(TRAIL + "us-east-1/2026/01/03/link-to-earlier.json");
    Files.createSymbolicLink(toLater, later);
    Files.createSymbolicLink(toEarlier, earlier);

    InputWalk walk = discovery.discover(List.of(dir.toString()));

    assertThat(relative(names(walk).get(0)))
        .containsExactly(
            log("us-east-1", "2026/01/01", "0000"),
            TRAIL + "us-east-1/2026/01/01/link-to-later.json",
            log("us-east-1", "2026/01/03", "0000"));
    assertThat(walk.duplicatesDropped(0)).isEqualTo(2);
  }

  @Test
  void linkedDirectoriesIntoFolder_readOnce() throws Exception {
    write(
        log("us-east-1", "2026/01/01", "0000"),
        log("us-west-2", "2026/01/01", "0100"),
        log("us-west-2", "2026/01/02", "0000"));
    // "0-region" sorts before "AWSLogs", so the region's files come first through it; "zz-trail"
    // sorts after, so its files were read already.
    Files.createSymbolicLink(dir.resolve("0-region"), dir.resolve(TRAIL + "us-west-2"));
    Files.createSymbolicLink(dir.resolve("zz-trail"), dir.resolve(TRAIL));

    InputWalk walk = discovery.discover(List.of(dir.toString()));

    assertThat(relative(names(walk).get(0)))
        .containsExactly(
            "0-region/2026/01/01/111122223333_CloudTrail_us-west-2_20260101T0100Z_u.json.gz",
            "0-region/2026/01/02/111122223333_CloudTrail_us-west-2_20260102T0000Z_u.json.gz",
            log("us-east-1", "2026/01/01", "0000"));
    assertThat(walk.duplicatesDropped(0)).isEqualTo(5);
  }

  @Test
  void linkInsideFolderToItsRegion_readOnce() throws Exception {
    write(log("us-east-1", "2026/01/01", "0000"), log("us-west-2", "2026/01/02", "0000"));
    // A stray linked directory, walked after the merged files, whose files were all read.
    Files.createSymbolicLink(dir.resolve(TRAIL + "a-mirror"), dir.resolve(TRAIL + "us-west-2"));
    // A link inside a day folder back to its own region: a stray, and a loop within it.
    Files.createSymbolicLink(
        dir.resolve(TRAIL + "us-east-1/2026/01/01/up"), dir.resolve(TRAIL + "us-east-1"));

    InputWalk walk = discovery.discover(List.of(dir.toString()));

    assertThat(relative(names(walk).get(0)))
        .containsExactly(
            log("us-east-1", "2026/01/01", "0000"), log("us-west-2", "2026/01/02", "0000"));
    assertThat(walk.duplicatesDropped(0)).isEqualTo(2);
  }

  // Errors: each becomes one failing source that names the path.

  @Test
  void brokenLinkInDay_failsInItsDay() throws Exception {
    write(log("us-east-1", "2026/01/01", "0000"), log("us-west-2", "2026/01/02", "0000"));
    Path broken = dir.resolve(TRAIL + "us-east-1/2026/01/01/broken.json");
    Files.createSymbolicLink(broken, dir.resolve("gone.json"));
    CollectingSink sink = new CollectingSink();

    List<InputSource> sources = sources(dir);
    new LogReader().read(sources.get(1), sink);

    assertThat(relative(sources.stream().map(InputSource::name).toList()))
        .containsExactly(
            log("us-east-1", "2026/01/01", "0000"),
            TRAIL + "us-east-1/2026/01/01/broken.json",
            log("us-west-2", "2026/01/02", "0000"));
    assertThat(sink.skipped).hasSize(1);
    assertThat(sink.skipped.get(0).detail()).contains(broken.toString());
  }

  @Test
  void unreadableDayAndRegion_failingSources() throws Exception {
    write(
        log("us-east-1", "2026/01/01", "0000"),
        log("us-east-1", "2026/01/02", "0000"),
        log("us-west-2", "2026/01/01", "0100"),
        log("eu-west-1", "2026/01/01", "0200"));
    Path day = dir.resolve(TRAIL + "us-east-1/2026/01/02");
    Path region = dir.resolve(TRAIL + "eu-west-1");
    Files.setPosixFilePermissions(day, Set.of());
    Files.setPosixFilePermissions(region, Set.of());
    try {
      assumeTrue(!Files.isReadable(day), "the user can read any directory (root)");
      CollectingSink sink = new CollectingSink();

      List<InputSource> sources = sources(dir);
      for (InputSource source : sources) {
        new LogReader().read(source, sink);
      }

      assertThat(relative(sources.stream().map(InputSource::name).toList()))
          .containsExactly(
              log("us-east-1", "2026/01/01", "0000"),
              log("us-west-2", "2026/01/01", "0100"),
              TRAIL + "us-east-1/2026/01/02",
              TRAIL + "eu-west-1");
      assertThat(sink.skipped).hasSize(2);
      assertThat(sink.skipped.get(0).detail()).contains(day.toString());
      assertThat(sink.skipped.get(1).detail()).contains(region.toString());
    } finally {
      Files.setPosixFilePermissions(day, PosixFilePermissions.fromString("rwx------"));
      Files.setPosixFilePermissions(region, PosixFilePermissions.fromString("rwx------"));
    }
  }

  /** Returns the relative path of a CloudTrail file under the account's folder, named by S3. */
  private static String log(String region, String day, String hourMinute) {
    String time = day.replace("/", "") + "T" + hourMinute + "Z";
    return TRAIL
        + region
        + "/"
        + day
        + "/111122223333_CloudTrail_"
        + region
        + "_"
        + time
        + "_u.json.gz";
  }

  private void write(String... relativePaths) throws Exception {
    for (String relative : relativePaths) {
      Path file = dir.resolve(relative);
      Files.createDirectories(file.getParent());
      Files.writeString(file, "{}");
    }
  }

  /** Walks {@code root} and returns the files in order, relative to {@link #dir}. */
  private List<String> walk(Path root) throws Exception {
    List<String> names = relative(names(List.of(root.toString())).get(0));
    List<String> all;
    try (Stream<Path> files = Files.walk(dir)) {
      all = files.filter(Files::isRegularFile).map(f -> dir.relativize(f).toString()).toList();
    }
    assertThat(names).as("every file once").containsExactlyInAnyOrderElementsOf(all);
    return names;
  }

  private List<List<String>> names(List<String> userPaths) throws Exception {
    return names(discovery.discover(userPaths));
  }

  private static List<List<String>> names(InputWalk walk) {
    List<List<String>> names = new ArrayList<>();
    for (int i = 0; i < walk.userPaths().size(); i++) {
      names.add(new ArrayList<>());
    }
    walk.forEachRemaining(next -> names.get(next.input()).add(next.source().name()));
    return names;
  }

  private List<InputSource> sources(Path root) throws Exception {
    List<InputSource> sources = new ArrayList<>();
    discovery.discover(List.of(root.toString())).forEachRemaining(n -> sources.add(n.source()));
    return sources;
  }

  private List<String> relative(List<String> names) {
    return names.stream().map(name -> dir.relativize(Path.of(name)).toString()).toList();
  }
}
