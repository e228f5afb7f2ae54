package dev.skywarden.core.analytics;

import dev.skywarden.core.event.CloudEvent;
import dev.skywarden.core.event.CloudProvider;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The capabilities of API operations: a category (execution, persistence, privilege escalation,
 * credential access, defense evasion, impact, exfiltration, discovery, read) and a weight from 1 to
 * 10, read from the data file {@code operation-weights.tsv}. The first-use detector reports
 * operations of weight {@link #SENSITIVE_WEIGHT} or more.
 *
 * <p>Thread-safe: the rules are immutable and the lookup cache is concurrent.
 */
public final class OperationCatalog {

  /** The weight from which the first use of an operation is a finding. */
  public static final int SENSITIVE_WEIGHT = 5;

  private static final String RESOURCE = "operation-weights.tsv";

  private static volatile OperationCatalog bundled;

  private final List<Entry> entries;
  private final Map<CacheKey, OperationClass> cache = new ConcurrentHashMap<>();

  /** The inputs of one lookup: a record key needs no string built per event. */
  private record CacheKey(CloudProvider provider, String operation, Boolean readOnly) {}

  /**
   * The capability class of one operation.
   *
   * @param category the category, such as {@code persistence}
   * @param weight 1 (a read) to 10
   * @param techniqueIds the ATT&CK ids tagged on findings of this operation
   */
  public record OperationClass(String category, int weight, List<String> techniqueIds) {
    public OperationClass {
      techniqueIds = List.copyOf(techniqueIds);
    }
  }

  private record Entry(CloudProvider provider, Pattern pattern, OperationClass operationClass) {}

  private OperationCatalog(List<Entry> entries) {
    this.entries = List.copyOf(entries);
  }

  /** Returns the catalogue of the bundled data file, loaded once. */
  public static OperationCatalog bundled() {
    OperationCatalog catalog = bundled;
    if (catalog == null) {
      synchronized (OperationCatalog.class) {
        catalog = bundled;
        if (catalog == null) {
          try (InputStream in = OperationCatalog.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
              throw new IllegalStateException("resource " + RESOURCE + " is missing");
            }
            catalog = parse(in, RESOURCE);
          } catch (IOException e) {
            throw new UncheckedIOException("failed to read " + RESOURCE, e);
          }
          bundled = catalog;
        }
      }
    }
    return catalog;
  }

  /**
   * Parses a weights file.
   *
   * @throws IllegalArgumentException naming the file and line of an invalid line
   */
  static OperationCatalog parse(InputStream in, String name) throws IOException {
    List<Entry> entries = new ArrayList<>();
    BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    String line;
    int number = 0;
    while ((line = reader.readLine()) != null) {
      number++;
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] columns = line.split("\t", -1);
      if (columns.length < 4) {
        throw new IllegalArgumentException(
            name + ":" + number + ": expected at least 4 tab-separated columns, got " + line);
      }
      CloudProvider provider = CloudProvider.valueOf(columns[0].trim().toUpperCase(Locale.ROOT));
      int weight = Integer.parseInt(columns[3].trim());
      if (weight < 1 || weight > 10) {
        throw new IllegalArgumentException(
            name + ":" + number + ": weight must be 1 to 10, got " + weight);
      }
      List<String> techniques =
          columns.length > 4 && !columns[4].isBlank()
              ? Arrays.stream(columns[4].split(",")).map(String::trim).toList()
              : List.of();
      entries.add(
          new Entry(
              provider,
              glob(columns[1].trim()),
              new OperationClass(columns[2].trim(), weight, techniques)));
    }
    return new OperationCatalog(entries);
  }

  /**
   * Returns the ATT&CK ids of every operation of weight {@link #SENSITIVE_WEIGHT} or more, in file
   * order without repeats.
   */
  public List<String> sensitiveTechniqueIds() {
    java.util.LinkedHashSet<String> ids = new java.util.LinkedHashSet<>();
    for (Entry entry : entries) {
      if (entry.operationClass().weight() >= SENSITIVE_WEIGHT) {
        ids.addAll(entry.operationClass().techniqueIds());
      }
    }
    return List.copyOf(ids);
  }

  /** Classifies the operation of an event. */
  public OperationClass classify(CloudEvent event) {
    String operation = event.api().operation() == null ? "" : event.api().operation();
    Boolean readOnly = event.api().readOnly();
    CacheKey key = new CacheKey(event.provider(), operation, readOnly);
    OperationClass known = cache.get(key);
    return known != null
        ? known
        : cache.computeIfAbsent(key, k -> lookup(k.provider(), k.operation(), k.readOnly()));
  }

  private OperationClass lookup(CloudProvider provider, String operation, Boolean readOnly) {
    for (Entry entry : entries) {
      if (entry.provider() == provider && entry.pattern().matcher(operation).matches()) {
        return entry.operationClass();
      }
    }
    return Boolean.TRUE.equals(readOnly)
        ? new OperationClass("read", 1, List.of())
        : new OperationClass("write", 3, List.of());
  }

  private static Pattern glob(String pattern) {
    String[] parts = pattern.split("\\*", -1);
    StringBuilder regex = new StringBuilder();
    for (int i = 0; i < parts.length; i++) {
      if (i > 0) {
        regex.append(".*");
      }
      regex.append(Pattern.quote(parts[i]));
    }
    return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE);
  }
}
