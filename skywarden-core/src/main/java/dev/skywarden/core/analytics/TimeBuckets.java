package dev.skywarden.core.analytics;

import dev.skywarden.core.event.CloudEvent;
import java.time.Instant;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.RandomAccess;

/**
 * The time buckets of one full profile, sorted by index, stored as parallel arrays: one slot per
 * bucket in each array, no object per bucket. {@link #sorted()} gives {@link TimeBucket} views.
 *
 * <p>Per bucket it keeps the index (8 bytes), the calls, failed calls and last time as an offset
 * from the bucket's start (4 bytes each), and the first event by {@link EventOrder#FIRST} packed in
 * five ints when it is an {@link Evidence.Reference} whose time and record index fit (seconds from
 * the bucket's start, nanoseconds, input number, record index, content hash). Three references
 * point at the wide networks, the discovery operations and a sparse {@link Extras}, allocated only
 * for a bucket with a denied call, a first discovery event other than its first event, or a first
 * event that is a copy or does not fit. That is 52 bytes per bucket plus the sets, or 48 without
 * the networks, which a principal profile does not keep. A bucket object with its first event's
 * reference took about 108.
 *
 * <p>Events of one identity mostly arrive in time order, so a lookup first tries the bucket last
 * used and the last bucket, and falls back to a binary search; a bucket inserted before others
 * shifts the later slots of every array, which costs at most {@code maxBuckets + maxLateBuckets}
 * slots each.
 *
 * <p>Caps: the first {@code maxBuckets} slots are the earliest set, the earliest buckets, which
 * hold the training part and the call-rate baseline. The slots after them are the late set: buckets
 * later than a full earliest set, at most {@code maxLateBuckets}, so that bursts after the earliest
 * set are still judged. Every late bucket lies after every earliest one. A new bucket earlier than
 * a full earliest set's last joins the earliest set, and that set's last bucket moves into the late
 * set with its counts. When the late set would exceed its cap, it evicts the least recently touched
 * buckets that {@link BurstDetector} cannot report ({@link #evictable}), up to a sixteenth of the
 * cap at once ({@link #evictionBatch}). That keeps the last week of quiet buckets, less one batch
 * at most, in a time-ordered input, and the earliest in a reverse-ordered one. When every late
 * bucket may be reported, the latest bucket is dropped instead, as the earliest set's cap does, and
 * its events are counted ({@link #droppedEvents()}). A late bucket takes 4 bytes more than an
 * earliest one, for its touch order.
 *
 * <p>Order contract: the buckets kept, their counts and evidence do not depend on arrival order
 * while all buckets fit in both sets. Beyond that, which quiet buckets are evicted depends on the
 * order, and a bucket's verdict stays exact unless its events arrive split around its eviction: the
 * part that arrives after it makes a new bucket with only that part's counts.
 *
 * <p>Not thread-safe: the owning {@link Profile} guards it with its lock.
 */
final class TimeBuckets {

  /** The first event of a bucket whose first event is kept in its {@link Extras}. */
  private static final int FIRST_IN_EXTRAS = -1;

  /**
   * The rarely used parts of one bucket: its denied operations and their first event, its first
   * discovery event when that is not the bucket's first event, and its first event when it could
   * not be packed.
   */
  private static final class Extras {
    Object deniedOperations;
    Evidence firstDenied;

    /**
     * The first discovery event, or null when the bucket has no discovery operations or when its
     * first discovery event is its first event.
     */
    Evidence firstDiscovery;

    /** The first event when {@link #firstInputs} contains {@link #FIRST_IN_EXTRAS}, else null. */
    Evidence first;
  }

  private final int maxBuckets;
  private final int maxLateBuckets;
  private final long widthMillis;

  /** The spread window in buckets ({@link BurstDetector#spreadWindowBuckets}). */
  private final long spreadWindow;

  private final int maxOperations;
  private final int maxNetworks;

  private int size;

  /** How many of the first slots are the earliest set; the slots after them are the late set. */
  private int earliestSize;

  /** The calls of the earliest set, for the mean that {@link #evictable} compares with. */
  private long earliestCalls;

  private int cursor;

  /** Events that no bucket kept, because both sets were full of buckets that may be reported. */
  private long droppedEvents;

  /** The lowest index of the buckets evicted so far, or {@code Long.MAX_VALUE} before any. */
  private long minEvictedIndex = Long.MAX_VALUE;

  /** The highest index of the buckets evicted so far, or {@code Long.MIN_VALUE} before any. */
  private long maxEvictedIndex = Long.MIN_VALUE;

  /** Late buckets created from {@link #minEvictedIndex} to {@link #maxEvictedIndex}. */
  private long createdAmongEvicted;

  /**
   * Whether the last search for a bucket to evict found none. It stays set until an event lands in
   * a bucket, so that the events of a dropped bucket do not search again.
   */
  private boolean nothingEvictable;

  /** The touch order of each late bucket, indexed by its slot minus {@link #earliestSize}. */
  private int[] lateTouched = new int[0];

  /** The last value given to {@link #lateTouched}. */
  private int touchClock;

  /**
   * The maximum number of late buckets evicted at once: a sixteenth of the late cap, at least one.
   * A batch moves the later slots of every array once, where evicting one bucket per new bucket
   * moved them for each.
   */
  private final int evictionBatch;

  /** The distinct networks found so far by {@link #networksNear}, reused between calls. */
  private final String[] nearNetworks = new String[BurstDetector.SPREAD_NETWORKS];

  /** Whether the last {@link #position} call created its bucket. */
  private boolean created;

  private long[] indexes = new long[0];
  private int[] calls = new int[0];
  private int[] failed = new int[0];

  /** The last event's time in milliseconds after the bucket's start. */
  private int[] lastOffsets = new int[0];

  /** The first event's time in whole seconds after the bucket's start second. */
  private int[] firstSeconds = new int[0];

  private int[] firstNanos = new int[0];

  /** The first event's input number, or {@link #FIRST_IN_EXTRAS}. */
  private int[] firstInputs = new int[0];

  private int[] firstRecords = new int[0];
  private int[] firstHashes = new int[0];

  /** The wide networks per bucket, as {@link SortedStrings} sets, or null when none are kept. */
  private Object[] networks;

  /**
   * The discovery operations per bucket, as {@link SortedStrings} sets.
   *
   * <p>NOTE: these arrays are now the largest part of a busy profile's buckets (about 36 bytes in
   * most of them). Sharing equal sets of neighbouring buckets did not lower their count on the
   * generated 10 GB corpus.
   */
  private Object[] discovery = new Object[0];

  private Extras[] extras = new Extras[0];

  /**
   * Creates an empty set of buckets.
   *
   * @param maxBuckets the maximum number of buckets in the earliest set, at least 1
   * @param maxLateBuckets the maximum number of buckets in the late set, kept after a full earliest
   *     set
   * @param bucketWidth the width of a bucket, from one millisecond to {@link Integer#MAX_VALUE}
   *     milliseconds
   * @param maxOperations the most denied and discovery operations one bucket keeps, each
   * @param maxNetworks the most wide networks one bucket keeps, or 0 to keep none
   * @throws IllegalArgumentException for a width outside that range
   */
  TimeBuckets(
      int maxBuckets,
      int maxLateBuckets,
      java.time.Duration bucketWidth,
      int maxOperations,
      int maxNetworks) {
    this.maxBuckets = maxBuckets;
    this.maxLateBuckets = maxLateBuckets;
    this.evictionBatch = Math.max(1, maxLateBuckets / 16);
    this.widthMillis = bucketWidth.toMillis();
    if (widthMillis < 1 || widthMillis > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          "bucket width must be from 1 ms to " + Integer.MAX_VALUE + " ms: " + bucketWidth);
    }
    this.spreadWindow = BurstDetector.spreadWindowBuckets(bucketWidth);
    this.maxOperations = maxOperations;
    this.maxNetworks = maxNetworks;
    this.networks = maxNetworks > 0 ? new Object[0] : null;
  }

  /**
   * Adds one event to its bucket, creating the bucket when it is new. Counts the event as dropped
   * instead when both sets are full, no late bucket can be evicted, and the bucket would come after
   * the last.
   *
   * @param shared the event, with the evidence that every profile of the event keeps of it
   * @param discovery whether the operation is a read or discovery call
   * @param denied whether the call was denied
   */
  void add(EventOrder.Shared shared, boolean discovery, boolean denied) {
    CloudEvent event = shared.event();
    long millis = event.time().toEpochMilli();
    int at = position(Math.floorDiv(millis, widthMillis));
    if (at < 0) {
      droppedEvents++;
      return;
    }
    if (at < earliestSize) {
      earliestCalls++;
    }
    boolean created = this.created;
    calls[at]++;
    if (!event.outcome().success()) {
      failed[at]++;
    }
    int offset = (int) (millis - indexes[at] * widthMillis);
    if (created || offset > lastOffsets[at]) {
      lastOffsets[at] = offset;
    }

    boolean first = created || compareFirst(at, event, shared.inputs()) > 0;
    if (first) {
      if (!created && this.discovery[at] != null && firstDiscoveryStored(at) == null) {
        // The old first event is the first discovery event: keep it before it is replaced.
        extras(at).firstDiscovery = first(at);
      }
      setFirst(at, shared.evidence());
    }

    String network = networks == null ? null : shared.wideNetwork();
    if (network != null) {
      Object grown = SortedStrings.add(networks[at], network, maxNetworks);
      if (grown != networks[at]) {
        networks[at] = shareWithNeighbour(networks, at, grown);
      }
    }
    String operation = shared.operation();
    if (operation == null) {
      return;
    }
    if (denied) {
      Extras bucket = extras(at);
      if (!SortedStrings.contains(bucket.deniedOperations, operation)) {
        bucket.deniedOperations =
            shareDeniedWithNeighbour(
                at, SortedStrings.add(bucket.deniedOperations, operation, maxOperations));
      }
      if (EventOrder.earlier(event, bucket.firstDenied, shared.inputs())) {
        bucket.firstDenied = shared.evidence();
      }
    }
    if (discovery) {
      addDiscovery(at, shared, operation, first);
    }
  }

  /**
   * Adds a discovery operation to bucket {@code at} and keeps its event when it is the bucket's
   * first discovery event: as null in the extras when the event is also the bucket's first.
   */
  private void addDiscovery(int at, EventOrder.Shared shared, String operation, boolean first) {
    CloudEvent event = shared.event();
    boolean earliest;
    if (this.discovery[at] == null) {
      earliest = true;
    } else {
      Evidence stored = firstDiscoveryStored(at);
      earliest =
          stored != null
              ? EventOrder.earlier(event, stored, shared.inputs())
              : compareFirst(at, event, shared.inputs()) > 0;
    }
    if (earliest) {
      if (first) {
        if (extras[at] != null) {
          extras[at].firstDiscovery = null;
        }
      } else {
        extras(at).firstDiscovery = shared.evidence();
      }
    }
    if (!SortedStrings.contains(this.discovery[at], operation)) {
      this.discovery[at] =
          shareWithNeighbour(
              this.discovery, at, SortedStrings.add(this.discovery[at], operation, maxOperations));
    }
  }

  /**
   * Returns {@code set}, or the equal array of the bucket before or after {@code at} in {@code
   * sets}. A workload that repeats its calls every few minutes has the same sets in many buckets,
   * and they then share one array. Sharing is safe because {@link SortedStrings#add} never changes
   * an array but returns a new one.
   */
  private Object shareWithNeighbour(Object[] sets, int at, Object set) {
    if (set instanceof String[] array) {
      if (at > 0 && sets[at - 1] instanceof String[] before && Arrays.equals(before, array)) {
        return before;
      }
      if (at + 1 < size && sets[at + 1] instanceof String[] after && Arrays.equals(after, array)) {
        return after;
      }
    }
    return set;
  }

  /** Returns the denied operations {@code set}, shared as {@link #shareWithNeighbour} does. */
  private Object shareDeniedWithNeighbour(int at, Object set) {
    if (set instanceof String[] array) {
      Object before = at > 0 ? deniedOperations(at - 1) : null;
      if (before instanceof String[] other && Arrays.equals(other, array)) {
        return other;
      }
      Object after = at + 1 < size ? deniedOperations(at + 1) : null;
      if (after instanceof String[] other && Arrays.equals(other, array)) {
        return other;
      }
    }
    return set;
  }

  /** Returns the position of the bucket with {@code index}, creating it, or -1 when not kept. */
  private int position(long index) {
    created = false;
    int at;
    if (cursor < size && indexes[cursor] == index) {
      at = cursor;
    } else if (size > 0 && indexes[size - 1] == index) {
      at = size - 1;
    } else {
      at = size > 0 && indexes[size - 1] < index ? -size - 1 : search(index);
      if (at < 0) {
        at = create(-at - 1, index);
        if (at < 0) {
          return -1;
        }
      }
    }
    cursor = at;
    if (at >= earliestSize) {
      lateTouched[at - earliestSize] = nextTouch();
    }
    nothingEvictable = false;
    return at;
  }

  /**
   * Creates the bucket with {@code index} at slot {@code insert}, keeping both caps. Returns its
   * slot, or -1 when it is not kept.
   */
  private int create(int insert, long index) {
    if (earliestSize < maxBuckets) {
      // The earliest set is not full, so there is no late set yet.
      insertSlot(insert, index);
      earliestSize++;
      return insert;
    }
    if (nothingEvictable && insert >= size) {
      return -1;
    }

    insertSlot(insert, index);
    if (insert < earliestSize) {
      // The earliest set's last bucket is now the late set's first.
      earliestCalls -= calls[earliestSize];
      insertLateTouch(0);
    } else {
      insertLateTouch(insert - earliestSize);
      if (index >= minEvictedIndex && index <= maxEvictedIndex) {
        // The bucket may have been evicted with the first part of its events.
        createdAmongEvicted++;
      }
    }
    if (size - earliestSize <= maxLateBuckets) {
      return insert;
    }

    int slot = evict(insert);
    if (slot >= 0) {
      return slot;
    }

    // Keep the earliest, as the earliest set's cap does, and count what the latest held.
    nothingEvictable = true;
    int victim = size - 1;
    droppedEvents += calls[victim];
    removeSlot(victim);
    if (victim == insert) {
      return -1;
    }
    return insert;
  }

  /**
   * Evicts up to {@link #evictionBatch} late buckets, the least recently touched of those {@link
   * #evictable}, other than slot {@code newSlot}. Evicting a batch moves the later slots once for
   * all of them, where one at a time moved them for each. Returns where slot {@code newSlot} is
   * afterwards, or -1 when no bucket was evictable.
   */
  private int evict(int newSlot) {
    double floor = BurstDetector.possibleBurstCalls((double) earliestCalls / earliestSize);
    // Allocated per batch, so that a profile does not keep 16 KB of candidates between batches.
    long[] evictionOrder = new long[size - earliestSize];
    int count = 0;
    for (int at = earliestSize; at < size; at++) {
      if (at != newSlot && evictable(at, floor)) {
        // Touch order in the high half and slot in the low half: sorting gives the least recently
        // touched first.
        evictionOrder[count++] = ((long) lateTouched[at - earliestSize] << 32) | at;
      }
    }
    if (count == 0) {
      return -1;
    }

    int batch = Math.min(count, evictionBatch);
    if (batch < count) {
      Arrays.sort(evictionOrder, 0, count);
    }
    int[] victims = new int[batch];
    for (int i = 0; i < batch; i++) {
      victims[i] = (int) evictionOrder[i];
      minEvictedIndex = Math.min(minEvictedIndex, indexes[victims[i]]);
      maxEvictedIndex = Math.max(maxEvictedIndex, indexes[victims[i]]);
    }
    Arrays.sort(victims);

    int before = 0;
    while (before < batch && victims[before] < newSlot) {
      before++;
    }
    removeSlots(victims);
    return newSlot - before;
  }

  /**
   * Returns whether bucket {@code at} can no longer be reported: {@link BurstDetector#mayReport}
   * rejects its counts with {@code callFloor}, and fewer than {@link BurstDetector#SPREAD_NETWORKS}
   * wide networks are kept within the spread window of it, so no span of the spread check that
   * contains it has enough networks.
   *
   * <p>NOTE: the call floor estimates the rate baseline from the earliest set as it is when the
   * bucket is evicted, and the network check ignores which networks the history contains. Both err
   * towards keeping a bucket, but an evicted bucket may still have been a call-rate burst against a
   * baseline under half the earliest set's mean.
   */
  private boolean evictable(int at, double callFloor) {
    if (BurstDetector.mayReport(
        calls[at],
        failed[at],
        SortedStrings.size(deniedOperations(at)),
        SortedStrings.size(discovery[at]),
        callFloor)) {
      return false;
    }
    return networks == null || networksNear(at) < BurstDetector.SPREAD_NETWORKS;
  }

  /**
   * Returns how many distinct wide networks the buckets within the spread window of bucket {@code
   * at} keep, itself included, counting up to {@link BurstDetector#SPREAD_NETWORKS}. Those buckets
   * cover every span of the window that contains bucket {@code at}.
   */
  private int networksNear(int at) {
    long low = indexes[at] - (spreadWindow - 1);
    long high = indexes[at] + (spreadWindow - 1);
    int from = at;
    while (from > 0 && indexes[from - 1] >= low) {
      from--;
    }
    int count = 0;
    for (int slot = from; slot < size && indexes[slot] <= high; slot++) {
      Object set = networks[slot];
      if (set instanceof String single) {
        count = addNear(single, count);
      } else if (set instanceof String[] array) {
        for (int i = 0; i < array.length && count < nearNetworks.length; i++) {
          count = addNear(array[i], count);
        }
      }
      if (count == nearNetworks.length) {
        return count;
      }
    }
    return count;
  }

  /** Adds {@code network} to the first {@code count} near networks when new; returns the count. */
  private int addNear(String network, int count) {
    for (int i = 0; i < count; i++) {
      if (nearNetworks[i].equals(network)) {
        return count;
      }
    }
    nearNetworks[count] = network;
    return count + 1;
  }

  /** Inserts an empty slot for a new bucket with {@code index} at {@code insert}. */
  private void insertSlot(int insert, long index) {
    if (size == indexes.length) {
      // Until the earliest set is full the arrays grow to it only, so short inputs keep no spare
      // room. The late set may hold one bucket over its cap until one is evicted.
      int capacity = size < maxBuckets ? maxBuckets : maxBuckets + maxLateBuckets + 1;
      grow(Math.min(capacity, Math.max(4, size + (size >> 1))));
    }
    shift(insert);
    clear(insert);
    indexes[insert] = index;
    created = true;
    size++;
  }

  /** Removes slot {@code at}, moving the later slots one place down. */
  private void removeSlot(int at) {
    int late = size - earliestSize;
    if (at >= earliestSize) {
      int from = at - earliestSize;
      System.arraycopy(lateTouched, from + 1, lateTouched, from, late - from - 1);
    }
    int length = size - at - 1;
    System.arraycopy(indexes, at + 1, indexes, at, length);
    System.arraycopy(calls, at + 1, calls, at, length);
    System.arraycopy(failed, at + 1, failed, at, length);
    System.arraycopy(lastOffsets, at + 1, lastOffsets, at, length);
    System.arraycopy(firstSeconds, at + 1, firstSeconds, at, length);
    System.arraycopy(firstNanos, at + 1, firstNanos, at, length);
    System.arraycopy(firstInputs, at + 1, firstInputs, at, length);
    System.arraycopy(firstRecords, at + 1, firstRecords, at, length);
    System.arraycopy(firstHashes, at + 1, firstHashes, at, length);
    if (networks != null) {
      System.arraycopy(networks, at + 1, networks, at, length);
    }
    System.arraycopy(discovery, at + 1, discovery, at, length);
    System.arraycopy(extras, at + 1, extras, at, length);
    size--;
    clear(size);
  }

  /** Removes the late slots {@code victims}, in ascending order, moving the others down. */
  private void removeSlots(int[] victims) {
    int write = victims[0];
    int next = 0;
    for (int read = victims[0]; read < size; read++) {
      if (next < victims.length && victims[next] == read) {
        next++;
        continue;
      }
      moveSlot(read, write);
      write++;
    }
    for (int at = write; at < size; at++) {
      clear(at);
    }
    size = write;
  }

  /** Copies late slot {@code from} to the free late slot {@code to} below it. */
  private void moveSlot(int from, int to) {
    indexes[to] = indexes[from];
    calls[to] = calls[from];
    failed[to] = failed[from];
    lastOffsets[to] = lastOffsets[from];
    firstSeconds[to] = firstSeconds[from];
    firstNanos[to] = firstNanos[from];
    firstInputs[to] = firstInputs[from];
    firstRecords[to] = firstRecords[from];
    firstHashes[to] = firstHashes[from];
    if (networks != null) {
      networks[to] = networks[from];
    }
    discovery[to] = discovery[from];
    extras[to] = extras[from];
    lateTouched[to - earliestSize] = lateTouched[from - earliestSize];
  }

  /** Makes room for the touch order of a new late slot {@code from} and sets it. */
  private void insertLateTouch(int from) {
    int late = size - earliestSize;
    if (late > lateTouched.length) {
      lateTouched = Arrays.copyOf(lateTouched, Math.min(maxLateBuckets + 1, Math.max(4, late * 2)));
    }
    System.arraycopy(lateTouched, from, lateTouched, from + 1, late - from - 1);
    lateTouched[from] = nextTouch();
  }

  /** Returns the next touch order, renumbering the late set's when the counter would overflow. */
  private int nextTouch() {
    if (touchClock == Integer.MAX_VALUE) {
      int late = size - earliestSize;
      long[] order = new long[late];
      for (int i = 0; i < late; i++) {
        order[i] = ((long) lateTouched[i] << 32) | i;
      }
      Arrays.sort(order);
      for (int rank = 0; rank < late; rank++) {
        lateTouched[(int) order[rank]] = rank;
      }
      touchClock = late;
    }
    return ++touchClock;
  }

  /** Sets the touch counter, so that tests reach its overflow. */
  void touchClockForTest(int value) {
    touchClock = value;
  }

  private int search(long index) {
    int low = 0;
    int high = size - 1;
    while (low <= high) {
      int mid = (low + high) >>> 1;
      long value = indexes[mid];
      if (value < index) {
        low = mid + 1;
      } else if (value > index) {
        high = mid - 1;
      } else {
        return mid;
      }
    }
    return -(low + 1);
  }

  private void grow(int capacity) {
    indexes = Arrays.copyOf(indexes, capacity);
    calls = Arrays.copyOf(calls, capacity);
    failed = Arrays.copyOf(failed, capacity);
    lastOffsets = Arrays.copyOf(lastOffsets, capacity);
    firstSeconds = Arrays.copyOf(firstSeconds, capacity);
    firstNanos = Arrays.copyOf(firstNanos, capacity);
    firstInputs = Arrays.copyOf(firstInputs, capacity);
    firstRecords = Arrays.copyOf(firstRecords, capacity);
    firstHashes = Arrays.copyOf(firstHashes, capacity);
    if (networks != null) {
      networks = Arrays.copyOf(networks, capacity);
    }
    discovery = Arrays.copyOf(discovery, capacity);
    extras = Arrays.copyOf(extras, capacity);
  }

  /** Moves the slots from {@code from} to {@code size - 1} one place up. */
  private void shift(int from) {
    int length = size - from;
    System.arraycopy(indexes, from, indexes, from + 1, length);
    System.arraycopy(calls, from, calls, from + 1, length);
    System.arraycopy(failed, from, failed, from + 1, length);
    System.arraycopy(lastOffsets, from, lastOffsets, from + 1, length);
    System.arraycopy(firstSeconds, from, firstSeconds, from + 1, length);
    System.arraycopy(firstNanos, from, firstNanos, from + 1, length);
    System.arraycopy(firstInputs, from, firstInputs, from + 1, length);
    System.arraycopy(firstRecords, from, firstRecords, from + 1, length);
    System.arraycopy(firstHashes, from, firstHashes, from + 1, length);
    if (networks != null) {
      System.arraycopy(networks, from, networks, from + 1, length);
    }
    System.arraycopy(discovery, from, discovery, from + 1, length);
    System.arraycopy(extras, from, extras, from + 1, length);
  }

  /** Empties slot {@code at} for a new bucket, which has no calls until its first event. */
  private void clear(int at) {
    calls[at] = 0;
    failed[at] = 0;
    lastOffsets[at] = 0;
    firstInputs[at] = FIRST_IN_EXTRAS;
    if (networks != null) {
      networks[at] = null;
    }
    discovery[at] = null;
    extras[at] = null;
  }

  private Extras extras(int at) {
    Extras bucket = extras[at];
    if (bucket == null) {
      bucket = new Extras();
      extras[at] = bucket;
    }
    return bucket;
  }

  private Evidence firstDiscoveryStored(int at) {
    return extras[at] == null ? null : extras[at].firstDiscovery;
  }

  /** Returns the start of bucket {@code at} in whole seconds since the epoch. */
  private long startSecond(int at) {
    return Math.floorDiv(indexes[at] * widthMillis, 1000);
  }

  /** Keeps {@code evidence} as the first event of bucket {@code at}, packed when it fits. */
  private void setFirst(int at, Evidence evidence) {
    if (evidence instanceof Evidence.Reference reference
        && reference.input() >= 0
        && reference.recordIndex() >= 0
        && reference.recordIndex() <= Integer.MAX_VALUE) {
      long seconds = reference.epochSecond() - startSecond(at);
      if (seconds >= 0 && seconds <= Integer.MAX_VALUE) {
        firstSeconds[at] = (int) seconds;
        firstNanos[at] = reference.nano();
        firstInputs[at] = reference.input();
        firstRecords[at] = (int) reference.recordIndex();
        firstHashes[at] = reference.contentHash();
        if (extras[at] != null) {
          extras[at].first = null;
        }
        return;
      }
    }
    firstInputs[at] = FIRST_IN_EXTRAS;
    extras(at).first = evidence;
  }

  /** Compares the first event of bucket {@code at} with {@code candidate}, as Evidence does. */
  private int compareFirst(int at, CloudEvent candidate, InputNames inputs) {
    if (firstInputs[at] == FIRST_IN_EXTRAS) {
      return extras[at].first.compareTo(candidate, inputs);
    }
    return Evidence.Reference.compare(
        startSecond(at) + firstSeconds[at],
        firstNanos[at],
        firstInputs[at],
        firstRecords[at],
        candidate,
        inputs);
  }

  /** Returns the first event of bucket {@code at}, rebuilding a packed reference. */
  Evidence first(int at) {
    if (firstInputs[at] == FIRST_IN_EXTRAS) {
      return extras[at].first;
    }
    return new Evidence.Reference(
        startSecond(at) + firstSeconds[at],
        firstNanos[at],
        firstInputs[at],
        firstRecords[at],
        firstHashes[at]);
  }

  /** Returns the time of the first event of bucket {@code at}. */
  Instant firstTime(int at) {
    if (firstInputs[at] == FIRST_IN_EXTRAS) {
      return extras[at].first.time();
    }
    return Instant.ofEpochSecond(startSecond(at) + firstSeconds[at], firstNanos[at]);
  }

  /** Returns the time of the last event of bucket {@code at}. */
  Instant last(int at) {
    return Instant.ofEpochMilli(indexes[at] * widthMillis + lastOffsets[at]);
  }

  /** Returns the first denied event of bucket {@code at}, or null. */
  Evidence firstDenied(int at) {
    return extras[at] == null ? null : extras[at].firstDenied;
  }

  /** Returns the first discovery event of bucket {@code at}, or null. */
  Evidence firstDiscovery(int at) {
    if (discovery[at] == null) {
      return null;
    }
    Evidence stored = firstDiscoveryStored(at);
    return stored != null ? stored : first(at);
  }

  Object deniedOperations(int at) {
    return extras[at] == null ? null : extras[at].deniedOperations;
  }

  Object discoveryOperations(int at) {
    return discovery[at];
  }

  /** Returns the wide networks of bucket {@code at}, none when the buckets keep no networks. */
  Object wideNetworks(int at) {
    return networks == null ? null : networks[at];
  }

  int size() {
    return size;
  }

  /** Returns how many events no bucket kept, and the events of buckets dropped by the caps. */
  long droppedEvents() {
    return droppedEvents;
  }

  /**
   * Returns how many late buckets were created between the earliest and the latest bucket evicted
   * before, where a bucket may have been evicted with part of its events. It over-counts: a new
   * bucket in that span counts even when the identity had no events in it before. A time-ordered
   * input creates none there.
   */
  long bucketsCreatedAmongEvicted() {
    return createdAmongEvicted;
  }

  /**
   * Returns the buckets of both sets in ascending index order, as an unmodifiable list of views.
   * Call it after the last {@link #add}: a later bucket shifts the slots the views read.
   */
  List<TimeBucket> sorted() {
    return new View(this, size);
  }

  /** Returns the buckets of the earliest set in ascending index order, as {@link #sorted} does. */
  List<TimeBucket> earliest() {
    return new View(this, earliestSize);
  }

  /** An unmodifiable list of views of the first buckets. */
  private static final class View extends AbstractList<TimeBucket> implements RandomAccess {
    private final TimeBuckets buckets;
    private final int length;

    View(TimeBuckets buckets, int length) {
      this.buckets = buckets;
      this.length = length;
    }

    @Override
    public TimeBucket get(int index) {
      if (index < 0 || index >= length) {
        throw new IndexOutOfBoundsException("bucket " + index + " of " + length);
      }
      TimeBuckets all = buckets;
      return new TimeBucket(all, index, all.indexes[index], all.calls[index], all.failed[index]);
    }

    @Override
    public int size() {
      return length;
    }
  }
}
