package dev.skywarden.core.sigma.match;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skywarden.core.json.ShapeTree;
import dev.skywarden.core.json.ShapedNodeFactory;
import dev.skywarden.core.json.ShapedObjectNode;
import dev.skywarden.core.json.ShapedRecords;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Checks that field paths resolve the same in shaped trees as in ordinary ones. */
class FieldPathShapedTest {

  @Test
  void logRecords_resolveAsOrdinaryTrees() {
    List<ShapedRecords.Pair> records = ShapedRecords.read();
    assertThat(records).hasSizeGreaterThan(ShapedRecords.minimumRecords());
    assertThat(records.get(0).shaped()).isInstanceOf(ShapedObjectNode.class);

    int compared = 0;
    for (ShapedRecords.Pair record : records) {
      for (String name : ShapedRecords.names(record.plain())) {
        FieldPath path = FieldPath.of(name);
        assertThat(path.resolve(record.shaped()))
            .as(name + " in " + record.plain())
            .isEqualTo(path.resolve(record.plain()));
        compared++;
      }
    }
    assertThat(compared).isGreaterThan(ShapedRecords.minimumRecords() * 50);
  }

  @Test
  void dottedKeys_resolveAsOrdinaryTrees() throws Exception {
    ObjectMapper shapedMapper =
        new ObjectMapper().setNodeFactory(new ShapedNodeFactory(new ShapeTree(100, 10, 10, 10)));
    ObjectMapper plainMapper = new ObjectMapper();
    String document =
        "{\"data.field\":1,\"DATA\":{\"Field\":2,\"field\":3},\"a\":{\"b.c\":{\"d\":4},"
            + "\"B\":{\"c\":{\"D\":5}}},\"list\":[{\"x\":6},{\"X\":7},8]}";
    List<String> names =
        List.of("data.field", "Data.Field", "a.b.c.d", "A.B.C.D", "list.x", "LIST.X", "a.b");

    for (String name : names) {
      FieldPath path = FieldPath.of(name);
      assertThat(path.resolve(shapedMapper.readTree(document)))
          .as(name)
          .isEqualTo(path.resolve(plainMapper.readTree(document)));
    }
    assertThat(FieldPath.of("a.b.c.d").resolveTexts(shapedMapper.readTree(document)))
        .containsExactly("4", "5");
  }
}
