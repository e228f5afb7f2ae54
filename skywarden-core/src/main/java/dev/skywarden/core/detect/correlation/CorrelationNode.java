package dev.skywarden.core.detect.correlation;

import dev.skywarden.core.sigma.CorrelationCondition;
import dev.skywarden.core.sigma.SigmaCorrelationRule;
import dev.skywarden.core.sigma.correlation.ResolvedCorrelation;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The state of one correlation in a {@link CorrelationEngine}: a reorder buffer of entries not yet
 * released, and the groups with their windows. Not thread-safe.
 *
 * <p>Entries are released in {@link Entry#ORDER} once their time is before the node's watermark, so
 * each group receives them in order. A group's oldest window is evaluated when the watermark has
 * passed its deadline (first event time plus timespan); a group without entries is removed.
 */
final class CorrelationNode {

  private final ResolvedCorrelation correlation;
  private final SigmaCorrelationRule rule;
  private final Duration timespan;
  private final CorrelationCondition condition;
  private final CorrelationLimits limits;
  private final Counters counters;
  private final PriorityQueue<Entry> pending = new PriorityQueue<>(Entry.ORDER);
  private final Map<List<String>, GroupWindow> groups = new HashMap<>();
  private final TreeSet<GroupWindow> byDeadline;
  private Instant released = Instant.MIN;
  private long nextSerial;

  CorrelationNode(ResolvedCorrelation correlation, CorrelationLimits limits, Counters counters) {
    this.correlation = correlation;
    this.rule = correlation.rule();
    this.timespan = correlation.timespan();
    this.condition = rule.condition();
    this.limits = limits;
    this.counters = counters;
    this.byDeadline =
        new TreeSet<>(
            Comparator.comparing((GroupWindow group) -> group.front().time())
                .thenComparing(GroupWindow::sortKey)
                .thenComparingLong(GroupWindow::serial));
  }

  ResolvedCorrelation correlation() {
    return correlation;
  }

  /** Returns the watermark up to which entries have been released. */
  Instant released() {
    return released;
  }

  int pendingCount() {
    return pending.size();
  }

  /** Returns the time of the oldest pending entry, or null when none waits. */
  Instant oldestPending() {
    Entry oldest = pending.peek();
    return oldest == null ? null : oldest.time();
  }

  /**
   * Returns a bound below every firing this node can still produce: its release watermark, or the
   * first event of its oldest open window when that is earlier.
   */
  Instant outputWatermark() {
    if (byDeadline.isEmpty()) {
      return released;
    }
    Instant oldest = byDeadline.first().front().time();
    return oldest.isBefore(released) ? oldest : released;
  }

  /** Queues an entry for release; an entry behind the release watermark is dropped as late. */
  void offer(Entry entry) {
    if (entry.time().isBefore(released)) {
      counters.lateInputs++;
      counters.warnOnce(
          "late",
          correlation.key(),
          "dropped an input at " + entry.time() + " that arrived after the watermark " + released);
      return;
    }
    pending.add(entry);
  }

  /**
   * Releases the entries before {@code watermark} in order, then evaluates every window whose
   * deadline is before it.
   */
  void advance(Instant watermark, Consumer<CorrelationFiring> firings) {
    if (!watermark.isAfter(released)) {
      return;
    }
    while (!pending.isEmpty() && pending.peek().time().isBefore(watermark)) {
      insert(pending.poll(), firings);
    }
    released = watermark;
    while (!byDeadline.isEmpty() && byDeadline.first().deadline(timespan).isBefore(watermark)) {
      GroupWindow group = byDeadline.pollFirst();
      evaluateComplete(group, watermark, firings);
      restore(group);
    }
  }

  /** Evaluates every window of {@code group} that is complete before {@code watermark}. */
  private void evaluateComplete(
      GroupWindow group, Instant watermark, Consumer<CorrelationFiring> firings) {
    while (!group.isEmpty() && group.deadline(timespan).isBefore(watermark)) {
      evaluate(group, false, firings);
    }
  }

  private void evaluate(GroupWindow group, boolean early, Consumer<CorrelationFiring> firings) {
    int removed = group.evaluateFront(timespan, condition, early, this::firing, firings);
    counters.trackedEvents -= removed;
  }

  /** Puts a group back in the deadline index, or removes it once it is empty. */
  private void restore(GroupWindow group) {
    if (group.isEmpty()) {
      groups.remove(group.key());
      counters.trackedGroups--;
    } else {
      byDeadline.add(group);
    }
  }

  private void insert(Entry entry, Consumer<CorrelationFiring> firings) {
    GroupWindow group = groups.get(entry.groupValues());
    if (group == null) {
      if (counters.trackedGroups >= limits.maxGroups()) {
        counters.inputsDroppedAtGroupLimit++;
        counters.warnOnce(
            "groups",
            correlation.key(),
            "dropped an input of group "
                + entry.groupValues()
                + " because "
                + limits.maxGroups()
                + " groups are tracked");
        return;
      }
      group =
          new GroupWindow(
              entry.groupValues(),
              nextSerial++,
              WindowAggregate.of(
                  rule.type(), correlation.sources().size(), condition.percentile()));
      groups.put(group.key(), group);
      counters.trackedGroups++;
    } else {
      byDeadline.remove(group);
      evaluateComplete(group, entry.time(), firings);
    }

    while (!group.isEmpty() && group.size() >= limits.maxEventsPerGroup()) {
      closeEarly(group, "group " + group.key() + " contains " + group.size() + " events", firings);
    }
    while (counters.trackedEvents >= limits.maxTrackedEvents() && !byDeadline.isEmpty()) {
      GroupWindow oldest = byDeadline.pollFirst();
      closeEarly(oldest, counters.trackedEvents + " events are kept in all", firings);
      if (oldest.isEmpty()) {
        groups.remove(oldest.key());
        counters.trackedGroups--;
      } else {
        byDeadline.add(oldest);
      }
    }

    group.append(entry);
    counters.trackedEvents++;
    byDeadline.add(group);
  }

  private void closeEarly(GroupWindow group, String reason, Consumer<CorrelationFiring> firings) {
    counters.windowsClosedAtEventLimit++;
    counters.warnOnce("events", correlation.key(), "evaluated a window early because " + reason);
    evaluate(group, true, firings);
  }

  private CorrelationFiring firing(
      List<String> groupValues, BigDecimal value, List<Entry> window, boolean closedEarly) {
    counters.firings++;
    return new CorrelationFiring(
        correlation,
        groupValues,
        value,
        window.get(0).time(),
        window.get(window.size() - 1).time(),
        window.size(),
        GroupWindow.contributingEvents(window),
        GroupWindow.evidence(window, limits.maxEvidencePerFiring()),
        closedEarly);
  }

  /**
   * Checks this node's invariants: pending entries not behind the watermark, every group non-empty,
   * indexed once and internally consistent.
   *
   * @return the number of events its groups keep
   * @throws IllegalStateException when one does not hold
   */
  long checkInvariants() {
    for (Entry entry : pending) {
      if (entry.time().isBefore(released)) {
        throw new IllegalStateException(
            correlation.key() + ": pending entry at " + entry.time() + " behind " + released);
      }
    }
    if (byDeadline.size() != groups.size()) {
      throw new IllegalStateException(
          correlation.key()
              + ": "
              + groups.size()
              + " groups but "
              + byDeadline.size()
              + " in the deadline index");
    }
    long events = 0;
    for (GroupWindow group : groups.values()) {
      if (group.isEmpty() || !byDeadline.contains(group)) {
        throw new IllegalStateException(
            correlation.key() + ": group " + group.key() + " is empty or not indexed");
      }
      if (group.size() > limits.maxEventsPerGroup()) {
        throw new IllegalStateException(
            correlation.key() + ": group " + group.key() + " exceeds the per-group limit");
      }
      group.checkInvariants(
          WindowAggregate.of(rule.type(), correlation.sources().size(), condition.percentile()));
      events += group.size();
    }
    return events;
  }

  int groupCount() {
    return groups.size();
  }
}
