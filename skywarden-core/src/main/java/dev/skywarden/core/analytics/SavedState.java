package dev.skywarden.core.analytics;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The profiles of earlier hunts, read from and written to {@code --state DIR} by {@link StateFile}.
 * Immutable.
 *
 * @param savedAt when the state was written, or {@code null} for the empty state
 * @param identities the history of each identity, in {@link ProfileKey} order
 */
public record SavedState(Instant savedAt, SortedMap<ProfileKey, IdentityHistory> identities) {

  /** The state of a first hunt: no history at all. */
  public static final SavedState EMPTY = new SavedState(null, new TreeMap<>());

  public SavedState {
    identities = Collections.unmodifiableSortedMap(new TreeMap<>(identities));
  }

  /** Returns the history of an identity, or null when the state does not know it. */
  public IdentityHistory get(ProfileKey key) {
    return identities.get(key);
  }

  /** Returns true when the state knows no identity. */
  public boolean isEmpty() {
    return identities.isEmpty();
  }

  /**
   * Returns whether the state contains an identity first seen before {@code time}. A state written
   * by a hunt of the same logs does not, so the training window of that hunt applies again.
   */
  public boolean hasIdentityBefore(Instant time) {
    for (IdentityHistory history : identities.values()) {
      if (history.asOf(time) != null) {
        return true;
      }
    }
    return false;
  }

  /** Returns the number of distinct feature values over all identities. */
  public long valueCount() {
    long count = 0;
    for (IdentityHistory history : identities.values()) {
      for (Map<String, IdentityHistory.ValueHistory> values : history.features().values()) {
        count += values.size();
      }
    }
    return count;
  }
}
