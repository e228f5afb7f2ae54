package dev.skywarden.cli;

import dev.skywarden.core.sigma.PlaceholderSet;
import dev.skywarden.core.sigma.SigmaConfig;
import dev.skywarden.core.sigma.SigmaConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The options that configure the Sigma engine: {@code --placeholders} and {@code --field-mapping}.
 * A picocli mixin shared by {@code hunt} and the {@code rules} subcommands.
 */
final class SigmaConfigOptions {

  @Spec(Spec.Target.MIXEE)
  CommandSpec mixee;

  @Option(
      names = "--placeholders",
      paramLabel = "FILE",
      description =
          "YAML file of placeholder values for the Sigma 'expand' modifier (name: [values]). A"
              + " rule that expands an undefined placeholder is not loaded.")
  Path placeholders;

  @Option(
      names = "--field-mapping",
      paramLabel = "FILE",
      description =
          "Extra field mapping file (rule field to event paths per log source); repeat for more."
              + " A later file wins over an earlier one and over the built-in mappings.")
  List<Path> fieldMappings = new ArrayList<>();

  /**
   * Builds the engine configuration: the built-in field mappings followed by the given files, and
   * the placeholder file if any.
   *
   * @throws ParameterException when a file is missing or invalid; the message names the file and,
   *     for invalid content, the line and column
   * @throws IOException when a file exists but cannot be read
   */
  SigmaConfig toConfig() throws IOException {
    SigmaConfig config = SigmaConfig.defaults();
    try {
      if (placeholders != null) {
        requireFile("--placeholders", placeholders);
        config = config.withPlaceholders(PlaceholderSet.load(placeholders));
      }
      for (Path file : fieldMappings) {
        requireFile("--field-mapping", file);
      }
      if (!fieldMappings.isEmpty()) {
        config = config.withFieldMappings(config.fieldMappings().withFiles(fieldMappings));
      }
    } catch (SigmaConfigException e) {
      throw new ParameterException(mixee.commandLine(), "invalid file: " + e.getMessage(), e);
    }
    return config;
  }

  private void requireFile(String option, Path file) {
    if (!Files.isRegularFile(file)) {
      throw new ParameterException(mixee.commandLine(), option + ": file not found: " + file);
    }
  }
}
