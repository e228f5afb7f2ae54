package dev.skywarden.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens the HTML report of {@code hunt --format html} in headless Chromium: the page must load from
 * the file with no console error and no network request, the filters must change the rows shown,
 * injected markup must stay text, and the layout must match a baseline screenshot.
 *
 * <p>The tests skip when {@value Chromium#BINARY} is absent ({@code apt-get install chromium}; CI
 * installs it). To regenerate the baseline after an intended layout change, run with {@code
 * -Dskywarden.updateScreenshots=true} and look at the new PNG before committing it.
 */
class HtmlReportBrowserTest {

  /** What the example hunt finds, read from its JSON Lines output so no count is written twice. */
  private static final ExampleFindings EXAMPLES = ExampleFindings.read();

  static final Path BASELINE = Path.of("skywarden-cli/src/test/resources/screenshots/report.png");

  /** Two pixels differ when a colour channel differs by more than this. */
  private static final int CHANNEL_TOLERANCE = 48;

  /** The share of pixels that may differ from the baseline (fonts and anti-aliasing vary). */
  private static final double MAX_DIFFERING_PIXELS = 0.03;

  private static final int WIDTH = 1280;
  private static final int HEIGHT = 1400;

  @TempDir Path temp;

  @BeforeEach
  void requireChromium() {
    assumeTrue(
        Chromium.installed(),
        Chromium.BINARY + " not installed, browser test skipped (apt-get install chromium)");
  }

  private Path report(String... inputs) {
    Path file = temp.resolve("report.html");
    String[] args = new String[4 + inputs.length];
    args[0] = "hunt";
    args[1] = "--format=html";
    args[2] = "--output=" + file;
    args[3] = "--quiet";
    System.arraycopy(inputs, 0, args, 4, inputs.length);
    Cli.Result result = Cli.run(args);
    assertThat(result.exitCode()).as(result.toString()).isZero();
    return file;
  }

  @Test
  void examples_loadWithoutErrorsOrNetwork() throws Exception {
    Path file = report(Cli.EXAMPLES);
    String url = file.toUri().toString();

    try (Chromium chromium = new Chromium(WIDTH, HEIGHT)) {
      chromium.open(url);

      assertThat(chromium.evaluate("document.body.dataset.rendered").asText()).isEqualTo("true");
      assertThat(chromium.errors()).as("console errors").isEmpty();
      assertThat(chromium.requestedUrls()).as("network requests").containsExactly(url);
      assertThat(chromium.evaluate("document.querySelectorAll('tr.finding-row').length").asInt())
          .isEqualTo(EXAMPLES.total());
      assertThat(
              chromium.evaluate("document.querySelectorAll('svg.timeline circle').length").asInt())
          .as("one marker per finding")
          .isEqualTo(EXAMPLES.total());
      assertThat(chromium.evaluate("document.querySelectorAll('.story').length").asInt())
          .isGreaterThanOrEqualTo(6);
      assertThat(chromium.evaluate("document.body.innerText").asText())
          .contains("posture not loaded")
          .contains("T1059.009 Cloud API")
          .contains("AC-6")
          .contains("VERIS categories");
    }
  }

  @Test
  void filters_changeRowsShown() throws Exception {
    Path file = report(Cli.EXAMPLES);

    try (Chromium chromium = new Chromium(WIDTH, HEIGHT)) {
      chromium.open(file.toUri().toString());

      assertThat(visibleRows(chromium)).isEqualTo(EXAMPLES.total());
      assertThat(select(chromium, "f-severity", "high"))
          .isEqualTo(EXAMPLES.count(f -> f.severity().equals("high")));
      assertThat(select(chromium, "f-cloud", "aws"))
          .as("high and aws")
          .isEqualTo(EXAMPLES.count(f -> f.severity().equals("high") && f.cloud().equals("aws")));
      assertThat(select(chromium, "f-severity", ""))
          .as("aws only")
          .isEqualTo(EXAMPLES.count(f -> f.cloud().equals("aws")));
      chromium.evaluate("document.getElementById('f-reset').click()");
      assertThat(visibleRows(chromium)).isEqualTo(EXAMPLES.total());
      assertThat(select(chromium, "f-technique", "T1651 Cloud Administration Command"))
          .isEqualTo(EXAMPLES.count(f -> f.techniques().contains("T1651")));

      chromium.evaluate("document.getElementById('f-reset').click()");
      chromium.evaluate(
          "(() => { const box = document.getElementById('f-text'); box.value = 'ci-deployer';"
              + " box.dispatchEvent(new Event('input')); })()");
      // Two rule findings of ci-deployer and the attack sequence that chains them.
      assertThat(visibleRows(chromium)).isEqualTo(3);
      assertThat(
              chromium.evaluate("document.getElementById('findings-count').textContent").asText())
          .isEqualTo("(3 of " + EXAMPLES.total() + " shown)");

      chromium.evaluate("document.querySelector('th[data-key=count]').click()");
      assertThat(firstVisibleCount(chromium)).as("sorted by events, fewest first").isEqualTo("1");
      assertThat(visibleRows(chromium)).as("sorting keeps the filter").isEqualTo(3);
      chromium.evaluate("document.getElementById('f-reset').click()");
      chromium.evaluate("document.querySelector('th[data-key=count]').click()");
      assertThat(firstVisibleCount(chromium))
          .as("sorted by events, most first")
          .isEqualTo(String.valueOf(EXAMPLES.maxCount()));
      assertThat(chromium.errors()).isEmpty();
    }
  }

  @Test
  void posture_namesEachFailedCheck() throws Exception {
    Path file = report("--posture=" + PostureCommandTest.POSTURE, Cli.EXAMPLES);

    try (Chromium chromium = new Chromium(WIDTH, HEIGHT)) {
      chromium.open(file.toUri().toString());

      String ciLegacy =
          chromium
              .evaluate(
                  "[...document.querySelectorAll('.story')].find(s => s.dataset.principal"
                      + ".endsWith('user/ci-legacy')).querySelector('.posture').innerText")
              .asText();
      assertThat(ciLegacy)
          .as("a failed check shows its id and title")
          .contains("fail: AWS-ADMIN-01 Identity with administrator-equivalent permissions")
          .doesNotContain("Posture check failed");
      assertThat(chromium.evaluate("document.body.innerText").asText())
          .doesNotContain("posture not loaded")
          .doesNotContain("Posture check failed");
      assertThat(chromium.errors()).as("console errors").isEmpty();
    }
  }

  @Test
  void posture_principalNotInExports() throws Exception {
    Path input =
        Trails.write(
            temp.resolve("trail.json"),
            List.of(new Trails.Call("stranger", "2026-11-24T11:04:12Z", Trails.KALI_CLI)));
    Path file = report("--posture=" + PostureCommandTest.POSTURE, input.toString());

    try (Chromium chromium = new Chromium(WIDTH, HEIGHT)) {
      chromium.open(file.toUri().toString());

      assertThat(chromium.evaluate("document.querySelector('.story .posture').innerText").asText())
          .as("posture was loaded but has no entry for the principal")
          .isEqualTo("not found in the posture exports");
      assertThat(chromium.errors()).as("console errors").isEmpty();
    }
  }

  @Test
  void markupInPrincipalStaysText() throws Exception {
    String payload = "</script><img src=x onerror=alert(1)>";
    Path input = temp.resolve("trail.json");
    Files.writeString(input, trail(payload), StandardCharsets.UTF_8);
    Path file = report(input.toString());

    String html = Files.readString(file, StandardCharsets.UTF_8);
    assertThat(html).doesNotContain(payload).doesNotContain("<img");
    try (Chromium chromium = new Chromium(WIDTH, HEIGHT)) {
      chromium.open(file.toUri().toString());

      assertThat(chromium.evaluate("document.querySelectorAll('img').length").asInt()).isZero();
      assertThat(chromium.evaluate("document.querySelectorAll('tr.finding-row').length").asInt())
          .isEqualTo(1);
      assertThat(chromium.evaluate("document.querySelector('tr.finding-row').innerText").asText())
          .contains("arn:aws:iam::111122223333:user/" + payload);
      assertThat(chromium.errors()).as("console errors").isEmpty();
    }
  }

  @Test
  void invisibleCharactersInLogData_shownAsEscapes() throws Exception {
    // U+202E shows "admin\u202Egnp.exe" as "adminexe.png"; U+200B and U+2066 hide themselves.
    String user = "admin\u202Egnp.exe\u200B\u2066x";
    Path input =
        Trails.write(
            temp.resolve("trail.json"),
            List.of(new Trails.Call(user, "2026-11-24T11:04:12Z", Trails.KALI_CLI)));
    Path file = report(input.toString());

    try (Chromium chromium = new Chromium(WIDTH, HEIGHT)) {
      chromium.open(file.toUri().toString());

      assertThat(chromium.evaluate("document.querySelector('tr.finding-row').innerText").asText())
          .contains("admin\\u202Egnp.exe\\u200B\\u2066x");
      assertThat(chromium.evaluate("document.querySelectorAll('span.invisible').length").asInt())
          .as("marked escapes in the page")
          .isGreaterThanOrEqualTo(3);
      String shown =
          chromium
              .evaluate(
                  "(() => { const texts = []; const walker = document.createTreeWalker("
                      + "document.body, NodeFilter.SHOW_TEXT); for (let n = walker.nextNode(); n;"
                      + " n = walker.nextNode()) { if (n.parentNode.tagName !== 'SCRIPT')"
                      + " texts.push(n.data); } document.querySelectorAll('[title]').forEach("
                      + "e => texts.push(e.title)); return texts.join(' '); })()")
              .asText();
      assertThat(shown.codePoints().filter(c -> Character.getType(c) == Character.FORMAT))
          .as("format characters in shown text and titles")
          .isEmpty();
      int all = HtmlReports.rows(chromium);
      HtmlReports.search(chromium, "\\u202e");
      assertThat(HtmlReports.rows(chromium))
          .as("the escape is searchable: every finding of the user")
          .isEqualTo(all)
          .isGreaterThanOrEqualTo(2);
      assertThat(chromium.errors()).as("console errors").isEmpty();
    }
  }

  @Test
  void singleEvent_countsInSingular() throws Exception {
    Path input =
        Trails.write(
            temp.resolve("trail.json"),
            List.of(new Trails.Call("alice", "2026-11-24T11:04:12Z", Trails.PLAIN_CLI)));
    Path file = report(input.toString());

    try (Chromium chromium = new Chromium(WIDTH, HEIGHT)) {
      chromium.open(file.toUri().toString());
      chromium.evaluate("document.querySelector('tr.finding-row').click()");

      String text = chromium.evaluate("document.body.innerText").asText();
      assertThat(text)
          .contains("1 event\n")
          .contains("1 file, 1 record, 0 skipped")
          .contains("Evidence (1 of 1 event)")
          .doesNotContainPattern("\\b1 (events|files|records|findings)\\b");
      assertThat(chromium.errors()).as("console errors").isEmpty();
    }
  }

  @Test
  void layout_matchesBaselineScreenshot() throws Exception {
    Path file = report(Cli.EXAMPLES);
    byte[] png;
    try (Chromium chromium = new Chromium(WIDTH, HEIGHT)) {
      chromium.open(file.toUri().toString());
      // The generation time and version change between runs; fix them so only layout is compared.
      chromium.evaluate(
          "document.getElementById('meta-line').textContent = 'Skywarden (fixed for the test)'");
      png = chromium.screenshot();
    }

    if (Boolean.getBoolean("skywarden.updateScreenshots")) {
      Files.createDirectories(BASELINE.getParent());
      Files.write(BASELINE, png);
    }
    assumeTrue(Files.isRegularFile(BASELINE), "no baseline " + BASELINE + " yet");
    BufferedImage actual = ImageIO.read(new ByteArrayInputStream(png));
    BufferedImage expected = ImageIO.read(BASELINE.toFile());
    Path saved = Path.of("skywarden-cli/target/report-screenshot.png");
    Files.write(saved, png);

    assertThat(actual.getWidth()).as("width, see " + saved).isEqualTo(expected.getWidth());
    assertThat(actual.getHeight()).as("height, see " + saved).isEqualTo(expected.getHeight());
    assertThat(differingShare(actual, expected))
        .as("share of differing pixels, see " + saved)
        .isLessThan(MAX_DIFFERING_PIXELS);
  }

  private static int visibleRows(Chromium chromium) throws IOException, InterruptedException {
    JsonNode count =
        chromium.evaluate("document.querySelectorAll('tr.finding-row:not([hidden])').length");
    return count.asInt();
  }

  private static String firstVisibleCount(Chromium chromium)
      throws IOException, InterruptedException {
    return chromium
        .evaluate(
            "document.querySelector('tr.finding-row:not([hidden]) td:last-child').textContent")
        .asText();
  }

  private static int select(Chromium chromium, String id, String value)
      throws IOException, InterruptedException {
    chromium.evaluate(
        "(() => { const s = document.getElementById('"
            + id
            + "'); s.value = '"
            + value
            + "'; s.dispatchEvent(new Event('change')); })()");
    return visibleRows(chromium);
  }

  static double differingShare(BufferedImage actual, BufferedImage expected) {
    long differing = 0;
    for (int y = 0; y < actual.getHeight(); y++) {
      for (int x = 0; x < actual.getWidth(); x++) {
        int a = actual.getRGB(x, y);
        int b = expected.getRGB(x, y);
        for (int shift = 0; shift <= 16; shift += 8) {
          if (Math.abs(((a >> shift) & 0xff) - ((b >> shift) & 0xff)) > CHANNEL_TOLERANCE) {
            differing++;
            break;
          }
        }
      }
    }
    return (double) differing / ((long) actual.getWidth() * actual.getHeight());
  }

  /** Returns a CloudTrail file with one StopLogging call by a user whose name holds markup. */
  private static String trail(String payload) {
    String json =
        "{\"Records\":[{\"eventVersion\":\"1.09\",\"userIdentity\":{\"type\":\"IAMUser\","
            + "\"principalId\":\"AIDAEXAMPLE\",\"arn\":\"arn:aws:iam::111122223333:user/PAYLOAD\","
            + "\"accountId\":\"111122223333\",\"accessKeyId\":\"AKIAEXAMPLE\"},"
            + "\"eventTime\":\"2026-11-24T11:04:12Z\",\"eventSource\":\"cloudtrail.amazonaws.com\","
            + "\"eventName\":\"StopLogging\",\"awsRegion\":\"us-east-1\","
            + "\"sourceIPAddress\":\"203.0.113.47\",\"userAgent\":\"PAYLOAD\","
            + "\"requestParameters\":{\"name\":\"org-trail\"},\"eventID\":\"e-1\","
            + "\"readOnly\":false,\"eventType\":\"AwsApiCall\","
            + "\"recipientAccountId\":\"111122223333\"}]}";
    return json.replace("PAYLOAD", payload.replace("\"", "\\\""));
  }
}
