package dev.skywarden.core.sigma.detection;

import dev.skywarden.core.sigma.RuleLocation;

/** A node of a search identifier's definition: a nested detection or a single detection item. */
public sealed interface DetectionElement permits SigmaDetection, SigmaDetectionItem {

  /** Returns where the element starts in the rule file. */
  RuleLocation location();
}
