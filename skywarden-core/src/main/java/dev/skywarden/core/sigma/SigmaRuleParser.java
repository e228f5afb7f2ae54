package dev.skywarden.core.sigma;

import dev.skywarden.core.sigma.detection.SigmaDetections;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Parses Sigma rule files (YAML, one or more documents each) into {@link SigmaRule}s, following the
 * Sigma rules specification 2.1.0. Thread-safe: it keeps no state between calls.
 *
 * <p>Each document is checked completely: metadata, detection shape, modifiers, values such as
 * regular expressions and CIDR ranges, and the condition against the defined search identifiers. A
 * document that fails any check is rejected with a {@link SigmaRuleException} that names the file,
 * line and column. Unknown top-level attributes are ignored, as the spec allows custom ones.
 *
 * <p>Filter documents (a {@code filter} section and no {@code detection}) are parsed into {@link
 * SigmaFilter}s of the result, and correlation documents by {@link CorrelationParser} into {@link
 * SigmaCorrelationRule}s whose references are resolved later, across files. Values with the {@code
 * expand} modifier take their placeholder values from the {@link SigmaConfig} given to the
 * constructor.
 */
public final class SigmaRuleParser {

  /** The file-name ending of the test-event files kept beside rules; they hold no rules. */
  public static final String TEST_FILE_SUFFIX = ".tests.yml";

  /** The statuses of the rules specification, in its order, so messages list them stably. */
  private static final List<String> STATUSES =
      List.of("stable", "test", "experimental", "deprecated", "unsupported");

  private final LoadSettings settings =
      LoadSettings.builder().setSchema(new CoreSchema()).setUseMarks(true).build();

  private final SigmaConfig config;

  /** Creates a parser with no placeholder values. */
  public SigmaRuleParser() {
    this(new SigmaConfig(PlaceholderSet.EMPTY, FieldMappings.none()));
  }

  /** Creates a parser that resolves {@code expand} placeholders from {@code config}. */
  public SigmaRuleParser(SigmaConfig config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  /**
   * Parses every document of one file and stops at the first problem.
   *
   * @param fileName the name used in locations and errors
   * @param yaml the file content
   * @return the rules in document order
   * @throws SigmaRuleException for the first rejected document
   */
  public List<SigmaRule> parse(String fileName, String yaml) {
    SigmaParseResult result = parseAll(fileName, yaml);
    if (!result.errors().isEmpty()) {
      throw result.errors().get(0);
    }
    return result.rules();
  }

  /**
   * Parses every document of one file, collecting one error per rejected document. A YAML syntax
   * error ends the file, since the documents after it cannot be read.
   */
  public SigmaParseResult parseAll(String fileName, String yaml) {
    List<SigmaRule> rules = new ArrayList<>();
    List<SigmaFilter> filters = new ArrayList<>();
    List<SigmaCorrelationRule> correlations = new ArrayList<>();
    List<SigmaRuleException> errors = new ArrayList<>();
    Iterator<Node> documents = new Compose(settings).composeAllFromString(yaml).iterator();
    while (true) {
      Node document;
      try {
        if (!documents.hasNext()) {
          break;
        }
        document = documents.next();
      } catch (YamlEngineException e) {
        errors.add(syntaxError(fileName, e));
        break;
      }
      if (YamlNodes.isNull(document)) {
        continue; // an empty document, as after a trailing "---"
      }
      try {
        Map<String, NodeTuple> attributes = documentAttributes(fileName, document);
        RuleLocation location = YamlNodes.location(fileName, document);
        if (CorrelationParser.isCorrelation(attributes)) {
          correlations.add(new CorrelationParser(fileName).parse(attributes, location));
        } else if (SigmaFilterParser.isFilter(attributes)) {
          filters.add(
              new SigmaFilterParser(config.placeholders()).parse(fileName, attributes, location));
        } else {
          rules.add(parseDocument(fileName, document, attributes));
        }
      } catch (SigmaRuleException e) {
        errors.add(e);
      }
    }
    return new SigmaParseResult(rules, filters, correlations, errors);
  }

  /**
   * Parses a rule file, or every rule file under a directory in path order, collecting errors. Rule
   * files are those {@link #isRuleFile} accepts, so the {@code .tests.yml} files of test events
   * beside the rules are left out. File names in locations are the paths as given.
   *
   * @throws IOException when a file or directory cannot be read
   */
  public SigmaParseResult parseAll(Path fileOrDirectory) throws IOException {
    List<Path> files;
    if (Files.isDirectory(fileOrDirectory)) {
      try (Stream<Path> walk = Files.walk(fileOrDirectory)) {
        files =
            walk.filter(Files::isRegularFile)
                .filter(path -> isRuleFile(path.getFileName().toString()))
                .sorted()
                .collect(Collectors.toList());
      }
    } else {
      files = List.of(fileOrDirectory);
    }
    List<SigmaRule> rules = new ArrayList<>();
    List<SigmaFilter> filters = new ArrayList<>();
    List<SigmaCorrelationRule> correlations = new ArrayList<>();
    List<SigmaRuleException> errors = new ArrayList<>();
    for (Path file : files) {
      SigmaParseResult result = parseFile(file);
      rules.addAll(result.rules());
      filters.addAll(result.filters());
      correlations.addAll(result.correlations());
      errors.addAll(result.errors());
    }
    return new SigmaParseResult(rules, filters, correlations, errors);
  }

  /**
   * Parses every document of one rule file, collecting errors as {@link #parseAll(String, String)}
   * does. A file that is not UTF-8 text gives one {@link SigmaSyntaxException} at its first invalid
   * byte. The file name in locations is the path as given.
   *
   * @throws IOException when the file cannot be read
   */
  public SigmaParseResult parseFile(Path file) throws IOException {
    String fileName = file.toString();
    String yaml;
    try {
      yaml = RuleFileText.decode(fileName, Files.readAllBytes(file));
    } catch (SigmaSyntaxException e) {
      return new SigmaParseResult(List.of(), List.of(), List.of(), List.of(e));
    }
    return parseAll(fileName, yaml);
  }

  /**
   * Returns whether a file name is a Sigma rule file: it ends in {@code .yml} or {@code .yaml},
   * ignoring case, and not in {@value #TEST_FILE_SUFFIX}.
   */
  public static boolean isRuleFile(String fileName) {
    String name = fileName.toLowerCase(Locale.ROOT);
    return (name.endsWith(".yml") || name.endsWith(".yaml")) && !name.endsWith(TEST_FILE_SUFFIX);
  }

  private static SigmaSyntaxException syntaxError(String file, YamlEngineException e) {
    RuleLocation location = RuleLocation.ofFile(file);
    String reason = e.getMessage();
    if (e instanceof MarkedYamlEngineException marked) {
      location =
          marked
              .getProblemMark()
              .or(marked::getContextMark)
              .map(mark -> YamlNodes.location(file, mark))
              .orElse(location);
      reason = marked.getProblem();
    }
    return new SigmaSyntaxException(location, "invalid YAML: " + reason, e);
  }

  private static Map<String, NodeTuple> documentAttributes(String file, Node document) {
    RuleLocation documentLocation = YamlNodes.location(file, document);
    if (!(document instanceof MappingNode documentMap)) {
      throw new SigmaSyntaxException(
          documentLocation, "document must be a mapping but is a " + YamlNodes.kind(document));
    }
    Map<String, NodeTuple> attributes = attributes(file, documentMap);
    rejectUnsupportedKinds(file, attributes, documentLocation);
    return attributes;
  }

  private SigmaRule parseDocument(String file, Node document, Map<String, NodeTuple> attributes) {
    RuleLocation documentLocation = YamlNodes.location(file, document);

    String title = requiredText(file, attributes, "title", documentLocation);
    NodeTuple detectionTuple = attributes.get("detection");
    if (detectionTuple == null) {
      throw new SigmaDetectionException(documentLocation, "rule '" + title + "' has no detection");
    }
    SigmaDetections detection =
        new DetectionParser(file, config.placeholders(), Set.of())
            .parse(detectionTuple.getValueNode());

    return new SigmaRule(
        optionalText(file, attributes, "id"),
        optionalText(file, attributes, "name"),
        title,
        status(file, attributes),
        optionalText(file, attributes, "description"),
        optionalText(file, attributes, "author"),
        date(file, attributes, "date"),
        date(file, attributes, "modified"),
        textList(file, attributes, "references"),
        textList(file, attributes, "tags"),
        logSource(file, attributes, documentLocation),
        detection,
        textList(file, attributes, "falsepositives"),
        textList(file, attributes, "fields"),
        level(file, attributes),
        documentLocation);
  }

  static Map<String, NodeTuple> attributes(String file, MappingNode document) {
    Map<String, NodeTuple> attributes = new LinkedHashMap<>();
    for (NodeTuple tuple : document.getValue()) {
      Node key = tuple.getKeyNode();
      if (!(key instanceof ScalarNode keyScalar) || YamlNodes.isNull(key)) {
        throw new SigmaSyntaxException(
            YamlNodes.location(file, key),
            "attribute name must be a string but is a " + YamlNodes.kind(key));
      }
      String name = keyScalar.getValue();
      if (attributes.put(name, tuple) != null) {
        throw new SigmaSyntaxException(
            YamlNodes.location(file, key), "attribute '" + name + "' appears twice");
      }
    }
    return attributes;
  }

  private static void rejectUnsupportedKinds(
      String file, Map<String, NodeTuple> attributes, RuleLocation documentLocation) {
    if (attributes.containsKey("action")) {
      throw new SigmaUnsupportedException(
          YamlNodes.location(file, attributes.get("action").getKeyNode()),
          "rule collections with 'action' (a Sigma 1 feature) are not supported");
    }
    if (attributes.isEmpty()) {
      throw new SigmaSyntaxException(documentLocation, "document is empty");
    }
  }

  static String requiredText(
      String file, Map<String, NodeTuple> attributes, String name, RuleLocation where) {
    String text = optionalText(file, attributes, name);
    if (text == null || text.isBlank()) {
      throw new SigmaMetadataException(
          attributes.containsKey(name)
              ? YamlNodes.location(file, attributes.get(name).getValueNode())
              : where,
          "rule has no " + name);
    }
    return text;
  }

  static String optionalText(String file, Map<String, NodeTuple> attributes, String name) {
    NodeTuple tuple = attributes.get(name);
    if (tuple == null || YamlNodes.isNull(tuple.getValueNode())) {
      return null;
    }
    Node value = tuple.getValueNode();
    if (!(value instanceof ScalarNode scalar)) {
      throw new SigmaMetadataException(
          YamlNodes.location(file, value),
          "'" + name + "' must be a string but is a " + YamlNodes.kind(value));
    }
    return scalar.getValue();
  }

  static List<String> textList(String file, Map<String, NodeTuple> attributes, String name) {
    NodeTuple tuple = attributes.get(name);
    if (tuple == null || YamlNodes.isNull(tuple.getValueNode())) {
      return List.of();
    }
    Node value = tuple.getValueNode();
    if (value instanceof ScalarNode scalar) {
      return List.of(scalar.getValue());
    }
    if (!(value instanceof SequenceNode sequence)) {
      throw new SigmaMetadataException(
          YamlNodes.location(file, value), "'" + name + "' must be a list of strings");
    }
    List<String> texts = new ArrayList<>();
    for (Node element : sequence.getValue()) {
      if (!(element instanceof ScalarNode scalar) || YamlNodes.isNull(element)) {
        throw new SigmaMetadataException(
            YamlNodes.location(file, element),
            "'" + name + "' must hold strings but has a " + YamlNodes.kind(element));
      }
      texts.add(scalar.getValue());
    }
    return texts;
  }

  static String status(String file, Map<String, NodeTuple> attributes) {
    String status = optionalText(file, attributes, "status");
    if (status != null && !STATUSES.contains(status)) {
      throw new SigmaMetadataException(
          YamlNodes.location(file, attributes.get("status").getValueNode()),
          "invalid status '" + status + "'; expected one of " + STATUSES);
    }
    return status;
  }

  static SigmaLevel level(String file, Map<String, NodeTuple> attributes) {
    String level = optionalText(file, attributes, "level");
    if (level == null) {
      return null;
    }
    return SigmaLevel.parse(level)
        .orElseThrow(
            () ->
                new SigmaMetadataException(
                    YamlNodes.location(file, attributes.get("level").getValueNode()),
                    "invalid level '"
                        + level
                        + "'; expected informational, low, medium, high or critical"));
  }

  static LocalDate date(String file, Map<String, NodeTuple> attributes, String name) {
    String text = optionalText(file, attributes, name);
    if (text == null) {
      return null;
    }
    try {
      // Sigma 2 writes YYYY-MM-DD; older rules used YYYY/MM/DD.
      return LocalDate.parse(text.strip().replace('/', '-'));
    } catch (DateTimeParseException e) {
      throw new SigmaMetadataException(
          YamlNodes.location(file, attributes.get(name).getValueNode()),
          "invalid " + name + " '" + text + "'; expected YYYY-MM-DD",
          e);
    }
  }

  static LogSource logSource(
      String file, Map<String, NodeTuple> attributes, RuleLocation documentLocation) {
    NodeTuple tuple = attributes.get("logsource");
    if (tuple == null) {
      throw new SigmaMetadataException(documentLocation, "rule has no logsource");
    }
    Node value = tuple.getValueNode();
    if (!(value instanceof MappingNode logSourceMap)) {
      throw new SigmaMetadataException(
          YamlNodes.location(file, value),
          "logsource must be a mapping but is a " + YamlNodes.kind(value));
    }
    Map<String, NodeTuple> fields = attributes(file, logSourceMap);
    LogSource logSource =
        new LogSource(
            optionalText(file, fields, "category"),
            optionalText(file, fields, "product"),
            optionalText(file, fields, "service"));
    if (logSource.category() == null
        && logSource.product() == null
        && logSource.service() == null) {
      throw new SigmaMetadataException(
          YamlNodes.location(file, value), "logsource needs a category, product or service");
    }
    return logSource;
  }
}
