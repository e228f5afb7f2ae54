package dev.skywarden.core.input;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skywarden.core.stats.SkipReason;
import java.io.IOException;
import java.util.Base64;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;

/**
 * Removes the containers and delivery envelopes around audit events, so that the sink receives bare
 * events. Recognised shapes, checked in this order:
 *
 * <ul>
 *   <li>CloudTrail S3 delivery {@code {"Records":[...]}} and Azure diagnostic settings or Event Hub
 *       {@code {"records":[...]}}: each element is a record;
 *   <li>CloudWatch Logs subscription {@code {"messageType":..., "logEvents":[{"message":"..."}]}}:
 *       each {@code message} is JSON text that contains one or more records; a {@code
 *       CONTROL_MESSAGE} envelope is one {@code CONTROL_MESSAGE} skip;
 *   <li>Azure Monitor REST {@code {"value":[...]}} with no other fields than {@code nextLink} and
 *       {@code @odata.*}: each element is a record;
 *   <li>EventBridge {@code {"detail-type":"... via CloudTrail", "detail":{...}}}: the detail;
 *   <li>GCP Pub/Sub push or pull {@code {"message":{"data":"<base64>"}, "subscription":...}}: the
 *       decoded data, standard or URL-safe base64, padded or not;
 *   <li>CloudTrail digest files (keys such as {@code digestStartTime}): one {@code
 *       CLOUDTRAIL_DIGEST} skip;
 *   <li>any other object: accepted as an event.
 * </ul>
 *
 * <p>Envelopes nest (a Pub/Sub message may contain an EventBridge event) up to {@link
 * #MAX_ENVELOPE_DEPTH} levels. Thread-safe: it keeps no state between calls.
 */
final class EnvelopeUnwrapper {

  /** Deepest nesting of envelopes inside one record. */
  static final int MAX_ENVELOPE_DEPTH = 8;

  /** Fields whose array value contains one record per element. */
  static final Set<String> CONTAINER_FIELDS = Set.of("Records", "records", "value", "logEvents");

  /** The CloudWatch Logs field whose array contains log events with embedded messages. */
  static final String LOG_EVENTS = "logEvents";

  static final String CONTROL_MESSAGE = "CONTROL_MESSAGE";

  private static final String CONTROL_MESSAGE_PREFIX = "CWL CONTROL MESSAGE";

  private final JsonFactory factory;
  private final ObjectMapper mapper;

  EnvelopeUnwrapper(ObjectMapper mapper) {
    this.mapper = mapper;
    this.factory = mapper.getFactory();
  }

  /** Passes the records inside {@code node}, found at {@code line}, to {@code out}. */
  void unwrap(JsonNode node, long line, RecordEmitter out) {
    unwrap(node, line, out, 0);
  }

  /** Passes the records inside one element of a CloudWatch Logs event array to {@code out}. */
  void unwrapLogEvent(JsonNode logEvent, long line, RecordEmitter out) {
    unwrapLogEvent(logEvent, line, out, 1);
  }

  /** Returns whether a CloudWatch Logs envelope header says that it carries no events. */
  static boolean isControlMessage(JsonNode header) {
    return CONTROL_MESSAGE.equals(header.path("messageType").asText());
  }

  private void unwrap(JsonNode node, long line, RecordEmitter out, int depth) {
    if (!node.isObject()) {
      out.skip(line, SkipReason.NOT_AN_OBJECT, "expected a JSON object, found " + kindOf(node));
      return;
    }
    if (depth > MAX_ENVELOPE_DEPTH) {
      out.skip(
          line,
          SkipReason.BAD_ENVELOPE,
          "envelopes nested deeper than " + MAX_ENVELOPE_DEPTH + " levels");
      return;
    }

    JsonNode records = arrayField(node, "Records");
    if (records == null) {
      records = arrayField(node, "records");
    }
    if (records == null && isRestList(node)) {
      records = node.get("value");
    }
    if (records != null) {
      for (JsonNode element : records) {
        unwrap(element, line, out, depth + 1);
      }
      return;
    }

    JsonNode logEvents = arrayField(node, LOG_EVENTS);
    if (logEvents != null && node.path("messageType").isTextual()) {
      unwrapCloudWatch(node, logEvents, line, out, depth);
      return;
    }

    JsonNode detail = eventBridgeDetail(node);
    if (detail != null) {
      unwrap(detail, line, out, depth + 1);
      return;
    }

    JsonNode data = pubSubData(node);
    if (data != null) {
      unwrapPubSub(data.asText(), line, out, depth);
      return;
    }

    if (isCloudTrailDigest(node)) {
      out.skip(
          line,
          SkipReason.CLOUDTRAIL_DIGEST,
          "digest for "
              + node.path("digestStartTime").asText("?")
              + " lists log files, not events");
      return;
    }

    out.accept(node, line);
  }

  private void unwrapCloudWatch(
      JsonNode envelope, JsonNode logEvents, long line, RecordEmitter out, int depth) {
    if (isControlMessage(envelope)) {
      out.skip(line, SkipReason.CONTROL_MESSAGE, "CloudWatch Logs subscription health check");
      return;
    }
    for (JsonNode logEvent : logEvents) {
      unwrapLogEvent(logEvent, line, out, depth + 1);
    }
  }

  private void unwrapLogEvent(JsonNode logEvent, long line, RecordEmitter out, int depth) {
    JsonNode message = logEvent.get("message");
    if (message != null && message.isObject()) {
      unwrap(message, line, out, depth + 1);
      return;
    }
    if (message == null || !message.isTextual()) {
      out.skip(line, SkipReason.BAD_ENVELOPE, "CloudWatch Logs event without a message string");
      return;
    }

    String text = message.asText();
    if (text.startsWith(CONTROL_MESSAGE_PREFIX)) {
      out.skip(line, SkipReason.CONTROL_MESSAGE, "CloudWatch Logs subscription health check");
      return;
    }
    try (JsonParser parser = factory.createParser(text)) {
      unwrapEmbedded(parser, "CloudWatch Logs message", line, out, depth);
    } catch (IOException e) {
      out.skip(line, SkipReason.BAD_ENVELOPE, "CloudWatch Logs message: " + e.getMessage());
    }
  }

  private void unwrapPubSub(String data, long line, RecordEmitter out, int depth) {
    byte[] decoded;
    try {
      boolean urlSafe = data.indexOf('-') >= 0 || data.indexOf('_') >= 0;
      decoded = (urlSafe ? Base64.getUrlDecoder() : Base64.getDecoder()).decode(data.strip());
    } catch (IllegalArgumentException e) {
      out.skip(
          line,
          SkipReason.BAD_ENVELOPE,
          "Pub/Sub message.data is not valid base64: " + e.getMessage());
      return;
    }
    try (JsonParser parser = factory.createParser(decoded)) {
      unwrapEmbedded(parser, "Pub/Sub message.data", line, out, depth);
    } catch (IOException e) {
      out.skip(line, SkipReason.BAD_ENVELOPE, "Pub/Sub message.data: " + e.getMessage());
    }
  }

  /**
   * Reads every JSON value of an embedded payload; several values may follow each other without a
   * separator. A payload that is a JSON array contains one record per element.
   */
  private void unwrapEmbedded(
      JsonParser parser, String what, long line, RecordEmitter out, int depth) throws IOException {
    int values = 0;
    try {
      JsonToken token;
      while ((token = parser.nextToken()) != null) {
        values++;
        if (token == JsonToken.START_ARRAY) {
          for (JsonNode element : (JsonNode) mapper.readTree(parser)) {
            unwrap(element, line, out, depth + 1);
          }
        } else if (token == JsonToken.START_OBJECT) {
          unwrap(mapper.readTree(parser), line, out, depth + 1);
        } else {
          out.skip(
              line,
              SkipReason.NOT_AN_OBJECT,
              what + " contains a " + token.asString() + " value, not a JSON object");
        }
      }
    } catch (JsonProcessingException e) {
      out.skip(
          line,
          ParseErrors.reasonFor(e, SkipReason.BAD_ENVELOPE),
          what + " is not valid JSON: " + ParseErrors.describe(e, 0));
      return;
    }
    if (values == 0) {
      out.skip(line, SkipReason.BAD_ENVELOPE, what + " is empty");
    }
  }

  private static JsonNode arrayField(JsonNode node, String name) {
    JsonNode value = node.get(name);
    return value != null && value.isArray() ? value : null;
  }

  /** Returns whether {@code node} is an Azure REST list: {@code value} plus paging fields only. */
  private static boolean isRestList(JsonNode node) {
    if (arrayField(node, "value") == null) {
      return false;
    }
    Iterator<String> names = node.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (!name.equals("value") && !name.equals("nextLink") && !name.startsWith("@odata")) {
        return false;
      }
    }
    return true;
  }

  /**
   * Returns the CloudTrail event of an EventBridge event whose {@code detail-type} ends in {@code
   * via CloudTrail} (API calls, console sign-ins, service events, Insights), or null.
   */
  private static JsonNode eventBridgeDetail(JsonNode node) {
    JsonNode detailType = node.get("detail-type");
    JsonNode detail = node.get("detail");
    if (detailType == null || detail == null || !detail.isObject()) {
      return null;
    }
    return detailType.asText().endsWith("via CloudTrail") ? detail : null;
  }

  /** Returns {@code message.data} of a Pub/Sub push or pull envelope, or null. */
  private static JsonNode pubSubData(JsonNode node) {
    JsonNode message = node.get("message");
    if (message == null || !message.isObject()) {
      return null;
    }
    JsonNode data = message.get("data");
    if (data == null || !data.isTextual()) {
      return null;
    }
    boolean envelope =
        node.has("subscription")
            || node.has("ackId")
            || message.has("messageId")
            || message.has("message_id")
            || message.has("publishTime");
    return envelope ? data : null;
  }

  private static boolean isCloudTrailDigest(JsonNode node) {
    return (node.has("digestStartTime") && node.has("digestEndTime"))
        || node.has("digestPublicKeyFingerprint")
        || node.has("digestSignatureAlgorithm");
  }

  private static String kindOf(JsonNode node) {
    return node.getNodeType().name().toLowerCase(Locale.ROOT);
  }
}
