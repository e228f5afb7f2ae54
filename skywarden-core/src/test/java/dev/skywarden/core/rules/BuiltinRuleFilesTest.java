package dev.skywarden.core.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Checks the structure of the built-in Sigma rules and their {@code .tests.yml} files without the
 * Sigma engine: YAML syntax, required keys, unique UUID ids, valid levels, ATT&CK technique tags
 * and enough test records per rule.
 */
class BuiltinRuleFilesTest {

  private static final String RULES_README = "dev/skywarden/core/rules/README.md";
  private static final String TESTS_SUFFIX = ".tests.yml";
  private static final List<String> REQUIRED_KEYS =
      List.of(
          "title",
          "id",
          "status",
          "description",
          "author",
          "date",
          "tags",
          "logsource",
          "detection",
          "falsepositives",
          "level");

  /** The keys of a correlation rule: a correlation section in place of logsource and detection. */
  private static final List<String> REQUIRED_CORRELATION_KEYS =
      List.of(
          "title",
          "id",
          "status",
          "description",
          "author",
          "date",
          "tags",
          "correlation",
          "falsepositives",
          "level");

  private static final Set<String> LEVELS =
      Set.of("informational", "low", "medium", "high", "critical");
  private static final Set<String> STATUSES = Set.of("experimental", "test", "stable");
  private static final Set<String> LOG_SOURCES =
      Set.of(
          "aws/cloudtrail",
          "azure/activitylogs",
          "azure/signinlogs",
          "azure/auditlogs",
          "gcp/gcp.audit");
  private static final int MIN_EVENTS = 2;

  private static Path rulesRoot;
  private static List<Path> ruleFiles;

  @BeforeAll
  static void findRuleFiles() throws IOException, URISyntaxException {
    // The test classes share the package folder name, so look the folder up through its README.
    URL readme = BuiltinRuleFilesTest.class.getClassLoader().getResource(RULES_README);
    assertThat(readme).as("resource %s on the class path", RULES_README).isNotNull();
    rulesRoot = Paths.get(readme.toURI()).getParent();
    try (Stream<Path> files = Files.walk(rulesRoot)) {
      ruleFiles =
          files
              .filter(Files::isRegularFile)
              .filter(path -> path.toString().endsWith(".yml"))
              .filter(path -> !path.toString().endsWith(TESTS_SUFFIX))
              .sorted()
              .collect(Collectors.toList());
    }
  }

  @Test
  void ruleFolders_holdRulesForEveryCloud() {
    Set<String> clouds =
        ruleFiles.stream()
            .map(path -> rulesRoot.relativize(path).getName(0).toString())
            .collect(Collectors.toSet());

    assertThat(clouds).containsExactlyInAnyOrder("aws", "azure", "gcp");
    assertThat(ruleFiles).hasSizeGreaterThanOrEqualTo(30);
  }

  @Test
  void ruleIds_areUnique() {
    Map<String, Path> seen = new HashMap<>();
    for (Path file : ruleFiles) {
      String id = String.valueOf(loadMap(file).get("id"));
      Path previous = seen.put(id, file);
      assertThat(previous).as("id %s in %s is also used by %s", id, file, previous).isNull();
    }
  }

  @Test
  void testFiles_haveRuleBesideThem() throws IOException {
    try (Stream<Path> files = Files.walk(rulesRoot)) {
      List<Path> orphans =
          files
              .filter(path -> path.toString().endsWith(TESTS_SUFFIX))
              .filter(path -> !Files.exists(ruleFileFor(path)))
              .collect(Collectors.toList());
      assertThat(orphans).as("test files without a rule").isEmpty();
    }
  }

  @TestFactory
  Stream<DynamicTest> eachRule_isWellFormed() {
    return ruleFiles.stream()
        .map(
            file ->
                DynamicTest.dynamicTest(
                    rulesRoot.relativize(file).toString(), () -> checkRule(file)));
  }

  @TestFactory
  Stream<DynamicTest> eachRule_hasTestRecords() {
    return ruleFiles.stream()
        .map(
            file ->
                DynamicTest.dynamicTest(
                    rulesRoot.relativize(file).toString(), () -> checkTests(file)));
  }

  private static void checkRule(Path file) {
    Map<String, Object> rule = loadMap(file);
    boolean correlation = rule.containsKey("correlation");

    List<String> required = correlation ? REQUIRED_CORRELATION_KEYS : REQUIRED_KEYS;
    assertThat(rule).as("keys of %s", file).containsKeys(required.toArray(new String[0]));
    String id = String.valueOf(rule.get("id"));
    assertThat(UUID.fromString(id).toString()).as("id of %s in canonical form", file).isEqualTo(id);
    assertThat(rule.get("status")).as("status of %s", file).isIn(STATUSES);
    assertThat(rule.get("level")).as("level of %s", file).isIn(LEVELS);
    assertThat(rule.get("author")).as("author of %s", file).isEqualTo("Skywarden");
    assertThat(String.valueOf(rule.get("date")))
        .as("date of %s", file)
        .matches("\\d{4}-\\d{2}-\\d{2}");

    List<String> tags = stringList(rule.get("tags"), file, "tags");
    assertThat(tags).as("tags of %s", file).allMatch(tag -> tag.startsWith("attack."));
    assertThat(tags)
        .as("ATT&CK technique tags of %s", file)
        .anyMatch(tag -> tag.matches("attack\\.t\\d{4}(\\.\\d{3})?"));

    String cloud = rulesRoot.relativize(file).getName(0).toString();
    String fileName = file.getFileName().toString();
    assertThat(fileName).as("file name of %s", file).matches("[a-z0-9_]+\\.yml");
    assertThat(fileName).as("file name of %s", file).startsWith(cloud + "_");
    assertThat(stringList(rule.get("falsepositives"), file, "falsepositives"))
        .as("falsepositives of %s", file)
        .isNotEmpty();
    if (correlation) {
      Map<String, Object> section = asMap(rule.get("correlation"), file, "correlation");
      assertThat(section).as("correlation of %s", file).containsKeys("type", "rules", "timespan");
      return;
    }

    Map<String, Object> logSource = asMap(rule.get("logsource"), file, "logsource");
    assertThat(logSource.get("product")).as("logsource.product of %s", file).isEqualTo(cloud);
    assertThat(logSource.get("product") + "/" + logSource.get("service"))
        .as("logsource of %s", file)
        .isIn(LOG_SOURCES);

    Map<String, Object> detection = asMap(rule.get("detection"), file, "detection");
    assertThat(detection).as("detection of %s", file).containsKey("condition");
    assertThat(detection.size()).as("selections in %s", file).isGreaterThan(1);
  }

  private static void checkTests(Path file) {
    Path testFile = testFileFor(file);
    assertThat(testFile).as("test file beside %s", file).exists();

    Map<String, Object> rule = loadMap(file);
    Map<String, Object> tests = loadMap(testFile);
    assertThat(String.valueOf(tests.get("rule")))
        .as("rule id in %s", testFile)
        .isEqualTo(String.valueOf(rule.get("id")));
    assertThat(tests).as("keys of %s", testFile).containsOnlyKeys("rule", "match", "nomatch");

    // A correlation rule is tested with sequences of records, one sequence per case.
    boolean correlation = rule.containsKey("correlation");
    for (String kind : List.of("match", "nomatch")) {
      Object events = tests.get(kind);
      assertThat(events).as("%s in %s", kind, testFile).isInstanceOf(List.class);
      List<?> list = (List<?>) events;
      assertThat(list)
          .as("%s records in %s", kind, testFile)
          .hasSizeGreaterThanOrEqualTo(MIN_EVENTS);
      if (correlation) {
        assertThat(list)
            .as("%s cases in %s are lists of objects", kind, testFile)
            .allMatch(
                sequence ->
                    sequence instanceof List<?> records
                        && !records.isEmpty()
                        && records.stream().allMatch(BuiltinRuleFilesTest::isRecord));
      } else {
        assertThat(list)
            .as("%s records in %s are objects", kind, testFile)
            .allMatch(BuiltinRuleFilesTest::isRecord);
      }
    }
  }

  private static boolean isRecord(Object event) {
    return event instanceof Map && !((Map<?, ?>) event).isEmpty();
  }

  private static Path testFileFor(Path ruleFile) {
    String name = ruleFile.getFileName().toString();
    return ruleFile.resolveSibling(
        name.substring(0, name.length() - ".yml".length()) + TESTS_SUFFIX);
  }

  private static Path ruleFileFor(Path testFile) {
    String name = testFile.getFileName().toString();
    return testFile.resolveSibling(
        name.substring(0, name.length() - TESTS_SUFFIX.length()) + ".yml");
  }

  private static Map<String, Object> loadMap(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Failed to read " + file, e);
    }
    Object document =
        new Load(LoadSettings.builder().setLabel(file.toString()).build()).loadFromString(text);
    return asMap(document, file, "document");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asMap(Object value, Path file, String what) {
    assertThat(value).as("%s of %s is a map", what, file).isInstanceOf(Map.class);
    return (Map<String, Object>) value;
  }

  private static List<String> stringList(Object value, Path file, String what) {
    assertThat(value).as("%s of %s is a list", what, file).isInstanceOf(List.class);
    List<?> list = (List<?>) value;
    assertThat(list).as("%s of %s", what, file).allMatch(item -> item instanceof String);
    return list.stream().map(String::valueOf).collect(Collectors.toList());
  }
}
