package dev.skywarden.core.sigma.match;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Checks that a key signature never rules out a name that equals a key ignoring case, and that a
 * path resolved through {@link EventFields}, which prunes top-level misses with it, finds the same
 * values as a plain resolution.
 */
class KeySignatureTest {

  private static final List<String> CLOUDTRAIL_KEYS =
      List.of(
          "eventVersion",
          "userIdentity",
          "eventTime",
          "eventSource",
          "eventName",
          "awsRegion",
          "sourceIPAddress",
          "userAgent",
          "requestParameters",
          "responseElements",
          "requestID",
          "eventID",
          "readOnly",
          "eventType",
          "managementEvent",
          "recipientAccountId",
          "eventCategory",
          "tlsDetails");

  private static ObjectNode object(List<String> keys) {
    ObjectNode object = JsonNodeFactory.instance.objectNode();
    for (String key : keys) {
      object.put(key, "value of " + key);
    }
    return object;
  }

  @Test
  void mayContain_everyCaseVariantOfKeys() {
    KeySignature signature = KeySignature.of(object(CLOUDTRAIL_KEYS));

    for (String key : CLOUDTRAIL_KEYS) {
      assertThat(signature.mayContain(KeySignature.bit(key))).as(key).isTrue();
      String upper = key.toUpperCase(Locale.ROOT);
      assertThat(signature.mayContain(KeySignature.bit(upper))).as(upper).isTrue();
      String lower = key.toLowerCase(Locale.ROOT);
      assertThat(signature.mayContain(KeySignature.bit(lower))).as(lower).isTrue();
    }
  }

  @Test
  void mayContain_rulesOutMostAbsentNames() {
    KeySignature signature = KeySignature.of(object(CLOUDTRAIL_KEYS));
    List<String> absent =
        List.of(
            "errorCode",
            "errorMessage",
            "additionalEventData",
            "serviceEventDetails",
            "sharedEventID",
            "vpcEndpointId",
            "resources",
            "apiVersion",
            "insightDetails",
            "eventCategoryX");

    int ruledOut = 0;
    for (String name : absent) {
      if (!signature.mayContain(KeySignature.bit(name))) {
        ruledOut++;
      }
    }
    // 18 keys set at most 18 of the 128 bits, so most absent names fall on a clear bit.
    assertThat(ruledOut).isGreaterThanOrEqualTo(absent.size() / 2);
  }

  @Test
  void nonAsciiKey_rulesNothingOut() {
    // The Kelvin sign equals the letter k ignoring case.
    KeySignature signature = KeySignature.of(object(List.of("\u212Aind")));

    assertThat(signature.mayContain(KeySignature.bit("kind"))).isTrue();
    assertThat(signature.mayContain(KeySignature.bit("anything"))).isTrue();
  }

  @Test
  void nonAsciiName_noBitOnlyAtSampledCharacters() {
    assertThat(KeySignature.bit("\u212Aind")).isEqualTo(KeySignature.NO_BIT);
    assertThat(KeySignature.bit("kin\u212A")).isEqualTo(KeySignature.NO_BIT);
    assertThat(KeySignature.bit("k\u212And")).isEqualTo(KeySignature.NO_BIT);
    // Characters between the second and the last are not sampled.
    assertThat(KeySignature.bit("gr\u00f6\u00dfe")).isNotEqualTo(KeySignature.NO_BIT);
  }

  @Test
  void eventFields_sameValuesAsPlainResolve() {
    Random random = new Random(11);
    List<String> vocabulary = new ArrayList<>(CLOUDTRAIL_KEYS);
    vocabulary.addAll(List.of("errorCode", "ErrorCode", "data.field", "\u212Aind", "a", "ab", ""));
    for (int round = 0; round < 300; round++) {
      List<String> keys = new ArrayList<>();
      for (String key : vocabulary) {
        if (random.nextInt(3) == 0) {
          keys.add(randomCase(key, random));
        }
      }
      ObjectNode document = object(keys);
      document.putObject("Data").put("FIELD", "nested");
      for (String name : vocabulary) {
        String query = randomCase(name, random);
        FieldPath path = FieldPath.of(query);
        List<JsonNode> plain = path.resolve(document);
        List<JsonNode> pruned = new EventFields(document).get(path).values();
        assertThat(pruned).as(query + " in " + document).isEqualTo(plain);
      }
    }
  }

  private static String randomCase(String text, Random random) {
    StringBuilder changed = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      changed.append(random.nextBoolean() ? Character.toUpperCase(c) : Character.toLowerCase(c));
    }
    return changed.toString();
  }
}
