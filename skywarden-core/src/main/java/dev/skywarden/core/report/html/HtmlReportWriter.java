package dev.skywarden.core.report.html;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skywarden.core.catalog.ControlCatalog;
import dev.skywarden.core.finding.Finding;
import dev.skywarden.core.mappings.MappingCatalog;
import dev.skywarden.core.report.FindingWriter;
import dev.skywarden.core.report.HuntSummary;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Writes the HTML report: one self-contained file with its style, script and data inlined, so it
 * works offline and makes no network requests.
 *
 * <p>Safety: the data is a JSON block ({@code <script type="application/json">}) in which {@code
 * <}, {@code >}, {@code &}, U+2028 and U+2029 are written as {@code \}{@code uXXXX} escapes, so no
 * value can end the block or start markup. The page's script puts values into the page only as
 * text. A Content-Security-Policy allows nothing but the inline style and the one inline script
 * whose SHA-256 hash it names, so even injected markup could neither run script nor load anything.
 *
 * <p>Thread-safe when the activity supplier is.
 */
public final class HtmlReportWriter implements FindingWriter {

  private static final String RESOURCES = "/dev/skywarden/core/report/html/";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final ControlCatalog catalog;
  private final MappingCatalog mappings;
  private final Supplier<ActivitySampler.Snapshot> activity;
  private final Map<PrincipalKey, PrincipalPosture> posture;

  /**
   * Creates a writer.
   *
   * @param catalog resolves tactics and control names
   * @param mappings the Mappings Explorer catalogue for VERIS categories
   * @param activity supplies the sampled activity when the report is written; return {@link
   *     ActivitySampler.Snapshot#empty()} when nothing was sampled
   * @param posture the posture per principal, or {@code null} when posture was not loaded
   */
  public HtmlReportWriter(
      ControlCatalog catalog,
      MappingCatalog mappings,
      Supplier<ActivitySampler.Snapshot> activity,
      Map<PrincipalKey, PrincipalPosture> posture) {
    this.catalog = Objects.requireNonNull(catalog, "catalog");
    this.mappings = Objects.requireNonNull(mappings, "mappings");
    this.activity = Objects.requireNonNull(activity, "activity");
    this.posture = posture == null ? null : Map.copyOf(posture);
  }

  /** Creates a writer with the bundled catalogues, no sampled activity and no posture. */
  public HtmlReportWriter() {
    this(ControlCatalog.bundled(), MappingCatalog.bundled(), ActivitySampler.Snapshot::empty, null);
  }

  @Override
  public void write(List<Finding> findings, HuntSummary summary, Writer out) throws IOException {
    ReportModel model =
        ReportModel.build(findings, summary, activity.get(), posture, catalog, mappings);
    out.write(render(model));
    out.flush();
  }

  /** Renders the page of a model. */
  public static String render(ReportModel model) {
    String script = resource("report.js");
    String page = resource("report.html");
    page = replaceOnce(page, "{{CSP}}", contentSecurityPolicy(script));
    page = replaceOnce(page, "{{CSS}}", resource("report.css"));
    page = replaceOnce(page, "{{JS}}", script);
    // The data goes in last, so no placeholder text inside it is ever replaced.
    return replaceOnce(page, "{{DATA}}", escapeJson(json(model)));
  }

  /**
   * Escapes JSON text for a {@code <script>} block: {@code <}, {@code >} and {@code &} and the two
   * JavaScript line separators become {@code \}{@code uXXXX} escapes. JSON allows them only inside
   * strings, where the escape means the same character.
   */
  static String escapeJson(String json) {
    StringBuilder text = new StringBuilder(json.length() + 64);
    for (int i = 0; i < json.length(); i++) {
      char c = json.charAt(i);
      switch (c) {
        case '<' -> text.append("\\u003c");
        case '>' -> text.append("\\u003e");
        case '&' -> text.append("\\u0026");
        case '\u2028' -> text.append("\\u2028");
        case '\u2029' -> text.append("\\u2029");
        default -> text.append(c);
      }
    }
    return text.toString();
  }

  /** Returns the policy: no source at all except inline styles and the report's own script. */
  static String contentSecurityPolicy(String script) {
    String hash;
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(("\n" + script + "\n").getBytes(StandardCharsets.UTF_8));
      hash = Base64.getEncoder().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
    }
    return "default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'sha256-"
        + hash
        + "'";
  }

  private static String json(ReportModel model) {
    try {
      return MAPPER.writeValueAsString(model.json());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("failed to serialise the report model", e);
    }
  }

  private static String replaceOnce(String text, String placeholder, String value) {
    int at = text.indexOf(placeholder);
    if (at < 0) {
      throw new IllegalStateException("report template has no " + placeholder);
    }
    return text.substring(0, at) + value + text.substring(at + placeholder.length());
  }

  private static String resource(String name) {
    try (InputStream in = HtmlReportWriter.class.getResourceAsStream(RESOURCES + name)) {
      if (in == null) {
        throw new IllegalStateException("report resource " + RESOURCES + name + " not found");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("failed to read report resource " + RESOURCES + name, e);
    }
  }
}
