package dev.skywarden.core.sigma.detection;

import dev.skywarden.core.sigma.RuleLocation;
import java.util.List;
import java.util.Objects;

/**
 * The definition of one search identifier, or a part of it: a map (items linked with AND) or a list
 * of maps or keywords (linked with OR).
 */
public record SigmaDetection(
    List<DetectionElement> elements, Linking linking, RuleLocation location)
    implements DetectionElement {

  public SigmaDetection {
    elements = List.copyOf(elements);
    Objects.requireNonNull(linking, "linking");
    Objects.requireNonNull(location, "location");
  }
}
