package dev.skywarden.cli;

/** The exit codes of the {@code skywarden} command; the README lists the same table. */
public final class ExitCodes {

  /** The command ran and nothing asked for a failing exit. */
  public static final int OK = 0;

  /** The run failed: an input could not be opened, an output could not be written, a bug. */
  public static final int RUNTIME_ERROR = 1;

  /**
   * {@code rules check} found an invalid rule, or {@code rules test} a failing case. It has the
   * value of {@link #RUNTIME_ERROR}, which {@code mappings --import} also uses for invalid records.
   */
  public static final int RULES_FAILED = 1;

  /** The command line was invalid: unknown option, bad value, missing argument. */
  public static final int USAGE_ERROR = 2;

  /** {@code --fail-on} was given and a finding at or above that severity exists. */
  public static final int FINDINGS_AT_SEVERITY = 3;

  /** {@code --strict} was given and at least one input record was skipped. */
  public static final int SKIPPED_RECORDS = 4;

  /** {@code score --fail-on-missed} was given and an inserted scenario has no finding. */
  public static final int SCENARIOS_MISSED = 5;

  private ExitCodes() {}
}
