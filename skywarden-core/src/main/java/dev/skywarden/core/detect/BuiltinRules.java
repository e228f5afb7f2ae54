package dev.skywarden.core.detect;

import dev.skywarden.core.sigma.SigmaCorrelationRule;
import dev.skywarden.core.sigma.SigmaFilter;
import dev.skywarden.core.sigma.SigmaParseResult;
import dev.skywarden.core.sigma.SigmaRule;
import dev.skywarden.core.sigma.SigmaRuleParser;
import dev.skywarden.core.sigma.correlation.CorrelationSet;
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
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The built-in Sigma rule pack: every {@code .yml} file under {@value #RESOURCE_ROOT} on the class
 * path, except the {@code .tests.yml} files of test events that sit beside each rule.
 */
public final class BuiltinRules {

  /** The class-path folder of the pack. */
  public static final String RESOURCE_ROOT = "/dev/skywarden/core/rules";

  /** The file-name ending of the test-event files kept beside the rules. */
  public static final String TEST_FILE_SUFFIX = SigmaRuleParser.TEST_FILE_SUFFIX;

  /** A file at the top of the pack's folder, used to find that folder on the class path. */
  private static final String MARKER = RESOURCE_ROOT + "/README.md";

  private BuiltinRules() {}

  /**
   * Parses every detection rule of the pack, in path order; {@link #loadPack()} also returns its
   * correlation rules. Synchronized because reading from a jar opens a jar file system, of which
   * only one per jar may be open at a time.
   *
   * @throws IllegalStateException when a built-in rule does not parse or none is found (a packaging
   *     bug)
   */
  public static List<SigmaRule> load() {
    return loadPack().rules();
  }

  /**
   * Parses every document of the pack, in path order: detection rules, filters and correlation
   * rules. The correlations are not resolved; resolve them with {@link
   * dev.skywarden.core.sigma.correlation.CorrelationSet#resolve} against all rules of the run, as
   * {@code --rules} correlations are.
   *
   * @throws IllegalStateException when a built-in document does not parse or no rule is found (a
   *     packaging bug)
   */
  public static synchronized SigmaParseResult loadPack() {
    SigmaRuleParser parser = new SigmaRuleParser();
    List<SigmaRule> rules = new ArrayList<>();
    List<SigmaFilter> filters = new ArrayList<>();
    List<SigmaCorrelationRule> correlations = new ArrayList<>();
    withRoot(
        root -> {
          for (Path file : ruleFiles(root)) {
            String name = "builtin:" + root.relativize(file).toString().replace('\\', '/');
            SigmaParseResult result = parser.parseAll(name, read(file));
            if (!result.errors().isEmpty()) {
              throw new IllegalStateException(
                  "built-in rule rejected: " + result.errors().get(0).getMessage(),
                  result.errors().get(0));
            }
            rules.addAll(result.rules());
            filters.addAll(result.filters());
            correlations.addAll(result.correlations());
          }
        });
    if (rules.isEmpty()) {
      throw new IllegalStateException("no built-in rules found under " + RESOURCE_ROOT);
    }
    return new SigmaParseResult(rules, filters, correlations, List.of());
  }

  /**
   * Returns the built-in correlation rules resolved against {@code rules}, which must contain the
   * built-in detection rules (the same instances, as {@link #loadPack()} returned them).
   *
   * @throws IllegalStateException when a built-in correlation does not resolve (a packaging bug)
   */
  public static CorrelationSet resolveCorrelations(
      SigmaParseResult pack, Collection<SigmaRule> rules) {
    CorrelationSet correlations = CorrelationSet.resolve(rules, pack.correlations());
    if (!correlations.errors().isEmpty()) {
      throw new IllegalStateException(
          "built-in correlation rejected: " + correlations.errors().get(0).getMessage(),
          correlations.errors().get(0));
    }
    return correlations;
  }

  /** Returns whether a file name is a rule (YAML) and not a test-event file. */
  public static boolean isRuleFile(String fileName) {
    return SigmaRuleParser.isRuleFile(fileName);
  }

  private static List<Path> ruleFiles(Path root) {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(Files::isRegularFile)
          .filter(path -> isRuleFile(path.getFileName().toString()))
          .sorted()
          .collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list built-in rules under " + root, e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read built-in rule " + file, e);
    }
  }

  /** Runs {@code action} on the pack's folder, whether it is a directory or inside a jar. */
  private static void withRoot(Consumer<Path> action) {
    // Look the folder up through a file in it: another class-path entry (the test classes of the
    // package dev.skywarden.core.rules) has a folder of the same name without the rules.
    URL url = BuiltinRules.class.getResource(MARKER);
    if (url == null) {
      throw new IllegalStateException("built-in rules missing from the class path: " + MARKER);
    }
    try {
      URI uri = url.toURI();
      if (!"jar".equals(uri.getScheme())) {
        action.accept(Path.of(uri).getParent());
        return;
      }
      try (FileSystem jar = openJar(uri)) {
        action.accept(jar.getPath(RESOURCE_ROOT));
      }
    } catch (URISyntaxException | IOException e) {
      throw new IllegalStateException("cannot open built-in rules at " + url, e);
    }
  }

  private static FileSystem openJar(URI uri) throws IOException {
    try {
      return FileSystems.newFileSystem(uri, Map.of());
    } catch (FileSystemAlreadyExistsException e) {
      throw new IOException("jar file system already open for " + uri, e);
    }
  }
}
