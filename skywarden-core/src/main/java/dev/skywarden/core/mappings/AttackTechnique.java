package dev.skywarden.core.mappings;

import java.util.List;

/**
 * An ATT&CK enterprise technique or sub-technique.
 *
 * @param id the ATT&CK id, such as {@code T1059.009}
 * @param name the ATT&CK name, such as {@code Cloud API}
 * @param tactics the tactic names, such as {@code Execution}
 * @param platforms the platforms, such as {@code IaaS}
 * @param active {@code false} for an id that mapping files name but the catalogue's ATT&CK version
 *     no longer has (revoked or deprecated); such a technique has no tactics or platforms
 */
public record AttackTechnique(
    String id, String name, List<String> tactics, List<String> platforms, boolean active) {

  public AttackTechnique {
    tactics = List.copyOf(tactics);
    platforms = List.copyOf(platforms);
  }

  /** Returns the parent id of a sub-technique ({@code T1059} for {@code T1059.009}), else null. */
  public String parentId() {
    int dot = id.indexOf('.');
    return dot < 0 ? null : id.substring(0, dot);
  }
}
