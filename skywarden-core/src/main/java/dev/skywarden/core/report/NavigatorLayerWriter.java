package dev.skywarden.core.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.skywarden.core.catalog.ControlCatalog;
import dev.skywarden.core.finding.Finding;
import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Writes the techniques hit in a hunt as one ATT&CK Navigator layer; see {@link NavigatorLayer}.
 * Thread-safe.
 */
public final class NavigatorLayerWriter implements FindingWriter {

  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final NavigatorLayer layers;

  /** Creates a writer that resolves tactics in the bundled catalogue. */
  public NavigatorLayerWriter() {
    this(ControlCatalog.bundled());
  }

  /** Creates a writer that resolves tactics in the given catalogue. */
  public NavigatorLayerWriter(ControlCatalog catalog) {
    this.layers = new NavigatorLayer(Objects.requireNonNull(catalog, "catalog"));
  }

  /**
   * Returns the layer name from the time span of the findings, such as {@code Skywarden hunt,
   * findings 2026-11-30T08:54:21Z to 2026-11-30T11:11:38Z}, so hunts over the same logs name their
   * layers alike whenever they run.
   */
  static String layerName(List<Finding> findings) {
    if (findings.isEmpty()) {
      return "Skywarden hunt, no findings";
    }
    Instant first = findings.get(0).firstSeen();
    Instant last = findings.get(0).lastSeen();
    for (Finding finding : findings) {
      first = finding.firstSeen().isBefore(first) ? finding.firstSeen() : first;
      last = finding.lastSeen().isAfter(last) ? finding.lastSeen() : last;
    }
    return "Skywarden hunt, findings "
        + JsonLinesFindingWriter.iso(first)
        + " to "
        + JsonLinesFindingWriter.iso(last);
  }

  @Override
  public void write(List<Finding> findings, HuntSummary summary, Writer out) throws IOException {
    out.write(MAPPER.writeValueAsString(layers.hunt(findings, layerName(findings))));
    out.write('\n');
    out.flush();
  }
}
