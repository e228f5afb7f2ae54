package dev.skywarden.core.mappings;

import java.util.List;

/**
 * The result of reading a folder of Mappings Explorer files.
 *
 * @param files the files that could be used, each without its bad records
 * @param problems every problem found, in file order; a file that could not be used at all has at
 *     least one problem with an empty pointer or a pointer into {@code /metadata}
 * @param recordsRead the number of mapping records read in all files, good and bad
 * @param recordsRejected the number of records left out because they are invalid
 */
public record MappingImport(
    List<MappingFile> files, List<MappingProblem> problems, int recordsRead, int recordsRejected) {

  public MappingImport {
    files = List.copyOf(files);
    problems = List.copyOf(problems);
  }
}
