package dev.skywarden.core.detect.correlation;

import dev.skywarden.core.event.CloudEvent;
import dev.skywarden.core.sigma.SigmaRule;
import dev.skywarden.core.sigma.correlation.CorrelationSet;
import dev.skywarden.core.sigma.correlation.CorrelationSource;
import dev.skywarden.core.sigma.correlation.CorrelationSource.ChainedSource;
import dev.skywarden.core.sigma.correlation.CorrelationSource.RuleSource;
import dev.skywarden.core.sigma.correlation.ResolvedCorrelation;
import dev.skywarden.core.sigma.match.FieldPath;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.function.Consumer;

/**
 * Evaluates Sigma correlation rules over rule matches in event time, for a batch sorted by time or
 * a stream in arrival order.
 *
 * <p>Design note.
 *
 * <ul>
 *   <li><b>Windows.</b> Each correlation keeps its inputs per group (the values of its {@code
 *       group-by} fields). A window starts at an input and covers every input of the group up to
 *       timespan later, both ends included: inputs at t and t + 5m share a 5m window, inputs one
 *       millisecond further apart do not. The window of a group's oldest input is evaluated once
 *       the watermark has passed its end. If the condition holds, the window fires and all its
 *       inputs are consumed, so one burst fires once; otherwise only the oldest input leaves and
 *       the window of the next one is evaluated in turn, provided it reaches an input the previous
 *       window did not (a window holding only the tail of a judged one is skipped, so {@code lt}
 *       conditions do not fire on the end of every burst). Windows slide, with no fixed boundaries.
 *   <li><b>Event time and watermark.</b> The engine never reads a clock. The watermark is the
 *       latest event time seen minus the allowed lateness, or a later instant passed to {@link
 *       #advanceWatermark}; {@link #flush} moves it to the end of time. Inputs wait in a reorder
 *       buffer and are released in a total order (time, source location, event id, rule) once
 *       before the watermark. Out-of-order inputs within the allowed lateness therefore give the
 *       same firings as sorted input; an input behind the watermark is dropped and counted as late.
 *   <li><b>Chains.</b> A firing of a correlation is an input, at the time of its last event, of the
 *       correlations that reference it. Correlations are evaluated after those they reference, and
 *       each releases inputs only up to the oldest instant at which a referenced correlation can
 *       still fire, so chained inputs also arrive in order.
 *   <li><b>State and expiry.</b> Per correlation and group: the inputs of open windows and the
 *       running aggregate of the oldest window. A group is removed once its last window has been
 *       evaluated, and that happens when the watermark passes it. State therefore lasts about the
 *       timespan plus the allowed lateness. Inputs that lack a group-by field, or the aggregated
 *       field, are skipped and counted.
 *   <li><b>Limits.</b> {@link CorrelationLimits} caps the events per group and in all (at the cap
 *       the oldest window is evaluated early on the events it has, and the firing says so), the
 *       groups in all (an input that would open another group is dropped), and the pending inputs
 *       (the watermark moves forward). Every such loss is counted in {@link #statistics()} and the
 *       first of each kind per correlation is logged as a warning.
 * </ul>
 *
 * <p>Not thread-safe: one thread feeds an engine, as a Flink operator or a service partition does.
 * {@link #checkInvariants()} lets tests verify the state after every step.
 */
public final class CorrelationEngine {

  private final CorrelationLimits limits;
  private final Consumer<CorrelationFiring> listener;
  private final InputExtractor extractor;
  private final List<CorrelationNode> nodes = new ArrayList<>();
  private final IdentityHashMap<SigmaRule, List<RuleTarget>> ruleTargets = new IdentityHashMap<>();
  private final IdentityHashMap<ResolvedCorrelation, List<ChainTarget>> chainTargets =
      new IdentityHashMap<>();
  private final IdentityHashMap<CorrelationNode, List<CorrelationNode>> upstreams =
      new IdentityHashMap<>();
  private final IdentityHashMap<SigmaRule, Integer> ruleOrdinals = new IdentityHashMap<>();
  private final PriorityQueue<CorrelationInput> pending;
  private final Counters counters = new Counters();
  private Instant watermark = Instant.MIN;
  private Instant latestSeen = Instant.MIN;

  private record RuleTarget(CorrelationNode node, int source, RuleSource rule) {}

  private record ChainTarget(CorrelationNode node, int source, ChainedSource chain) {}

  /**
   * Creates an engine for the usable correlations of {@code correlations}.
   *
   * @param listener receives every firing, including those of correlations that only feed others
   *     (see {@link CorrelationSet#reportsFindings(ResolvedCorrelation)}), on the calling thread
   */
  public CorrelationEngine(
      CorrelationSet correlations, CorrelationLimits limits, Consumer<CorrelationFiring> listener) {
    this.limits = Objects.requireNonNull(limits, "limits");
    this.listener = Objects.requireNonNull(listener, "listener");
    this.extractor = new InputExtractor(correlations);

    IdentityHashMap<ResolvedCorrelation, CorrelationNode> nodeOf = new IdentityHashMap<>();
    for (ResolvedCorrelation correlation : correlations.correlations()) {
      CorrelationNode node = new CorrelationNode(correlation, limits, counters);
      nodes.add(node);
      nodeOf.put(correlation, node);
      List<CorrelationNode> feeding = new ArrayList<>();
      for (int i = 0; i < correlation.sources().size(); i++) {
        CorrelationSource source = correlation.sources().get(i);
        if (source instanceof RuleSource rule) {
          ruleOrdinals.putIfAbsent(rule.rule(), ruleOrdinals.size());
          ruleTargets
              .computeIfAbsent(rule.rule(), key -> new ArrayList<>())
              .add(new RuleTarget(node, i, rule));
        } else if (source instanceof ChainedSource chain) {
          chainTargets
              .computeIfAbsent(chain.correlation(), key -> new ArrayList<>())
              .add(new ChainTarget(node, i, chain));
          feeding.add(nodeOf.get(chain.correlation()));
        }
      }
      upstreams.put(node, feeding);
    }
    this.pending =
        new PriorityQueue<>(
            Comparator.comparing(CorrelationInput::time)
                .thenComparing(input -> input.event().location())
                .thenComparing(input -> input.event().eventId())
                .thenComparingInt(input -> ruleOrdinals.get(input.rule())));
  }

  /** Returns the extractor that builds inputs for this engine's rules. */
  public InputExtractor extractor() {
    return extractor;
  }

  /**
   * Accepts a match of {@code rule} on {@code event}; a rule no correlation references is ignored.
   */
  public void accept(SigmaRule rule, CloudEvent event) {
    CorrelationInput input = extractor.extract(rule, event);
    if (input != null) {
      accept(input);
    }
  }

  /**
   * Accepts one input and moves the watermark to the latest event time seen minus the allowed
   * lateness. Firings this causes are passed to the listener before the method returns.
   *
   * @throws IllegalArgumentException when no correlation references the input's rule
   */
  public void accept(CorrelationInput input) {
    if (!ruleTargets.containsKey(input.rule())) {
      throw new IllegalArgumentException(
          "no correlation references rule '" + input.rule().title() + "'");
    }
    counters.inputs++;
    if (input.time().isBefore(watermark)) {
      counters.lateInputs++;
      counters.warnOnce(
          "late",
          input.rule().title(),
          "dropped a match at " + input.time() + " behind the watermark " + watermark);
      return;
    }
    pending.add(input);
    if (input.time().isAfter(latestSeen)) {
      latestSeen = input.time();
    }

    Instant next = latestSeen.minus(limits.allowedLateness());
    if (pending.size() > limits.maxPendingEvents()) {
      Instant forced = pending.peek().time().plusNanos(1);
      if (forced.isAfter(next)) {
        counters.forcedReleases++;
        counters.warnOnce(
            "pending",
            "*",
            "moved the watermark to " + forced + " because " + pending.size() + " inputs wait");
        next = forced;
      }
    }
    advance(next);
  }

  /**
   * Moves the watermark forward to {@code eventTime}, as when a stream is idle; an earlier instant
   * is ignored. Windows that end before it are evaluated.
   */
  public void advanceWatermark(Instant eventTime) {
    advance(Objects.requireNonNull(eventTime, "eventTime"));
  }

  /**
   * Ends the input: releases every pending input and evaluates every open window. Inputs accepted
   * afterwards count as late.
   */
  public void flush() {
    advance(Instant.MAX);
  }

  /** Returns the current watermark: inputs before it are late. */
  public Instant watermark() {
    return watermark;
  }

  /** Returns a snapshot of the counters. */
  public CorrelationStatistics statistics() {
    long waiting = pending.size();
    for (CorrelationNode node : nodes) {
      waiting += node.pendingCount();
    }
    return counters.snapshot(waiting);
  }

  private void advance(Instant next) {
    if (!next.isAfter(watermark)) {
      return;
    }
    watermark = next;
    while (!pending.isEmpty() && pending.peek().time().isBefore(next)) {
      dispatch(pending.poll());
    }
    for (CorrelationNode node : nodes) {
      Instant nodeWatermark = next;
      for (CorrelationNode upstream : upstreams.get(node)) {
        Instant bound = upstream.outputWatermark();
        if (bound.isBefore(nodeWatermark)) {
          nodeWatermark = bound;
        }
      }
      if (node.pendingCount() > limits.maxPendingEvents()) {
        Instant forced = node.oldestPending().plusNanos(1);
        if (forced.isAfter(nodeWatermark)) {
          counters.forcedReleases++;
          counters.warnOnce(
              "pending",
              node.correlation().key(),
              "moved the watermark to "
                  + forced
                  + " because "
                  + node.pendingCount()
                  + " inputs wait");
          nodeWatermark = forced;
        }
      }
      List<CorrelationFiring> fired = new ArrayList<>();
      node.advance(nodeWatermark, fired::add);
      for (CorrelationFiring firing : fired) {
        listener.accept(firing);
        feedDownstream(firing);
      }
    }
  }

  private void dispatch(CorrelationInput input) {
    int origin = ruleOrdinals.get(input.rule());
    for (RuleTarget target : ruleTargets.get(input.rule())) {
      List<String> group = texts(input, target.rule().groupPaths());
      String key = target.node().correlation().key();
      if (group == null) {
        counters.inputsWithoutGroup++;
        counters.warnOnce("group", key, "skipped an event without a group-by field");
        continue;
      }
      List<String> values = texts(input, target.rule().valuePaths());
      Entry entry =
          entry(
              target.node(),
              input.time(),
              input.event(),
              origin,
              target.source(),
              group,
              values,
              List.of(input.event()),
              1);
      if (entry != null) {
        target.node().offer(entry);
      }
    }
  }

  private static List<String> texts(CorrelationInput input, List<FieldPath> paths) {
    List<String> texts = new ArrayList<>(paths.size());
    for (FieldPath path : paths) {
      String text = input.fields().get(path.name());
      if (text == null) {
        return null;
      }
      texts.add(text);
    }
    return texts;
  }

  private void feedDownstream(CorrelationFiring firing) {
    List<ChainTarget> targets = chainTargets.get(firing.correlation());
    if (targets == null) {
      return;
    }
    int origin = ruleOrdinals.size() + firing.correlation().ordinal();
    CloudEvent anchor = firing.evidence().get(0);
    for (ChainTarget target : targets) {
      List<String> group = pick(firing.groupValues(), target.chain().groupIndexes());
      List<String> values = pick(firing.groupValues(), target.chain().valueIndexes());
      Entry entry =
          entry(
              target.node(),
              firing.lastTime(),
              anchor,
              origin,
              target.source(),
              group,
              values,
              firing.evidence(),
              firing.contributingEvents());
      if (entry != null) {
        target.node().offer(entry);
      }
    }
  }

  private static List<String> pick(List<String> values, List<Integer> indexes) {
    List<String> picked = new ArrayList<>(indexes.size());
    for (int index : indexes) {
      picked.add(values.get(index));
    }
    return picked;
  }

  /** Builds an entry, or returns null and counts it when a numeric field contains no number. */
  private Entry entry(
      CorrelationNode node,
      Instant time,
      CloudEvent anchor,
      int origin,
      int source,
      List<String> group,
      List<String> values,
      List<CloudEvent> evidence,
      long eventCount) {
    if (values == null) {
      counters.inputsWithoutValue++;
      counters.warnOnce(
          "value", node.correlation().key(), "skipped an event without the aggregated field");
      return null;
    }
    BigDecimal number = null;
    if (node.correlation().rule().type().isNumeric()) {
      try {
        number = new BigDecimal(values.get(0).strip());
      } catch (NumberFormatException e) {
        counters.inputsWithoutValue++;
        counters.warnOnce(
            "value",
            node.correlation().key(),
            "skipped an event whose field "
                + node.correlation().rule().condition().fields().get(0)
                + " is not a number: '"
                + values.get(0)
                + "'");
        return null;
      }
    }
    return new Entry(
        time,
        anchor.location(),
        anchor.eventId(),
        origin,
        source,
        group,
        values,
        number,
        evidence,
        eventCount);
  }

  /**
   * Checks the engine's invariants: pending inputs not behind the watermark, node watermarks not
   * ahead of it, every group consistent, and the counted groups and events equal to those kept and
   * within the limits.
   *
   * @throws IllegalStateException when one does not hold
   */
  public void checkInvariants() {
    for (CorrelationInput input : pending) {
      if (input.time().isBefore(watermark)) {
        throw new IllegalStateException(
            "pending input at " + input.time() + " is behind the watermark " + watermark);
      }
    }
    long events = 0;
    long groups = 0;
    for (CorrelationNode node : nodes) {
      if (node.released().isAfter(watermark)) {
        throw new IllegalStateException(
            node.correlation().key() + " released up to " + node.released() + " past " + watermark);
      }
      events += node.checkInvariants();
      groups += node.groupCount();
    }
    if (events != counters.trackedEvents || groups != counters.trackedGroups) {
      throw new IllegalStateException(
          "counted "
              + counters.trackedEvents
              + " events in "
              + counters.trackedGroups
              + " groups but "
              + events
              + " events in "
              + groups
              + " groups are kept");
    }
    if (groups > limits.maxGroups() || events > limits.maxTrackedEvents()) {
      throw new IllegalStateException(
          groups + " groups and " + events + " events exceed the limits " + limits);
    }
  }

  /** Returns the allowed lateness. */
  public Duration allowedLateness() {
    return limits.allowedLateness();
  }
}
