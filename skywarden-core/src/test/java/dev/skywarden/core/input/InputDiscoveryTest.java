package dev.skywarden.core.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputDiscoveryTest {

  private final InputDiscovery discovery =
      new InputDiscovery(new ByteArrayInputStream(new byte[0]));

  @TempDir Path dir;

  @Test
  void directory_walkedRecursivelyInSortedOrder() throws Exception {
    Files.createDirectories(dir.resolve("b/sub"));
    Files.createDirectories(dir.resolve("a"));
    Files.writeString(dir.resolve("b/sub/3.json"), "{}");
    Files.writeString(dir.resolve("b/2.json"), "{}");
    Files.writeString(dir.resolve("a/1.json.gz"), "{}");
    Files.writeString(dir.resolve("0.json"), "{}");

    InputDiscovery.UserInput input = discovery.discover(dir.toString());

    assertThat(input.userPath()).isEqualTo(dir.toString());
    assertThat(names(input))
        .containsExactly(
            dir.resolve("0.json").toString(),
            dir.resolve("a/1.json.gz").toString(),
            dir.resolve("b/2.json").toString(),
            dir.resolve("b/sub/3.json").toString());
  }

  @Test
  void hiddenEntries_leftOutOfDirectories() throws Exception {
    Files.createDirectories(dir.resolve(".git"));
    Files.writeString(dir.resolve(".git/config"), "x");
    Files.writeString(dir.resolve(".DS_Store"), "x");
    Files.writeString(dir.resolve("log.json"), "{}");

    assertThat(names(discovery.discover(dir.toString())))
        .containsExactly(dir.resolve("log.json").toString());
  }

  @Test
  void file_isOneSourceNamedAsGiven() throws Exception {
    Path file = Files.writeString(dir.resolve("x.json"), "{}");

    InputDiscovery.UserInput input = discovery.discover(file.toString());

    assertThat(names(input)).containsExactly(file.toString());
    assertThat(input.sources().get(0).path()).contains(file);
  }

  @Test
  void dash_isStandardInput() throws Exception {
    List<InputDiscovery.UserInput> inputs = discovery.discover(List.of("-"));

    assertThat(names(inputs.get(0))).containsExactly("-");
    assertThat(inputs.get(0).sources().get(0).path()).isEmpty();
  }

  @Test
  void missingPath_errorNamesPath() {
    String missing = dir.resolve("nope").toString();

    assertThatThrownBy(() -> discovery.discover(List.of(missing)))
        .isInstanceOf(NoSuchFileException.class)
        .hasMessageContaining(missing)
        .hasMessageContaining("input not found");
  }

  @Test
  void symlinkLoop_notFollowed() throws Exception {
    Files.createDirectories(dir.resolve("logs"));
    Files.writeString(dir.resolve("logs/1.json"), "{}");
    Files.createSymbolicLink(dir.resolve("logs/loop"), dir.resolve("logs"));

    InputDiscovery.UserInput input = discovery.discover(dir.toString());

    assertThat(names(input)).containsExactly(dir.resolve("logs/1.json").toString());
  }

  @Test
  void brokenSymlink_becomesReadError() throws Exception {
    Files.writeString(dir.resolve("1.json"), "{}");
    Files.createSymbolicLink(dir.resolve("2.json"), dir.resolve("gone.json"));
    CollectingSink sink = new CollectingSink();

    InputDiscovery.UserInput input = discovery.discover(dir.toString());
    new LogReader().read(input.sources().get(1), sink);

    assertThat(names(input))
        .containsExactly(dir.resolve("1.json").toString(), dir.resolve("2.json").toString());
    assertThat(sink.skipped).hasSize(1);
    assertThat(sink.skipped.get(0).detail()).contains("2.json").contains("broken symbolic link");
  }

  @Test
  void userPaths_keepGivenOrder() throws Exception {
    Path second = Files.writeString(dir.resolve("b.json"), "{}");
    Path first = Files.writeString(dir.resolve("a.json"), "{}");

    List<InputDiscovery.UserInput> inputs =
        discovery.discover(List.of(second.toString(), first.toString()));

    assertThat(inputs)
        .extracting(InputDiscovery.UserInput::userPath)
        .containsExactly(second.toString(), first.toString());
  }

  private static List<String> names(InputDiscovery.UserInput input) {
    return input.sources().stream().map(InputSource::name).toList();
  }

  @Test
  void sameFileTwice_readOnce() throws Exception {
    Path file = Files.writeString(dir.resolve("good.jsonl"), "{}");

    List<InputDiscovery.UserInput> inputs =
        discovery.discover(List.of(file.toString(), file.toString()));

    assertThat(inputs.get(0).sources()).hasSize(1);
    assertThat(inputs.get(0).duplicatesDropped()).isZero();
    assertThat(inputs.get(1).sources()).isEmpty();
    assertThat(inputs.get(1).duplicatesDropped()).isEqualTo(1);
  }

  @Test
  void symlinkIntoHuntedDirectory_readOnce() throws Exception {
    Path logs = Files.createDirectories(dir.resolve("logs"));
    Path file = Files.writeString(logs.resolve("a.jsonl"), "{}");
    Path link = dir.resolve("link.jsonl");
    Files.createSymbolicLink(link, file);

    List<InputDiscovery.UserInput> inputs =
        discovery.discover(List.of(logs.toString(), link.toString()));

    assertThat(names(inputs.get(0))).containsExactly(file.toString());
    assertThat(inputs.get(1).sources()).isEmpty();
    assertThat(inputs.get(1).duplicatesDropped()).isEqualTo(1);
  }

  @Test
  void standardInputTwice_rejected() {
    assertThatThrownBy(() -> discovery.discover(List.of("-", "-")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("standard input '-' given more than once");
  }
}
