package dev.skywarden.core.mappings;

import java.util.List;

/**
 * The mappings of one framework in a view.
 *
 * @param framework the framework with its versions
 * @param mappings its mappings, in catalogue order
 */
public record FrameworkMappings(Framework framework, List<Mapping> mappings) {

  public FrameworkMappings {
    mappings = List.copyOf(mappings);
  }
}
