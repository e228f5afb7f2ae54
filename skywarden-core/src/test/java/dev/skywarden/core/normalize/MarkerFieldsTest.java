package dev.skywarden.core.normalize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MarkerFieldsTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** Records whose keys spell marker names in several ways, with values of every kind. */
  private static List<JsonNode> records() throws Exception {
    List<JsonNode> records = new ArrayList<>();
    records.add(
        MAPPER.readTree(
            "{\"eventVersion\":\"1.08\",\"eventSource\":\"s3.amazonaws.com\","
                + "\"eventName\":\"GetObject\",\"userIdentity\":{\"type\":\"IAMUser\"}}"));
    records.add(MAPPER.readTree("{\"EVENTNAME\":\"x\",\"eventsource\":null,\"Type\":\"\"}"));
    records.add(
        MAPPER.readTree(
            "{\"category\":{\"value\":\"SignInLogs\"},\"TYPE\":\"AuditLogs\",\"kind\":7,"
                + "\"apiversion\":true,\"protoPayload\":\"{\\\"@type\\\":\\\"x\\\"}\"}"));
    records.add(MAPPER.readTree("{\"operationName\":[1],\"OperationName\":\"second\"}"));
    records.add(
        MAPPER.readTree("{\"evt\":{\"name\":\"write\"},\"resourceId\":\"/subscriptions/a\"}"));
    records.add(MAPPER.readTree("{}"));
    records.add(MAPPER.readTree("[1,2]"));
    // The Kelvin sign equals the letter k ignoring case, so this key is "kind".
    ObjectNode kelvin = JsonNodeFactory.instance.objectNode();
    kelvin.put("\u212Aind", "Event");
    kelvin.put("ver\u00df", "x");
    records.add(kelvin);
    return records;
  }

  @Test
  void accessors_sameAsJsonFields() throws Exception {
    for (JsonNode record : records()) {
      MarkerFields top = MarkerFields.of(record);
      for (String name : MarkerFields.NAMES) {
        String context = name + " in " + record;
        assertThat(top.get(name)).as(context).isEqualTo(JsonFields.get(record, name));
        assertThat(top.has(name)).as(context).isEqualTo(JsonFields.has(record, name));
        assertThat(top.text(name)).as(context).isEqualTo(JsonFields.text(record, name));
      }
    }
  }

  @Test
  void accessors_sameWhenKeysRemembered() throws Exception {
    // The second pass finds the keys of every record among the remembered ones.
    for (int pass = 1; pass <= 2; pass++) {
      for (JsonNode record : records()) {
        MarkerFields top = MarkerFields.of(record);
        for (String name : MarkerFields.NAMES) {
          String context = "pass " + pass + ": " + name + " in " + record;
          assertThat(top.isPresent(name)).as(context).isEqualTo(hasKeyIgnoringCase(record, name));
          assertThat(top.text(name)).as(context).isEqualTo(JsonFields.text(record, name));
        }
      }
    }
  }

  @Test
  void isPresent_keysBeyondRememberedStillScanned() {
    ObjectNode filler = JsonNodeFactory.instance.objectNode();
    for (int i = 0; i <= MarkerFields.MAX_REMEMBERED_KEYS; i++) {
      filler.put("filler" + i, i);
    }
    MarkerFields.of(filler);
    ObjectNode record = JsonNodeFactory.instance.objectNode().put("eVeNtSoUrCe", "x");

    assertThat(MarkerFields.of(record).isPresent("eventSource")).isTrue();
    assertThat(MarkerFields.of(record).text("eventSource")).isEqualTo("x");
  }

  @Test
  void longKeys_notRemembered() {
    int before = MarkerFields.rememberedKeys();
    org.junit.jupiter.api.Assumptions.assumeTrue(
        before < MarkerFields.MAX_REMEMBERED_KEYS - 10, "the key memory is full already");
    ObjectNode record = JsonNodeFactory.instance.objectNode();
    for (int i = 0; i < 10; i++) {
      record.put("k".repeat(MarkerFields.MAX_REMEMBERED_KEY_LENGTH) + i, i);
    }

    MarkerFields.of(record);

    assertThat(MarkerFields.rememberedKeys()).isEqualTo(before);
  }

  /** Returns whether {@code record} has a key equal to {@code name} ignoring case. */
  private static boolean hasKeyIgnoringCase(JsonNode record, String name) {
    List<String> keys = new ArrayList<>();
    record.fieldNames().forEachRemaining(keys::add);
    return keys.stream().anyMatch(key -> JsonFields.equalsIgnoreCase(key, name));
  }

  @Test
  void isPresent_ignoresCaseAndNullValues() throws Exception {
    MarkerFields top = MarkerFields.of(MAPPER.readTree("{\"EVENTNAME\":null,\"x\":1}"));

    assertThat(top.isPresent("eventName")).isTrue();
    assertThat(top.has("eventName")).isFalse();
    assertThat(top.isPresent("eventSource")).isFalse();
  }

  @Test
  void isPresent_kelvinSignMatchesKind() {
    ObjectNode record = JsonNodeFactory.instance.objectNode().put("\u212Aind", "Event");

    assertThat(MarkerFields.of(record).text("kind")).isEqualTo("Event");
  }

  @Test
  void isPresent_unknownName_rejected() {
    MarkerFields top = MarkerFields.of(null);

    assertThatThrownBy(() -> top.has("userIdentity"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("userIdentity");
  }

  @Test
  void names_fitInOneLong() {
    assertThat(MarkerFields.NAMES).hasSizeLessThanOrEqualTo(Long.SIZE).doesNotHaveDuplicates();
  }
}
