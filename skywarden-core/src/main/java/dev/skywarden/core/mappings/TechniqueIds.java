package dev.skywarden.core.mappings;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** ATT&CK technique id parsing and suggestions for ids the catalogue does not know. */
public final class TechniqueIds {

  private static final Pattern STRICT = Pattern.compile("^T\\d{4}(\\.\\d{3})?$");
  private static final Pattern LOOSE = Pattern.compile("^T?(\\d{4})(?:[.\\-_/ ]?(\\d{1,3}))?$");
  private static final Pattern TOKEN = Pattern.compile("[a-z0-9]+");
  private static final int MAX_ID_DISTANCE = 2;

  private TechniqueIds() {}

  /** Tells whether the text is an ATT&CK id in canonical form, such as {@code T1059.009}. */
  public static boolean isCanonical(String id) {
    return STRICT.matcher(id).matches();
  }

  /**
   * Reads an id written loosely into canonical form: {@code t1059.9}, {@code T1059-009} and {@code
   * t1059009} become {@code T1059.009}; {@code 1059} becomes {@code T1059}.
   *
   * @return the canonical id, or empty when the text is not an id
   */
  public static Optional<String> canonical(String text) {
    String upper = text.trim().toUpperCase(Locale.ROOT);
    Matcher match = LOOSE.matcher(upper);
    if (!match.matches()) {
      return Optional.empty();
    }
    String id = "T" + match.group(1);
    if (match.group(2) != null) {
      id += "." + "0".repeat(3 - match.group(2).length()) + match.group(2);
    }
    return Optional.of(id);
  }

  /**
   * Suggests techniques for a query that is not a known id. Candidates, best first: the technique
   * whose id the loosely written query means; techniques whose names contain every word of the
   * query as the start of a word ({@code cloud api} finds {@code Cloud API}); techniques whose id
   * starts with the query or is at most two edits away ({@link #editDistance}) from it.
   *
   * @param query the text the user gave
   * @param techniques the techniques to choose from
   * @param limit the maximum number of suggestions
   */
  public static List<AttackTechnique> suggest(
      String query, Collection<AttackTechnique> techniques, int limit) {
    Set<AttackTechnique> found = new LinkedHashSet<>();
    String upper = query.trim().toUpperCase(Locale.ROOT);
    Optional<String> canonical = canonical(query);
    String idQuery = canonical.orElse(upper);
    for (AttackTechnique technique : techniques) {
      if (technique.id().equals(idQuery)) {
        found.add(technique);
      }
    }

    List<String> words = tokens(query);
    if (!words.isEmpty() && canonical.isEmpty()) {
      techniques.stream()
          .filter(technique -> containsAllWords(tokens(technique.name()), words))
          .sorted(
              Comparator.comparingInt((AttackTechnique t) -> t.name().length())
                  .thenComparing(AttackTechnique::id))
          .forEach(found::add);
    }

    List<AttackTechnique> close = new ArrayList<>();
    for (AttackTechnique technique : techniques) {
      boolean prefix = !upper.isEmpty() && technique.id().startsWith(idQuery);
      if (prefix || editDistance(technique.id(), idQuery) <= MAX_ID_DISTANCE) {
        close.add(technique);
      }
    }
    close.sort(
        Comparator.comparingInt((AttackTechnique t) -> editDistance(t.id(), idQuery))
            .thenComparing(AttackTechnique::id));
    found.addAll(close);

    return found.stream().limit(limit).toList();
  }

  private static List<String> tokens(String text) {
    List<String> tokens = new ArrayList<>();
    Matcher match = TOKEN.matcher(text.toLowerCase(Locale.ROOT));
    while (match.find()) {
      tokens.add(match.group());
    }
    return tokens;
  }

  private static boolean containsAllWords(List<String> nameTokens, List<String> words) {
    for (String word : words) {
      boolean present = false;
      for (String token : nameTokens) {
        if (token.startsWith(word)) {
          present = true;
          break;
        }
      }
      if (!present) {
        return false;
      }
    }
    return true;
  }

  /**
   * Returns the edit distance between two strings, counting an insertion, deletion, substitution or
   * swap of two adjacent characters as one edit (optimal string alignment distance), so the typo
   * {@code T1095} is one edit from {@code T1059}.
   */
  static int editDistance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(d[i - 1][j - 1] + cost, Math.min(d[i - 1][j], d[i][j - 1]) + 1);
        boolean swapped =
            i > 1
                && j > 1
                && a.charAt(i - 1) == b.charAt(j - 2)
                && a.charAt(i - 2) == b.charAt(j - 1);
        if (swapped) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
