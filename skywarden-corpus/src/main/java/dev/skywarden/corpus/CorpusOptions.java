package dev.skywarden.corpus;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What to generate. Equal options give byte-identical corpora.
 *
 * @param seed the seed every random choice derives from
 * @param start the first day, from 00:00 UTC
 * @param days the number of days to generate; with {@code targetBytes} the minimum
 * @param targetBytes when positive, generation continues day by day until the bytes written reach
 *     this size (gzip CloudTrail files at their compressed size, JSON Lines files as written);
 *     {@code 0} for a fixed number of days
 * @param accounts the number of AWS accounts; Azure subscriptions and GCP projects are a third of
 *     it each, at least two
 * @param identities the number of people; machine identities come on top, per account
 * @param clouds the clouds to generate
 * @param scenarios the attack scenario ids to insert, empty for none
 * @param threads worker threads that build files; does not change the output
 */
public record CorpusOptions(
    long seed,
    LocalDate start,
    int days,
    long targetBytes,
    int accounts,
    int identities,
    Set<Cloud> clouds,
    Set<String> scenarios,
    int threads) {

  /** A size's number: digits with an optional decimal fraction. */
  private static final Pattern DECIMAL = Pattern.compile("[0-9]+(\\.[0-9]+)?");

  /** The maximum number of days, to stop a size target that cannot be reached. */
  public static final int MAX_DAYS = 3660;

  public CorpusOptions {
    if (days < 1 || days > MAX_DAYS) {
      throw new IllegalArgumentException("days must be 1 to " + MAX_DAYS + ", was " + days);
    }
    if (targetBytes < 0) {
      throw new IllegalArgumentException("target size must not be negative, was " + targetBytes);
    }
    if (accounts < 1 || accounts > 10_000) {
      throw new IllegalArgumentException("accounts must be 1 to 10000, was " + accounts);
    }
    if (identities < 1 || identities > 1_000_000) {
      throw new IllegalArgumentException("identities must be 1 to 1000000, was " + identities);
    }
    if (clouds.isEmpty()) {
      throw new IllegalArgumentException("at least one cloud is needed");
    }
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, was " + threads);
    }
    clouds = Set.copyOf(EnumSet.copyOf(clouds));
    scenarios = Set.copyOf(scenarios);
    for (String scenario : scenarios) {
      if (!Scenarios.IDS.contains(scenario)) {
        throw new IllegalArgumentException(
            "unknown scenario '" + scenario + "': expected one of " + Scenarios.IDS);
      }
    }
  }

  /** Returns options with every scenario, all clouds and the defaults of the command line. */
  public static CorpusOptions defaults(long seed) {
    return new CorpusOptions(
        seed,
        LocalDate.of(2026, 1, 5).with(DayOfWeek.MONDAY),
        1,
        0,
        12,
        150,
        EnumSet.allOf(Cloud.class),
        Set.copyOf(Scenarios.IDS),
        1);
  }

  /**
   * Parses a size such as {@code 50MB}, {@code 1GB}, {@code 1.5GiB} or {@code 2000000}; MB and GB
   * are powers of 1000, MiB and GiB of 1024.
   *
   * @throws IllegalArgumentException naming the text when it is not a size
   */
  public static long parseSize(String text) {
    String value = text.trim().toUpperCase(Locale.ROOT);
    long unit = 1;
    String[][] units = {
      {"KIB", "1024"},
      {"MIB", "1048576"},
      {"GIB", "1073741824"},
      {"TIB", "1099511627776"},
      {"KB", "1000"},
      {"MB", "1000000"},
      {"GB", "1000000000"},
      {"TB", "1000000000000"},
      {"B", "1"}
    };
    for (String[] candidate : units) {
      if (value.endsWith(candidate[0])) {
        unit = Long.parseLong(candidate[1]);
        value = value.substring(0, value.length() - candidate[0].length()).trim();
        break;
      }
    }
    if (value.startsWith("-") && DECIMAL.matcher(value.substring(1)).matches()) {
      throw new IllegalArgumentException("size must be positive, was '" + text + "'");
    }
    // A plain decimal only: Double.parseDouble would also take "5d", hex floats and exponents.
    if (!DECIMAL.matcher(value).matches()) {
      throw new IllegalArgumentException(
          "invalid size '" + text + "': expected a number with KB, MB, GB, KiB, MiB or GiB");
    }
    BigDecimal bytes =
        new BigDecimal(value).multiply(BigDecimal.valueOf(unit)).setScale(0, RoundingMode.CEILING);
    if (bytes.signum() <= 0) {
      throw new IllegalArgumentException("size must be positive, was '" + text + "'");
    }
    if (bytes.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
      throw new IllegalArgumentException(
          "size too large '" + text + "': the largest is " + Long.MAX_VALUE + " bytes");
    }
    return bytes.longValueExact();
  }
}
