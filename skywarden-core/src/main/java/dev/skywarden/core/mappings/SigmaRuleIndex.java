package dev.skywarden.core.mappings;

import dev.skywarden.core.mappings.Detection.DetectionKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * The Sigma rules as coverage: each rule's {@code id}, {@code title}, {@code level} and ATT&CK
 * technique tags ({@code attack.t1059.009}), read with snakeyaml-engine without compiling the
 * detection. Files ending in {@code .tests.yml} are test events, not rules, and are skipped.
 *
 * <p>A file that is not valid YAML, or a document without {@code title}, is reported in {@link
 * #problems()} and left out. Instances are immutable and safe to share between threads.
 */
public final class SigmaRuleIndex implements CoverageSource {

  /** The class-path folder of the built-in rules. */
  public static final String BUILTIN_FOLDER = "/dev/skywarden/core/rules";

  private static final Pattern TECHNIQUE_TAG =
      Pattern.compile("^attack\\.(t\\d{4}(?:\\.\\d{3})?)$", Pattern.CASE_INSENSITIVE);

  private final String name;
  private final List<Detection> detections;
  private final List<String> problems;

  private SigmaRuleIndex(String name, List<Detection> detections, List<String> problems) {
    this.name = name;
    this.detections = List.copyOf(detections);
    this.problems = List.copyOf(problems);
  }

  /**
   * Reads the built-in rules from the class path, from a folder or from inside the jar.
   *
   * @throws IllegalStateException when the rule folder is missing (a broken build)
   * @throws UncheckedIOException when the rules cannot be listed
   */
  public static SigmaRuleIndex builtin() {
    // The folder is found through its README: a bare folder lookup can return a test-classes
    // folder of the same package, which contains no rules.
    URL readme = SigmaRuleIndex.class.getResource(BUILTIN_FOLDER + "/README.md");
    if (readme == null) {
      throw new IllegalStateException("built-in rule folder " + BUILTIN_FOLDER + " not found");
    }
    try {
      URI uri = readme.toURI();
      if (uri.getScheme().equals("jar")) {
        return readFromJar(uri);
      }
      return read("built-in Sigma rules", List.of(Path.of(uri).getParent()), true);
    } catch (IOException e) {
      throw new UncheckedIOException("failed to list built-in rules beside " + readme, e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException("invalid built-in rule README URL " + readme, e);
    }
  }

  private static SigmaRuleIndex readFromJar(URI readme) throws IOException {
    FileSystem jar;
    boolean opened;
    try {
      jar = FileSystems.newFileSystem(readme, Map.of());
      opened = true;
    } catch (FileSystemAlreadyExistsException e) {
      jar = FileSystems.getFileSystem(readme);
      opened = false;
    }
    try {
      Path folder = jar.provider().getPath(readme).getParent();
      return read("built-in Sigma rules", List.of(folder), true);
    } finally {
      if (opened) {
        jar.close();
      }
    }
  }

  /**
   * Reads rules a user gave: each path is a rule file or a folder searched recursively for {@code
   * *.yml} and {@code *.yaml}.
   *
   * @throws IOException when a path does not exist or cannot be listed
   */
  public static SigmaRuleIndex loaded(List<Path> paths) throws IOException {
    return read("loaded Sigma rules", paths, false);
  }

  private static SigmaRuleIndex read(String name, List<Path> roots, boolean builtin)
      throws IOException {
    List<Detection> detections = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    DetectionKind kind = builtin ? DetectionKind.BUILTIN_RULE : DetectionKind.LOADED_RULE;
    for (Path root : roots) {
      if (!Files.exists(root)) {
        throw new NoSuchFileException(root.toString(), null, "rule path not found");
      }
      List<Path> files;
      try (Stream<Path> walk = Files.walk(root)) {
        files =
            walk.filter(Files::isRegularFile).filter(SigmaRuleIndex::isRuleFile).sorted().toList();
      }
      for (Path file : files) {
        // Built-in rules are named relative to their folder, so jar and class folder agree.
        String origin = builtin ? "built-in:" + root.relativize(file) : file.toString();
        readFile(file, origin, kind, detections, problems);
      }
    }
    return new SigmaRuleIndex(name, detections, problems);
  }

  private static boolean isRuleFile(Path path) {
    String file = path.getFileName().toString().toLowerCase(Locale.ROOT);
    return (file.endsWith(".yml") || file.endsWith(".yaml")) && !file.endsWith(".tests.yml");
  }

  private static void readFile(
      Path file,
      String origin,
      DetectionKind kind,
      List<Detection> detections,
      List<String> problems)
      throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    Load load = new Load(LoadSettings.builder().setLabel(file.toString()).build());
    int document = 0;
    try {
      for (Object parsed : load.loadAllFromString(text)) {
        document++;
        if (!(parsed instanceof Map<?, ?> rule) || rule.get("title") == null) {
          problems.add(origin + ": document " + document + " is not a Sigma rule (no title)");
          continue;
        }
        detections.add(toDetection(rule, kind, origin));
      }
    } catch (YamlEngineException e) {
      problems.add(origin + ": invalid YAML: " + e.getMessage());
    }
  }

  private static Detection toDetection(Map<?, ?> rule, DetectionKind kind, String origin) {
    List<String> techniques = new ArrayList<>();
    if (rule.get("tags") instanceof List<?> tags) {
      for (Object tag : tags) {
        Matcher match = TECHNIQUE_TAG.matcher(String.valueOf(tag).trim());
        if (match.matches()) {
          techniques.add(match.group(1).toUpperCase(Locale.ROOT));
        }
      }
    }
    Object level = rule.get("level");
    return new Detection(
        kind,
        rule.get("id") == null ? "" : String.valueOf(rule.get("id")),
        String.valueOf(rule.get("title")),
        level == null ? null : String.valueOf(level),
        techniques,
        origin);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public List<Detection> detections() {
    return detections;
  }

  /** Returns no checks: Sigma rules detect, they do not evidence controls. */
  @Override
  public List<PostureCheck> checks() {
    return List.of();
  }

  /** Returns the files or documents that could not be read as rules, each naming the file. */
  public List<String> problems() {
    return problems;
  }
}
