package dev.skywarden.core.posture;

import dev.skywarden.core.finding.PrincipalPosture;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a posture audit produced.
 *
 * @param results failures, passes and checks not evaluated, in {@link CheckResult#ORDER}
 * @param identities the posture of each identity the exports name, in audit order
 * @param index the identities by every name they are known by
 * @param asOf the time staleness was measured against
 * @param files the export files read, each as {@code path (kind)}
 * @param ignored files that are no posture export, each as {@code path: reason}
 * @param warnings problems that did not stop the audit, such as credential times after {@code asOf}
 */
public record PostureResult(
    List<CheckResult> results,
    List<PrincipalPosture> identities,
    PostureIndex index,
    Instant asOf,
    List<String> files,
    List<String> ignored,
    List<String> warnings) {

  /** The framework name of NIST SP 800-53 r5 in summaries. */
  public static final String NIST = "NIST SP 800-53 r5";

  /** The framework name of the CRI Profile in summaries. */
  public static final String CRI = "CRI Profile (CSF 2.0)";

  public PostureResult {
    results = List.copyOf(results);
    identities = List.copyOf(identities);
    files = List.copyOf(files);
    ignored = List.copyOf(ignored);
    warnings = List.copyOf(warnings);
  }

  /** Returns the results with the given status. */
  public List<CheckResult> results(CheckStatus status) {
    return results.stream().filter(result -> result.status() == status).toList();
  }

  /**
   * Returns one summary per control that a check with a result evidences: CRI statements first,
   * then NIST controls, each in id order. A check counts as failed for a control when any of its
   * results failed, as passed when every result passed, and as not evaluated otherwise.
   */
  public List<ControlSummary> controlSummaries() {
    Map<String, CheckStatus> worst = new TreeMap<>();
    Map<String, CheckDefinition> checks = new TreeMap<>();
    Map<String, Long> failures = new TreeMap<>();
    for (CheckResult result : results) {
      String id = result.check().id();
      checks.put(id, result.check());
      worst.merge(id, result.status(), AuditStatus::worse);
      if (result.status() == CheckStatus.FAIL) {
        failures.merge(id, 1L, Long::sum);
      }
    }

    Map<String, List<String>> controls = new LinkedHashMap<>();
    Map<String, TreeSet<String>> cri = new TreeMap<>();
    Map<String, TreeSet<String>> nist = new TreeMap<>();
    for (CheckDefinition check : checks.values()) {
      cri.computeIfAbsent(check.criStatement(), k -> new TreeSet<>()).add(check.id());
      for (String control : check.nistControls()) {
        nist.computeIfAbsent(control, k -> new TreeSet<>()).add(check.id());
      }
    }
    cri.forEach((id, ids) -> controls.put(CRI + "|" + id, new ArrayList<>(ids)));
    nist.forEach((id, ids) -> controls.put(NIST + "|" + id, new ArrayList<>(ids)));

    List<ControlSummary> summaries = new ArrayList<>();
    controls.forEach(
        (key, ids) -> {
          List<String> passed = new ArrayList<>();
          List<String> failed = new ArrayList<>();
          List<String> skipped = new ArrayList<>();
          long count = 0;
          for (String id : ids) {
            CheckStatus status = worst.get(id);
            if (status == CheckStatus.FAIL) {
              failed.add(id);
              count += failures.getOrDefault(id, 0L);
            } else if (status == CheckStatus.PASS) {
              passed.add(id);
            } else {
              skipped.add(id);
            }
          }
          String[] parts = key.split("\\|", 2);
          summaries.add(new ControlSummary(parts[0], parts[1], passed, failed, skipped, count));
        });
    return summaries;
  }

  /**
   * Orders statuses for the summary: fail over not evaluated over pass, so a check that passed in
   * one scope but could not run in another does not count as passed.
   */
  private static final class AuditStatus {
    private AuditStatus() {}

    static CheckStatus worse(CheckStatus a, CheckStatus b) {
      if (a == CheckStatus.FAIL || b == CheckStatus.FAIL) {
        return CheckStatus.FAIL;
      }
      return a == CheckStatus.NOT_EVALUATED || b == CheckStatus.NOT_EVALUATED
          ? CheckStatus.NOT_EVALUATED
          : CheckStatus.PASS;
    }
  }
}
