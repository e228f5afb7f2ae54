package dev.skywarden.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The time axis of the HTML report's timeline in headless Chromium: labels carry the year, never
 * repeat at any zoom level, and an empty hunt shows no made-up dates. Skips without {@value
 * Chromium#BINARY}.
 */
class HtmlReportTimelineBrowserTest {

  /** A label that starts with a full date, such as {@code 2026-11-24 10:05}, or a year. */
  private static final String DATED = "^\\d{4}(-\\d{2}(-\\d{2}( .*)?)?)?$";

  @TempDir Path temp;

  @BeforeEach
  void requireChromium() {
    assumeTrue(
        Chromium.installed(),
        Chromium.BINARY + " not installed, browser test skipped (apt-get install chromium)");
  }

  @Test
  void axis_acrossNewYear_namesBothYears() throws Exception {
    Path input =
        Trails.write(
            temp.resolve("trail.json"),
            List.of(
                new Trails.Call("alice", "2025-12-31T23:50:00Z", Trails.PLAIN_CLI),
                new Trails.Call("alice", "2026-01-01T00:25:00Z", Trails.PLAIN_CLI)));
    Path file = HtmlReports.hunt(temp, input.toString());

    try (Chromium chromium = new Chromium(1280, 1400)) {
      chromium.open(file.toUri().toString());

      List<String> labels = HtmlReports.axisLabels(chromium);
      assertThat(labels.get(0)).startsWith("2025-12-31 ");
      assertThat(labels).anyMatch(label -> label.startsWith("2026-01-01 "));
      assertThat(labels).doesNotHaveDuplicates();
      assertThat(chromium.errors()).as("console errors").isEmpty();
    }
  }

  @Test
  void axis_overYears_labelsAreDates() throws Exception {
    Path input =
        Trails.write(
            temp.resolve("trail.json"),
            List.of(
                new Trails.Call("alice", "2023-05-01T08:00:00Z", Trails.PLAIN_CLI),
                new Trails.Call("bob", "2026-03-01T08:00:00Z", Trails.PLAIN_CLI)));
    Path file = HtmlReports.hunt(temp, input.toString());

    try (Chromium chromium = new Chromium(1280, 1400)) {
      chromium.open(file.toUri().toString());

      List<String> labels = HtmlReports.axisLabels(chromium);
      assertThat(labels).hasSizeGreaterThanOrEqualTo(2).allMatch(label -> label.matches(DATED));
      assertThat(labels).doesNotHaveDuplicates();
    }
  }

  @Test
  void axis_everyZoomLevel_uniqueDatedLabels() throws Exception {
    Path file = HtmlReports.hunt(temp, Cli.EXAMPLES);

    try (Chromium chromium = new Chromium(1280, 1400)) {
      chromium.open(file.toUri().toString());

      for (int level = 0; level < 16; level++) {
        List<String> labels = HtmlReports.axisLabels(chromium);
        assertThat(labels).as("labels at zoom level %d", level).doesNotHaveDuplicates();
        assertThat(labels.get(0)).as("first label at zoom level %d", level).matches(DATED);
        chromium.evaluate("document.getElementById('zoom-in').click()");
      }
      assertThat(HtmlReports.axisLabels(chromium))
          .as("a one-minute view shows seconds")
          .anyMatch(label -> label.matches(".*\\d\\d:\\d\\d:\\d\\d$"));
      assertThat(chromium.errors()).as("console errors").isEmpty();
    }
  }

  @Test
  void emptyHunt_showsNoEpochDates() throws Exception {
    Path input = temp.resolve("empty.json");
    Files.writeString(input, "{\"Records\":[]}");
    Path file = HtmlReports.hunt(temp, input.toString());

    try (Chromium chromium = new Chromium(1280, 1400)) {
      chromium.open(file.toUri().toString());

      assertThat(HtmlReports.text(chromium, "timeline-range")).isEqualTo("No events in this hunt.");
      // The input's path names a random temporary folder, whose digits may hold "1970".
      String text = chromium.evaluate("document.body.innerText").asText();
      assertThat(text.replace(temp.toString(), "TEMP"))
          .doesNotContain("1969")
          .doesNotContain("1970")
          .contains("0 events");
      assertThat(chromium.evaluate("document.getElementById('zoom-in').disabled").asBoolean())
          .isTrue();
      assertThat(chromium.errors()).as("console errors").isEmpty();
    }
  }

  @Test
  void chart_narrowPageAndPrint_noBlankBand() throws Exception {
    Path file = HtmlReports.hunt(temp, Cli.EXAMPLES);

    try (Chromium chromium = new Chromium(1280, 1400)) {
      chromium.open(file.toUri().toString());
      chromium.resize(794, 1123);

      for (String media : List.of("screen", "print")) {
        chromium.emulateMedia(media);
        // The chart scales its view box to the page width; a fixed height leaves empty space.
        double blank =
            chromium
                .evaluate(
                    "(() => { const chart = document.querySelector('svg.timeline');"
                        + " const box = chart.getBoundingClientRect();"
                        + " const view = chart.viewBox.baseVal;"
                        + " return box.height - view.height * box.width / view.width; })()")
                .asDouble();
        assertThat(blank)
            .as("%s: pixels of the chart not covered by its drawing", media)
            .isLessThan(2);
        JsonNode overlaps =
            chromium.evaluate(
                "(() => { const boxes = [...document.querySelectorAll('svg.timeline .axis text')]"
                    + ".map(t => t.getBoundingClientRect());"
                    + " return boxes.slice(1).filter((b, i) => b.left < boxes[i].right).length; })()");
        assertThat(overlaps.asInt())
            .as("%s: axis labels overlapping the one before", media)
            .isZero();
      }
      assertThat(chromium.errors()).as("console errors").isEmpty();
    }
  }
}
