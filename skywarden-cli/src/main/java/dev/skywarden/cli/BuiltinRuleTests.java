package dev.skywarden.cli;

import dev.skywarden.core.detect.BuiltinRules;
import dev.skywarden.core.detect.RuleTestFile;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads the test files of the built-in rule pack ({@code *.tests.yml} beside each rule under
 * {@value BuiltinRules#RESOURCE_ROOT}) from the class path, whether it is a folder or a jar.
 */
final class BuiltinRuleTests {

  private BuiltinRuleTests() {}

  /**
   * Returns every test file of the pack in path order, named {@code builtin:<relative path>} like
   * the rules.
   *
   * @throws IllegalArgumentException when a test file is invalid (a packaging bug)
   * @throws IOException when the pack cannot be listed or read
   */
  static List<RuleTestFile> load() throws IOException {
    // Find the folder through a file in it, as BuiltinRules does: the test classes of another
    // module may have a package folder of the same name.
    URL marker = BuiltinRules.class.getResource(BuiltinRules.RESOURCE_ROOT + "/README.md");
    if (marker == null) {
      throw new IOException("built-in rules missing from the class path");
    }
    URI uri;
    try {
      uri = marker.toURI();
    } catch (URISyntaxException e) {
      throw new IOException("invalid class-path location of the built-in rules: " + marker, e);
    }
    if (!"jar".equals(uri.getScheme())) {
      return read(Path.of(uri).getParent());
    }
    // BuiltinRules closes its jar file system after loading, so this one can be opened now.
    try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
      return read(jar.getPath(BuiltinRules.RESOURCE_ROOT));
    }
  }

  private static List<RuleTestFile> read(Path root) throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(root)) {
      files =
          walk.filter(Files::isRegularFile)
              .filter(
                  path ->
                      path.getFileName()
                          .toString()
                          .toLowerCase(Locale.ROOT)
                          .endsWith(BuiltinRules.TEST_FILE_SUFFIX))
              .sorted()
              .collect(Collectors.toList());
    }
    List<RuleTestFile> tests = new ArrayList<>();
    for (Path file : files) {
      String name = "builtin:" + root.relativize(file).toString().replace('\\', '/');
      tests.add(RuleTestFile.parse(name, Files.readString(file, StandardCharsets.UTF_8)));
    }
    return tests;
  }
}
