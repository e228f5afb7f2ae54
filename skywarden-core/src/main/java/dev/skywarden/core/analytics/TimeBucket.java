package dev.skywarden.core.analytics;

import dev.skywarden.core.event.Interner;
import java.time.Instant;
import java.util.List;

/**
 * The aggregates of one time bucket in one profile: counts, the last time, the distinct wide
 * networks and the first event kept as evidence; in a full profile ({@link Full}) also the distinct
 * denied and discovery operations. A light profile's bucket takes 48 bytes and a full one's 64,
 * plus the sets, which hold shared strings ({@link Interner}) in the compact form of {@link
 * SortedStrings}.
 *
 * <p>Evidence: {@link #first} is the bucket's first event by {@link EventOrder#FIRST} and gives the
 * bucket's first time; {@link #firstDenied()} and {@link #firstDiscovery()} are the first denied
 * and discovery events, kept only by full profiles and pointing at the same shared {@link Evidence}
 * when one event is first of several kinds. A light profile ({@link Profile#light()}) keeps no
 * operations and no denied or discovery evidence, because only its networks are ever judged.
 *
 * <p>Not thread-safe: the owning {@link Profile} guards it with its lock.
 */
class TimeBucket {

  /** The bucket's index: its start in epoch milliseconds divided by the bucket width. */
  final long index;

  /**
   * Calls and failed calls in the bucket.
   *
   * <p>NOTE: counts wrap past 2^31 - 1 calls of one identity in one bucket, which no real rate
   * reaches.
   */
  int calls;

  int failed;

  private long lastMillis = Long.MIN_VALUE;
  private Object wideNetworks;
  Evidence first;

  /** Creates the bucket of a light profile, which keeps no operations. */
  TimeBucket(long index) {
    this.index = index;
  }

  /** The bucket of a full profile, with its denied and discovery operations and their evidence. */
  static final class Full extends TimeBucket {
    private Object deniedOperations;
    private Object discoveryOperations;
    private Evidence firstDenied;
    private Evidence firstDiscovery;

    Full(long index) {
      super(index);
    }

    @Override
    void addDenied(String operation, int max, Interner interner) {
      if (!SortedStrings.contains(deniedOperations, operation)) {
        deniedOperations = SortedStrings.add(deniedOperations, interner.intern(operation), max);
      }
    }

    @Override
    void addDiscovery(String operation, int max, Interner interner) {
      if (!SortedStrings.contains(discoveryOperations, operation)) {
        discoveryOperations =
            SortedStrings.add(discoveryOperations, interner.intern(operation), max);
      }
    }

    @Override
    Evidence firstDenied() {
      return firstDenied;
    }

    @Override
    void firstDenied(Evidence evidence) {
      firstDenied = evidence;
    }

    @Override
    Evidence firstDiscovery() {
      return firstDiscovery;
    }

    @Override
    void firstDiscovery(Evidence evidence) {
      firstDiscovery = evidence;
    }

    @Override
    List<String> deniedOperations() {
      return SortedStrings.values(deniedOperations);
    }

    @Override
    List<String> discoveryOperations() {
      return SortedStrings.values(discoveryOperations);
    }

    @Override
    int discoveryCount() {
      return SortedStrings.size(discoveryOperations);
    }

    @Override
    int deniedCount() {
      return SortedStrings.size(deniedOperations);
    }

    @Override
    int entries() {
      return super.entries()
          + SortedStrings.size(deniedOperations)
          + SortedStrings.size(discoveryOperations);
    }
  }

  /** Counts one event at {@code millis} since the epoch, failed or not. */
  void count(long millis, boolean failedCall) {
    calls++;
    if (failedCall) {
      failed++;
    }
    if (millis > lastMillis) {
      lastMillis = millis;
    }
  }

  /**
   * Adds a denied operation, storing its shared instance from {@code interner} when new.
   *
   * @throws UnsupportedOperationException in a light profile's bucket
   */
  void addDenied(String operation, int max, Interner interner) {
    throw new UnsupportedOperationException("a light profile's bucket keeps no operations");
  }

  /**
   * Adds a discovery operation, storing its shared instance from {@code interner} when new.
   *
   * @throws UnsupportedOperationException in a light profile's bucket
   */
  void addDiscovery(String operation, int max, Interner interner) {
    throw new UnsupportedOperationException("a light profile's bucket keeps no operations");
  }

  /** Returns the evidence of the first denied event, or null (always in a light profile). */
  Evidence firstDenied() {
    return null;
  }

  /**
   * Sets the evidence of the first denied event.
   *
   * @throws UnsupportedOperationException in a light profile's bucket
   */
  void firstDenied(Evidence evidence) {
    throw new UnsupportedOperationException("a light profile's bucket keeps no denied evidence");
  }

  /** Returns the evidence of the first discovery event, or null (always in a light profile). */
  Evidence firstDiscovery() {
    return null;
  }

  /**
   * Sets the evidence of the first discovery event.
   *
   * @throws UnsupportedOperationException in a light profile's bucket
   */
  void firstDiscovery(Evidence evidence) {
    throw new UnsupportedOperationException("a light profile's bucket keeps no discovery evidence");
  }

  /** Adds a wide network, which must be a shared instance already. */
  void addWideNetwork(String network, int max) {
    wideNetworks = SortedStrings.add(wideNetworks, network, max);
  }

  /** Returns the time of the bucket's first event. */
  Instant firstTime() {
    return first.time();
  }

  /** Returns the time of the bucket's last event. */
  Instant last() {
    return Instant.ofEpochMilli(lastMillis);
  }

  /** Returns the distinct denied operations in ascending order; none in a light profile. */
  List<String> deniedOperations() {
    return List.of();
  }

  /** Returns the distinct discovery operations in ascending order; none in a light profile. */
  List<String> discoveryOperations() {
    return List.of();
  }

  /** Returns how many distinct discovery operations the bucket keeps. */
  int discoveryCount() {
    return 0;
  }

  /** Returns how many distinct denied operations the bucket keeps. */
  int deniedCount() {
    return 0;
  }

  /** Returns the distinct wide networks in ascending order. */
  List<String> wideNetworks() {
    return SortedStrings.values(wideNetworks);
  }

  /** Returns how many operations and networks the bucket keeps. */
  int entries() {
    return SortedStrings.size(wideNetworks);
  }
}
