package dev.skywarden.core.sigma;

import static dev.skywarden.core.sigma.SigmaTestSupport.matches;
import static dev.skywarden.core.sigma.SigmaTestSupport.parseError;
import static dev.skywarden.core.sigma.SigmaTestSupport.ruleYaml;
import static org.assertj.core.api.Assertions.assertThat;

import dev.skywarden.core.sigma.modifier.SigmaModifiers;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Value modifiers one by one and in chains, as the Sigma modifiers appendix defines them. */
class SigmaModifierTest {

  private static boolean fieldMatches(String key, String value, String eventJson) {
    return matches("sel:\n    " + key + ": " + value + "\ncondition: sel", eventJson);
  }

  @Test
  void registry_knowsSpecNames() {
    assertThat(SigmaModifiers.names())
        .contains(
            "contains",
            "startswith",
            "endswith",
            "all",
            "re",
            "i",
            "m",
            "s",
            "cidr",
            "exists",
            "cased",
            "neq",
            "lt",
            "lte",
            "gt",
            "gte",
            "base64",
            "base64offset",
            "windash",
            "utf16le",
            "utf16be",
            "wide",
            "utf16",
            "expand",
            "fieldref",
            "minute",
            "hour",
            "day",
            "week",
            "month",
            "year");
  }

  @Test
  void contains_matchesInside() {
    assertThat(fieldMatches("ua|contains", "boto", "{\"ua\":\"Boto3/1.2\"}")).isTrue();
    assertThat(fieldMatches("ua|contains", "boto", "{\"ua\":\"aws-cli\"}")).isFalse();
  }

  @Test
  void startswith_matchesPrefixOnly() {
    assertThat(fieldMatches("ua|startswith", "aws-cli", "{\"ua\":\"aws-cli/2.0\"}")).isTrue();
    assertThat(fieldMatches("ua|startswith", "aws-cli", "{\"ua\":\"x aws-cli\"}")).isFalse();
  }

  @Test
  void endswith_matchesSuffixOnly() {
    assertThat(fieldMatches("src|endswith", ".amazonaws.com", "{\"src\":\"ssm.amazonaws.com\"}"))
        .isTrue();
    assertThat(fieldMatches("src|endswith", ".amazonaws.com", "{\"src\":\"ssm.amazonaws.com.x\"}"))
        .isFalse();
  }

  @Test
  void containsAll_requiresEveryValue() {
    String detection =
        "sel:\n    cmd|contains|all:\n        - ' -enc '\n        - 'bypass'\ncondition: sel";

    assertThat(matches(detection, "{\"cmd\":\"powershell -enc AAA -ep Bypass\"}")).isTrue();
    assertThat(matches(detection, "{\"cmd\":\"powershell -enc AAA\"}")).isFalse();
  }

  @Test
  void allContains_orderDoesNotMatter() {
    String detection = "sel:\n    cmd|all|contains:\n        - 'a'\n        - 'b'\ncondition: sel";

    assertThat(matches(detection, "{\"cmd\":\"xbxax\"}")).isTrue();
  }

  @Test
  void re_searchesCaseSensitively() {
    assertThat(fieldMatches("name|re", "'^Get[A-Z]'", "{\"name\":\"GetObject\"}")).isTrue();
    assertThat(fieldMatches("name|re", "'^Get[A-Z]'", "{\"name\":\"getObject\"}")).isFalse();
    assertThat(fieldMatches("name|re", "'Obj'", "{\"name\":\"GetObject\"}")).isTrue();
  }

  @Test
  void reI_ignoresCase() {
    assertThat(fieldMatches("name|re|i", "'^get[a-z]+$'", "{\"name\":\"GetObject\"}")).isTrue();
  }

  @Test
  void reM_anchorsAtLines() {
    assertThat(fieldMatches("text|re|m", "'^second$'", "{\"text\":\"first\\nsecond\"}")).isTrue();
    assertThat(fieldMatches("text|re", "'^second$'", "{\"text\":\"first\\nsecond\"}")).isFalse();
  }

  @Test
  void reS_letsDotMatchNewline() {
    assertThat(fieldMatches("text|re|s", "'first.second'", "{\"text\":\"first\\nsecond\"}"))
        .isTrue();
    assertThat(fieldMatches("text|re", "'first.second'", "{\"text\":\"first\\nsecond\"}"))
        .isFalse();
  }

  @Test
  void re_keepsBackslashesOfRuleText() {
    assertThat(fieldMatches("ip|re", "'^\\d+\\.\\d+$'", "{\"ip\":\"10.1\"}")).isTrue();
  }

  @Test
  void cidr_matchesIpv4Range() {
    assertThat(fieldMatches("ip|cidr", "10.0.0.0/8", "{\"ip\":\"10.20.30.40\"}")).isTrue();
    assertThat(fieldMatches("ip|cidr", "10.0.0.0/8", "{\"ip\":\"11.0.0.1\"}")).isFalse();
    assertThat(fieldMatches("ip|cidr", "10.0.0.0/8", "{\"ip\":\"ec2.amazonaws.com\"}")).isFalse();
  }

  @Test
  void cidr_matchesIpv6Range() {
    assertThat(fieldMatches("ip|cidr", "'2001:db8::/32'", "{\"ip\":\"2001:db8:1::5\"}")).isTrue();
    assertThat(fieldMatches("ip|cidr", "'2001:db8::/32'", "{\"ip\":\"2001:db9::5\"}")).isFalse();
    assertThat(fieldMatches("ip|cidr", "'2001:db8::/32'", "{\"ip\":\"10.0.0.1\"}")).isFalse();
  }

  @Test
  void cidr_valueListIsOr() {
    String detection =
        "sel:\n    ip|cidr:\n        - 192.168.0.0/16\n        - 172.16.0.0/12\ncondition: sel";

    assertThat(matches(detection, "{\"ip\":\"172.20.1.1\"}")).isTrue();
  }

  @Test
  void neq_matchesOtherValues() {
    assertThat(fieldMatches("region|neq", "us-east-1", "{\"region\":\"eu-west-1\"}")).isTrue();
    assertThat(fieldMatches("region|neq", "us-east-1", "{\"region\":\"US-EAST-1\"}")).isFalse();
  }

  @Test
  void neqList_excludesEveryValue() {
    String detection = "sel:\n    region|neq:\n        - a\n        - b\ncondition: sel";

    assertThat(matches(detection, "{\"region\":\"c\"}")).isTrue();
    assertThat(matches(detection, "{\"region\":\"b\"}")).isFalse();
  }

  @Test
  void comparisons_testNumbers() {
    String event = "{\"count\":10,\"text\":\"10\"}";

    assertThat(fieldMatches("count|lt", "11", event)).isTrue();
    assertThat(fieldMatches("count|lt", "10", event)).isFalse();
    assertThat(fieldMatches("count|lte", "10", event)).isTrue();
    assertThat(fieldMatches("count|gt", "9.5", event)).isTrue();
    assertThat(fieldMatches("count|gt", "10", event)).isFalse();
    assertThat(fieldMatches("count|gte", "10", event)).isTrue();
    assertThat(fieldMatches("text|gte", "10", event)).isTrue();
    assertThat(fieldMatches("count|gt", "1", "{\"count\":\"many\"}")).isFalse();
  }

  @Test
  void base64_matchesEncodedValue() {
    String encoded = Base64.getEncoder().encodeToString("whoami".getBytes(StandardCharsets.UTF_8));

    assertThat(fieldMatches("data|base64", "whoami", "{\"data\":\"" + encoded + "\"}")).isTrue();
  }

  @Test
  void base64offsetContains_findsValueAtEveryShift() {
    for (String prefix : new String[] {"", "a", "ab", "abc"}) {
      String encoded =
          Base64.getEncoder()
              .encodeToString((prefix + "curl http://x" + "tail").getBytes(StandardCharsets.UTF_8));

      assertThat(
              fieldMatches(
                  "data|base64offset|contains", "'curl http'", "{\"data\":\"" + encoded + "\"}"))
          .as("prefix '%s' gives %s", prefix, encoded)
          .isTrue();
    }
    assertThat(fieldMatches("data|base64offset|contains", "'curl http'", "{\"data\":\"Y3VybA==\"}"))
        .isFalse();
  }

  @Test
  void wideBase64offset_findsUtf16Text() {
    byte[] utf16 = "xx powershell".getBytes(StandardCharsets.UTF_16LE);
    String encoded = Base64.getEncoder().encodeToString(utf16);

    assertThat(
            fieldMatches(
                "cmd|wide|base64offset|contains", "powershell", "{\"cmd\":\"" + encoded + "\"}"))
        .isTrue();
  }

  @Test
  void utf16le_interleavesZeroBytes() {
    String event = "{\"raw\":\"c\\u0000m\\u0000d\\u0000\"}";

    assertThat(fieldMatches("raw|utf16le", "cmd", event)).isTrue();
    assertThat(fieldMatches("raw|utf16be", "cmd", event)).isFalse();
  }

  @Test
  void utf16_prependsByteOrderMark() {
    String encoded =
        Base64.getEncoder().encodeToString(new byte[] {(byte) 0xff, (byte) 0xfe, 'a', 0});

    assertThat(fieldMatches("raw|utf16|base64", "a", "{\"raw\":\"" + encoded + "\"}")).isTrue();
  }

  @Test
  void windash_matchesEveryDash() {
    String detection = "sel:\n    cmd|windash|contains: ' -enc '\ncondition: sel";

    for (String dash : new String[] {"-", "/", "\u2013", "\u2014", "\u2015"}) {
      assertThat(matches(detection, "{\"cmd\":\"powershell " + dash + "enc AAA\"}"))
          .as("dash %s", dash)
          .isTrue();
    }
    assertThat(matches(detection, "{\"cmd\":\"powershell +enc AAA\"}")).isFalse();
  }

  @Test
  void unknownModifier_isRejectedAtItsColumn() {
    SigmaRuleException error =
        parseError(ruleYaml("sel:\n    eventName|contians: x\ncondition: sel"));

    assertThat(error).isInstanceOf(SigmaModifierException.class);
    assertThat(error.line()).isEqualTo(9);
    assertThat(error.column()).isEqualTo(19);
    assertThat(error.reason()).contains("unknown modifier 'contians'");
  }

  @Test
  void expand_undefinedPlaceholderIsRejected() {
    SigmaRuleException error =
        parseError(ruleYaml("sel:\n    user|expand: '%admins%'\ncondition: sel"));

    assertThat(error).isInstanceOf(SigmaPlaceholderException.class);
    assertThat(error.reason()).contains("'%admins%'").contains("not defined");
    assertThat(error.line()).isEqualTo(9);
    assertThat(error.column()).isEqualTo(14);
  }

  @Test
  void badRegex_isRejectedWithValue() {
    SigmaRuleException error =
        parseError(ruleYaml("sel:\n    name|re: '(unclosed'\ncondition: sel"));

    assertThat(error).isInstanceOf(SigmaValueException.class);
    assertThat(error.line()).isEqualTo(9);
    assertThat(error.reason()).contains("invalid regular expression '(unclosed'");
  }

  @Test
  void badCidr_isRejected() {
    SigmaRuleException error =
        parseError(ruleYaml("sel:\n    ip|cidr: 10.0.0.0/33\ncondition: sel"));

    assertThat(error).isInstanceOf(SigmaValueException.class);
    assertThat(error.reason()).contains("prefix length 33");
  }

  @Test
  void regexFlagWithoutRe_isRejected() {
    SigmaRuleException error = parseError(ruleYaml("sel:\n    name|i: x\ncondition: sel"));

    assertThat(error).isInstanceOf(SigmaModifierException.class);
    assertThat(error.reason()).contains("sub-modifier of 're'");
  }

  @Test
  void containsAfterRe_isRejected() {
    SigmaRuleException error =
        parseError(ruleYaml("sel:\n    name|re|contains: x\ncondition: sel"));

    assertThat(error.reason()).contains("'contains' expects a string value");
  }

  @Test
  void existsWithString_isRejected() {
    SigmaRuleException error = parseError(ruleYaml("sel:\n    name|exists: 'yes'\ncondition: sel"));

    assertThat(error.reason()).contains("'exists' expects a boolean value");
  }

  @Test
  void allOnSingleValue_isRejected() {
    SigmaRuleException error = parseError(ruleYaml("sel:\n    name|all: x\ncondition: sel"));

    assertThat(error.reason()).contains("two or more values");
  }

  @Test
  void base64OfWildcard_isRejected() {
    SigmaRuleException error = parseError(ruleYaml("sel:\n    data|base64: 'a*b'\ncondition: sel"));

    assertThat(error).isInstanceOf(SigmaValueException.class);
    assertThat(error.reason()).contains("wildcards");
  }
}
