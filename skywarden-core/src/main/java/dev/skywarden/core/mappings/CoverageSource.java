package dev.skywarden.core.mappings;

import java.util.List;

/**
 * Something in Skywarden that covers ATT&CK techniques or evidences controls: a rule pack, a
 * behavioural detector, a set of posture checks. The mappings view joins every source with the
 * Mappings Explorer catalogue.
 *
 * <p>Implementations return the same lists on every call and are safe to share between threads.
 */
public interface CoverageSource {

  /** Returns a short name for the source, such as {@code built-in Sigma rules}. */
  String name();

  /** Returns the detections of this source with the techniques they tag; may be empty. */
  List<Detection> detections();

  /** Returns the posture checks of this source with the controls they evidence; may be empty. */
  List<PostureCheck> checks();
}
