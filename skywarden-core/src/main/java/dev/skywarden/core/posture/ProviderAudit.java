package dev.skywarden.core.posture;

/** The checks of one cloud over the exports of that cloud. Implementations are stateless. */
public interface ProviderAudit {

  /**
   * Runs every check of the cloud whose exports are present and records results and identity facts.
   *
   * @throws PostureInputException when a recognised export has a field of the wrong type
   */
  void run(PostureInputs inputs, AuditResults results) throws PostureInputException;
}
