package dev.skywarden.core.sigma;

import static dev.skywarden.core.sigma.SigmaTestSupport.awsEvent;
import static dev.skywarden.core.sigma.SigmaTestSupport.json;
import static dev.skywarden.core.sigma.SigmaTestSupport.matches;
import static dev.skywarden.core.sigma.SigmaTestSupport.parseError;
import static dev.skywarden.core.sigma.SigmaTestSupport.ruleYaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Conformance cases derived from the Sigma specification 2.1.0, one nested class per section that
 * {@link SigmaModifierTest}, {@link SigmaMatchingTest} and {@link ConditionParserTest} do not
 * already cover: each case is a rule, an event and the expected result.
 */
class SigmaSpecConformanceTest {

  private static final PlaceholderSet PLACEHOLDERS =
      PlaceholderSet.of(
          Map.of(
              "Admins", List.of("root", "adm_*"),
              "%Countries%", List.of("DE", "FR"),
              "Domain", List.of("example.com")));

  private static CompiledRule compileWith(PlaceholderSet placeholders, String detection) {
    SigmaConfig config = SigmaConfig.defaults().withPlaceholders(placeholders);
    SigmaRule rule = new SigmaRuleParser(config).parse("test.yml", ruleYaml(detection)).get(0);
    return CompiledRule.compile(rule, config, List.of());
  }

  private static boolean expandMatches(String detection, String event) {
    return compileWith(PLACEHOLDERS, detection).matches(awsEvent(event));
  }

  /** Rules specification, "Placeholders", and the {@code expand} modifier of the appendix. */
  @Nested
  class Placeholders {

    @Test
    void expand_matchesAnyPlaceholderValue() {
      String rule = "sel:\n    user|expand: '%Admins%'\ncondition: sel";

      assertThat(expandMatches(rule, "{\"user\":\"root\"}")).isTrue();
      assertThat(expandMatches(rule, "{\"user\":\"ADM_alice\"}")).isTrue();
      assertThat(expandMatches(rule, "{\"user\":\"alice\"}")).isFalse();
    }

    @Test
    void withoutExpand_percentTextIsLiteral() {
      String rule = "sel:\n    user: '%Admins%'\ncondition: sel";

      assertThat(expandMatches(rule, "{\"user\":\"%Admins%\"}")).isTrue();
      assertThat(expandMatches(rule, "{\"user\":\"root\"}")).isFalse();
    }

    @Test
    void escapedPercent_isPlainAndNextIsPlaceholder() {
      String rule = "sel:\n    user|expand: '\\%plain%Domain%'\ncondition: sel";

      assertThat(expandMatches(rule, "{\"user\":\"%plainexample.com\"}")).isTrue();
      assertThat(expandMatches(rule, "{\"user\":\"%plain%Domain%\"}")).isFalse();
    }

    @Test
    void containsBeforeExpand_wrapsEveryValue() {
      String rule = "sel:\n    location|contains|expand: '%Countries%'\ncondition: sel";

      assertThat(expandMatches(rule, "{\"location\":\"Berlin, DE\"}")).isTrue();
      assertThat(expandMatches(rule, "{\"location\":\"Paris FR 75\"}")).isTrue();
      assertThat(expandMatches(rule, "{\"location\":\"Rome, IT\"}")).isFalse();
    }

    @Test
    void expandThenEndswith_appliesToEveryValue() {
      String rule = "sel:\n    email|expand|endswith: '@%Domain%'\ncondition: sel";

      assertThat(expandMatches(rule, "{\"email\":\"bob@example.com\"}")).isTrue();
      assertThat(expandMatches(rule, "{\"email\":\"bob@example.org\"}")).isFalse();
    }

    @Test
    void twoPlaceholders_expandToEveryCombination() {
      String rule = "sel:\n    tag|expand: '%Countries%-%Domain%'\ncondition: sel";

      assertThat(expandMatches(rule, "{\"tag\":\"FR-example.com\"}")).isTrue();
      assertThat(expandMatches(rule, "{\"tag\":\"DE-example.com\"}")).isTrue();
      assertThat(expandMatches(rule, "{\"tag\":\"IT-example.com\"}")).isFalse();
    }

    @Test
    void placeholderFile_parsesNamesWithAndWithoutPercent() {
      PlaceholderSet set =
          PlaceholderSet.parse("p.yml", "Admins: [root, admin]\n'%Single%': one\n");

      assertThat(set.values("Admins")).contains(List.of("root", "admin"));
      assertThat(set.values("%Single%")).contains(List.of("one"));
      assertThat(set.names()).containsExactly("Admins", "Single");
    }

    @Test
    void placeholderFile_badValueIsRejectedWithLocation() {
      assertThatThrownBy(() -> PlaceholderSet.parse("p.yml", "Admins:\n  - {a: b}\n"))
          .isInstanceOf(SigmaConfigException.class)
          .hasMessageStartingWith("p.yml:2:5:")
          .hasMessageContaining("'Admins'");
    }

    @Test
    void undefinedPlaceholder_namesDefinedOnes() {
      SigmaConfig config = SigmaConfig.defaults().withPlaceholders(PLACEHOLDERS);
      SigmaParseResult result =
          new SigmaRuleParser(config)
              .parseAll("r.yml", ruleYaml("sel:\n    user|expand: '%Nope%'\ncondition: sel"));

      assertThat(result.rules()).isEmpty();
      assertThat(result.errors()).singleElement().isInstanceOf(SigmaPlaceholderException.class);
      assertThat(result.errors().get(0).getMessage())
          .startsWith("r.yml:9:14:")
          .contains("'%Nope%'")
          .contains("Admins");
    }
  }

  /** Modifiers appendix, "Specific Modifiers": {@code fieldref}. */
  @Nested
  class FieldReferences {

    @Test
    void fieldref_matchesEqualFieldIgnoringCase() {
      String rule = "sel:\n    target|fieldref: actor\ncondition: sel";

      assertThat(matches(rule, "{\"target\":\"Bob\",\"actor\":\"bob\"}")).isTrue();
      assertThat(matches(rule, "{\"target\":\"Bob\",\"actor\":\"alice\"}")).isFalse();
    }

    @Test
    void fieldref_missingReferenceNeverMatches() {
      String rule = "sel:\n    target|fieldref: actor\ncondition: sel";

      assertThat(matches(rule, "{\"target\":\"bob\"}")).isFalse();
      assertThat(matches(rule, "{\"target\":null,\"actor\":null}")).isFalse();
    }

    @Test
    void fieldrefCased_comparesExactly() {
      String rule = "sel:\n    target|fieldref|cased: actor\ncondition: sel";

      assertThat(matches(rule, "{\"target\":\"Bob\",\"actor\":\"bob\"}")).isFalse();
      assertThat(matches(rule, "{\"target\":\"bob\",\"actor\":\"bob\"}")).isTrue();
    }

    @Test
    void fieldrefNeq_matchesDifferentValues() {
      String rule = "sel:\n    target|fieldref|neq: actor\ncondition: sel";

      assertThat(matches(rule, "{\"target\":\"bob\",\"actor\":\"alice\"}")).isTrue();
      assertThat(matches(rule, "{\"target\":\"bob\",\"actor\":\"BOB\"}")).isFalse();
    }

    @Test
    void fieldrefChains_testPrefixSuffixInfix() {
      String event = "{\"path\":\"/home/bob/x\",\"user\":\"bob\",\"home\":\"/home/bob\"}";

      assertThat(matches("sel:\n    path|fieldref|startswith: home\ncondition: sel", event))
          .isTrue();
      assertThat(matches("sel:\n    path|fieldref|endswith: home\ncondition: sel", event))
          .isFalse();
      assertThat(matches("sel:\n    path|fieldref|contains: user\ncondition: sel", event)).isTrue();
      assertThat(matches("sel:\n    home|fieldref|endswith: user\ncondition: sel", event)).isTrue();
    }

    @Test
    void fieldref_nestedAndArrayReferences() {
      String rule = "sel:\n    a.name|fieldref: b.names\ncondition: sel";

      assertThat(matches(rule, "{\"a\":{\"name\":\"x\"},\"b\":{\"names\":[\"y\",\"x\"]}}"))
          .isTrue();
    }

    @Test
    void fieldrefAfterContains_isRejected() {
      SigmaRuleException error =
          parseError(ruleYaml("sel:\n    target|contains|fieldref: actor\ncondition: sel"));

      assertThat(error).isInstanceOf(SigmaModifierException.class);
      assertThat(error.reason()).contains("'fieldref'");
    }

    @Test
    void fieldrefOnKeyword_isRejected() {
      SigmaRuleException error =
          parseError(ruleYaml("sel:\n    '|fieldref': actor\ncondition: sel"));

      assertThat(error.reason()).contains("needs a field name");
    }
  }

  /** Modifiers appendix, "Time Modifiers"; parts are read in UTC. */
  @Nested
  class TimeModifiers {

    private static final String EVENT = "{\"eventTime\":\"2024-03-05T23:47:12Z\"}";

    @Test
    void eachPart_extractsFromIsoTime() {
      assertThat(matches("sel:\n    eventTime|minute: 47\ncondition: sel", EVENT)).isTrue();
      assertThat(matches("sel:\n    eventTime|hour: 23\ncondition: sel", EVENT)).isTrue();
      assertThat(matches("sel:\n    eventTime|day: 5\ncondition: sel", EVENT)).isTrue();
      assertThat(matches("sel:\n    eventTime|week: 10\ncondition: sel", EVENT)).isTrue();
      assertThat(matches("sel:\n    eventTime|month: 3\ncondition: sel", EVENT)).isTrue();
      assertThat(matches("sel:\n    eventTime|year: 2024\ncondition: sel", EVENT)).isTrue();
      assertThat(matches("sel:\n    eventTime|hour: 22\ncondition: sel", EVENT)).isFalse();
    }

    @Test
    void offset_isConvertedToUtc() {
      String event = "{\"eventTime\":\"2024-03-06T01:47:12+02:00\"}";

      assertThat(matches("sel:\n    eventTime|hour: 23\ncondition: sel", event)).isTrue();
      assertThat(matches("sel:\n    eventTime|day: 5\ncondition: sel", event)).isTrue();
    }

    @Test
    void epochMillis_andSpaceSeparatedTimesParse() {
      assertThat(matches("sel:\n    t|hour: 0\ncondition: sel", "{\"t\":86400000}")).isTrue();
      assertThat(
              matches(
                  "sel:\n    t|minute: 30\ncondition: sel",
                  "{\"t\":\"2019-01-01 10:30:00.000000000\"}"))
          .isTrue();
    }

    @Test
    void comparisonAfterTimePart_testsRange() {
      String rule = "sel:\n    eventTime|hour|gte: 22\ncondition: sel";

      assertThat(matches(rule, EVENT)).isTrue();
      assertThat(matches(rule, "{\"eventTime\":\"2024-03-05T08:00:00Z\"}")).isFalse();
    }

    @Test
    void valueList_isOrLinked() {
      String rule = "sel:\n    eventTime|hour:\n        - 1\n        - 23\ncondition: sel";

      assertThat(matches(rule, EVENT)).isTrue();
    }

    @Test
    void nonTimeValue_neverMatches() {
      assertThat(matches("sel:\n    t|hour: 0\ncondition: sel", "{\"t\":\"yesterday\"}")).isFalse();
      assertThat(matches("sel:\n    t|hour: 0\ncondition: sel", "{}")).isFalse();
    }

    @Test
    void outOfRangeNumber_isRejected() {
      SigmaRuleException error = parseError(ruleYaml("sel:\n    t|hour: 24\ncondition: sel"));

      assertThat(error).isInstanceOf(SigmaValueException.class);
      assertThat(error.reason()).contains("'24'").contains("0 to 23");
    }

    @Test
    void stringValue_isRejected() {
      SigmaRuleException error = parseError(ruleYaml("sel:\n    t|month: March\ncondition: sel"));

      assertThat(error).isInstanceOf(SigmaModifierException.class);
      assertThat(error.reason()).contains("expects a number");
    }
  }

  /** Rules specification, "Value Modifiers": an unknown modifier rejects the rule. */
  @Nested
  class UnknownModifiers {

    @Test
    void unknownModifier_isRejectedWithLocation() {
      SigmaRuleException error = parseError(ruleYaml("sel:\n    t|minutes: 3\ncondition: sel"));

      assertThat(error).isInstanceOf(SigmaModifierException.class);
      assertThat(error.getMessage()).startsWith("broken.yml:9:11:").contains("'minutes'");
    }
  }

  /** Rules specification, value types: numbers, booleans and strings compare as text. */
  @Nested
  class TypeCoercion {

    @Test
    void number_matchesNumericStringAndNumber() {
      String rule = "sel:\n    code: 403\ncondition: sel";

      assertThat(matches(rule, "{\"code\":403}")).isTrue();
      assertThat(matches(rule, "{\"code\":\"403\"}")).isTrue();
      assertThat(matches(rule, "{\"code\":403.0}")).isTrue();
      assertThat(matches(rule, "{\"code\":4030}")).isFalse();
    }

    @Test
    void quotedNumber_matchesNumberAsText() {
      assertThat(matches("sel:\n    code: '403'\ncondition: sel", "{\"code\":403}")).isTrue();
    }

    @Test
    void booleanString_matchesBoolean() {
      assertThat(matches("sel:\n    ok: 'true'\ncondition: sel", "{\"ok\":true}")).isTrue();
      assertThat(matches("sel:\n    ok: true\ncondition: sel", "{\"ok\":\"True\"}")).isTrue();
      assertThat(matches("sel:\n    ok: true\ncondition: sel", "{\"ok\":false}")).isFalse();
    }

    @Test
    void containsOnNumber_matchesDigits() {
      assertThat(matches("sel:\n    code|contains: 0\ncondition: sel", "{\"code\":403}")).isTrue();
    }

    @Test
    void comparisonOnNonNumber_doesNotMatch() {
      assertThat(matches("sel:\n    n|gt: 5\ncondition: sel", "{\"n\":\"many\"}")).isFalse();
    }
  }

  /** Rules specification, "Lists" and field values: arrays and objects in the event. */
  @Nested
  class ArraysAndObjects {

    @Test
    void allModifier_canBeSatisfiedByDifferentArrayElements() {
      String rule = "sel:\n    tags|all:\n        - a\n        - b\ncondition: sel";

      assertThat(matches(rule, "{\"tags\":[\"a\",\"b\"]}")).isTrue();
      assertThat(matches(rule, "{\"tags\":[\"a\"]}")).isFalse();
    }

    @Test
    void neq_onArrayRequiresNoElementEqual() {
      String rule = "sel:\n    tags|neq: a\ncondition: sel";

      assertThat(matches(rule, "{\"tags\":[\"b\",\"c\"]}")).isTrue();
      assertThat(matches(rule, "{\"tags\":[\"b\",\"a\"]}")).isFalse();
    }

    @Test
    void existsOnNestedObject_isTrue() {
      assertThat(matches("sel:\n    a.b|exists: true\ncondition: sel", "{\"a\":{\"b\":{}}}"))
          .isTrue();
    }

    @Test
    void containsOnObject_searchesItsJson() {
      assertThat(
              matches(
                  "sel:\n    req|contains: '\"port\":22'\ncondition: sel",
                  "{\"req\":{\"port\":22,\"cidr\":\"0.0.0.0/0\"}}"))
          .isTrue();
    }
  }

  /** Rules specification, "Condition": forms not covered by the parser tests. */
  @Nested
  class Conditions {

    private static final String SELECTIONS =
        "sel_a:\n    a: 1\nsel_b:\n    b: 1\nflt:\n    c: 1\ncondition: ";

    @Test
    void notOneOf_rejectsAnyMatch() {
      String rule = SELECTIONS + "sel_a and not 1 of flt*";

      assertThat(matches(rule, "{\"a\":1}")).isTrue();
      assertThat(matches(rule, "{\"a\":1,\"c\":1}")).isFalse();
    }

    @Test
    void allOfPattern_insideParentheses() {
      String rule = SELECTIONS + "(all of sel_*) or flt";

      assertThat(matches(rule, "{\"a\":1,\"b\":1}")).isTrue();
      assertThat(matches(rule, "{\"a\":1}")).isFalse();
      assertThat(matches(rule, "{\"c\":1}")).isTrue();
    }

    @Test
    void oneOfThem_matchesAnySelection() {
      assertThat(matches(SELECTIONS + "1 of them", "{\"c\":1}")).isTrue();
      assertThat(matches(SELECTIONS + "all of them", "{\"c\":1}")).isFalse();
    }

    @Test
    void doubleNegation_cancels() {
      assertThat(matches(SELECTIONS + "not not sel_a", "{\"a\":1}")).isTrue();
    }
  }

  /** Filters specification: meta filters suppress the rules they name. */
  @Nested
  class Filters {

    private static final String RULES =
        """
        title: Role created
        id: 11111111-1111-4111-8111-111111111111
        name: role_created
        logsource:
            product: aws
            service: cloudtrail
        detection:
            sel:
                eventName: CreateRole
            condition: sel
        ---
        title: User created
        id: 22222222-2222-4222-8222-222222222222
        logsource:
            product: aws
            service: cloudtrail
        detection:
            sel:
                eventName: CreateUser
            condition: sel
        """;

    private static final String FILTER =
        """
        title: Filter automation role
        logsource:
            product: aws
        filter:
            rules:
                - role_created
            selection:
                userIdentity.arn|endswith: ':role/terraform'
            condition: selection
        """;

    private SigmaRuleSet load(String... files) {
      SigmaRuleParser parser = new SigmaRuleParser();
      List<SigmaRule> rules = new java.util.ArrayList<>();
      List<SigmaFilter> filters = new java.util.ArrayList<>();
      for (int i = 0; i < files.length; i++) {
        SigmaParseResult result = parser.parseAll("file" + i + ".yml", files[i]);
        assertThat(result.errors()).isEmpty();
        rules.addAll(result.rules());
        filters.addAll(result.filters());
      }
      return SigmaRuleSet.compile(rules, filters, SigmaConfig.defaults());
    }

    private static List<String> titles(SigmaRuleSet set, String event) {
      return set.match(awsEvent(event)).stream().map(rule -> rule.rule().title()).toList();
    }

    @Test
    void filter_fromOtherFileSuppressesNamedRule() {
      SigmaRuleSet set = load(RULES, FILTER);

      assertThat(
              titles(
                  set,
                  "{\"eventName\":\"CreateRole\",\"userIdentity\":{\"arn\":\"a:role/terraform\"}}"))
          .isEmpty();
      assertThat(
              titles(
                  set, "{\"eventName\":\"CreateRole\",\"userIdentity\":{\"arn\":\"a:user/bob\"}}"))
          .containsExactly("Role created");
      assertThat(set.problems()).isEmpty();
    }

    @Test
    void filter_leavesOtherRulesAlone() {
      SigmaRuleSet set = load(RULES, FILTER);

      assertThat(
              titles(
                  set,
                  "{\"eventName\":\"CreateUser\",\"userIdentity\":{\"arn\":\"a:role/terraform\"}}"))
          .containsExactly("User created");
    }

    @Test
    void filter_inSameFileAndById() {
      String filter = FILTER.replace("role_created", "22222222-2222-4222-8222-222222222222");
      SigmaRuleSet set = load(RULES + "---\n" + filter);

      assertThat(
              titles(
                  set,
                  "{\"eventName\":\"CreateUser\",\"userIdentity\":{\"arn\":\"a:role/terraform\"}}"))
          .isEmpty();
    }

    @Test
    void anyRuleFilter_appliesToEveryRuleOfLogSource() {
      String filter = FILTER.replace("rules:\n        - role_created", "rules: any");
      SigmaRuleSet set = load(RULES, filter);

      assertThat(
              titles(
                  set,
                  "{\"eventName\":\"CreateUser\",\"userIdentity\":{\"arn\":\"a:role/terraform\"}}"))
          .isEmpty();
      assertThat(set.rules()).allSatisfy(rule -> assertThat(rule.filters()).hasSize(1));
    }

    @Test
    void filterOfOtherLogSource_isNotAppliedAndReported() {
      String filter = FILTER.replace("product: aws", "product: gcp");
      SigmaRuleSet set = load(RULES, filter);

      assertThat(
              titles(
                  set,
                  "{\"eventName\":\"CreateRole\",\"userIdentity\":{\"arn\":\"a:role/terraform\"}}"))
          .containsExactly("Role created");
      assertThat(set.problems()).singleElement().isInstanceOf(SigmaFilterException.class);
      assertThat(set.problems().get(0).getMessage())
          .startsWith("file1.yml:6:11:")
          .contains("does not cover");
    }

    @Test
    void unknownRuleName_isReportedWithLocation() {
      SigmaRuleSet set = load(RULES, FILTER.replace("role_created", "no_such_rule"));

      assertThat(set.problems()).singleElement().isInstanceOf(SigmaFilterException.class);
      assertThat(set.problems().get(0).getMessage())
          .startsWith("file1.yml:6:11:")
          .contains("'no_such_rule'")
          .contains("not loaded");
    }

    @Test
    void filterWithoutRules_isRejected() {
      SigmaRuleException error =
          parseError(FILTER.replace("    rules:\n        - role_created\n", ""));

      assertThat(error).isInstanceOf(SigmaFilterException.class);
      assertThat(error.reason()).contains("'rules'");
      assertThat(error.line()).isEqualTo(5);
    }

    @Test
    void filterWithUnknownIdentifier_isRejected() {
      SigmaRuleException error =
          parseError(FILTER.replace("condition: selection", "condition: sel"));

      assertThat(error).isInstanceOf(SigmaConditionException.class);
      assertThat(error.line()).isEqualTo(9);
    }

    @Test
    void parseResult_countsFilters() {
      SigmaParseResult result = new SigmaRuleParser().parseAll("f.yml", RULES + "---\n" + FILTER);

      assertThat(result.filters()).hasSize(1);
      assertThat(result.summary()).isEqualTo("loaded 2 rules and 1 filter");
    }
  }

  /** Field mappings (Skywarden): rule field names mapped to event paths per log source. */
  @Nested
  class FieldMappingsSection {

    private CompiledRule compileFor(String product, String service, String detection) {
      String yaml =
          ruleYaml(detection)
              .replace("product: aws", "product: " + product)
              .replace("service: cloudtrail", "service: " + service);
      return CompiledRule.compile(new SigmaRuleParser().parse("m.yml", yaml).get(0));
    }

    @Test
    void gcpTaxonomyName_mapsToProtoPayload() {
      CompiledRule rule =
          compileFor(
              "gcp", "gcp.audit", "sel:\n    gcp.audit.method_name: SetIamPolicy\ncondition: sel");

      assertThat(
              rule.matches(
                  SigmaEvent.of(
                      "gcp",
                      "gcp.audit",
                      null,
                      json("{\"protoPayload\":{\"methodName\":\"SetIamPolicy\"}}"))))
          .isTrue();
    }

    @Test
    void pubSubDataPrefix_isDroppedOrKept() {
      CompiledRule rule =
          compileFor(
              "gcp",
              "gcp.audit",
              "sel:\n    data.protoPayload.serviceName: iam.googleapis.com\ncondition: sel");

      assertThat(
              rule.matchesDocument(
                  json("{\"protoPayload\":{\"serviceName\":\"iam.googleapis.com\"}}")))
          .isTrue();
      assertThat(
              rule.matchesDocument(
                  json("{\"data\":{\"protoPayload\":{\"serviceName\":\"iam.googleapis.com\"}}}")))
          .isTrue();
    }

    @Test
    void azureAuditColumn_mapsUnderProperties() {
      CompiledRule rule =
          compileFor(
              "azure",
              "auditlogs",
              "sel:\n    ActivityDisplayName: Add owner to application\n    LoggedByService: Core"
                  + " Directory\ncondition: sel");

      assertThat(
              rule.matchesDocument(
                  json(
                      "{\"operationName\":\"Add owner to application\",\"properties\":"
                          + "{\"activityDisplayName\":\"Add owner to application\","
                          + "\"loggedByService\":\"Core Directory\"}}")))
          .isTrue();
    }

    @Test
    void firstPresentCandidate_wins() {
      CompiledRule rule =
          compileFor(
              "azure", "auditlogs", "sel:\n    properties.message: Delete user\ncondition: sel");

      assertThat(
              rule.matchesDocument(
                  json(
                      "{\"operationName\":\"Delete user\",\"properties\":"
                          + "{\"activityDisplayName\":\"Update user\"}}")))
          .isFalse();
      assertThat(rule.matchesDocument(json("{\"operationName\":\"Delete user\"}"))).isTrue();
    }

    @Test
    void mappingOfOtherLogSource_doesNotApply() {
      CompiledRule rule =
          compileFor("aws", "cloudtrail", "sel:\n    gcp.audit.method_name: x\ncondition: sel");

      assertThat(rule.matchesDocument(json("{\"protoPayload\":{\"methodName\":\"x\"}}"))).isFalse();
    }

    @Test
    void userMapping_overridesBuiltin() {
      FieldMapping mine =
          FieldMapping.parse(
              "mine.yml", "logsource:\n  product: aws\nfields:\n  user: userIdentity.userName\n");
      SigmaConfig config =
          SigmaConfig.defaults().withFieldMappings(FieldMappings.builtin().with(mine));
      SigmaRule rule =
          new SigmaRuleParser()
              .parse("r.yml", ruleYaml("sel:\n    user: bob\ncondition: sel"))
              .get(0);

      CompiledRule compiled = CompiledRule.compile(rule, config, List.of());

      assertThat(compiled.matchesDocument(json("{\"userIdentity\":{\"userName\":\"bob\"}}")))
          .isTrue();
    }

    @Test
    void mappingFile_unknownAttributeIsRejectedWithLocation() {
      assertThatThrownBy(
              () -> FieldMapping.parse("m.yml", "logsource:\n  product: aws\nfeilds: {}\n"))
          .isInstanceOf(SigmaConfigException.class)
          .hasMessageStartingWith("m.yml:3:1:")
          .hasMessageContaining("'feilds'");
    }

    @Test
    void builtinMappings_load() {
      assertThat(FieldMappings.builtin().mappings())
          .extracting(mapping -> mapping.logSource().service())
          .contains("gcp.audit", "activitylogs", "auditlogs", "signinlogs");
    }
  }
}
