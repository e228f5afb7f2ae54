package dev.skywarden.core.sigma.match;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skywarden.core.sigma.SigmaRuleParser;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Checks the per-event field cache that rules evaluated against one event share. */
class EventFieldsTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Test
  void equalPaths_shareOneId() {
    assertThat(FieldPath.of("eventName").id()).isEqualTo(FieldPath.of("eventName").id());
    assertThat(FieldPath.firstPresent("user", List.of("a.b", "c")).id())
        .isEqualTo(FieldPath.firstPresent("other name", List.of("a.b", "c")).id());
    assertThat(FieldPath.of("eventName").id()).isNotEqualTo(FieldPath.of("eventSource").id());
    assertThat(FieldPath.firstPresent("a.b", List.of("a.b", "c")).id())
        .isNotEqualTo(FieldPath.of("a.b").id());
  }

  @Test
  void get_resolvesPathOncePerEvent() {
    EventFields fields = new EventFields(json("{\"eventName\":\"ListBuckets\"}"));

    FieldValues first = fields.get(FieldPath.of("eventName"));
    FieldValues second = fields.get(FieldPath.of("eventName"));

    assertThat(second).isSameAs(first);
    assertThat(first.text(0)).isEqualTo("ListBuckets");
  }

  @Test
  void get_keepsEveryPathPastInitialCapacity() {
    StringBuilder document = new StringBuilder("{");
    for (int i = 0; i < 100; i++) {
      document.append(i == 0 ? "" : ",").append("\"field").append(i).append("\":\"V").append(i);
      document.append('"');
    }
    EventFields fields = new EventFields(json(document.append('}').toString()));

    for (int i = 0; i < 100; i++) {
      fields.get(FieldPath.of("field" + i));
    }

    for (int i = 0; i < 100; i++) {
      FieldValues values = fields.get(FieldPath.of("field" + i));
      assertThat(values.foldedText(0)).isEqualTo("v" + i);
    }
  }

  @Test
  void candidates_putArrayElementsBeforeArray() {
    EventFields fields = new EventFields(json("{\"tags\":[\"A\",[\"B\"],null],\"n\":7}"));

    FieldValues tags = fields.get(FieldPath.of("tags"));

    assertThat(tags.values()).hasSize(1);
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < tags.size(); i++) {
      texts.add(tags.text(i));
    }
    assertThat(texts).containsExactly("A", "B", "[\"B\"]", null, "[\"A\",[\"B\"],null]");
    assertThat(fields.get(FieldPath.of("n")).text(0)).isEqualTo("7");
  }

  @Test
  void forEachText_keepsCaseAndSkipsNull() {
    EventFields fields = new EventFields(json("{\"name\":[\"Straße\",null,\"ΣΊΣΥΦΟΣ\"]}"));
    List<String> texts = new ArrayList<>();

    fields.forEachText(FieldPath.of("name"), texts::add);

    assertThat(texts).containsExactly("Straße", "ΣΊΣΥΦΟΣ", "[\"Straße\",null,\"ΣΊΣΥΦΟΣ\"]");
  }

  @Test
  void missingField_hasNoCandidates() {
    EventFields fields = new EventFields(json("{\"a\":1}"));

    FieldValues missing = fields.get(FieldPath.of("b.c"));

    assertThat(missing.values()).isEmpty();
    assertThat(missing.size()).isZero();
  }

  @Test
  void sharedCache_keepsCasedAndFoldedApart() {
    RuleMatcher cased = matcher("sel:\n    eventName|cased: ListBuckets\ncondition: sel");
    RuleMatcher folded = matcher("sel:\n    eventName: listbuckets\ncondition: sel");
    RuleMatcher regex = matcher("sel:\n    eventName|re: ^List\ncondition: sel");

    EventFields exact = new EventFields(json("{\"eventName\":\"ListBuckets\"}"));
    EventFields lower = new EventFields(json("{\"eventName\":\"listbuckets\"}"));

    assertThat(folded.matches(exact)).isTrue();
    assertThat(cased.matches(exact)).isTrue();
    assertThat(regex.matches(exact)).isTrue();
    assertThat(folded.matches(lower)).isTrue();
    assertThat(cased.matches(lower)).isFalse();
    assertThat(regex.matches(lower)).isFalse();
  }

  @Test
  void sharedCache_servesFieldRefAndKeywords() {
    RuleMatcher reference = matcher("sel:\n    userName|fieldref: sessionName\ncondition: sel");
    RuleMatcher keyword = matcher("keywords:\n    - 'ADMIN'\ncondition: keywords");
    EventFields fields =
        new EventFields(json("{\"userName\":\"Admin\",\"sessionName\":\"ADMIN\"}"));

    assertThat(keyword.matches(fields)).isTrue();
    assertThat(reference.matches(fields)).isTrue();
    assertThat(reference.explain(fields).orElseThrow().toString()).contains("userName");
  }

  @Test
  void matchingContext_sharedByRulesWithNot() {
    List<RuleMatcher> rules =
        List.of(
            matcher("sel:\n    eventName: ListBuckets\ncondition: not sel"),
            matcher("sel:\n    eventName: GetObject\ncondition: not sel"),
            matcher(
                "a:\n    eventName|startswith: List\nb:\n    errorCode: X\ncondition: a and not b"),
            matcher("a:\n    eventName: ListBuckets\nb:\n    userName: admin\ncondition: a and b"));
    List<Boolean> expected = List.of(false, true, true, true);
    JsonNode document = json("{\"eventName\":\"ListBuckets\",\"userName\":\"Admin\"}");
    EventFields shared = new EventFields(document);

    // Two rounds over one cache: a context left dirty by an evaluation would change a later one.
    for (int round = 1; round <= 2; round++) {
      for (int i = 0; i < rules.size(); i++) {
        String context = "round " + round + ", rule " + i;
        assertThat(rules.get(i).matches(shared)).as(context).isEqualTo(expected.get(i));
        assertThat(rules.get(i).matches(new EventFields(document)))
            .as(context)
            .isEqualTo(expected.get(i));
      }
    }
    assertThat(shared.matchingContext()).isSameAs(shared.matchingContext());
    assertThat(rules.get(3).explain(shared).orElseThrow().toString())
        .contains("eventName")
        .contains("userName");
  }

  private static RuleMatcher matcher(String detection) {
    String yaml =
        "title: t\nlogsource:\n    product: aws\ndetection:\n"
            + detection.lines().map(line -> "    " + line + "\n").reduce("", String::concat);
    return RuleMatcher.compile(new SigmaRuleParser().parse("t.yml", yaml).get(0).detection());
  }

  private static JsonNode json(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(text, e);
    }
  }
}
