package dev.skywarden.core.mappings;

import java.io.IOException;
import java.io.Writer;

/** Writes the views of {@code skywarden mappings} in one format. */
public interface MappingViewWriter {

  /** Writes a technique view; does not close the writer. */
  void write(TechniqueView view, Writer out) throws IOException;

  /** Writes a control view; does not close the writer. */
  void write(ControlView view, Writer out) throws IOException;

  /** Returns the writer for an output format. */
  static MappingViewWriter forFormat(Format format) {
    return switch (format) {
      case TABLE -> new MappingTableWriter();
      case JSON -> new MappingJsonWriter();
      case CSV -> new MappingCsvWriter();
    };
  }

  /** The output formats. */
  enum Format {
    /** A readable text table. */
    TABLE,
    /** One JSON document with the view, its versions and the coverage. */
    JSON,
    /** One CSV row per mapping, with a header row (RFC 4180 quoting). */
    CSV
  }
}
