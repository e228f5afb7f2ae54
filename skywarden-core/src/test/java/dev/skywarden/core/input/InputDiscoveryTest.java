package dev.skywarden.core.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputDiscoveryTest {

  private final InputDiscovery discovery =
      new InputDiscovery(new ByteArrayInputStream(new byte[0]));

  @TempDir Path dir;

  /** Takes every source of a walk: the names of each user input's sources, in order. */
  private static List<List<String>> names(InputWalk walk) {
    List<List<String>> names = new ArrayList<>();
    for (int i = 0; i < walk.userPaths().size(); i++) {
      names.add(new ArrayList<>());
    }
    walk.forEachRemaining(next -> names.get(next.input()).add(next.source().name()));
    return names;
  }

  private List<String> names(Path path) throws Exception {
    return names(discovery.discover(List.of(path.toString()))).get(0);
  }

  private List<InputSource> sources(Path path) throws Exception {
    List<InputSource> sources = new ArrayList<>();
    discovery.discover(List.of(path.toString())).forEachRemaining(n -> sources.add(n.source()));
    return sources;
  }

  @Test
  void directory_walkedRecursivelyInSortedOrder() throws Exception {
    Files.createDirectories(dir.resolve("b/sub"));
    Files.createDirectories(dir.resolve("a"));
    Files.writeString(dir.resolve("b/sub/3.json"), "{}");
    Files.writeString(dir.resolve("b/2.json"), "{}");
    Files.writeString(dir.resolve("a/1.json.gz"), "{}");
    Files.writeString(dir.resolve("0.json"), "{}");

    InputWalk walk = discovery.discover(List.of(dir.toString()));

    assertThat(walk.userPaths()).containsExactly(dir.toString());
    assertThat(names(walk).get(0))
        .containsExactly(
            dir.resolve("0.json").toString(),
            dir.resolve("a/1.json.gz").toString(),
            dir.resolve("b/2.json").toString(),
            dir.resolve("b/sub/3.json").toString());
  }

  @Test
  void directory_orderIsPathsSortedAsStrings() throws Exception {
    // '-' and '.' sort before '/', so a.json and a-b/x come before the files of directory a.
    for (String name : List.of("a/1.json", "a.json", "a-b/x.json", "a/b/2.json", "ab.json")) {
      Files.createDirectories(dir.resolve(name).getParent());
      Files.writeString(dir.resolve(name), "{}");
    }

    List<String> names = names(dir);

    assertThat(names).isSorted().hasSize(5);
    assertThat(names.get(0)).isEqualTo(dir.resolve("a-b/x.json").toString());
  }

  @Test
  void directory_listedWhileSourcesAreTaken() throws Exception {
    Files.createDirectories(dir.resolve("a"));
    Files.writeString(dir.resolve("a/1.json"), "{}");
    Files.createDirectories(dir.resolve("b"));
    Files.writeString(dir.resolve("b/2.json"), "{}");
    InputWalk walk = discovery.discover(List.of(dir.toString()));

    assertThat(walk.next().source().name()).isEqualTo(dir.resolve("a/1.json").toString());
    // A walk that listed the tree up front would not see this file.
    Files.writeString(dir.resolve("b/3.json"), "{}");

    assertThat(names(walk).get(0))
        .containsExactly(dir.resolve("b/2.json").toString(), dir.resolve("b/3.json").toString());
  }

  @Test
  void walk_holdsEntriesOfCurrentPathOnly() throws Exception {
    int directories = 40;
    int filesEach = 25;
    for (int d = 0; d < directories; d++) {
      Path sub = Files.createDirectories(dir.resolve(String.format("day-%02d/hour", d)));
      for (int f = 0; f < filesEach; f++) {
        Files.writeString(sub.resolve(String.format("%02d.json.gz", f)), "");
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

    assertThat(files).isEqualTo(directories * filesEach);
    // The root's 40 entries, one hour directory and its 25 files: not the 1000 files.
    assertThat(maxEntriesHeld).isLessThanOrEqualTo(directories + 1 + filesEach);
  }

  @Test
  void hiddenEntries_leftOutOfDirectories() throws Exception {
    Files.createDirectories(dir.resolve(".git"));
    Files.writeString(dir.resolve(".git/config"), "x");
    Files.writeString(dir.resolve(".DS_Store"), "x");
    Files.writeString(dir.resolve("log.json"), "{}");

    assertThat(names(dir)).containsExactly(dir.resolve("log.json").toString());
  }

  @Test
  void hiddenFileArgument_stillRead() throws Exception {
    Files.createDirectories(dir.resolve(".old"));
    Path hidden = Files.writeString(dir.resolve(".old/x.json"), "{}");
    Files.writeString(dir.resolve("log.json"), "{}");

    List<List<String>> names =
        names(discovery.discover(List.of(dir.toString(), hidden.toString())));

    assertThat(names.get(1)).containsExactly(hidden.toString());
  }

  @Test
  void file_isOneSourceNamedAsGiven() throws Exception {
    Path file = Files.writeString(dir.resolve("x.json"), "{}");

    List<InputSource> sources = sources(file);

    assertThat(sources).extracting(InputSource::name).containsExactly(file.toString());
    assertThat(sources.get(0).path()).contains(file);
  }

  @Test
  void dash_isStandardInput() throws Exception {
    InputWalk walk = discovery.discover(List.of("-"));

    InputSource source = walk.next().source();
    assertThat(source.name()).isEqualTo("-");
    assertThat(source.path()).isEmpty();
    assertThat(walk.hasNext()).isFalse();
  }

  @Test
  void missingPath_errorNamesPathBeforeAnySource() throws Exception {
    Path file = Files.writeString(dir.resolve("x.json"), "{}");
    String missing = dir.resolve("nope").toString();

    assertThatThrownBy(() -> discovery.discover(List.of(file.toString(), missing)))
        .isInstanceOf(NoSuchFileException.class)
        .hasMessageContaining(missing)
        .hasMessageContaining("input not found");
  }

  @Test
  void symlinkLoop_notFollowed() throws Exception {
    Files.createDirectories(dir.resolve("logs"));
    Files.writeString(dir.resolve("logs/1.json"), "{}");
    Files.createSymbolicLink(dir.resolve("logs/loop"), dir.resolve("logs"));
    Files.createSymbolicLink(dir.resolve("logs/root"), dir);

    assertThat(names(dir)).containsExactly(dir.resolve("logs/1.json").toString());
  }

  @Test
  void brokenSymlink_becomesReadError() throws Exception {
    Files.writeString(dir.resolve("1.json"), "{}");
    Files.createSymbolicLink(dir.resolve("2.json"), dir.resolve("gone.json"));
    CollectingSink sink = new CollectingSink();

    List<InputSource> sources = sources(dir);
    new LogReader().read(sources.get(1), sink);

    assertThat(sources)
        .extracting(InputSource::name)
        .containsExactly(dir.resolve("1.json").toString(), dir.resolve("2.json").toString());
    assertThat(sink.skipped).hasSize(1);
    assertThat(sink.skipped.get(0).detail()).contains("2.json").contains("broken symbolic link");
  }

  @Test
  void unreadableDirectory_becomesReadErrorInPlace() throws Exception {
    Files.writeString(dir.resolve("a.json"), "{}");
    Path locked = Files.createDirectories(dir.resolve("b"));
    Files.writeString(locked.resolve("1.json"), "{}");
    Files.writeString(dir.resolve("c.json"), "{}");
    Files.setPosixFilePermissions(locked, Set.of());
    try {
      assumeTrue(!Files.isReadable(locked), "the user can read any directory (root)");
      CollectingSink sink = new CollectingSink();

      List<InputSource> sources = sources(dir);
      new LogReader().read(sources.get(1), sink);

      assertThat(sources)
          .extracting(InputSource::name)
          .containsExactly(
              dir.resolve("a.json").toString(),
              locked.toString(),
              dir.resolve("c.json").toString());
      assertThat(sink.skipped).hasSize(1);
      assertThat(sink.skipped.get(0).detail()).contains(locked.toString());
    } finally {
      Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwx------"));
    }
  }

  @Test
  void userPaths_keepGivenOrder() throws Exception {
    Path second = Files.writeString(dir.resolve("b.json"), "{}");
    Path first = Files.writeString(dir.resolve("a.json"), "{}");

    InputWalk walk = discovery.discover(List.of(second.toString(), first.toString()));

    assertThat(walk.userPaths()).containsExactly(second.toString(), first.toString());
    assertThat(names(walk)).containsExactly(List.of(second.toString()), List.of(first.toString()));
  }

  @Test
  void sameFileTwice_readOnce() throws Exception {
    Path file = Files.writeString(dir.resolve("good.jsonl"), "{}");

    InputWalk walk = discovery.discover(List.of(file.toString(), file.toString()));

    assertThat(names(walk)).containsExactly(List.of(file.toString()), List.of());
    assertThat(walk.duplicatesDropped(0)).isZero();
    assertThat(walk.duplicatesDropped(1)).isEqualTo(1);
  }

  @Test
  void symlinkIntoHuntedDirectory_readOnce() throws Exception {
    Path logs = Files.createDirectories(dir.resolve("logs"));
    Path file = Files.writeString(logs.resolve("a.jsonl"), "{}");
    Path link = dir.resolve("link.jsonl");
    Files.createSymbolicLink(link, file);

    InputWalk walk = discovery.discover(List.of(logs.toString(), link.toString()));

    assertThat(names(walk)).containsExactly(List.of(file.toString()), List.of());
    assertThat(walk.duplicatesDropped(1)).isEqualTo(1);
  }

  @Test
  void overlappingDirectories_eachFileReadOnce() throws Exception {
    Path sub = Files.createDirectories(dir.resolve("2025/01"));
    Files.writeString(sub.resolve("a.json"), "{}");
    Files.writeString(sub.resolve("b.json"), "{}");
    Files.writeString(dir.resolve("top.json"), "{}");

    InputWalk subFirst = discovery.discover(List.of(sub.toString(), dir.toString()));
    List<List<String>> names = names(subFirst);

    assertThat(names.get(0)).hasSize(2);
    assertThat(names.get(1)).containsExactly(dir.resolve("top.json").toString());
    assertThat(subFirst.duplicatesDropped(1)).isEqualTo(2);

    InputWalk dirFirst = discovery.discover(List.of(dir.toString(), sub.toString()));
    assertThat(names(dirFirst).get(1)).isEmpty();
    assertThat(dirFirst.duplicatesDropped(1)).isEqualTo(2);
  }

  @Test
  void linkedDirectoryInsideTree_eachFileReadOnce() throws Exception {
    // "a-link" sorts before "real", so the files come first through the link.
    Path real = Files.createDirectories(dir.resolve("real"));
    Files.writeString(real.resolve("1.json"), "{}");
    Files.writeString(real.resolve("2.json"), "{}");
    Files.createSymbolicLink(dir.resolve("a-link"), real);
    // "z-link" sorts after "real", so its files were read already.
    Files.createSymbolicLink(dir.resolve("z-link"), real);

    InputWalk walk = discovery.discover(List.of(dir.toString()));

    assertThat(names(walk).get(0))
        .containsExactly(
            dir.resolve("a-link/1.json").toString(), dir.resolve("a-link/2.json").toString());
    assertThat(walk.duplicatesDropped(0)).isEqualTo(4);
  }

  @Test
  void linkedFileInTree_readOnce() throws Exception {
    Path logs = Files.createDirectories(dir.resolve("logs"));
    Path file = Files.writeString(logs.resolve("m.json"), "{}");
    Files.createSymbolicLink(logs.resolve("a.json"), file);
    Files.createSymbolicLink(logs.resolve("z.json"), file);

    InputWalk walk = discovery.discover(List.of(logs.toString()));

    assertThat(names(walk).get(0)).containsExactly(logs.resolve("a.json").toString());
    assertThat(walk.duplicatesDropped(0)).isEqualTo(2);
  }

  @Test
  void hardLinksInTree_readOnce() throws Exception {
    Path logs = Files.createDirectories(dir.resolve("logs"));
    Path file = Files.writeString(logs.resolve("m.json"), "{}");
    createHardLink(logs.resolve("a.json"), file);
    Files.createDirectories(logs.resolve("copy"));
    createHardLink(logs.resolve("copy/z.json"), file);

    InputWalk walk = discovery.discover(List.of(logs.toString()));

    assertThat(names(walk).get(0)).containsExactly(logs.resolve("a.json").toString());
    assertThat(walk.duplicatesDropped(0)).isEqualTo(2);
  }

  @Test
  void hardLinksGivenAsFiles_readOnce() throws Exception {
    Path first = Files.writeString(dir.resolve("first.json"), "{}");
    Path second = dir.resolve("second.json");
    createHardLink(second, first);
    Path other = Files.writeString(dir.resolve("other.json"), "{}");

    InputWalk walk =
        discovery.discover(List.of(first.toString(), second.toString(), other.toString()));

    assertThat(names(walk))
        .containsExactly(List.of(first.toString()), List.of(), List.of(other.toString()));
    assertThat(walk.duplicatesDropped(1)).isEqualTo(1);
    assertThat(walk.duplicatesDropped(2)).isZero();
  }

  /** Creates a hard link, or skips the test where the file system cannot report one. */
  private static void createHardLink(Path link, Path existing) throws Exception {
    try {
      Files.createLink(link, existing);
    } catch (UnsupportedOperationException e) {
      assumeTrue(false, "hard links are not supported here: " + e.getMessage());
    }
    assumeTrue(
        ReadOnce.hardLinkId(existing) != null,
        "this file system does not report hard link counts and file keys");
  }

  @Test
  void isInput_fileNamedOrInsideNamedDirectory() throws Exception {
    Path logs = Files.createDirectories(dir.resolve("logs"));
    Path inside = Files.writeString(logs.resolve("a.json"), "{}");
    Path outside = Files.writeString(dir.resolve("out.json"), "{}");

    assertThat(InputDiscovery.isInput(List.of(logs.toString()), inside)).isTrue();
    assertThat(InputDiscovery.isInput(List.of(logs.toString()), outside)).isFalse();
    assertThat(InputDiscovery.isInput(List.of("-", outside.toString()), outside)).isTrue();
    assertThat(InputDiscovery.isInput(List.of(logs.toString()), dir.resolve("new.json"))).isFalse();
  }

  /** A new output file inside an input directory would be read by the next hunt of it. */
  @Test
  void isInput_missingFileInsideNamedDirectory() throws Exception {
    Path logs = Files.createDirectories(dir.resolve("logs"));
    List<String> inputs = List.of(logs.toString());

    assertThat(InputDiscovery.isInput(inputs, logs.resolve("new.jsonl"))).isTrue();
    assertThat(InputDiscovery.isInput(inputs, logs.resolve("2026/01/01/new.jsonl"))).isTrue();
    assertThat(InputDiscovery.isInput(inputs, logs.resolve(".hidden/new.jsonl"))).isFalse();
    assertThat(InputDiscovery.isInput(inputs, dir.resolve("out/new.jsonl"))).isFalse();
  }

  @Test
  void standardInputTwice_rejected() {
    assertThatThrownBy(() -> discovery.discover(List.of("-", "-")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("standard input '-' given more than once");
  }
}
