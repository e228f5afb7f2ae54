package dev.skywarden.core.finding;

import java.util.List;
import java.util.Locale;

/**
 * The stages of an attack on a cloud control plane that attack sequences chain, in kill-chain
 * order. Each stage is taken from the ATT&CK tactics of a finding's techniques.
 */
public enum KillChainStage {
  /** A new source, client or session: ATT&CK Initial Access and Lateral Movement. */
  NEW_ACCESS("new access", List.of("Initial Access", "Lateral Movement")),
  /** ATT&CK Discovery. */
  DISCOVERY("discovery", List.of("Discovery")),
  /** ATT&CK Credential Access. */
  CREDENTIAL_ACCESS("credential access", List.of("Credential Access")),
  /** ATT&CK Privilege Escalation and Persistence. */
  PRIVILEGE_ESCALATION_OR_PERSISTENCE(
      "privilege escalation or persistence", List.of("Privilege Escalation", "Persistence")),
  /** ATT&CK Execution and Command and Control (tools brought in). */
  EXECUTION("execution", List.of("Execution", "Command and Control")),
  /** ATT&CK Defense Evasion. */
  DEFENSE_EVASION("defense evasion", List.of("Defense Evasion")),
  /** ATT&CK Impact, Exfiltration and Collection: the attacker's objective. */
  IMPACT("impact", List.of("Impact", "Exfiltration", "Collection"));

  private final String label;

  @SuppressWarnings("ImmutableEnumChecker") // List.of is unmodifiable.
  private final List<String> tactics;

  KillChainStage(String label, List<String> tactics) {
    this.label = label;
    this.tactics = tactics;
  }

  /** Returns the lower-case label used in explanations, such as {@code defense evasion}. */
  public String label() {
    return label;
  }

  /** Returns the ATT&CK tactic names that fall into this stage. */
  public List<String> tactics() {
    return tactics;
  }

  /**
   * Returns the earliest stage among the tactics of the given techniques, or {@code null} when no
   * tactic falls into a stage (Resource Development, Reconnaissance or an unknown technique).
   */
  public static KillChainStage earliestOf(List<Technique> techniques) {
    KillChainStage earliest = null;
    for (Technique technique : techniques) {
      for (String tactic : technique.tactics()) {
        KillChainStage stage = ofTactic(tactic);
        if (stage != null && (earliest == null || stage.compareTo(earliest) < 0)) {
          earliest = stage;
        }
      }
    }
    return earliest;
  }

  /** Returns the stage of an ATT&CK tactic name, ignoring case, or {@code null}. */
  public static KillChainStage ofTactic(String tactic) {
    String requested = tactic.trim().toLowerCase(Locale.ROOT);
    for (KillChainStage stage : values()) {
      for (String name : stage.tactics) {
        if (name.toLowerCase(Locale.ROOT).equals(requested)) {
          return stage;
        }
      }
    }
    return null;
  }
}
