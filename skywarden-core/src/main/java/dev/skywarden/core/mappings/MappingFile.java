package dev.skywarden.core.mappings;

import java.util.List;
import java.util.Map;

/**
 * The usable content of one Mappings Explorer file.
 *
 * @param framework the framework and its versions from the file's metadata
 * @param mappings the complete mapping records that passed validation, in file order
 * @param techniqueNames the {@code attack_object_name} of each technique id, for ids that the
 *     catalogue's ATT&CK version does not have
 * @param notComplete the number of records whose status is {@code non_mappable} or {@code
 *     in_progress}; they are valid but map nothing
 */
public record MappingFile(
    Framework framework,
    List<Mapping> mappings,
    Map<String, String> techniqueNames,
    int notComplete) {

  public MappingFile {
    mappings = List.copyOf(mappings);
    techniqueNames = Map.copyOf(techniqueNames);
  }
}
