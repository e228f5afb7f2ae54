package dev.skywarden.core.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skywarden.core.finding.Behaviour;
import java.util.ArrayList;
import java.util.List;

/** The JSON and text forms of a finding's {@link Behaviour}, shared by the writers. */
final class BehaviourJson {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private BehaviourJson() {}

  /**
   * Returns {@code {subject, identity, features[{kind, value, rarity, first_seen, last_seen,
   * count}], features_truncated, history{source, window_start, window_end, events, first_seen,
   * last_seen}, peer_group, peer_count, history_level}}, or JSON null without a behaviour.
   */
  static JsonNode toJson(Behaviour behaviour) {
    if (behaviour == null) {
      return NullNode.getInstance();
    }
    ObjectNode node = MAPPER.createObjectNode();
    node.put("subject", behaviour.subject());
    node.put("identity", behaviour.identity());
    ArrayNode features = node.putArray("features");
    for (Behaviour.Feature feature : behaviour.features()) {
      features
          .addObject()
          .put("kind", feature.kind())
          .put("value", feature.value())
          .put("rarity", feature.rarity())
          .put("first_seen", JsonLinesFindingWriter.iso(feature.firstSeen()))
          .put("last_seen", JsonLinesFindingWriter.iso(feature.lastSeen()))
          .put("count", feature.count());
    }
    node.put("features_truncated", behaviour.featuresTruncated());
    Behaviour.History history = behaviour.history();
    node.putObject("history")
        .put("source", history.source())
        .put("window_start", JsonLinesFindingWriter.iso(history.windowStart()))
        .put("window_end", JsonLinesFindingWriter.iso(history.windowEnd()))
        .put("events", history.events())
        .put("first_seen", JsonLinesFindingWriter.iso(history.firstSeen()))
        .put("last_seen", JsonLinesFindingWriter.iso(history.lastSeen()));
    node.put("peer_group", behaviour.peerGroup());
    node.put("peer_count", behaviour.peerCount());
    node.put("history_level", behaviour.historyLevel());
    return node;
  }

  /** Returns text such as {@code new network 203.0.113.0/24; new hour 03}, or empty. */
  static String features(Behaviour behaviour) {
    if (behaviour == null) {
      return "";
    }
    List<String> parts = new ArrayList<>();
    for (Behaviour.Feature feature : behaviour.features()) {
      parts.add(feature.rarity() + " " + feature.kind() + " " + feature.value());
    }
    if (behaviour.featuresTruncated()) {
      parts.add("and more");
    }
    return String.join("; ", parts);
  }

  /** Returns the OCSF anomaly analysis of a behaviour: target, anomalies and baseline. */
  static ObjectNode anomalyAnalysis(Behaviour behaviour) {
    ObjectNode analysis = MAPPER.createObjectNode();
    analysis
        .putArray("analysis_targets")
        .addObject()
        .put("name", behaviour.identity())
        .put("type", behaviour.subject().equals("credential") ? "Credential" : "User Account");
    ArrayNode anomalies = analysis.putArray("anomalies");
    for (Behaviour.Feature feature : behaviour.features()) {
      ObjectNode anomaly = anomalies.addObject();
      anomaly.put("observation_parameter", feature.kind());
      anomaly.put(
          "observation_type",
          feature.rarity().equals("burst") ? "Volume Analysis" : "Frequency Analysis");
      anomaly.put("observed_pattern", feature.rarity() + " " + feature.kind());
      ObjectNode observation = anomaly.putArray("observations").addObject();
      observation.put("value", feature.value());
      observation.put("count", (int) Math.min(feature.count(), Integer.MAX_VALUE));
      observation
          .putObject("timespan")
          .put("start_time", feature.firstSeen().toEpochMilli())
          .put("end_time", feature.lastSeen().toEpochMilli());
    }
    Behaviour.History history = behaviour.history();
    ObjectNode baseline = analysis.putArray("baselines").addObject();
    baseline.put("observation_parameter", "events");
    baseline.put("observation_type", "Frequency Analysis");
    baseline.put(
        "observed_pattern",
        behaviour.peerGroup() == null
            ? history.source()
            : history.source() + " of peer group " + behaviour.peerGroup());
    ObjectNode observation = baseline.putArray("observations").addObject();
    observation.put("value", Long.toString(history.events()));
    observation.put("count", (int) Math.min(history.events(), Integer.MAX_VALUE));
    if (history.windowStart() != null && history.windowEnd() != null) {
      observation
          .putObject("timespan")
          .put("start_time", history.windowStart().toEpochMilli())
          .put("end_time", history.windowEnd().toEpochMilli());
    }
    return analysis;
  }
}
