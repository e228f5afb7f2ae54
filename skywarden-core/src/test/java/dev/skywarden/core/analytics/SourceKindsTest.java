package dev.skywarden.core.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skywarden.core.finding.Behaviour;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The attack sequencer raises an incident on a step with a new source, named by the labels of
 * {@link Behaviour#SOURCE_KINDS}; these must stay the labels of the analytics' source features.
 */
class SourceKindsTest {

  private static final Set<FeatureKind> SOURCE_FEATURES =
      EnumSet.of(
          FeatureKind.NETWORK,
          FeatureKind.ASN,
          FeatureKind.COUNTRY,
          FeatureKind.CLOUD_RANGE,
          FeatureKind.CLIENT);

  @Test
  void sourceKinds_areFeatureLabels() {
    for (FeatureKind kind : FeatureKind.values()) {
      assertThat(Behaviour.SOURCE_KINDS.contains(kind.label()))
          .as("%s is a source kind", kind)
          .isEqualTo(SOURCE_FEATURES.contains(kind));
    }
    assertThat(Behaviour.SOURCE_KINDS).hasSize(SOURCE_FEATURES.size());
  }
}
