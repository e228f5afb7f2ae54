package dev.skywarden.corpus;

import java.util.List;
import java.util.SplittableRandom;

/**
 * A deterministic random source for one generation step, with the helpers the corpus needs.
 *
 * <p>Every stream is seeded by {@link #mix(long...)} of the corpus seed and the coordinates of the
 * step (time slice, account, actor), never by the order in which threads run, so each file's
 * content depends only on the seed and the options. {@link SplittableRandom} gives the same
 * sequence for the same seed on every Java 17+ runtime. Not thread-safe: one instance per task.
 */
final class Rng {

  private static final char[] ALPHANUMERIC =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
  private static final char[] UPPER_ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private final SplittableRandom random;

  Rng(long seed) {
    this.random = new SplittableRandom(seed);
  }

  /** Creates a stream for the given coordinates; equal coordinates give equal streams. */
  static Rng of(long... coordinates) {
    return new Rng(mix(coordinates));
  }

  /** Combines values into one seed with the SplitMix64 finaliser, order-sensitive. */
  static long mix(long... values) {
    long h = 0x9E3779B97F4A7C15L;
    for (long value : values) {
      h = finalise(h ^ finalise(value + 0x632BE59BD9B4E019L));
    }
    return h;
  }

  /** Returns a stable 64-bit hash of text, for mixing names into seeds. */
  static long hash(String text) {
    long h = 1125899906842597L;
    for (int i = 0; i < text.length(); i++) {
      h = 31 * h + text.charAt(i);
    }
    return finalise(h);
  }

  private static long finalise(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  int nextInt(int bound) {
    return random.nextInt(bound);
  }

  /** Returns an int in {@code [from, to]}, both inclusive. */
  int between(int from, int to) {
    return from + random.nextInt(to - from + 1);
  }

  long nextLong() {
    return random.nextLong();
  }

  double nextDouble() {
    return random.nextDouble();
  }

  boolean chance(double probability) {
    return random.nextDouble() < probability;
  }

  <T> T pick(List<T> values) {
    return values.get(random.nextInt(values.size()));
  }

  <T> T pick(T[] values) {
    return values[random.nextInt(values.length)];
  }

  /**
   * Picks an index by weight.
   *
   * @param weights non-negative weights, at least one positive
   */
  int weighted(double[] weights) {
    double total = 0;
    for (double weight : weights) {
      total += weight;
    }
    double point = random.nextDouble() * total;
    for (int i = 0; i < weights.length; i++) {
      point -= weights[i];
      if (point < 0) {
        return i;
      }
    }
    return weights.length - 1;
  }

  /** Returns a draw from a Poisson distribution with the given mean (Knuth, for small means). */
  int poisson(double mean) {
    if (mean <= 0) {
      return 0;
    }
    if (mean > 30) {
      double normal = mean + Math.sqrt(mean) * gaussian();
      return (int) Math.max(0, Math.round(normal));
    }
    double limit = Math.exp(-mean);
    double product = random.nextDouble();
    int count = 0;
    while (product > limit) {
      product *= random.nextDouble();
      count++;
    }
    return count;
  }

  private double gaussian() {
    double u1 = Math.max(random.nextDouble(), 1e-12);
    double u2 = random.nextDouble();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }

  /** Returns a random version 4 UUID in its canonical lower-case form. */
  String uuid() {
    long high = (random.nextLong() & 0xFFFFFFFFFFFF0FFFL) | 0x0000000000004000L;
    long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new java.util.UUID(high, low).toString();
  }

  String hex(int length) {
    return text(HEX, length);
  }

  String alphanumeric(int length) {
    return text(ALPHANUMERIC, length);
  }

  /** Returns upper-case letters and digits 2 to 7, the alphabet of AWS access key ids. */
  String keyIdSuffix(int length) {
    return text(UPPER_ALPHANUMERIC, length);
  }

  private String text(char[] alphabet, int length) {
    char[] chars = new char[length];
    for (int i = 0; i < length; i++) {
      chars[i] = alphabet[random.nextInt(alphabet.length)];
    }
    return new String(chars);
  }
}
