package dev.skywarden.core.coverage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skywarden.core.testing.SharedData;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Measures the built-in pack on the Panther rule test events and prints the tables of {@code
 * docs/detection-coverage.md}. Skips when the shared data folder is absent.
 *
 * <p>Regenerate the tables with {@code mvn -q -B -pl skywarden-core test -Dtest=PantherCoverageTest
 * -Dsurefire.failIfNoSpecifiedTests=false}. The floors and ceilings below are the measured values:
 * raise a floor or lower a ceiling when a rule improves, and treat a failure as a regression.
 */
class PantherCoverageTest {

  private static PantherMeasurement measurement;

  @BeforeAll
  static void measure() throws IOException {
    measurement = PantherMeasurement.run(SharedData.requireData("panther"));
    System.out.println(measurement.toMarkdown());
    System.out.println(measurement.describeMisses());
  }

  /** Expected counts of one technique: label counts exactly, detections as floor and ceiling. */
  private record Expected(
      String technique,
      long positives,
      long minDetected,
      long negatives,
      long maxFiredOnNegatives) {}

  /** Expected parse results of one log type: records exactly, events as a floor. */
  private record ExpectedParse(String logType, long records, long minEvents) {}

  private static final List<Expected> TECHNIQUES =
      List.of(
          new Expected("T1059.009", 0, 0, 0, 0),
          new Expected("T1651", 11, 6, 4, 1),
          new Expected("T1078.004", 48, 2, 42, 0),
          new Expected("T1098", 42, 8, 36, 5),
          new Expected("T1562.008", 12, 5, 4, 0));

  private static final List<ExpectedParse> PARSES =
      List.of(
          new ExpectedParse("aws_cloudtrail", 318, 305),
          new ExpectedParse("aws_eks_audit", 150, 0),
          new ExpectedParse("azure_entra_audit_signin", 31, 31),
          new ExpectedParse("azure_monitoractivity", 196, 169),
          new ExpectedParse("gcp_auditlog", 153, 110),
          new ExpectedParse("m365_audit_aad", 4, 0));

  @Test
  void techniques_meetMeasuredFloors() {
    for (Expected expected : TECHNIQUES) {
      PantherMeasurement.TechniqueCounts counts = measurement.total(expected.technique());

      assertThat(counts.positives())
          .as("%s positives in the labels", expected.technique())
          .isEqualTo(expected.positives());
      assertThat(counts.negatives())
          .as("%s negatives in the labels", expected.technique())
          .isEqualTo(expected.negatives());
      assertThat(counts.positivesDetected())
          .as("%s positives detected", expected.technique())
          .isGreaterThanOrEqualTo(expected.minDetected());
      assertThat(counts.negativesDetected())
          .as("%s negatives fired on", expected.technique())
          .isLessThanOrEqualTo(expected.maxFiredOnNegatives());
    }
  }

  @Test
  void parsing_meetsMeasuredFloors() {
    Map<String, PantherMeasurement.ParseCounts> byLogType = new TreeMap<>();
    measurement.parseCounts().forEach(counts -> byLogType.put(counts.logType(), counts));

    assertThat(byLogType.keySet())
        .containsExactlyElementsOf(PARSES.stream().map(ExpectedParse::logType).toList());
    for (ExpectedParse expected : PARSES) {
      PantherMeasurement.ParseCounts counts = byLogType.get(expected.logType());
      long skipped = counts.skipped().values().stream().mapToLong(Long::longValue).sum();

      assertThat(counts.records())
          .as("records of %s", expected.logType())
          .isEqualTo(expected.records());
      assertThat(counts.events())
          .as("events of %s", expected.logType())
          .isGreaterThanOrEqualTo(expected.minEvents());
      assertThat(counts.events() + skipped)
          .as("events and skips of %s", expected.logType())
          .isEqualTo(counts.records());
    }
  }

  @Test
  void table_listsEveryTechnique() {
    String table = measurement.toMarkdown();

    for (String technique : PantherMeasurement.TECHNIQUES) {
      assertThat(table).contains("| " + technique + " |");
    }
  }
}
