package dev.skywarden.core.mappings;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ControlIdsTest {

  @Test
  void key_paddingCaseAndUnderscoreAgree() {
    assertThat(ControlIds.key("AC-06")).isEqualTo("AC-6");
    assertThat(ControlIds.key("ac_6")).isEqualTo("AC-6");
    assertThat(ControlIds.key(" ac-6 ")).isEqualTo("AC-6");
    assertThat(ControlIds.key("SI-04(05)")).isEqualTo("SI-4(5)");
    assertThat(ControlIds.key("pr.aa-05.02")).isEqualTo("PR.AA-5.2");
    assertThat(ControlIds.key("AC-10")).isEqualTo("AC-10");
  }

  @Test
  void matches_subcategoryFindsStatements() {
    assertThat(ControlIds.matches(ControlIds.key("PR.AA-05"), "PR.AA-05.02")).isTrue();
    assertThat(ControlIds.matches(ControlIds.key("PR.AA-5"), "PR.AA-05.02")).isTrue();
    assertThat(ControlIds.matches(ControlIds.key("PR.AA-05.02"), "PR.AA-05.02")).isTrue();
    assertThat(ControlIds.matches(ControlIds.key("PR.AA-05"), "PR.AA-01.01")).isFalse();
  }

  @Test
  void matches_doesNotConfusePrefixNumbers() {
    assertThat(ControlIds.matches(ControlIds.key("AC-1"), "AC-10")).isFalse();
    assertThat(ControlIds.matches(ControlIds.key("AC-6"), "AC-6(1)")).isFalse();
  }

  @Test
  void nistForm_dropsPadding() {
    assertThat(ControlIds.nistForm("AC-02")).contains("AC-2");
    assertThat(ControlIds.nistForm("SI-04(05)")).contains("SI-4(5)");
    assertThat(ControlIds.nistForm("PR.AA-05.02")).isEmpty();
  }
}
