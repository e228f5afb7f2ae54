package dev.skywarden.core.detect;

import dev.skywarden.core.detect.RuleTestCase.Expectation;
import dev.skywarden.core.event.SourceLocation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * A rule test file ({@code <rule-name>.tests.yml}): the id of the rule under test, records that
 * must fire it ({@code match}) and near misses that must not ({@code nomatch}).
 *
 * <pre>
 * rule: 626fc537-2f5b-463b-a6d3-795d7c754633
 * match:
 *   - {eventSource: ..., eventName: ...}
 * nomatch:
 *   - {...}
 * </pre>
 *
 * <p>A case of a correlation rule is a list of records instead of one record: the records are run
 * in order through one hunt run, and the case looks at what the run reported once it finished.
 *
 * <pre>
 * rule: 0c8e6b6e-...          # the id of the correlation under test
 * match:
 *   - - {eventName: ListUsers, ...}
 *     - {eventName: ListRoles, ...}
 * </pre>
 *
 * @param file the file name used in case names and messages
 * @param ruleId the id of the rule under test
 * @param cases the {@code match} cases in file order, then the {@code nomatch} cases
 */
public record RuleTestFile(String file, String ruleId, List<RuleTestCase> cases) {

  private static final Set<String> KEYS = Set.of("rule", "match", "nomatch");

  public RuleTestFile {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(ruleId, "ruleId");
    cases = List.copyOf(cases);
  }

  /**
   * Reads a test file; cases are named after the file name without its folder.
   *
   * @throws IOException when the file cannot be read
   * @throws IllegalArgumentException when the file is not a valid test file, naming file and line
   */
  public static RuleTestFile read(Path path) throws IOException {
    String yaml = Files.readString(path, StandardCharsets.UTF_8);
    return parse(path.getFileName().toString(), yaml);
  }

  /**
   * Parses the text of a test file.
   *
   * @param file the name used in case names, locations and errors
   * @throws IllegalArgumentException when the text is not valid YAML, is not a mapping, has keys
   *     other than {@code rule}, {@code match} and {@code nomatch}, lacks the rule id, or lists a
   *     record that is not a mapping
   */
  public static RuleTestFile parse(String file, String yaml) {
    Node document = compose(file, yaml);
    if (!(document instanceof MappingNode mapping)) {
      throw invalid(file, document, "the document must be a mapping with rule, match and nomatch");
    }

    String ruleId = null;
    List<RuleTestCase> matches = new ArrayList<>();
    List<RuleTestCase> nomatches = new ArrayList<>();
    for (NodeTuple tuple : mapping.getValue()) {
      String key = scalarText(tuple.getKeyNode());
      if (key == null || !KEYS.contains(key)) {
        throw invalid(
            file, tuple.getKeyNode(), "unknown key '" + key + "'; expected rule, match or nomatch");
      }
      Node value = tuple.getValueNode();
      if (key.equals("rule")) {
        ruleId = scalarText(value);
        if (ruleId == null || ruleId.isBlank()) {
          throw invalid(file, value, "'rule' must be the id of the rule under test");
        }
      } else {
        List<RuleTestCase> target = key.equals("match") ? matches : nomatches;
        target.addAll(records(file, value, key));
      }
    }
    if (ruleId == null) {
      throw invalid(file, document, "missing 'rule': the id of the rule under test");
    }

    List<RuleTestCase> cases = new ArrayList<>();
    int index = 0;
    for (List<RuleTestCase> list : List.of(matches, nomatches)) {
      for (RuleTestCase draft : list) {
        index++;
        SourceLocation location = new SourceLocation(file, index, draft.location().line());
        cases.add(
            new RuleTestCase(
                file, ruleId, draft.expectation(), draft.number(), draft.record(), location));
      }
    }
    return new RuleTestFile(file, ruleId, cases);
  }

  /** Returns the cases of the list {@code key}, with the rule id and record index left to fill. */
  private static List<RuleTestCase> records(String file, Node value, String key) {
    if (value instanceof ScalarNode && Tag.NULL.equals(value.getTag())) {
      return List.of();
    }
    if (!(value instanceof SequenceNode sequence)) {
      throw invalid(file, value, "'" + key + "' must be a list of records");
    }
    Expectation expectation = key.equals("match") ? Expectation.MATCH : Expectation.NOMATCH;
    List<RuleTestCase> drafts = new ArrayList<>();
    int number = 0;
    for (Node element : sequence.getValue()) {
      number++;
      if (element instanceof SequenceNode records) {
        checkSequence(file, records, key + " #" + number);
      } else if (!(element instanceof MappingNode)) {
        throw invalid(
            file,
            element,
            key
                + " #"
                + number
                + " must be a mapping (one log record) or, for a correlation rule, a list of"
                + " records");
      }
      SourceLocation location = new SourceLocation(file, 0, YamlJson.line(element));
      try {
        drafts.add(
            new RuleTestCase(file, "", expectation, number, YamlJson.toJson(element), location));
      } catch (IllegalArgumentException e) {
        throw invalid(file, element, key + " #" + number + ": " + e.getMessage());
      }
    }
    return drafts;
  }

  private static void checkSequence(String file, SequenceNode records, String name) {
    if (records.getValue().isEmpty()) {
      throw invalid(file, records, name + " is an empty list of records");
    }
    int position = 0;
    for (Node record : records.getValue()) {
      position++;
      if (!(record instanceof MappingNode)) {
        throw invalid(
            file, record, name + ", record " + position + " must be a mapping (one log record)");
      }
    }
  }

  private static Node compose(String file, String yaml) {
    LoadSettings settings =
        LoadSettings.builder().setLabel(file).setSchema(new CoreSchema()).setUseMarks(true).build();
    try {
      return new Compose(settings)
          .composeString(yaml)
          .orElseThrow(() -> new IllegalArgumentException(file + ": the test file is empty"));
    } catch (YamlEngineException e) {
      throw new IllegalArgumentException(file + ": invalid YAML: " + e.getMessage(), e);
    }
  }

  private static String scalarText(Node node) {
    if (node instanceof ScalarNode scalar && !Tag.NULL.equals(scalar.getTag())) {
      return scalar.getValue();
    }
    return null;
  }

  private static IllegalArgumentException invalid(String file, Node node, String message) {
    return new IllegalArgumentException(file + ":" + YamlJson.line(node) + ": " + message);
  }
}
