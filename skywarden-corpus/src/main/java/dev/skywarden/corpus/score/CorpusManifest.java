package dev.skywarden.corpus.score;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * The facts of a generated corpus that a score needs, read from its {@code corpus.json}.
 *
 * @param people the people of the organisation ({@code identities} in the manifest)
 * @param machineIdentities the workloads, IAM users, CI roles, service principals, managed
 *     identities and service accounts the generator made
 * @param start the start of the first generated hour
 * @param end the end of the last generated hour
 */
public record CorpusManifest(int people, int machineIdentities, Instant start, Instant end) {

  /** The name of the manifest in a corpus folder. */
  public static final String FILE_NAME = "corpus.json";

  /** Returns every identity of the organisation, the denominator of false-positive rates. */
  public int identities() {
    return people + machineIdentities;
  }

  /** Returns the span of the corpus in days, fractional: 18.67 for 18 days and 16 hours. */
  public double days() {
    return Duration.between(start, end).toSeconds() / 86_400.0;
  }

  /**
   * Reads the manifest of the corpus folder {@code corpus}.
   *
   * @throws InvalidScoreInputException naming the file when it is missing, not JSON, or lacks a
   *     field
   */
  public static CorpusManifest read(Path corpus, ObjectMapper json)
      throws InvalidScoreInputException {
    Path file = corpus.resolve(FILE_NAME);
    JsonNode root;
    try {
      root = json.readTree(file.toFile());
    } catch (IOException e) {
      throw new InvalidScoreInputException(
          file + ": cannot read the corpus manifest: " + e.getMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new InvalidScoreInputException(file + ": the corpus manifest is not a JSON object");
    }
    Instant start = time(root, "start", file);
    Instant end = time(root, "end", file);
    if (!end.isAfter(start)) {
      throw new InvalidScoreInputException(
          file + ": 'end' (" + end + ") must come after 'start' (" + start + ")");
    }
    int people = count(root, "identities", file);
    int machines = count(root, "machineIdentities", file);
    if ((long) people + machines > Integer.MAX_VALUE) {
      throw new InvalidScoreInputException(
          file
              + ": too many identities: "
              + people
              + " people and "
              + machines
              + " machine identities");
    }
    if (people + machines == 0) {
      throw new InvalidScoreInputException(
          file + ": the corpus has no identities, so no rate per identity exists");
    }
    return new CorpusManifest(people, machines, start, end);
  }

  private static int count(JsonNode root, String field, Path file)
      throws InvalidScoreInputException {
    JsonNode value = root.get(field);
    if (value == null
        || !value.isIntegralNumber()
        || !value.canConvertToInt()
        || value.asInt() < 0) {
      throw new InvalidScoreInputException(
          file + ": field '" + field + "' must be a count, found " + value);
    }
    return value.asInt();
  }

  private static Instant time(JsonNode root, String field, Path file)
      throws InvalidScoreInputException {
    JsonNode value = root.get(field);
    if (value == null || !value.isTextual()) {
      throw new InvalidScoreInputException(
          file + ": field '" + field + "' must be an ISO-8601 time, found " + value);
    }
    try {
      return Instant.parse(value.asText());
    } catch (DateTimeParseException e) {
      throw new InvalidScoreInputException(
          file + ": field '" + field + "' must be an ISO-8601 time, found " + value, e);
    }
  }
}
