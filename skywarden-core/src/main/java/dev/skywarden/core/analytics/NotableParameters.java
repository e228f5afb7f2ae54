package dev.skywarden.core.analytics;

import dev.skywarden.core.event.CloudProvider;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The request parameters whose values the profiles keep per operation, read from the data file
 * {@code notable-parameters.tsv}. Immutable and thread-safe.
 */
final class NotableParameters {

  /** The parameter name that stands for the region of the event. */
  static final String REGION = "@region";

  private static final String RESOURCE = "notable-parameters.tsv";

  private static volatile NotableParameters bundled;

  /** Parameter paths by provider and lower-case operation. */
  private final Map<String, List<String[]>> paths;

  private NotableParameters(Map<String, List<String[]>> paths) {
    this.paths = paths;
  }

  static NotableParameters bundled() {
    NotableParameters parameters = bundled;
    if (parameters == null) {
      synchronized (NotableParameters.class) {
        parameters = bundled;
        if (parameters == null) {
          try (InputStream in = NotableParameters.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
              throw new IllegalStateException("resource " + RESOURCE + " is missing");
            }
            parameters = parse(in);
          } catch (IOException e) {
            throw new UncheckedIOException("failed to read " + RESOURCE, e);
          }
          bundled = parameters;
        }
      }
    }
    return parameters;
  }

  private static NotableParameters parse(InputStream in) throws IOException {
    Map<String, List<String[]>> paths = new HashMap<>();
    BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    String line;
    int number = 0;
    while ((line = reader.readLine()) != null) {
      number++;
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] columns = line.split("\t", -1);
      if (columns.length != 3) {
        throw new IllegalArgumentException(
            RESOURCE + ":" + number + ": expected 3 tab-separated columns, got " + line);
      }
      CloudProvider provider = CloudProvider.valueOf(columns[0].trim().toUpperCase(Locale.ROOT));
      String parameter = columns[2].trim();
      paths
          .computeIfAbsent(key(provider, columns[1].trim()), k -> new ArrayList<>())
          .add(parameter.equals(REGION) ? new String[] {REGION} : parameter.split("\\."));
    }
    paths.replaceAll((k, v) -> List.copyOf(v));
    return new NotableParameters(Map.copyOf(paths));
  }

  /** Returns the parameter paths of an operation, each split at dots; empty when none. */
  List<String[]> paths(CloudProvider provider, String operation) {
    if (operation == null) {
      return List.of();
    }
    return paths.getOrDefault(key(provider, operation), List.of());
  }

  private static String key(CloudProvider provider, String operation) {
    return provider.name() + ' ' + operation.toLowerCase(Locale.ROOT);
  }
}
