package dev.skywarden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Option checks of {@code skywarden generate} that must fail before anything is written. */
class GenerateOptionsTest {

  @TempDir Path temp;

  @Test
  void scenarioOfLeftOutCloud_rejected() {
    Path out = temp.resolve("corpus");

    Cli.Result result =
        Cli.run(
            "generate",
            "--out",
            out.toString(),
            "--clouds",
            "gcp",
            "--scenarios",
            "gcp-startup-script,aws-stolen-key-hosting",
            "--identities",
            "5",
            "--accounts",
            "2",
            "-q");

    assertThat(result.exitCode()).as("%s", result).isEqualTo(2);
    assertThat(result.err())
        .contains("scenario 'aws-stolen-key-hosting' needs cloud aws, which --clouds leaves out");
    assertThat(out).as("output folder").doesNotExist();
  }

  @Test
  void noneTwice_accepted() {
    Path out = temp.resolve("corpus");

    Cli.Result result =
        Cli.run(
            "generate",
            "--out",
            out.toString(),
            "--scenarios",
            "none,none",
            "--clouds",
            "aws",
            "--accounts",
            "2",
            "--identities",
            "2",
            "-q");

    assertThat(result.exitCode()).as("%s", result).isZero();
    assertThat(result.out()).doesNotContain("scenario ");
  }

  @Test
  void noneWithOtherScenarios_rejected() {
    Path out = temp.resolve("corpus");

    Cli.Result result =
        Cli.run("generate", "--out", out.toString(), "--scenarios", "none,all", "-q");

    assertThat(result.exitCode()).as("%s", result).isEqualTo(2);
    assertThat(result.err()).contains("'none' cannot be combined with other --scenarios");
    assertThat(out).as("output folder").doesNotExist();
  }
}
