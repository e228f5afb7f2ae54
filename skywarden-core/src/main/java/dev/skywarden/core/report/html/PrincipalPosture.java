package dev.skywarden.core.report.html;

import dev.skywarden.core.finding.Finding;
import dev.skywarden.core.posture.CheckCatalog;
import dev.skywarden.core.posture.CheckDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The posture of one principal as the HTML report shows it beside the principal's findings.
 *
 * <p>{@link #fromFindings} builds the map from the posture that {@code hunt --posture} attaches to
 * findings; without it reports say "posture not loaded".
 *
 * @param items the checks that apply to the principal, in the order to show
 */
public record PrincipalPosture(List<Item> items) {

  public PrincipalPosture {
    items = List.copyOf(items);
  }

  /**
   * Returns the posture of each principal that has one in {@code findings}; empty when no finding
   * carries a posture. Pass {@code null} to the writer instead when the hunt ran without {@code
   * --posture}, so the page says that posture was not loaded rather than not found.
   */
  public static Map<PrincipalKey, PrincipalPosture> fromFindings(List<Finding> findings) {
    Map<PrincipalKey, PrincipalPosture> postures = new TreeMap<>();
    for (Finding finding : findings) {
      dev.skywarden.core.finding.PrincipalPosture facts = finding.posture();
      if (facts == null) {
        continue;
      }
      PrincipalKey key =
          new PrincipalKey(finding.provider(), finding.account(), finding.principal());
      postures.putIfAbsent(key, new PrincipalPosture(items(facts)));
    }
    return postures;
  }

  private static List<Item> items(dev.skywarden.core.finding.PrincipalPosture facts) {
    List<Item> items = new ArrayList<>();
    items.add(
        new Item(
            "privileged",
            "Administrator-equivalent or escalation rights",
            facts.privileged() ? "fail" : "pass",
            facts.principal()));
    String mfa = facts.mfa() == null ? "unknown" : facts.mfa() ? "pass" : "fail";
    items.add(new Item("mfa", "MFA active or registered", mfa, ""));
    String access =
        facts.access() == dev.skywarden.core.finding.PrincipalPosture.Access.STANDING
            ? "fail"
            : facts.access() == dev.skywarden.core.finding.PrincipalPosture.Access.JUST_IN_TIME
                ? "pass"
                : "unknown";
    items.add(
        new Item(
            "access",
            "Privileges granted just in time",
            access,
            facts.access().name().toLowerCase(Locale.ROOT)));
    items.add(
        new Item(
            "external", "Identity of this organisation", facts.external() ? "fail" : "pass", ""));
    for (String checkId : facts.failedChecks()) {
      items.add(new Item(checkId, checkTitle(checkId), "fail", ""));
    }
    return items;
  }

  /**
   * Returns the id and title of a posture check from the bundled catalogue, such as {@code
   * AWS-MFA-01 Privileged IAM user without MFA}, or the id alone for an id the catalogue lacks.
   */
  static String checkTitle(String checkId) {
    for (CheckDefinition check : CheckCatalog.bundled().all()) {
      if (check.id().equals(checkId)) {
        return check.id() + " " + check.title();
      }
    }
    return checkId;
  }

  /**
   * One posture check result.
   *
   * @param checkId the check id
   * @param title what the check looks at
   * @param status the result, such as {@code pass}, {@code fail} or {@code unknown}
   * @param detail why, in one line; may be empty
   */
  public record Item(String checkId, String title, String status, String detail) {}
}
