package dev.skywarden.core.posture;

import dev.skywarden.core.finding.Finding;
import dev.skywarden.core.finding.FindingAggregator;
import dev.skywarden.core.finding.PrincipalPosture;
import dev.skywarden.core.finding.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Attaches the posture of each finding's principal and raises the severity of findings where a
 * risky identity behaves abnormally.
 *
 * <p>Rule: when the principal is privileged without MFA, external, or holds standing privileges,
 * and the finding is at least {@link #RAISE_FROM}, the severity goes up one level (never above
 * critical) and the explanation ends with the reasons. Findings keep their ids and are re-sorted in
 * {@link FindingAggregator#FINDING_ORDER}, so the output stays deterministic. Immutable and
 * thread-safe.
 */
public final class PostureEnricher {

  /** The lowest severity that counts as high-risk behaviour worth raising. */
  public static final Severity RAISE_FROM = Severity.MEDIUM;

  private final PostureIndex index;

  /** Creates an enricher over an index of identities. */
  public PostureEnricher(PostureIndex index) {
    this.index = Objects.requireNonNull(index, "index");
  }

  /** Returns the findings with posture attached and severities raised, in finding order. */
  public List<Finding> enrich(List<Finding> findings) {
    List<Finding> enriched = new ArrayList<>();
    for (Finding finding : findings) {
      enriched.add(enrich(finding));
    }
    enriched.sort(FindingAggregator.FINDING_ORDER);
    return List.copyOf(enriched);
  }

  /** Returns one finding with its principal's posture, raised when the rule applies. */
  public Finding enrich(Finding finding) {
    Optional<PrincipalPosture> found = index.lookup(finding.provider(), finding.principal());
    if (found.isEmpty()) {
      return finding;
    }
    PrincipalPosture posture = found.get();
    List<String> reasons = posture.riskReasons();
    if (reasons.isEmpty() || finding.severity().compareTo(RAISE_FROM) < 0) {
      return finding.withPosture(finding.severity(), finding.explanation(), posture);
    }
    Severity raised = raise(finding.severity());
    if (raised == finding.severity()) {
      String note =
          withoutFullStop(finding.explanation())
              + "; principal posture: "
              + String.join(", ", reasons);
      return finding.withPosture(raised, note, posture);
    }
    String explanation =
        withoutFullStop(finding.explanation())
            + "; severity raised from "
            + finding.severity().sigmaLevel()
            + " to "
            + raised.sigmaLevel()
            + " because of the principal's posture: "
            + String.join(", ", reasons);
    return finding.withPosture(raised, explanation, posture);
  }

  /** Returns the explanation without its final full stop, so a clause can follow it. */
  private static String withoutFullStop(String explanation) {
    if (explanation == null) {
      return "";
    }
    return explanation.endsWith(".")
        ? explanation.substring(0, explanation.length() - 1)
        : explanation;
  }

  /** Returns the next severity up, or critical for critical. */
  static Severity raise(Severity severity) {
    return switch (severity) {
      case INFORMATIONAL -> Severity.LOW;
      case LOW -> Severity.MEDIUM;
      case MEDIUM -> Severity.HIGH;
      case HIGH, CRITICAL -> Severity.CRITICAL;
    };
  }
}
