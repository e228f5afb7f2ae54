package dev.skywarden.core.mappings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skywarden.core.mappings.PostureCheck.ControlRef;
import java.util.List;
import org.junit.jupiter.api.Test;

class MappingExplorerTest {

  private static final MappingCatalog CATALOG = MappingCatalog.bundled();
  private static final SigmaRuleIndex BUILTIN = SigmaRuleIndex.builtin();

  /** A coverage source with fixed checks, standing in for posture checks not built yet. */
  private record FixedSource(List<Detection> detections, List<PostureCheck> checks)
      implements CoverageSource {
    @Override
    public String name() {
      return "test checks";
    }
  }

  private static MappingExplorer explorer(CoverageSource... extra) {
    List<CoverageSource> sources = new java.util.ArrayList<>(List.of(BUILTIN));
    sources.addAll(List.of(extra));
    return new MappingExplorer(CATALOG, sources);
  }

  @Test
  void technique_groupsAllFrameworks() {
    TechniqueView view = explorer().technique("T1059.009", List.of());

    assertThat(view.mappingCount()).isEqualTo(40);
    assertThat(view.frameworks()).hasSize(9);
    assertThat(view.frameworks().get(0).framework().kind()).isEqualTo(FrameworkKind.CONTROL);
    assertThat(view.attackVersion()).isEqualTo("18.1");
  }

  @Test
  void technique_frameworkFilter() {
    MappingExplorer explorer = explorer();
    List<Framework> filter = explorer.frameworks(List.of("m365", "NIST SP 800-53 r5"));

    TechniqueView view = explorer.technique("T1059.009", filter);

    assertThat(view.frameworks())
        .extracting(group -> group.framework().key())
        .containsExactlyInAnyOrder("m365", "nist_800_53_r5");
    assertThat(view.mappingCount()).isEqualTo(15);
  }

  @Test
  void frameworks_unknownNameListsKeys() {
    assertThatThrownBy(() -> explorer().frameworks(List.of("iso27001")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("iso27001")
        .hasMessageContaining("nist_800_53_r5");
  }

  @Test
  void technique_unknownIdSuggests() {
    for (String query : List.of("T1059.9", "t1059009", "cloud api")) {
      assertThatThrownBy(() -> explorer().technique(query, List.of()))
          .as(query)
          .isInstanceOf(UnknownIdException.class)
          .hasMessageContaining("unknown ATT&CK technique '" + query + "'")
          .hasMessageContaining("T1059.009 (Cloud API)")
          .satisfies(
              e ->
                  assertThat(((UnknownIdException) e).suggestions())
                      .first()
                      .isEqualTo("T1059.009"));
    }
  }

  @Test
  void technique_parentShowsSubTechniquesAndTheirRules() {
    TechniqueView view = explorer().technique("T1059", List.of());

    assertThat(view.subTechniques()).extracting(AttackTechnique::id).contains("T1059.009");
    assertThat(view.coverage().detections())
        .isNotEmpty()
        .allSatisfy(d -> assertThat(d.techniqueIds()).anyMatch(id -> id.startsWith("T1059")));
  }

  @Test
  void coverage_builtinRulesTagCloudApi() {
    TechniqueCoverage coverage = explorer().technique("T1059.009", List.of()).coverage();

    assertThat(coverage.detections())
        .extracting(Detection::title)
        .contains("AWS CloudShell Session Started");
    assertThat(coverage.detections())
        .allSatisfy(
            d -> {
              assertThat(d.kind()).isEqualTo(Detection.DetectionKind.BUILTIN_RULE);
              assertThat(d.techniqueIds()).contains("T1059.009");
            });
  }

  @Test
  void coverage_withoutChecksNothingEvidenced() {
    TechniqueCoverage coverage = explorer().technique("T1059.009", List.of()).coverage();

    // 6 NIST r5 + 7 NIST r4 + 3 CRI Profile + 8 CSA CCM mitigating controls.
    assertThat(coverage.checkCount()).isZero();
    assertThat(coverage.controls()).hasSize(24);
    assertThat(coverage.evidencedControls()).isEmpty();
    assertThat(coverage.unevidencedControls()).hasSize(24);
  }

  @Test
  void coverage_checkEvidencesNormalisedControl() {
    PostureCheck check =
        new PostureCheck(
            "aws-iam-no-admin-users",
            "No IAM user has AdministratorAccess",
            List.of(
                new ControlRef("nist_800_53_r5", "ac_06"),
                new ControlRef("cri_profile", "PR.AA-05")));
    TechniqueCoverage coverage =
        explorer(new FixedSource(List.of(), List.of(check)))
            .technique("T1059.009", List.of())
            .coverage();

    assertThat(coverage.checkCount()).isEqualTo(1);
    assertThat(coverage.evidencedControls())
        .extracting(c -> c.framework().key() + " " + c.control().id())
        .containsExactlyInAnyOrder("nist_800_53_r5 AC-6", "cri_profile PR.AA-05.02");
    assertThat(coverage.unevidencedControls()).hasSize(22);
    assertThat(coverage.unevidencedControls())
        .extracting(c -> c.framework().key() + " " + c.control().id())
        .contains("nist_800_53_r4 AC-6", "nist_800_53_r5 AC-2");
  }

  @Test
  void control_reverseLookupNormalised() {
    MappingExplorer explorer = explorer();
    ControlView view = explorer.control("AC-6", List.of());

    assertThat(view.frameworks())
        .extracting(group -> group.framework().key())
        .containsExactlyInAnyOrder("nist_800_53_r5", "nist_800_53_r4");
    assertThat(view.techniques())
        .extracting(AttackTechnique::id)
        .contains("T1059.009", "T1078.004");
    for (String spelling : List.of("AC-06", "ac_6", " ac-6 ")) {
      assertThat(explorer.control(spelling, List.of()).mappingCount())
          .as(spelling)
          .isEqualTo(view.mappingCount());
    }
  }

  @Test
  void control_csfSubcategoryAndStatement() {
    MappingExplorer explorer = explorer();

    ControlView subcategory = explorer.control("PR.AA-05", List.of());
    ControlView statement = explorer.control("PR.AA-05.02", List.of());

    assertThat(statement.techniques()).extracting(AttackTechnique::id).contains("T1059.009");
    assertThat(subcategory.frameworks())
        .singleElement()
        .satisfies(group -> assertThat(group.framework().key()).isEqualTo("cri_profile"));
    assertThat(subcategory.frameworks().get(0).mappings())
        .extracting(m -> m.capability().id())
        .contains("PR.AA-05.01", "PR.AA-05.02");
    assertThat(subcategory.mappingCount()).isGreaterThan(statement.mappingCount());
  }

  @Test
  void control_filterAndUnknown() {
    MappingExplorer explorer = explorer();
    List<Framework> r4 = explorer.frameworks(List.of("nist_800_53_r4"));

    assertThat(explorer.control("AC-6", r4).frameworks())
        .singleElement()
        .satisfies(group -> assertThat(group.framework().key()).isEqualTo("nist_800_53_r4"));
    assertThatThrownBy(() -> explorer.control("AC-66", List.of()))
        .isInstanceOf(UnknownIdException.class)
        .hasMessageContaining("'AC-66'")
        .hasMessageContaining("AC-6");
  }
}
