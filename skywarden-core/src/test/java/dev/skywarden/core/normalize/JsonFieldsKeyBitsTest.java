package dev.skywarden.core.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The key filter that lets {@link JsonFields} skip its scan for a key in other case. */
class JsonFieldsKeyBitsTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** Characters that differ in case, in more than case, or equal ASCII letters ignoring case. */
  private static final String ALPHABET =
      "aAbBzZ@`[{_\u00e9\u00c9\u00df\u017f\u212a\u0131\u0130\u03c3\u03a3kKsSiI";

  @Test
  void keyBit_sameForNamesEqualIgnoringCase() {
    Random random = new Random(11);
    for (int i = 0; i < 50_000; i++) {
      String left = randomText(random);
      String right = randomText(random);
      if (left.equalsIgnoreCase(right)) {
        assertThat(JsonFields.keyBit(left) & JsonFields.keyBit(right))
            .as(left + " " + right)
            .isNotZero();
      }
    }
  }

  @Test
  void getWithKeyBits_sameAsScan() {
    Random random = new Random(5);
    for (int i = 0; i < 5_000; i++) {
      ObjectNode object = JsonNodeFactory.instance.objectNode();
      int keys = random.nextInt(6);
      for (int k = 0; k < keys; k++) {
        object.put(randomText(random), k);
      }
      long bits = JsonFields.keyBits(object);
      for (int n = 0; n < 8; n++) {
        String name = randomText(random);

        assertThat(JsonFields.get(object, name, bits))
            .as(name + " in " + object)
            .isEqualTo(JsonFields.get(object, name));
      }
    }
  }

  @Test
  void keyBits_separateForDistinctNames() throws Exception {
    // The names that CloudTrail records mostly lack, beside keys that share their length and
    // their first and last letters.
    JsonNode record = MAPPER.readTree("{\"eventName\":1,\"eventType\":2,\"recipientAccountId\":3}");
    long bits = JsonFields.keyBits(record);

    for (String absent : List.of("errorCode", "errorMessage", "resources")) {
      assertThat(bits & JsonFields.keyBit(absent)).as(absent).isZero();
    }
  }

  @Test
  void keyBit_longNameGetsEveryBit() {
    String longName = "k".repeat(KeyFolds.MAX_NAME_LENGTH + 1);

    assertThat(JsonFields.keyBit(longName)).isEqualTo(JsonFields.ALL_KEYS);
  }

  @Test
  void keyBits_findOtherCase() throws Exception {
    JsonNode record = MAPPER.readTree("{\"ERRORCODE\":\"AccessDenied\",\"eventName\":\"x\"}");
    long bits = JsonFields.keyBits(record);

    assertThat(JsonFields.text(record, bits, "errorCode")).isEqualTo("AccessDenied");
    assertThat(JsonFields.text(record, bits, "errorMessage")).isNull();
  }

  @Test
  void boolWithKeyBits_readsEveryForm() throws Exception {
    JsonNode record =
        MAPPER.readTree("{\"SessionCredentialFromConsole\":\"true\",\"readOnly\":false}");
    long bits = JsonFields.keyBits(record);

    assertThat(JsonFields.bool(record, bits, "sessionCredentialFromConsole")).isTrue();
    assertThat(JsonFields.bool(record, bits, "readOnly")).isFalse();
    assertThat(JsonFields.bool(record, bits, "managementEvent")).isNull();
  }

  @Test
  void getWithKeyBits_findsNonAsciiKey() {
    ObjectNode record = JsonNodeFactory.instance.objectNode().put("\u212Aind", "Event");
    long bits = JsonFields.keyBits(record);

    assertThat(JsonFields.text(record, bits, "kind")).isEqualTo("Event");
    assertThat(JsonFields.text(record, bits, "KIND")).isEqualTo("Event");
  }

  @Test
  void textWithKeyBits_decodesEncodedRecord() throws Exception {
    // A record given as a JSON-encoded string has no keys of its own: its bits are 0.
    JsonNode encoded = JsonNodeFactory.instance.textNode("{\"errorCode\":\"Throttling\"}");

    assertThat(JsonFields.text(encoded, JsonFields.keyBits(encoded), "errorCode"))
        .isEqualTo("Throttling");
  }

  @Test
  void keyBits_sameInMarkerFields() throws Exception {
    List<JsonNode> records = new ArrayList<>();
    records.add(MAPPER.readTree("{\"eventSource\":\"s3\",\"errorCode\":\"x\",\"Type\":1}"));
    records.add(MAPPER.readTree("{}"));
    records.add(MAPPER.readTree("[1]"));
    records.add(JsonNodeFactory.instance.objectNode().put("\u00e9tat", 1));
    for (JsonNode record : records) {
      assertThat(MarkerFields.of(record).keyBits())
          .as(record.toString())
          .isEqualTo(JsonFields.keyBits(record));
    }
  }

  @Test
  void bool_readsBooleansStringsAndObjects() throws Exception {
    JsonNode record =
        MAPPER.readTree(
            "{\"a\":true,\"b\":false,\"c\":\"Yes\",\"d\":{\"value\":\"no\"},\"e\":\"maybe\"}");

    assertThat(JsonFields.bool(record, "a")).isTrue();
    assertThat(JsonFields.bool(record, "b")).isFalse();
    assertThat(JsonFields.bool(record, "c")).isTrue();
    assertThat(JsonFields.bool(record, "d")).isFalse();
    assertThat(JsonFields.bool(record, "e")).isNull();
    assertThat(JsonFields.bool(record, "missing")).isNull();
  }

  private static String randomText(Random random) {
    int length = random.nextInt(4);
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < length; i++) {
      text.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return text.toString();
  }
}
