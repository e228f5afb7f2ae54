package dev.skywarden.core.finding;

import dev.skywarden.core.event.Actor;
import dev.skywarden.core.event.CloudEvent;
import dev.skywarden.core.event.CloudProvider;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A direct-mapped memo from the fields of a hit that decide its finding to the value (the finding's
 * accumulator) that a recent hit with the same fields went to. Those fields are the rule id,
 * provider, account, the actor's display name and, when {@code withIssuer}, its session issuer.
 *
 * <p>Design note: a hit's strings are fresh copies from a parsed record, so a hash map lookup
 * hashes the whole display name, often a long ARN, on every hit. The memo instead picks a slot from
 * the rule id's cached hash and the ends of the display name, then compares every field of the
 * entry in that slot with {@link String#equals}. A miss costs those comparisons and the caller's
 * regular lookup. The next miss that maps to a slot replaces its entry, so the memo contains at
 * most {@link #SLOTS} entries. It returns no stale value as long as the caller keeps each value it
 * stored valid for the same fields, as the aggregator does, because it never removes a finding.
 *
 * <p>Thread-safety: {@link #get} and {@link #put} may run on many threads at once, without locks.
 * Entries are immutable and published with release and acquire semantics, so a reader sees a whole
 * entry or none. Two threads may replace each other's entries, which costs a later miss only.
 *
 * @param <V> the memoised value
 */
final class RecentKeys<V> {

  /** The number of slots, a power of two. */
  static final int SLOTS = 1 << 10;

  /** How many characters at the start of a display name pick its slot. */
  static final int SAMPLED_HEAD = 8;

  /**
   * How many characters at the end of a display name pick its slot. They cover a user or session
   * name before a common suffix such as an e-mail domain.
   */
  static final int SAMPLED_TAIL = 32;

  private record Entry<V>(
      String ruleId, CloudProvider provider, String account, String name, String issuer, V value) {}

  private final AtomicReferenceArray<Entry<V>> slots = new AtomicReferenceArray<>(SLOTS);

  /** Whether the session issuer is part of the key, as it is when a grouping function reads it. */
  private final boolean withIssuer;

  RecentKeys(boolean withIssuer) {
    this.withIssuer = withIssuer;
  }

  /** Returns the value stored for the hit fields of {@code ruleId} and {@code event}, or null. */
  V get(String ruleId, CloudEvent event) {
    Actor actor = event.actor();
    String name = actor.displayName();
    Entry<V> entry = slots.getAcquire(slot(ruleId, name));
    if (entry == null
        || !entry.ruleId().equals(ruleId)
        || entry.provider() != event.provider()
        || !Objects.equals(entry.account(), event.account())
        || !entry.name().equals(name)
        || (withIssuer && !Objects.equals(entry.issuer(), actor.sessionIssuer()))) {
      return null;
    }
    return entry.value();
  }

  /** Stores {@code value} for the hit fields of {@code ruleId} and {@code event}. */
  void put(String ruleId, CloudEvent event, V value) {
    Actor actor = event.actor();
    String name = actor.displayName();
    Entry<V> entry =
        new Entry<>(
            ruleId,
            event.provider(),
            event.account(),
            name,
            withIssuer ? actor.sessionIssuer() : null,
            value);
    slots.setRelease(slot(ruleId, name), entry);
  }

  /**
   * Returns the slot of a rule id and display name. The rule id's hash is cached in the string,
   * because hits of one rule share its instance. Of the name it reads the length, the first {@value
   * #SAMPLED_HEAD} and the last {@value #SAMPLED_TAIL} characters, where user names, e-mail
   * addresses and session names differ. Names that differ only in between share a slot, which costs
   * misses but never a wrong value.
   */
  static int slot(String ruleId, String name) {
    int length = name.length();
    int hash = ruleId.hashCode() * 31 + length;
    int head = Math.min(length, SAMPLED_HEAD);
    for (int i = 0; i < head; i++) {
      hash = hash * 31 + name.charAt(i);
    }
    for (int i = Math.max(head, length - SAMPLED_TAIL); i < length; i++) {
      hash = hash * 31 + name.charAt(i);
    }
    hash *= 0x9E3779B1;
    return (hash ^ (hash >>> 16)) & (SLOTS - 1);
  }
}
