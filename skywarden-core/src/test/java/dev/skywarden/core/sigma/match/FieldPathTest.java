package dev.skywarden.core.sigma.match;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Checks how a field path finds keys: exactly first, then ignoring case, dotted keys included. */
class FieldPathTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static JsonNode json(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(text, e);
    }
  }

  private static List<String> texts(String path, String document) {
    return FieldPath.of(path).resolveTexts(json(document));
  }

  @Test
  void exactKey_winsOverCaseVariant() {
    assertThat(texts("userName", "{\"USERNAME\":\"upper\",\"userName\":\"exact\"}"))
        .containsExactly("exact");
  }

  @Test
  void caseVariant_firstInFieldOrder() {
    assertThat(texts("username", "{\"UserName\":\"first\",\"USERNAME\":\"second\"}"))
        .containsExactly("first");
  }

  @Test
  void nestedPath_caseFallbackAtEachLevel() {
    String document =
        "{\"UserIdentity\":{\"SessionContext\":{\"SessionIssuer\":{\"Type\":\"Role\"}}}}";

    assertThat(texts("userIdentity.sessionContext.sessionIssuer.type", document))
        .containsExactly("Role");
  }

  @Test
  void dottedKeys_caseVariantsAndSegments() {
    String document = "{\"Data.Field\":\"joined\",\"data\":{\"FIELD\":\"nested\"},\"other\":1}";

    // The joined key is tried before the segments, and both are found ignoring case.
    assertThat(texts("data.field", document)).containsExactly("joined", "nested");
  }

  @Test
  void severalMisses_eachFoundInOnePass() {
    String document = "{\"A.B.C\":\"abc\",\"a.b\":{\"c\":\"ab-c\"},\"A\":{\"B.C\":\"a-bc\"}}";

    assertThat(texts("a.b.c", document)).containsExactly("abc", "ab-c", "a-bc");
  }

  @Test
  void missingKey_noValues() {
    assertThat(texts("errorCode", "{\"errorMessage\":\"x\",\"ERRORCODES\":\"y\"}")).isEmpty();
  }

  @Test
  void nonAsciiKey_matchesIgnoringCase() {
    assertThat(texts("straße.größe", "{\"STRASSE\":1,\"Straße\":{\"GRÖSSE\":2,\"Größe\":3}}"))
        .containsExactly("3");
  }
}
