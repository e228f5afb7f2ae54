package dev.skywarden.core.sigma.detection;

import dev.skywarden.core.sigma.condition.SigmaCondition;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The detection section of a rule: the search identifiers in rule order and the conditions, which
 * are linked with OR when the rule gives a list.
 */
public record SigmaDetections(
    Map<String, SigmaDetection> searchIdentifiers, List<SigmaCondition> conditions) {

  public SigmaDetections {
    searchIdentifiers = Collections.unmodifiableMap(new LinkedHashMap<>(searchIdentifiers));
    conditions = List.copyOf(conditions);
  }
}
