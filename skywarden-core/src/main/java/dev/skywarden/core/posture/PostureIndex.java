package dev.skywarden.core.posture;

import dev.skywarden.core.event.CloudProvider;
import dev.skywarden.core.finding.PrincipalPosture;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the posture of the principal of a hunt finding by any name the exports give it: an IAM ARN
 * or user name, an assumed-role session ARN or a role ARN without the role's path (both map to the
 * role), an Entra object id or UPN, a GCP e-mail with or without its member prefix.
 *
 * <p>When two identities claim the same name, the first one in audit order keeps it. Immutable and
 * thread-safe.
 */
public final class PostureIndex {

  /** An index without any principal. */
  public static final PostureIndex EMPTY = new PostureIndex(Map.of());

  private final Map<String, PrincipalPosture> byKey;

  private PostureIndex(Map<String, PrincipalPosture> byKey) {
    this.byKey = Map.copyOf(byKey);
  }

  static PostureIndex of(List<IdentityFacts> identities) {
    Map<String, PrincipalPosture> byKey = new HashMap<>();
    for (IdentityFacts facts : identities) {
      PrincipalPosture posture = facts.toPosture();
      for (String key : facts.keys()) {
        byKey.putIfAbsent(key, posture);
      }
    }
    return new PostureIndex(byKey);
  }

  /** Returns the number of names in the index. */
  public int size() {
    return byKey.size();
  }

  /**
   * Looks up the posture of a principal as a finding names it.
   *
   * @param provider the cloud of the finding
   * @param principal the finding's principal display name
   */
  public Optional<PrincipalPosture> lookup(CloudProvider provider, String principal) {
    if (principal == null || principal.isBlank()) {
      return Optional.empty();
    }
    String id = provider.id();
    PrincipalPosture direct = byKey.get(key(id, principal));
    if (direct != null) {
      return Optional.of(direct);
    }
    if (provider == CloudProvider.AWS) {
      return awsRoleOf(principal).map(role -> byKey.get(key(id, role)));
    }
    if (provider == CloudProvider.GCP) {
      int colon = principal.indexOf(':');
      return colon > 0
          ? Optional.ofNullable(byKey.get(key(id, principal.substring(colon + 1))))
          : Optional.empty();
    }
    return Optional.empty();
  }

  /** Returns the index key of a name: provider, bar, the name in lower case without a prefix. */
  static String key(String provider, String name) {
    String text = name.trim().toLowerCase(Locale.ROOT);
    if (provider.equals("gcp")) {
      int colon = text.indexOf(':');
      if (colon > 0 && !text.startsWith("principal")) {
        text = text.substring(colon + 1);
      }
    }
    return provider + "|" + text;
  }

  /**
   * Maps a role session ARN {@code arn:aws:sts::123456789012:assumed-role/Role/session}, or a role
   * ARN with or without a path such as {@code arn:aws:iam::123456789012:role/ci/Role}, to the role
   * key {@code role:123456789012/Role} that AWS audits register. The hunt names the findings of a
   * role's sessions with generated names (CI runs, instances) by the role ARN without its path.
   */
  static Optional<String> awsRoleOf(String arn) {
    String[] parts = arn.split(":", 6);
    if (parts.length < 6) {
      return Optional.empty();
    }
    if (parts[5].startsWith("assumed-role/")) {
      String[] path = parts[5].split("/", -1);
      return path.length >= 2 ? Optional.of(awsRoleKey(parts[4], path[1])) : Optional.empty();
    }
    if (parts[2].equals("iam") && parts[5].startsWith("role/")) {
      String name = parts[5].substring(parts[5].lastIndexOf('/') + 1);
      return name.isEmpty() ? Optional.empty() : Optional.of(awsRoleKey(parts[4], name));
    }
    return Optional.empty();
  }

  /** Returns the alias that identifies a role by account and name, whatever its path. */
  public static String awsRoleKey(String account, String roleName) {
    return "role:" + account + "/" + roleName;
  }
}
