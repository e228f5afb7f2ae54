package dev.skywarden.core.mappings;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TechniqueIdsTest {

  private static final MappingCatalog CATALOG = MappingCatalog.bundled();

  @Test
  void canonical_readsLooseForms() {
    assertThat(TechniqueIds.canonical("T1059.9")).contains("T1059.009");
    assertThat(TechniqueIds.canonical("t1059009")).contains("T1059.009");
    assertThat(TechniqueIds.canonical("T1059-009")).contains("T1059.009");
    assertThat(TechniqueIds.canonical("1059")).contains("T1059");
    assertThat(TechniqueIds.canonical("cloud api")).isEmpty();
  }

  @Test
  void suggest_looseIdFirst() {
    for (String query : List.of("T1059.9", "t1059009", "T1059.09")) {
      assertThat(CATALOG.suggest(query, 5))
          .as(query)
          .first()
          .extracting(AttackTechnique::id)
          .isEqualTo("T1059.009");
    }
  }

  @Test
  void suggest_nameWords() {
    assertThat(CATALOG.suggest("cloud api", 5))
        .first()
        .extracting(AttackTechnique::id)
        .isEqualTo("T1059.009");
    assertThat(CATALOG.suggest("Cloud Admin", 5)).extracting(AttackTechnique::id).contains("T1651");
  }

  @Test
  void suggest_typoInId() {
    assertThat(CATALOG.suggest("T1095.009", 5))
        .extracting(AttackTechnique::id)
        .contains("T1059.009");
  }

  @Test
  void suggest_nothingForNoise() {
    assertThat(CATALOG.suggest("zzzz qqqq", 5)).isEmpty();
  }

  @Test
  void editDistance_countsSwapAsOne() {
    assertThat(TechniqueIds.editDistance("T1059", "T1095")).isEqualTo(1);
    assertThat(TechniqueIds.editDistance("T1059", "T1950")).isEqualTo(2);
    assertThat(TechniqueIds.editDistance("", "abc")).isEqualTo(3);
    assertThat(TechniqueIds.editDistance("same", "same")).isZero();
  }
}
