package dev.skywarden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Writes HTML reports with {@code hunt} and reads the page state for the browser tests. */
final class HtmlReports {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private HtmlReports() {}

  /** Returns text as a JavaScript string literal (JSON strings are valid JavaScript). */
  static String jsString(String text) throws IOException {
    return MAPPER.writeValueAsString(text);
  }

  /** Runs {@code hunt --format html} over the inputs and returns the report file. */
  static Path hunt(Path folder, String... inputs) {
    Path file = folder.resolve("report.html");
    List<String> args = new ArrayList<>(List.of("hunt", "--format=html", "--output=" + file));
    args.add("--quiet");
    args.addAll(List.of(inputs));
    Cli.Result result = Cli.run(args.toArray(String[]::new));
    assertThat(result.exitCode()).as(result.toString()).isZero();
    return file;
  }

  /** Returns the number of finding rows in the table. */
  static int rows(Chromium chromium) throws IOException, InterruptedException {
    return chromium
        .evaluate(
            "document.querySelectorAll('#findings-table tr.finding-row:not([hidden])').length")
        .asInt();
  }

  /** Types text into the search box of the findings table. */
  static void search(Chromium chromium, String text) throws IOException, InterruptedException {
    chromium.evaluate(
        "(() => { const box = document.getElementById('f-text'); box.value = "
            + jsString(text)
            + "; box.dispatchEvent(new Event('input')); })()");
  }

  /** Returns the text of an element by id. */
  static String text(Chromium chromium, String id) throws IOException, InterruptedException {
    return chromium.evaluate("document.getElementById('" + id + "').textContent").asText();
  }

  /** Returns the labels of the timeline's time axis, left to right. */
  static List<String> axisLabels(Chromium chromium) throws IOException, InterruptedException {
    JsonNode labels =
        chromium.evaluate(
            "[...document.querySelectorAll('svg.timeline .axis text')].map(t => t.textContent)");
    List<String> list = new ArrayList<>();
    labels.forEach(label -> list.add(label.asText()));
    return list;
  }
}
