package dev.skywarden.core.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skywarden.core.json.ShapedRecords;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Checks that field lookups and key bits are the same in shaped trees as in ordinary ones. */
class JsonFieldsShapedTest {

  @Test
  void logRecords_lookUpAsOrdinaryTrees() {
    List<ShapedRecords.Pair> records = ShapedRecords.read();
    assertThat(records).hasSizeGreaterThan(ShapedRecords.minimumRecords());

    for (ShapedRecords.Pair record : records) {
      assertSameLookups(record.shaped(), record.plain());
    }
  }

  @Test
  void logRecords_sameMarkerFields() {
    for (ShapedRecords.Pair record : ShapedRecords.read()) {
      MarkerFields shaped = MarkerFields.of(record.shaped());
      MarkerFields plain = MarkerFields.of(record.plain());
      String context = record.plain().toString();

      assertThat(shaped.keyBits()).as(context).isEqualTo(plain.keyBits());
      assertThat(shaped.onlyCloudTrailMarkers())
          .as(context)
          .isEqualTo(plain.onlyCloudTrailMarkers());
      for (String name : MarkerFields.NAMES) {
        assertThat(shaped.isPresent(name))
            .as(name + " in " + context)
            .isEqualTo(plain.isPresent(name));
        assertThat(shaped.get(name)).as(name + " in " + context).isEqualTo(plain.get(name));
      }
    }
  }

  /** Compares the lookups of every key of every object, in its case and in other cases. */
  private static void assertSameLookups(JsonNode shaped, JsonNode plain) {
    if (plain.isArray()) {
      for (int i = 0; i < plain.size(); i++) {
        assertSameLookups(shaped.get(i), plain.get(i));
      }
      return;
    }
    if (!plain.isObject()) {
      return;
    }
    assertThat(JsonFields.keyBits(shaped))
        .as(plain.toString())
        .isEqualTo(JsonFields.keyBits(plain));
    for (String name : ShapedRecords.names(plain)) {
      if (name.contains(".")) {
        continue;
      }
      assertThat(JsonFields.get(shaped, name))
          .as(name + " in " + plain)
          .isEqualTo(JsonFields.get(plain, name));
      assertThat(JsonFields.get(shaped, name, JsonFields.keyBits(shaped)))
          .as(name + " in " + plain)
          .isEqualTo(JsonFields.get(plain, name, JsonFields.keyBits(plain)));
    }
    for (Map.Entry<String, JsonNode> field : plain.properties()) {
      assertSameLookups(shaped.get(field.getKey()), field.getValue());
    }
  }
}
