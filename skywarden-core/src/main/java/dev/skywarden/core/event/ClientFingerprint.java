package dev.skywarden.core.event;

import java.util.List;

/**
 * The classified client of a call.
 *
 * @param kind the most telling kind matched (see {@link ClientKind} for the order)
 * @param product the product name of the primary match, for example {@code aws-cli} or {@code
 *     Pacu}; {@code null} when unknown
 * @param version the product version parsed from the user agent, or {@code null}
 * @param labels every matched entry as {@code KIND:product}, most telling first; for example an AWS
 *     CLI call from CloudShell on Kali has three labels
 */
public record ClientFingerprint(
    ClientKind kind, String product, String version, List<String> labels) {

  public static final ClientFingerprint UNKNOWN =
      new ClientFingerprint(ClientKind.UNKNOWN, null, null, List.of());

  public ClientFingerprint {
    labels = List.copyOf(labels);
  }

  /** Returns true when any matched entry has the given kind. */
  public boolean has(ClientKind wanted) {
    if (kind == wanted) {
      return true;
    }
    String prefix = wanted.name() + ":";
    for (String label : labels) {
      if (label.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  /** Returns a short text such as {@code AWS_CLI aws-cli/2.15.0}. */
  public String summary() {
    StringBuilder text = new StringBuilder(kind.name());
    if (product != null) {
      text.append(' ').append(product);
      if (version != null) {
        text.append('/').append(version);
      }
    }
    return text.toString();
  }
}
