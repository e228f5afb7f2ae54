package dev.skywarden.core.sigma;

import static dev.skywarden.core.sigma.SigmaTestSupport.awsEvent;
import static dev.skywarden.core.sigma.SigmaTestSupport.compile;
import static dev.skywarden.core.sigma.SigmaTestSupport.matches;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Conformance cases: an inline rule and an event give an expected result, grouped by the section of
 * the Sigma rules specification or modifiers appendix they exercise.
 */
class SigmaMatchingTest {

  @Nested
  class MapsAndLists {

    @Test
    void map_linksFieldsWithAnd() {
      String detection =
          """
          sel:
              eventSource: ssm.amazonaws.com
              eventName: SendCommand
          condition: sel
          """;

      assertThat(
              matches(
                  detection,
                  "{\"eventSource\":\"ssm.amazonaws.com\",\"eventName\":\"SendCommand\"}"))
          .isTrue();
      assertThat(
              matches(detection, "{\"eventSource\":\"ssm.amazonaws.com\",\"eventName\":\"Other\"}"))
          .isFalse();
    }

    @Test
    void valueList_linksValuesWithOr() {
      String detection =
          """
          sel:
              eventName:
                  - SendCommand
                  - StartSession
          condition: sel
          """;

      assertThat(matches(detection, "{\"eventName\":\"StartSession\"}")).isTrue();
      assertThat(matches(detection, "{\"eventName\":\"GetParameter\"}")).isFalse();
    }

    @Test
    void listOfMaps_linksMapsWithOr() {
      String detection =
          """
          sel:
              - eventName: SendCommand
              - userAgent|contains: boto3
          condition: sel
          """;

      assertThat(matches(detection, "{\"eventName\":\"x\",\"userAgent\":\"Boto3/1.26\"}")).isTrue();
      assertThat(matches(detection, "{\"eventName\":\"SendCommand\"}")).isTrue();
      assertThat(matches(detection, "{\"eventName\":\"x\",\"userAgent\":\"aws-cli\"}")).isFalse();
    }

    @Test
    void missingField_doesNotMatchValue() {
      assertThat(matches("sel:\n    eventName: X\ncondition: sel", "{\"other\":\"X\"}")).isFalse();
    }
  }

  @Nested
  class Wildcards {

    @Test
    void star_matchesAnyRun() {
      String detection = "sel:\n    eventName: 'Get*Policy'\ncondition: sel";

      assertThat(matches(detection, "{\"eventName\":\"GetBucketPolicy\"}")).isTrue();
      assertThat(matches(detection, "{\"eventName\":\"GetPolicy\"}")).isTrue();
      assertThat(matches(detection, "{\"eventName\":\"GetBucketAcl\"}")).isFalse();
    }

    @Test
    void questionMark_matchesExactlyOneCharacter() {
      String detection = "sel:\n    image: 'prog?.exe'\ncondition: sel";

      assertThat(matches(detection, "{\"image\":\"progA.exe\"}")).isTrue();
      assertThat(matches(detection, "{\"image\":\"prog.exe\"}")).isFalse();
      assertThat(matches(detection, "{\"image\":\"progAB.exe\"}")).isFalse();
    }

    @Test
    void escapedStar_isLiteral() {
      String detection = "sel:\n    value: 'a\\*b'\ncondition: sel";

      assertThat(matches(detection, "{\"value\":\"a*b\"}")).isTrue();
      assertThat(matches(detection, "{\"value\":\"axxb\"}")).isFalse();
    }

    @Test
    void escapedQuestionMark_isLiteral() {
      String detection = "sel:\n    value: 'why\\?'\ncondition: sel";

      assertThat(matches(detection, "{\"value\":\"why?\"}")).isTrue();
      assertThat(matches(detection, "{\"value\":\"whys\"}")).isFalse();
    }

    @Test
    void singleBackslash_beforeLetterIsLiteral() {
      String detection = "sel:\n    path: 'C:\\Windows\\cmd.exe'\ncondition: sel";

      assertThat(matches(detection, "{\"path\":\"C:\\\\Windows\\\\cmd.exe\"}")).isTrue();
    }

    @Test
    void doubleBackslash_isOneBackslash() {
      String detection = "sel:\n    path: 'C:\\\\Windows'\ncondition: sel";

      assertThat(matches(detection, "{\"path\":\"C:\\\\Windows\"}")).isTrue();
    }

    @Test
    void escapedBackslash_beforeStarKeepsWildcard() {
      String detection = "sel:\n    path: 'dir\\\\*'\ncondition: sel";

      assertThat(matches(detection, "{\"path\":\"dir\\\\anything\"}")).isTrue();
      assertThat(matches(detection, "{\"path\":\"dirx\"}")).isFalse();
    }

    @Test
    void threeBackslashes_escapeBoth() {
      String detection = "sel:\n    path: 'dir\\\\\\*'\ncondition: sel";

      assertThat(matches(detection, "{\"path\":\"dir\\\\*\"}")).isTrue();
      assertThat(matches(detection, "{\"path\":\"dir\\\\x\"}")).isFalse();
    }

    @Test
    void lonelyStar_matchesAnyPresentValue() {
      String detection = "sel:\n    value: '*'\ncondition: sel";

      assertThat(matches(detection, "{\"value\":\"\"}")).isTrue();
      assertThat(matches(detection, "{\"other\":\"x\"}")).isFalse();
    }
  }

  @Nested
  class CaseFolding {

    @Test
    void plainValue_ignoresAsciiCase() {
      assertThat(
              matches(
                  "sel:\n    eventName: sendcommand\ncondition: sel",
                  "{\"eventName\":\"SendCommand\"}"))
          .isTrue();
    }

    @Test
    void asciiShapes_ignoreCase() {
      String event = "{\"ua\":\"AWS-CLI/2.17 md/distrib#KALI.2024\"}";

      assertThat(matches("sel:\n    ua|startswith: aws-cli/\ncondition: sel", event)).isTrue();
      assertThat(matches("sel:\n    ua|endswith: Kali.2024\ncondition: sel", event)).isTrue();
      assertThat(matches("sel:\n    ua|contains: distrib#kali\ncondition: sel", event)).isTrue();
      assertThat(matches("sel:\n    ua|contains: distrib#parrot\ncondition: sel", event)).isFalse();
      assertThat(
              matches(
                  "sel:\n    ua|endswith: AWS-CLI/2.17 md/distrib#KALI.2024x\ncondition: sel",
                  event))
          .isFalse();
      assertThat(matches("sel:\n    ua: aws-cli/2.17\ncondition: sel", event)).isFalse();
    }

    @Test
    void asciiValue_matchesNonAsciiTextThatFoldsToIt() {
      assertThat(matches("sel:\n    city: strasse\ncondition: sel", "{\"city\":\"STRAßE\"}"))
          .isTrue();
      assertThat(
              matches("sel:\n    unit|startswith: k\ncondition: sel", "{\"unit\":\"\u212Aelvin\"}"))
          .isTrue();
    }

    @Test
    void cyrillic_foldsCase() {
      String detection = "sel:\n    user|contains: 'АДМИН'\ncondition: sel";

      assertThat(matches(detection, "{\"user\":\"главный админ\"}")).isTrue();
    }

    @Test
    void sharpS_foldsToDoubleS() {
      String detection = "sel:\n    city: 'STRASSE'\ncondition: sel";

      assertThat(matches(detection, "{\"city\":\"straße\"}")).isTrue();
    }

    @Test
    void capitalSharpS_foldsToDoubleS() {
      String detection = "sel:\n    city: 'straße'\ncondition: sel";

      assertThat(matches(detection, "{\"city\":\"STRA\u1E9EE\"}")).isTrue();
      assertThat(matches(detection, "{\"city\":\"STRASSE\"}")).isTrue();
    }

    @Test
    void dotlessI_staysApartFromI() {
      String detection = "sel:\n    city: 'ıstanbul'\ncondition: sel";

      assertThat(matches(detection, "{\"city\":\"ıSTANBUL\"}")).isTrue();
      assertThat(matches(detection, "{\"city\":\"istanbul\"}")).isFalse();
      assertThat(matches(detection, "{\"city\":\"ISTANBUL\"}")).isFalse();
    }

    @Test
    void dottedCapitalI_foldsToIWithCombiningDot() {
      String detection = "sel:\n    city: 'İstanbul'\ncondition: sel";

      assertThat(matches(detection, "{\"city\":\"i\\u0307stanbul\"}")).isTrue();
      assertThat(matches(detection, "{\"city\":\"istanbul\"}")).isFalse();
    }

    @Test
    void greekFinalSigma_foldsLikeSigma() {
      String detection = "sel:\n    word|endswith: 'Σ'\ncondition: sel";

      assertThat(matches(detection, "{\"word\":\"ΟΔΟΣ\"}")).isTrue();
      assertThat(matches(detection, "{\"word\":\"οδος\"}")).isTrue();
    }

    @Test
    void cased_comparesExactly() {
      String detection = "sel:\n    eventName|cased: SendCommand\ncondition: sel";

      assertThat(matches(detection, "{\"eventName\":\"SendCommand\"}")).isTrue();
      assertThat(matches(detection, "{\"eventName\":\"sendcommand\"}")).isFalse();
    }

    @Test
    void casedContains_comparesExactly() {
      String detection = "sel:\n    cmd|contains|cased: Invoke\ncondition: sel";

      assertThat(matches(detection, "{\"cmd\":\"x Invoke-Mimikatz\"}")).isTrue();
      assertThat(matches(detection, "{\"cmd\":\"x invoke-mimikatz\"}")).isFalse();
    }
  }

  @Nested
  class SpecialValues {

    @Test
    void nullValue_matchesMissingOrNullField() {
      String detection = "sel:\n    errorCode: null\ncondition: sel";

      assertThat(matches(detection, "{\"eventName\":\"x\"}")).isTrue();
      assertThat(matches(detection, "{\"errorCode\":null}")).isTrue();
      assertThat(matches(detection, "{\"errorCode\":\"\"}")).isFalse();
      assertThat(matches(detection, "{\"errorCode\":\"AccessDenied\"}")).isFalse();
    }

    @Test
    void notNull_viaNegatedSelection() {
      String detection =
          "sel:\n    eventName: x\nfilter:\n    errorCode: null\ncondition: sel and not filter";

      assertThat(matches(detection, "{\"eventName\":\"x\",\"errorCode\":\"Denied\"}")).isTrue();
      assertThat(matches(detection, "{\"eventName\":\"x\"}")).isFalse();
    }

    @Test
    void emptyString_matchesOnlyEmptyValue() {
      String detection = "sel:\n    userAgent: ''\ncondition: sel";

      assertThat(matches(detection, "{\"userAgent\":\"\"}")).isTrue();
      assertThat(matches(detection, "{\"userAgent\":\"aws-cli\"}")).isFalse();
      assertThat(matches(detection, "{}")).isFalse();
      assertThat(matches(detection, "{\"userAgent\":null}")).isFalse();
    }

    @Test
    void existsTrue_matchesAnyPresentValueIncludingNull() {
      String detection = "sel:\n    errorCode|exists: true\ncondition: sel";

      assertThat(matches(detection, "{\"errorCode\":null}")).isTrue();
      assertThat(matches(detection, "{\"errorCode\":\"\"}")).isTrue();
      assertThat(matches(detection, "{}")).isFalse();
    }

    @Test
    void existsFalse_matchesAbsentField() {
      String detection = "sel:\n    errorCode|exists: false\ncondition: sel";

      assertThat(matches(detection, "{}")).isTrue();
      assertThat(matches(detection, "{\"errorCode\":\"x\"}")).isFalse();
    }
  }

  @Nested
  class Keywords {

    @Test
    void keywordList_searchesAllValuesWithOr() {
      String detection =
          "keywords:\n    - 'event::clear'\n    - 'event::drop'\ncondition: keywords";

      assertThat(matches(detection, "{\"a\":{\"b\":[\"run event::DROP now\"]}}")).isTrue();
      assertThat(matches(detection, "{\"a\":\"event::list\"}")).isFalse();
    }

    @Test
    void keywordAll_requiresEveryKeyword() {
      String detection =
          "keywords:\n    '|all':\n        - 'OabVirtualDirectory'\n        - ' -ExternalUrl '\ncondition: keywords";

      assertThat(matches(detection, "{\"cmd\":\"Set-OabVirtualDirectory -ExternalUrl http\"}"))
          .isTrue();
      assertThat(matches(detection, "{\"cmd\":\"Set-OabVirtualDirectory\"}")).isFalse();
    }

    @Test
    void keyword_matchesNumbersAsText() {
      assertThat(matches("keywords:\n    - 4625\ncondition: keywords", "{\"id\":14625}")).isTrue();
    }

    @Test
    void keyword_doesNotMatchFieldNames() {
      assertThat(matches("keywords:\n    - secret\ncondition: keywords", "{\"secret\":\"no\"}"))
          .isFalse();
    }
  }

  @Nested
  class FieldLookup {

    @Test
    void dottedPath_walksNestedObjects() {
      String detection =
          "sel:\n    userIdentity.sessionContext.sessionIssuer.type: Role\ncondition: sel";

      assertThat(
              matches(
                  detection,
                  "{\"userIdentity\":{\"sessionContext\":{\"sessionIssuer\":{\"type\":\"Role\"}}}}"))
          .isTrue();
    }

    @Test
    void dottedPath_findsLiteralDottedKey() {
      String detection = "sel:\n    data.field: x\ncondition: sel";

      assertThat(matches(detection, "{\"data.field\":\"x\"}")).isTrue();
      assertThat(matches(detection, "{\"data\":{\"field\":\"x\"}}")).isTrue();
    }

    @Test
    void dottedPath_mixesLiteralDotsAndNesting() {
      String detection = "sel:\n    a.b.c: x\ncondition: sel";

      assertThat(matches(detection, "{\"a\":{\"b.c\":\"x\"}}")).isTrue();
      assertThat(matches(detection, "{\"a.b\":{\"c\":\"x\"}}")).isTrue();
    }

    @Test
    void arrayOnPath_matchesAnyElement() {
      String detection = "sel:\n    resources.ARN|endswith: ':secret'\ncondition: sel";

      assertThat(
              matches(
                  detection,
                  "{\"resources\":[{\"ARN\":\"arn:a:bucket\"},{\"ARN\":\"arn:b:secret\"}]}"))
          .isTrue();
      assertThat(matches(detection, "{\"resources\":[{\"ARN\":\"arn:a:bucket\"}]}")).isFalse();
    }

    @Test
    void arrayLeaf_matchesAnyElement() {
      String detection = "sel:\n    tags: prod\ncondition: sel";

      assertThat(matches(detection, "{\"tags\":[\"dev\",\"PROD\"]}")).isTrue();
      assertThat(matches(detection, "{\"tags\":[\"dev\"]}")).isFalse();
    }

    @Test
    void fieldName_differingInCaseIsFound() {
      String detection = "sel:\n    eventname: SendCommand\ncondition: sel";

      assertThat(matches(detection, "{\"eventName\":\"SendCommand\"}")).isTrue();
    }

    @Test
    void fieldName_exactMatchWins() {
      String detection = "sel:\n    eventName: exact\ncondition: sel";

      assertThat(matches(detection, "{\"EventName\":\"other\",\"eventName\":\"exact\"}")).isTrue();
    }

    @Test
    void number_matchesItsText() {
      assertThat(matches("sel:\n    code: '403'\ncondition: sel", "{\"code\":403}")).isTrue();
      assertThat(matches("sel:\n    code: 403\ncondition: sel", "{\"code\":\"403\"}")).isTrue();
      assertThat(matches("sel:\n    code: 403\ncondition: sel", "{\"code\":403.0}")).isTrue();
      assertThat(matches("sel:\n    code: 403\ncondition: sel", "{\"code\":404}")).isFalse();
    }

    @Test
    void boolean_matchesItsText() {
      assertThat(matches("sel:\n    mfa: 'true'\ncondition: sel", "{\"mfa\":true}")).isTrue();
      assertThat(matches("sel:\n    mfa: false\ncondition: sel", "{\"mfa\":\"false\"}")).isTrue();
      assertThat(matches("sel:\n    mfa: false\ncondition: sel", "{\"mfa\":true}")).isFalse();
    }

    @Test
    void object_comparesAsCanonicalJson() {
      String detection = "sel:\n    params|contains: '\"b\":1'\ncondition: sel";

      assertThat(matches(detection, "{\"params\":{\"b\":1,\"a\":2}}")).isTrue();
      assertThat(
              matches(
                  "sel:\n    params: '{\"a\":2,\"b\":1}'\ncondition: sel",
                  "{\"params\":{\"b\":1,\"a\":2}}"))
          .isTrue();
    }
  }

  @Nested
  class Conditions {

    private static final String THREE =
        "sel_a:\n    a: '1'\nsel_b:\n    b: '1'\n_helper:\n    c: '1'\nfilter:\n    d: '1'\n";

    @Test
    void oneOfPattern_needsOne() {
      assertThat(matches(THREE + "condition: 1 of sel_*", "{\"b\":\"1\"}")).isTrue();
      assertThat(matches(THREE + "condition: 1 of sel_*", "{\"c\":\"1\"}")).isFalse();
    }

    @Test
    void allOfPattern_needsAll() {
      assertThat(matches(THREE + "condition: all of sel_*", "{\"a\":\"1\",\"b\":\"1\"}")).isTrue();
      assertThat(matches(THREE + "condition: all of sel_*", "{\"a\":\"1\"}")).isFalse();
    }

    @Test
    void anyOf_behavesLikeOneOf() {
      assertThat(matches(THREE + "condition: any of sel_*", "{\"a\":\"1\"}")).isTrue();
    }

    @Test
    void allOfThem_ignoresUnderscoreIdentifiers() {
      String event = "{\"a\":\"1\",\"b\":\"1\",\"d\":\"1\"}";

      assertThat(matches(THREE + "condition: all of them", event)).isTrue();
    }

    @Test
    void oneOfThem_ignoresUnderscoreIdentifiers() {
      assertThat(matches(THREE + "condition: 1 of them", "{\"c\":\"1\"}")).isFalse();
      assertThat(matches(THREE + "condition: 1 of them", "{\"d\":\"1\"}")).isTrue();
    }

    @Test
    void underscoreIdentifier_canBeNamedExplicitly() {
      assertThat(matches(THREE + "condition: _helper", "{\"c\":\"1\"}")).isTrue();
    }

    @Test
    void precedence_notBeforeAndBeforeOr() {
      String condition = "condition: sel_a or sel_b and not filter";

      assertThat(matches(THREE + condition, "{\"a\":\"1\",\"d\":\"1\"}")).isTrue();
      assertThat(matches(THREE + condition, "{\"b\":\"1\",\"d\":\"1\"}")).isFalse();
    }

    @Test
    void parentheses_overridePrecedence() {
      String condition = "condition: (sel_a or sel_b) and not filter";

      assertThat(matches(THREE + condition, "{\"a\":\"1\",\"d\":\"1\"}")).isFalse();
    }

    @Test
    void conditionList_linksWithOr() {
      String detection = THREE + "condition:\n    - sel_a and sel_b\n    - filter";

      assertThat(matches(detection, "{\"d\":\"1\"}")).isTrue();
      assertThat(matches(detection, "{\"a\":\"1\"}")).isFalse();
      assertThat(compile(detection)).hasToString("Test rule: sel_a and sel_b | filter");
    }
  }

  @Nested
  class Explanation {

    @Test
    void explain_namesSelectionAndValue() {
      CompiledRule rule =
          compile(
              "selection:\n    eventName: SendCommand\nfilter:\n    errorCode: x\ncondition: selection and not filter");

      var explanation = rule.explain(awsEvent("{\"eventName\":\"SendCommand\"}"));

      assertThat(explanation).isPresent();
      assertThat(explanation.get()).hasToString("selection matched eventName=SendCommand");
    }

    @Test
    void explain_dropsHitsOfFailedBranches() {
      CompiledRule rule = compile("sel:\n    - a: '1'\n      b: '2'\n    - c: '3'\ncondition: sel");

      var explanation = rule.explain(awsEvent("{\"a\":\"1\",\"c\":\"3\"}"));

      assertThat(explanation.orElseThrow()).hasToString("sel matched c=3");
    }

    @Test
    void explain_isEmptyWithoutMatch() {
      CompiledRule rule = compile("sel:\n    a: '1'\ncondition: sel");

      assertThat(rule.explain(awsEvent("{\"a\":\"2\"}"))).isEmpty();
    }
  }
}
