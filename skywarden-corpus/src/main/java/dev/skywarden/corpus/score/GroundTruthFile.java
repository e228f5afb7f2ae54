package dev.skywarden.corpus.score;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.skywarden.corpus.Cloud;
import dev.skywarden.corpus.GroundTruth;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads the inserted scenarios of a corpus from its {@code ground-truth.jsonl}. */
public final class GroundTruthFile {

  /** The name of the ground-truth file in a corpus folder. */
  public static final String FILE_NAME = "ground-truth.jsonl";

  private GroundTruthFile() {}

  /**
   * Reads every scenario of the corpus folder {@code corpus}, in file order. The generator writes
   * this file, so any invalid line fails the whole read.
   *
   * @throws InvalidScoreInputException naming the file, line and reason
   */
  public static List<GroundTruth> read(Path corpus, ObjectMapper json)
      throws InvalidScoreInputException {
    Path file = corpus.resolve(FILE_NAME);
    List<String> lines;
    try {
      lines = Files.readAllLines(file);
    } catch (NoSuchFileException e) {
      throw new InvalidScoreInputException(file + ": ground truth not found", e);
    } catch (IOException e) {
      throw new InvalidScoreInputException(
          file + ": cannot read the ground truth: " + e.getMessage(), e);
    }
    ObjectReader lineReader = json.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    List<GroundTruth> truths = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).isBlank()) {
        continue;
      }
      try {
        truths.add(parse(lineReader.readTree(lines.get(i))));
      } catch (JsonProcessingException e) {
        throw new InvalidScoreInputException(
            file + ":" + (i + 1) + ": invalid JSON: " + e.getOriginalMessage(), e);
      } catch (IllegalArgumentException e) {
        throw new InvalidScoreInputException(file + ":" + (i + 1) + ": " + e.getMessage(), e);
      }
    }
    return truths;
  }

  private static GroundTruth parse(JsonNode node) {
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException("not a JSON object");
    }
    return new GroundTruth(
        RecordFields.text(node, "scenario"),
        RecordFields.text(node, "title"),
        RecordFields.texts(node, "techniques"),
        Cloud.parse(RecordFields.text(node, "cloud")),
        RecordFields.text(node, "account"),
        RecordFields.texts(node, "identities"),
        RecordFields.optionalText(node, "credential"),
        RecordFields.texts(node, "sourceAddresses"),
        RecordFields.time(node, "start"),
        RecordFields.time(node, "end"),
        RecordFields.texts(node, "eventIds"));
  }
}
