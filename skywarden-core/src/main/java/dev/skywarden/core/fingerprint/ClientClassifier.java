package dev.skywarden.core.fingerprint;

import dev.skywarden.core.event.ClientFingerprint;
import dev.skywarden.core.event.ClientKind;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Classifies the client of a call from its user agent and application id into a {@link
 * ClientFingerprint}.
 *
 * <p>Every entry of the fingerprint list is tested. The labels list every match as {@code
 * KIND:product}, ordered by {@link ClientKind} (most telling first) and then by list order; the
 * fingerprint's kind, product and version come from the first of them. The list is data: see {@code
 * clients.tsv} next to this class for the format and how to add entries.
 *
 * <p>Instances are thread-safe; {@link #standard()} loads the bundled list once. Results are
 * memoised per (user agent, application id, console flag), because a log repeats a few hundred
 * distinct clients millions of times; the memo holds at most {@link #MAX_MEMO_ENTRIES} entries and
 * is cleared when full, so memory stays bounded whatever the input.
 */
public final class ClientClassifier {

  static final String BUNDLED_LIST = "clients.tsv";

  /** The most classifications kept in the memo before it is cleared. */
  static final int MAX_MEMO_ENTRIES = 10_000;

  private final List<ClientPattern> patterns;
  private final List<Pattern> regexes;
  private final Map<MemoKey, ClientFingerprint> memo = new ConcurrentHashMap<>();

  /**
   * The memo key. Its hash code reads every character of a user agent of up to {@value
   * #FULL_HASH_LENGTH} characters, but of a longer one only its last {@value #FULL_HASH_LENGTH} and
   * every fourth before them, because the user agent string is new for every event and long ones
   * cost more to hash than the memo saves. Keys whose samples agree share a hash bucket, and {@link
   * #equals} compares their whole user agents.
   *
   * <p>NOTE: a client that controls its user agent can make many keys share one bucket. The memo is
   * bounded, so that costs lookup time, not memory.
   */
  static final class MemoKey {
    static final int FULL_HASH_LENGTH = 32;

    private final String userAgent;
    private final String applicationId;
    private final boolean consoleSession;
    private final int hash;

    MemoKey(String userAgent, String applicationId, boolean consoleSession) {
      this.userAgent = userAgent;
      this.applicationId = applicationId;
      this.consoleSession = consoleSession;
      int h = sampledHash(userAgent);
      h = 31 * h + Objects.hashCode(applicationId);
      this.hash = 31 * h + Boolean.hashCode(consoleSession);
    }

    static int sampledHash(String text) {
      if (text == null) {
        return 0;
      }
      int length = text.length();
      int fullFrom = Math.max(0, length - FULL_HASH_LENGTH);
      int h = length;
      for (int i = 0; i < fullFrom; i += 4) {
        h = 31 * h + text.charAt(i);
      }
      for (int i = fullFrom; i < length; i++) {
        h = 31 * h + text.charAt(i);
      }
      return h;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof MemoKey key
          && hash == key.hash
          && consoleSession == key.consoleSession
          && Objects.equals(userAgent, key.userAgent)
          && Objects.equals(applicationId, key.applicationId);
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }

  /** Creates a classifier over the given entries, tested in list order. */
  public ClientClassifier(List<ClientPattern> patterns) {
    this.patterns = List.copyOf(patterns);
    List<Pattern> compiled = new ArrayList<>();
    for (ClientPattern pattern : this.patterns) {
      compiled.add(
          pattern.match() == ClientPattern.MatchType.REGEX
              ? ClientPatternFile.compile(pattern.pattern(), pattern.product())
              : null);
    }
    this.regexes = compiled;
  }

  /** Returns the classifier over the bundled list. */
  public static ClientClassifier standard() {
    return Bundled.INSTANCE;
  }

  /**
   * Reads a fingerprint list in the {@code clients.tsv} format.
   *
   * @param sourceName the file name to show in errors
   * @throws IOException when the reader fails
   * @throws IllegalArgumentException when a line is invalid, naming the line and value
   */
  public static List<ClientPattern> readList(String sourceName, Reader reader) throws IOException {
    return ClientPatternFile.parse(sourceName, reader);
  }

  /** Returns a classifier that tests this list and then {@code extra}. */
  public ClientClassifier with(List<ClientPattern> extra) {
    List<ClientPattern> all = new ArrayList<>(patterns);
    all.addAll(extra);
    return new ClientClassifier(all);
  }

  /** Returns the entries, in the order they are tested. */
  public List<ClientPattern> patterns() {
    return patterns;
  }

  /**
   * Classifies a call made outside a web console session; see {@link #classify(String, String,
   * boolean)}.
   */
  public ClientFingerprint classify(String userAgent, String applicationId) {
    return classify(userAgent, applicationId, false);
  }

  /**
   * Classifies a call.
   *
   * @param userAgent the user agent, or {@code null}
   * @param applicationId the client application id, or {@code null}
   * @param consoleSession true when the log marks the call as made with a web console session
   *     (CloudTrail {@code sessionCredentialFromConsole}), which lets {@code console-ua} entries
   *     match
   * @return the fingerprint, {@link ClientFingerprint#UNKNOWN} when nothing matches
   */
  public ClientFingerprint classify(
      String userAgent, String applicationId, boolean consoleSession) {
    MemoKey key = new MemoKey(userAgent, applicationId, consoleSession);
    ClientFingerprint known = memo.get(key);
    if (known != null) {
      return known;
    }
    ClientFingerprint fingerprint = match(userAgent, applicationId, consoleSession);
    if (memo.size() >= MAX_MEMO_ENTRIES) {
      memo.clear();
    }
    memo.put(key, fingerprint);
    return fingerprint;
  }

  private ClientFingerprint match(String userAgent, String applicationId, boolean consoleSession) {
    List<Match> matches = new ArrayList<>();
    for (int i = 0; i < patterns.size(); i++) {
      ClientPattern pattern = patterns.get(i);
      String value = valueFor(pattern.field(), userAgent, applicationId, consoleSession);
      String product = pattern.matchProduct(value, regexes.get(i));
      if (product != null) {
        matches.add(new Match(pattern, product));
      }
    }
    if (matches.isEmpty()) {
      return ClientFingerprint.UNKNOWN;
    }

    // List.sort is stable, so entries of one kind keep their list order.
    matches.sort(Comparator.comparing(match -> match.pattern().kind()));
    Set<String> labels = new LinkedHashSet<>();
    for (Match match : matches) {
      labels.add(match.pattern().kind().name() + ":" + match.product());
    }
    Match primary = matches.get(0);
    return new ClientFingerprint(
        primary.pattern().kind(),
        primary.product(),
        primary.pattern().parseVersion(userAgent),
        List.copyOf(labels));
  }

  private static String valueFor(
      ClientPattern.Field field, String userAgent, String applicationId, boolean console) {
    return switch (field) {
      case UA -> userAgent;
      case CONSOLE_UA -> console ? userAgent : null;
      case APP -> applicationId;
    };
  }

  private record Match(ClientPattern pattern, String product) {}

  /** Loads the bundled list on first use; a broken bundled list is a build error. */
  private static final class Bundled {
    static final ClientClassifier INSTANCE = load();

    private static ClientClassifier load() {
      try (InputStream in = ClientClassifier.class.getResourceAsStream(BUNDLED_LIST)) {
        if (in == null) {
          throw new IllegalStateException("bundled client list " + BUNDLED_LIST + " not found");
        }
        return new ClientClassifier(
            ClientPatternFile.parse(
                BUNDLED_LIST, new InputStreamReader(in, StandardCharsets.UTF_8)));
      } catch (IOException failed) {
        throw new UncheckedIOException("failed to read bundled " + BUNDLED_LIST, failed);
      }
    }
  }
}
