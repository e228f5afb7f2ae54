package dev.skywarden.core.posture;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What every check needs besides the exports: the check definitions, the configuration and the time
 * that staleness is measured against.
 *
 * @param catalog the check definitions and their data
 * @param config the posture configuration
 * @param asOf the "now" of the audit; ages are {@code asOf} minus the export's time
 */
public record AuditContext(CheckCatalog catalog, PostureConfig config, Instant asOf) {

  public AuditContext {
    Objects.requireNonNull(catalog, "catalog");
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(asOf, "asOf");
  }

  /**
   * Returns the whole days from {@code time} to {@link #asOf()}; negative for a time after it.
   * Checks use {@link AuditResults#ageDays}, which reports such times.
   */
  public long daysSince(Instant time) {
    return Duration.between(time, asOf).toDays();
  }
}
