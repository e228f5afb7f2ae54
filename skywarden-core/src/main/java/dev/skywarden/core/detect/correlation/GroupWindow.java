package dev.skywarden.core.detect.correlation;

import dev.skywarden.core.event.CloudEvent;
import dev.skywarden.core.event.SourceLocation;
import dev.skywarden.core.sigma.CorrelationCondition;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The events of one group of one correlation, in processing order, with the running aggregate of
 * the window that starts at the oldest of them. Not thread-safe.
 *
 * <p>Entries {@code [head, end)} are in the aggregate; entries from {@code end} on have arrived but
 * the window has not been extended over them yet. Entries before {@code covered} were in the last
 * window evaluated.
 *
 * <p>Only windows that reach an entry the previous window did not are evaluated. A window that
 * contains nothing but the tail of the previous one is skipped, because it lies inside a window
 * that was already judged. Otherwise the last event of every burst would satisfy {@code lt: 2}.
 */
final class GroupWindow {

  private final List<String> key;
  private final String sortKey;
  private final long serial;
  private final List<Entry> entries = new ArrayList<>();
  private final WindowAggregate aggregate;
  private int head;
  private int end;
  private int covered;

  GroupWindow(List<String> key, long serial, WindowAggregate aggregate) {
    this.key = List.copyOf(key);
    this.sortKey = String.join("\u001f", key);
    this.serial = serial;
    this.aggregate = aggregate;
  }

  List<String> key() {
    return key;
  }

  /** Returns the group-by values joined, for a total order over groups. */
  String sortKey() {
    return sortKey;
  }

  /** Returns the creation number, the last tie-breaker between groups. */
  long serial() {
    return serial;
  }

  int size() {
    return entries.size() - head;
  }

  boolean isEmpty() {
    return size() == 0;
  }

  /** Returns the oldest entry; the group must not be empty. */
  Entry front() {
    return entries.get(head);
  }

  /** Returns the last instant the window of the oldest entry covers. */
  Instant deadline(Duration timespan) {
    return front().time().plus(timespan);
  }

  /** Appends an entry that is not before any kept entry. */
  void append(Entry entry) {
    entries.add(entry);
  }

  /**
   * Evaluates the window of the oldest entry, unless it reaches no entry beyond the previous
   * window. When the condition holds, every entry of the window is consumed and a firing is
   * reported; otherwise only the oldest entry leaves.
   *
   * @return the number of entries removed
   */
  int evaluateFront(
      Duration timespan,
      CorrelationCondition condition,
      boolean closedEarly,
      FiringFactory factory,
      Consumer<CorrelationFiring> firings) {
    Instant deadline = deadline(timespan);
    while (end < entries.size() && !entries.get(end).time().isAfter(deadline)) {
      aggregate.add(entries.get(end));
      end++;
    }
    if (end <= covered) {
      aggregate.remove(entries.get(head));
      head++;
      compact();
      return 1;
    }
    covered = end;
    List<Entry> window = entries.subList(head, end);
    BigDecimal value = aggregate.value(window);
    int removed;
    if (condition.test(value)) {
      firings.accept(factory.create(key, value, window, closedEarly));
      aggregate.clear();
      removed = end - head;
      head = end;
    } else {
      aggregate.remove(entries.get(head));
      head++;
      removed = 1;
    }
    compact();
    return removed;
  }

  /** Drops consumed entries once they make up half the list, so removal stays amortised O(1). */
  private void compact() {
    if (head > 64 && head * 2 > entries.size()) {
      entries.subList(0, head).clear();
      end -= head;
      covered = Math.max(0, covered - head);
      head = 0;
    }
  }

  /**
   * Checks the internal invariants: entries sorted, pointers in range, and the aggregate equal to
   * one rebuilt from the window's entries.
   *
   * @throws IllegalStateException when one does not hold
   */
  void checkInvariants(WindowAggregate fresh) {
    if (head < 0 || head > end || end > entries.size() || covered > entries.size()) {
      throw new IllegalStateException(
          "group " + key + ": pointers out of range: head " + head + ", end " + end);
    }
    for (int i = head + 1; i < entries.size(); i++) {
      if (Entry.ORDER.compare(entries.get(i - 1), entries.get(i)) > 0) {
        throw new IllegalStateException("group " + key + ": entries out of order at " + i);
      }
    }
    List<Entry> window = entries.subList(head, end);
    for (Entry entry : window) {
      fresh.add(entry);
    }
    BigDecimal expected = fresh.value(window);
    BigDecimal actual = aggregate.value(window);
    if (!window.isEmpty() && expected.compareTo(actual) != 0) {
      throw new IllegalStateException(
          "group " + key + ": aggregate " + actual + " but the window gives " + expected);
    }
  }

  /** Builds firings from windows; the engine supplies the correlation and evidence limit. */
  interface FiringFactory {
    CorrelationFiring create(
        List<String> groupValues, BigDecimal value, List<Entry> window, boolean closedEarly);
  }

  /** The order of evidence: time, then where it was read, then event id. */
  static final Comparator<CloudEvent> EVIDENCE_ORDER =
      Comparator.comparing(CloudEvent::time)
          .thenComparing(CloudEvent::location)
          .thenComparing(CloudEvent::eventId);

  /**
   * Returns how many events contributed to a window: its distinct rule matches (one event that
   * matches two referenced rules counts once) plus the contributing events of each firing of a
   * referenced correlation. Events behind two firings of one window count once per firing.
   */
  static long contributingEvents(List<Entry> window) {
    Set<EventKey> matched = new HashSet<>();
    long fromFirings = 0;
    for (Entry entry : window) {
      if (entry.eventCount() == 1 && entry.evidence().size() == 1) {
        CloudEvent event = entry.evidence().get(0);
        matched.add(new EventKey(event.location(), event.eventId()));
      } else {
        fromFirings += entry.eventCount();
      }
    }
    return matched.size() + fromFirings;
  }

  /** The identity of an event: where it was read and its id. */
  private record EventKey(SourceLocation location, String eventId) {}

  /**
   * Returns the earliest distinct evidence events of a window in {@link #EVIDENCE_ORDER}, at most
   * {@code limit}.
   */
  static List<CloudEvent> evidence(List<Entry> window, int limit) {
    TreeSet<CloudEvent> earliest = new TreeSet<>(EVIDENCE_ORDER);
    for (Entry entry : window) {
      for (CloudEvent event : entry.evidence()) {
        earliest.add(event);
        if (earliest.size() > limit) {
          earliest.pollLast();
        }
      }
    }
    return new ArrayList<>(earliest);
  }
}
