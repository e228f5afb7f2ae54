package dev.skywarden.core.hunt;

import dev.skywarden.core.catalog.ControlCatalog;
import dev.skywarden.core.detect.BuiltinRules;
import dev.skywarden.core.detect.Detector;
import dev.skywarden.core.detect.SigmaDetector;
import dev.skywarden.core.detect.correlation.CorrelationLimits;
import dev.skywarden.core.incident.AttackSequencer;
import dev.skywarden.core.input.LogReader;
import dev.skywarden.core.input.ReaderLimits;
import dev.skywarden.core.netintel.NetworkIntel;
import dev.skywarden.core.normalize.EventNormalizer;
import dev.skywarden.core.sigma.SigmaConfig;
import dev.skywarden.core.sigma.SigmaParseResult;
import dev.skywarden.core.sigma.SigmaRule;
import dev.skywarden.core.sigma.SigmaRuleSet;
import dev.skywarden.core.sigma.correlation.CorrelationSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Assembles a {@link Hunter} from its parts, with defaults for everything: the default reader
 * limits, the standard normaliser and client list, the bundled catalogue, and one worker per core.
 * Not thread-safe; build once and share the hunter.
 */
public final class HunterBuilder {

  private ReaderLimits limits = ReaderLimits.DEFAULTS;
  private EventNormalizer normalizer;
  private ControlCatalog catalog;
  private final List<Detector> detectors = new ArrayList<>();
  private int threads = Runtime.getRuntime().availableProcessors();
  private NetworkIntel networkIntel;
  private AttackSequencer sequencer;

  private HunterBuilder() {}

  /** Returns a builder with no detectors. */
  public static HunterBuilder empty() {
    return new HunterBuilder();
  }

  /** Returns a builder whose detectors are the built-in Sigma rule pack, correlations included. */
  public static HunterBuilder withBuiltinRules() {
    SigmaParseResult pack = BuiltinRules.loadPack();
    SigmaRuleSet rules = SigmaRuleSet.compile(pack, SigmaConfig.defaults());
    return empty()
        .detector(
            new SigmaDetector(
                rules,
                BuiltinRules.resolveCorrelations(pack, pack.rules()),
                CorrelationLimits.DEFAULTS));
  }

  /**
   * Adds a Sigma detector for {@code rules} that also evaluates {@code correlations}, which must
   * have been resolved against the same rule instances ({@link CorrelationSet#resolve}); the
   * correlations it rejected are left out. The correlation state uses {@link
   * CorrelationLimits#DEFAULTS}; add a {@link SigmaDetector} with {@link #detector} for other
   * limits.
   */
  public HunterBuilder sigma(List<SigmaRule> rules, CorrelationSet correlations) {
    return detector(
        new SigmaDetector(SigmaRuleSet.compile(rules), correlations, CorrelationLimits.DEFAULTS));
  }

  /** Adds a detector; detectors run in the order they were added. */
  public HunterBuilder detector(Detector detector) {
    detectors.add(Objects.requireNonNull(detector, "detector"));
    return this;
  }

  /** Sets the number of worker threads, at least 1. */
  public HunterBuilder threads(int count) {
    this.threads = count;
    return this;
  }

  /**
   * Sets the network intel added to the source of every event; without it (the default) the sources
   * carry none and the hunt does no lookups.
   */
  public HunterBuilder networkIntel(NetworkIntel intel) {
    this.networkIntel = Objects.requireNonNull(intel, "intel");
    return this;
  }

  /**
   * Chains the folded findings into attack sequences ({@link AttackSequencer}) that span at most
   * {@code window} from their first step; off by default. Every sequence may be raised above its
   * highest step. NOTE: with behavioural analytics among the detectors, use the two-argument form,
   * which raises a sequence after the training window only on a new source or a burst.
   *
   * @throws IllegalArgumentException when the window is zero or negative
   */
  public HunterBuilder attackSequences(java.time.Duration window) {
    this.sequencer = new AttackSequencer(window);
    return this;
  }

  /**
   * Chains the folded findings into attack sequences, like {@link
   * #attackSequences(java.time.Duration)}. An incident that starts at or after the time {@code
   * judgedFrom} returns (the end of the analytics' training window, read when the hunt ends) is
   * raised above its highest step only when its sequence shows a new source or a burst ({@link
   * AttackSequencer#AttackSequencer(java.time.Duration, java.util.function.Supplier)}).
   *
   * @throws IllegalArgumentException when the window is zero or negative
   */
  public HunterBuilder attackSequences(
      java.time.Duration window, java.util.function.Supplier<java.time.Instant> judgedFrom) {
    this.sequencer = new AttackSequencer(window, judgedFrom);
    return this;
  }

  public HunterBuilder readerLimits(ReaderLimits readerLimits) {
    this.limits = Objects.requireNonNull(readerLimits, "readerLimits");
    return this;
  }

  public HunterBuilder normalizer(EventNormalizer eventNormalizer) {
    this.normalizer = Objects.requireNonNull(eventNormalizer, "eventNormalizer");
    return this;
  }

  public HunterBuilder catalog(ControlCatalog controlCatalog) {
    this.catalog = Objects.requireNonNull(controlCatalog, "controlCatalog");
    return this;
  }

  /**
   * Builds the hunter.
   *
   * @throws IllegalArgumentException when the thread count is less than 1
   */
  public Hunter build() {
    return new Hunter(
        new LogReader(limits),
        normalizer != null ? normalizer : new EventNormalizer(),
        detectors,
        catalog != null ? catalog : ControlCatalog.bundled(),
        threads,
        networkIntel,
        sequencer);
  }
}
