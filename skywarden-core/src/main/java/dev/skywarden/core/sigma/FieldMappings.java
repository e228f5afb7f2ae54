package dev.skywarden.core.sigma;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The field mappings the engine applies when it compiles rules: the built-in files under {@value
 * #RESOURCE_ROOT} (listed in its {@code index.txt}) and any files a user adds. Immutable and
 * thread-safe.
 *
 * <p>When several mappings apply to a rule and map the same field, the one added last wins, so a
 * user file overrides the built-in ones.
 */
public final class FieldMappings {

  /** The class-path folder of the built-in mapping files. */
  public static final String RESOURCE_ROOT = "/dev/skywarden/core/sigma/mappings";

  private static final FieldMappings NONE = new FieldMappings(List.of());

  private static volatile FieldMappings builtin;

  private final List<FieldMapping> mappings;

  private FieldMappings(List<FieldMapping> mappings) {
    this.mappings = List.copyOf(mappings);
  }

  /** Returns the mappings that map nothing: every rule field is looked up as written. */
  public static FieldMappings none() {
    return NONE;
  }

  /**
   * Returns the built-in mappings, read once from the class path.
   *
   * @throws IllegalStateException when a built-in file is missing or invalid (a packaging bug)
   */
  public static FieldMappings builtin() {
    FieldMappings loaded = builtin;
    if (loaded == null) {
      loaded = loadBuiltin();
      builtin = loaded;
    }
    return loaded;
  }

  /** Returns these mappings followed by {@code mapping}, which takes precedence. */
  public FieldMappings with(FieldMapping mapping) {
    List<FieldMapping> more = new ArrayList<>(mappings);
    more.add(mapping);
    return new FieldMappings(more);
  }

  /**
   * Returns these mappings followed by the mapping files given, in order.
   *
   * @throws IOException when a file cannot be read
   * @throws SigmaConfigException when a file is invalid, with its location
   */
  public FieldMappings withFiles(List<Path> files) throws IOException {
    FieldMappings result = this;
    for (Path file : files) {
      result =
          result.with(
              FieldMapping.parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8)));
    }
    return result;
  }

  /** Returns the mappings in precedence order, lowest first. */
  public List<FieldMapping> mappings() {
    return mappings;
  }

  /**
   * Returns the resolver for rules of {@code logSource}: it gives the candidate event paths of a
   * rule field name, which is the name itself when no applicable mapping maps it.
   */
  public Function<String, List<String>> resolverFor(LogSource logSource) {
    List<FieldMapping> applicable = new ArrayList<>();
    for (FieldMapping mapping : mappings) {
      if (mapping.appliesTo(logSource)) {
        applicable.add(0, mapping); // last added first
      }
    }
    if (applicable.isEmpty()) {
      return List::of;
    }
    return field -> {
      for (FieldMapping mapping : applicable) {
        List<String> candidates = mapping.candidates(field);
        if (candidates != null && !candidates.isEmpty()) {
          return candidates;
        }
      }
      return List.of(field);
    };
  }

  @Override
  public String toString() {
    return "FieldMappings" + mappings.stream().map(FieldMapping::source).toList();
  }

  private static FieldMappings loadBuiltin() {
    List<FieldMapping> loaded = new ArrayList<>();
    for (String name : readLines(RESOURCE_ROOT + "/index.txt")) {
      String resource = RESOURCE_ROOT + "/" + name;
      List<String> lines = readLines(resource);
      loaded.add(FieldMapping.parse("builtin:" + name, String.join("\n", lines) + "\n"));
    }
    return new FieldMappings(loaded);
  }

  private static List<String> readLines(String resource) {
    InputStream stream = FieldMappings.class.getResourceAsStream(resource);
    if (stream == null) {
      throw new IllegalStateException("field mapping resource missing: " + resource);
    }
    List<String> lines = new ArrayList<>();
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        if (resource.endsWith(".txt")) {
          line = line.strip();
          if (line.isEmpty() || line.startsWith("#")) {
            continue;
          }
        }
        lines.add(line);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read field mapping resource " + resource, e);
    }
    return lines;
  }
}
