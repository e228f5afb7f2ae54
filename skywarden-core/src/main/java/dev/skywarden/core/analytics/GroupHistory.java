package dev.skywarden.core.analytics;

import java.time.Instant;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The joined history of a group of identities (a peer group, a role's sessions or a person's
 * identities): the union of the members' values and their activity. Not thread-safe; built and read
 * on one thread by {@link Baselines}.
 */
final class GroupHistory {

  final Map<FeatureKind, Set<String>> values = new EnumMap<>(FeatureKind.class);
  boolean fromState;
  boolean fromTraining;
  int members;
  long events;
  Instant firstSeen;
  Instant lastSeen;

  /** The members, so an identity is not compared with a group of only itself. */
  final Set<ProfileKey> memberKeys = new HashSet<>();

  /** The maximum number of distinct discovery operations one member called in one time bucket. */
  long maxDistinctDiscovery;

  /** Adds the activity of one member, or more activity of a member already counted. */
  void addActivity(boolean newMember, long count, Instant first, Instant last) {
    if (newMember) {
      members++;
    }
    events += count;
    firstSeen = firstSeen == null || first.isBefore(firstSeen) ? first : firstSeen;
    lastSeen = lastSeen == null || last.isAfter(lastSeen) ? last : lastSeen;
  }

  /** Returns whether the group has a member other than {@code key}. */
  boolean hasMemberOtherThan(ProfileKey key) {
    return memberKeys.size() > (memberKeys.contains(key) ? 1 : 0);
  }

  /** Adds a value of a member. */
  void addValue(FeatureKind kind, String value) {
    values.computeIfAbsent(kind, k -> new HashSet<>()).add(value);
  }

  /** Returns whether a member had the value. */
  boolean knows(FeatureKind kind, String value) {
    Set<String> known = values.get(kind);
    return known != null && known.contains(value);
  }
}
