package dev.skywarden.core.report.html;

import java.util.List;

/**
 * The posture of one principal as the HTML report shows it beside the principal's findings.
 *
 * <p>TODO: the posture audit ({@code --posture}) is built separately. It should fill this record
 * per principal and pass the map to {@link ReportModel#build}; until then reports say "posture not
 * loaded".
 *
 * @param items the checks that apply to the principal, in the order to show
 */
public record PrincipalPosture(List<Item> items) {

  public PrincipalPosture {
    items = List.copyOf(items);
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
