package dev.skywarden.core.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.skywarden.core.catalog.ControlCatalog;
import dev.skywarden.core.finding.Finding;
import java.io.IOException;
import java.io.Writer;
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

  @Override
  public void write(List<Finding> findings, HuntSummary summary, Writer out) throws IOException {
    String name = "Skywarden hunt " + JsonLinesFindingWriter.iso(summary.time());
    out.write(MAPPER.writeValueAsString(layers.hunt(findings, name)));
    out.write('\n');
    out.flush();
  }
}
