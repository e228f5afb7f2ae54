package dev.skywarden.core.mappings;

/**
 * A problem found in a Mappings Explorer file during import.
 *
 * @param file the file name or path as given
 * @param pointer the JSON Pointer of the bad value, such as {@code /mapping_objects/12/status}, or
 *     an empty string for the whole file
 * @param line the 1-based line where the bad value or record starts, or 0 when unknown
 * @param column the 1-based column, or 0 when unknown
 * @param message what is wrong, naming the value
 */
public record MappingProblem(String file, String pointer, int line, int column, String message) {

  /** Returns {@code file:line:column: pointer: message}, the form compilers use. */
  @Override
  public String toString() {
    String where = line > 0 ? file + ":" + line + ":" + column : file;
    return pointer.isEmpty() ? where + ": " + message : where + ": " + pointer + ": " + message;
  }
}
