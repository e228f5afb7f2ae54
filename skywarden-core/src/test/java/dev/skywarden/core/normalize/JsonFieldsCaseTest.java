package dev.skywarden.core.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The inline case-insensitive name comparison of {@link JsonFields} against the JDK's. */
class JsonFieldsCaseTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** Pairs that differ in case only, in more than case, or in characters next to the letters. */
  private static final List<String[]> PAIRS =
      List.of(
          new String[] {"eventName", "eventName"},
          new String[] {"eventName", "EVENTNAME"},
          new String[] {"eventName", "eventTime"},
          new String[] {"errorCode", "eventName"},
          new String[] {"errorcode", "errorCode"},
          new String[] {"@type", "`type"},
          new String[] {"a[b", "a{b"},
          new String[] {"a@b", "a`b"},
          new String[] {"a^b", "a~b"},
          new String[] {"a_b", "a\u007fb"},
          new String[] {"x1", "X1"},
          new String[] {"x1", "x2"},
          new String[] {"", ""},
          new String[] {"kind", "\u212Aind"},
          new String[] {"kind", "\u212AIND"},
          new String[] {"KIND", "kin\u212A"},
          new String[] {"verss", "ver\u00df"},
          new String[] {"\u00e9tat", "\u00c9TAT"},
          new String[] {"\u00e9tat", "etat"},
          new String[] {"size", "\u017fize"},
          new String[] {"id", "\u0131d"},
          new String[] {"ID", "\u0130D"},
          new String[] {"short", "shorter"});

  @Test
  void equalsIgnoreCase_sameAsJdk() {
    for (String[] pair : PAIRS) {
      boolean expected = pair[0].equalsIgnoreCase(pair[1]);

      assertThat(JsonFields.equalsIgnoreCase(pair[0], pair[1]))
          .as(pair[0] + " " + pair[1])
          .isEqualTo(expected);
      assertThat(JsonFields.equalsIgnoreCase(pair[1], pair[0]))
          .as(pair[1] + " " + pair[0])
          .isEqualTo(expected);
    }
  }

  @Test
  void equalsIgnoreCase_everyAsciiPair() {
    for (char a = 0; a < 0x80; a++) {
      for (char b = 0; b < 0x80; b++) {
        String left = "k" + a + "z";
        String right = "k" + b + "z";

        assertThat(JsonFields.equalsIgnoreCase(left, right))
            .as((int) a + " " + (int) b)
            .isEqualTo(left.equalsIgnoreCase(right));
      }
    }
  }

  @Test
  void equalsIgnoreCase_randomLatinAndGreek() {
    Random random = new Random(3);
    String alphabet =
        "aAbBzZ@`[{\u00e9\u00c9\u00df\u017f\u212a\u0131\u0130\u03c3\u03a3\u03c2kKsSiI";
    for (int i = 0; i < 20_000; i++) {
      String left = randomText(random, alphabet);
      String right = randomText(random, alphabet);

      assertThat(JsonFields.equalsIgnoreCase(left, right))
          .as(left + " " + right)
          .isEqualTo(left.equalsIgnoreCase(right));
    }
  }

  @Test
  void get_exactBeforeCaseInsensitive() throws Exception {
    JsonNode record = MAPPER.readTree("{\"EventName\":\"upper\",\"eventName\":\"exact\"}");

    assertThat(JsonFields.text(record, "eventName")).isEqualTo("exact");
    assertThat(JsonFields.text(record, "EVENTNAME")).isEqualTo("upper");
    assertThat(JsonFields.text(record, "eventTime")).isNull();
  }

  @Test
  void get_nonAsciiKeyFoundIgnoringCase() {
    ObjectNode record = JsonNodeFactory.instance.objectNode().put("\u212Aind", "Event");

    assertThat(JsonFields.text(record, "kind")).isEqualTo("Event");
    assertThat(JsonFields.text(record, "KIND")).isEqualTo("Event");
    assertThat(JsonFields.text(record, "kine")).isNull();
  }

  private static String randomText(Random random, String alphabet) {
    int length = 1 + random.nextInt(3);
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < length; i++) {
      text.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return text.toString();
  }
}
