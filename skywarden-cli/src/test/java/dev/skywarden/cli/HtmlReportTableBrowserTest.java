package dev.skywarden.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The findings table of the HTML report in headless Chromium: rows rendered a page at a time from
 * the data, a text search over the shown fields only, and cells that wrap at spaces on screen and
 * on paper. Skips without {@value Chromium#BINARY}.
 */
class HtmlReportTableBrowserTest {

  private static final ExampleFindings EXAMPLES = ExampleFindings.read();

  /** The rows the table renders at first and per "show more". */
  private static final int PAGE = 200;

  /**
   * Finds the line breaks inside the text of the matched cells that fall inside a word: a new line
   * that starts without a space, hyphen or slash before it. Identifiers (class {@code id}) may
   * break anywhere and are skipped. Returns {@code {bad, wrapped}}: the breaks as "before|after"
   * and how many breaks were seen in all.
   */
  private static final String MID_WORD_BREAKS =
      """
      ((selector) => {
        const bad = [];
        let wrapped = 0;
        const range = document.createRange();
        for (const cell of document.querySelectorAll(selector)) {
          const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            if (node.parentElement.closest('.id')) { continue; }
            const text = node.data;
            let lastTop = null, last = -1;
            for (let i = 0; i < text.length; i++) {
              if (/\\s/.test(text[i])) { continue; }
              range.setStart(node, i);
              range.setEnd(node, i + 1);
              const box = range.getBoundingClientRect();
              if (lastTop !== null && box.top > lastTop + 2) {
                wrapped++;
                if (!/[\\s\\-\\/]/.test(text.slice(last, i))) {
                  bad.push(text.slice(Math.max(0, i - 12), i) + '|' + text.slice(i, i + 12));
                }
              }
              lastTop = box.top;
              last = i;
            }
          }
        }
        return { bad, wrapped };
      })
      """;

  @TempDir Path temp;

  @BeforeEach
  void requireChromium() {
    assumeTrue(
        Chromium.installed(),
        Chromium.BINARY + " not installed, browser test skipped (apt-get install chromium)");
  }

  @Test
  void manyFindings_renderedPageByPage() throws Exception {
    int users = 260;
    List<Trails.Call> calls = new ArrayList<>();
    for (int i = 0; i < users; i++) {
      String time = String.format("2026-11-24T10:%02d:%02dZ", i / 60, i % 60);
      calls.add(new Trails.Call(String.format("user-%04d", i), time, Trails.KALI_CLI));
    }
    Path input = Trails.write(temp.resolve("trail.json"), calls);
    // Without attack sequences each user has exactly two findings, so the page size is known.
    Path file = HtmlReports.hunt(temp, "--sequence-window=0", input.toString());
    int total = 2 * users;

    assertThat(Files.size(file) / total)
        .as("bytes per finding with one evidence event each")
        .isLessThan(1_500);
    try (Chromium chromium = new Chromium(1280, 1400)) {
      chromium.open(file.toUri().toString());

      assertThat(HtmlReports.rows(chromium)).isEqualTo(PAGE);
      assertThat(HtmlReports.text(chromium, "findings-count"))
          .isEqualTo("(" + total + " findings, first " + PAGE + " shown)");
      chromium.evaluate("document.getElementById('findings-more').click()");
      assertThat(HtmlReports.rows(chromium)).isEqualTo(2 * PAGE);
      chromium.evaluate("document.getElementById('findings-all').click()");
      assertThat(HtmlReports.rows(chromium)).isEqualTo(total);
      assertThat(HtmlReports.text(chromium, "findings-count"))
          .isEqualTo("(" + total + " of " + total + " shown)");
      assertThat(chromium.evaluate("document.getElementById('findings-paging').hidden").asBoolean())
          .isTrue();

      HtmlReports.search(chromium, "user-0259");
      assertThat(HtmlReports.rows(chromium)).as("filters see rows not rendered yet").isEqualTo(2);
      HtmlReports.search(chromium, "");
      assertThat(HtmlReports.rows(chromium)).as("a new filter starts a new page").isEqualTo(PAGE);

      // Every attack step of every story opens its finding, rendering the table down to it.
      JsonNode opened =
          chromium.evaluate(
              "[...document.querySelectorAll('.story li[data-finding]')].map(li => { li.click();"
                  + " const row = document.getElementById('finding-' + li.dataset.finding);"
                  + " return !!row && !row.nextSibling.hidden; })");
      assertThat(opened).hasSizeGreaterThan(50);
      opened.forEach(open -> assertThat(open.asBoolean()).as("finding row open").isTrue());
      assertThat(chromium.errors()).as("console errors").isEmpty();
    }
  }

  @Test
  void textSearch_looksOnlyAtShownFields() throws Exception {
    Path file = HtmlReports.hunt(temp, Cli.EXAMPLES);

    try (Chromium chromium = new Chromium(1280, 1400)) {
      chromium.open(file.toUri().toString());

      for (String syntax : List.of("\"", "\",\"", "[\"", "rule_id", "source_addresses")) {
        HtmlReports.search(chromium, syntax);
        assertThat(HtmlReports.rows(chromium)).as("rows matching %s", syntax).isZero();
      }
      HtmlReports.search(chromium, "ci-deployer");
      assertThat(HtmlReports.rows(chromium))
          .as("findings of ci-deployer and incidents that name it")
          .isEqualTo(
              EXAMPLES.count(
                  f ->
                      f.principal().contains("ci-deployer")
                          || f.explanation().contains("ci-deployer")))
          .isGreaterThanOrEqualTo(2);
      HtmlReports.search(chromium, "t1651");
      assertThat(HtmlReports.rows(chromium))
          .as("technique ids are searched")
          .isEqualTo(EXAMPLES.count(f -> f.techniques().contains("T1651")));
      assertThat(chromium.errors()).as("console errors").isEmpty();
    }
  }

  @Test
  void cells_wrapAtSpaces() throws Exception {
    Path file = HtmlReports.hunt(temp, Cli.EXAMPLES);

    try (Chromium chromium = new Chromium(900, 1400)) {
      chromium.open(file.toUri().toString());

      for (String media : List.of("screen", "print")) {
        chromium.emulateMedia(media);
        // Rule, technique and client cells hold words; principal and source hold identifiers.
        JsonNode words =
            chromium.evaluate(
                MID_WORD_BREAKS
                    + "('#findings-table td:nth-child(3), #findings-table td:nth-child(4),"
                    + " #findings-table td:nth-child(8)')");
        assertThat(words.path("wrapped").asInt()).as("%s: words wrap at all", media).isPositive();
        assertThat(words.path("bad")).as("%s: breaks inside words", media).isEmpty();
        assertThat(
                chromium
                    .evaluate(
                        "(() => { const t = document.getElementById('findings-table');"
                            + " return t.scrollWidth <= t.parentElement.clientWidth; })()")
                    .asBoolean())
            .as("%s: long identifiers break so the table fits", media)
            .isTrue();
      }
      assertThat(chromium.errors()).as("console errors").isEmpty();
    }
  }

  @Test
  void tags_fitTheirBox() throws Exception {
    Path file = HtmlReports.hunt(temp, Cli.EXAMPLES);

    try (Chromium chromium = new Chromium(900, 1400)) {
      chromium.open(file.toUri().toString());
      chromium.evaluate("document.querySelectorAll('tr.finding-row').forEach(r => r.click())");

      for (String media : List.of("screen", "print")) {
        chromium.emulateMedia(media);
        // Operation names such as MICROSOFT.COMPUTE/VIRTUALMACHINES/RUNCOMMAND/ACTION have no
        // space.
        JsonNode outside =
            chromium.evaluate(
                "[...document.querySelectorAll('.tags span')].filter(tag => {"
                    + " const box = tag.closest('.story, .detail').getBoundingClientRect();"
                    + " return tag.getBoundingClientRect().right > box.right + 1; })"
                    + ".map(tag => tag.textContent)");
        assertThat(outside).as("%s: tags wider than their story or finding", media).isEmpty();
      }
      assertThat(chromium.errors()).as("console errors").isEmpty();
    }
  }

  @Test
  void longPrincipal_filtersFitThePage() throws Exception {
    String user = "u".repeat(600);
    Path input =
        Trails.write(
            temp.resolve("trail.json"),
            List.of(new Trails.Call(user, "2026-11-24T11:04:12Z", Trails.KALI_CLI)));
    Path file = HtmlReports.hunt(temp, input.toString());

    try (Chromium chromium = new Chromium(1280, 1400)) {
      chromium.open(file.toUri().toString());

      JsonNode wide =
          chromium.evaluate(
              "(() => { const page = document.getElementById('filters').getBoundingClientRect();"
                  + " return [...document.querySelectorAll('#filters select')]"
                  + ".filter(s => s.getBoundingClientRect().right > page.right + 1)"
                  + ".map(s => s.id); })()");
      assertThat(wide).as("filters wider than the page").isEmpty();
      assertThat(chromium.errors()).as("console errors").isEmpty();
    }
  }
}
