package dev.skywarden.core.netintel;

import java.nio.file.Path;

/**
 * One entry of a range file, Tor list or database that was skipped while loading, with where it is.
 *
 * @param file the file
 * @param where the line ({@code line 12}) or JSON Pointer ({@code /prefixes/3/ip_prefix})
 * @param reason why the entry was skipped
 */
public record LoadProblem(Path file, String where, String reason) {

  /** Returns {@code file: where: reason}. */
  public String message() {
    return file + ": " + where + ": " + reason;
  }
}
