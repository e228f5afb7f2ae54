package dev.skywarden.core.sigma.match;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.skywarden.core.sigma.value.SigmaRegex;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Checks the required-literal analysis that lets regex matchers skip hopeless searches. */
class RegexLiteralTest {

  /** Texts that a regular expression below may or may not be found in. */
  private static final List<String> TEXTS =
      List.of(
          "arn:aws:sts::111122223333:assumed-role/aws:ec2-instance/i-0abc",
          "arn:aws:sts::111122223333:assumed-role/app-runtime/session-1",
          "aws-cli/2.17.20 md/distrib#kali.2024",
          "abbbc",
          "ac",
          "a.b",
          "axb",
          "x{y}",
          "foo]bar",
          "");

  @ParameterizedTest
  @CsvSource(
      delimiter = ';',
      value = {
        ".+:assumed-role/aws:.+; :assumed-role/aws:",
        "^arn:aws:iam::\\d+:user/; arn:aws:iam::",
        "ab+c; ab",
        "ab*c; a",
        "abc?d; ab",
        "abc{2,3}d; ab",
        "a\\.b; a.b",
        "foo[0-9]+barbaz; barbaz",
        "(abc)def; def",
        "x\\{y\\}; x{y}",
        "foo]bar; foo]bar",
        "kali\\w*; kali",
        "a.*?bc; bc",
      })
  void required_findsLongestMandatoryRun(String regex, String expected) {
    assertThat(RegexLiteral.required(regex)).as(regex).contains(expected);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"abc|def", "(?i)abc", "(?=x)abc", "\\Qa.b\\E", "[a[b]]c", "\uD83D\uDE00?x"})
  void required_givesUpOnUnsupportedSyntax(String regex) {
    assertThat(RegexLiteral.required(regex)).as(regex).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {".*", "\\d+", "a?", "(abc)", "[abc]+"})
  void required_emptyWithoutMandatoryLiteral(String regex) {
    assertThat(RegexLiteral.required(regex)).as(regex).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        ".+:assumed-role/aws:.+",
        "ab+c",
        "ab*c",
        "a\\.b",
        "x\\{y\\}",
        "foo]bar",
        "kali\\w*",
        "(abc)def",
        "a.b",
      })
  void required_literalIsInEveryMatch(String regex) {
    String literal = RegexLiteral.required(regex).orElseThrow();
    assertLiteralInEveryMatch(regex, literal);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = ';',
      value = {
        ".+:assumed-role/aws:.+; arn:aws:sts::1:assumed-role/aws:ec2/i-1; true",
        ".+:assumed-role/aws:.+; arn:aws:sts::1:assumed-role/app/s; false",
        "ab+c; xxabbbcxx; true",
        "ab+c; xxacxx; false",
      })
  void regexMatcher_sameVerdictWithPrefilter(String regex, String text, boolean expected) {
    ScalarMatchers.RegexMatcher matcher =
        ScalarMatchers.RegexMatcher.of(SigmaRegex.compile(regex, Set.of()));

    assertThat(matcher.requiredLiteral()).as("literal of %s", regex).isNotNull();
    assertThat(matcher.test(TextNode.valueOf(text)))
        .as("%s in %s", regex, text)
        .isEqualTo(expected);
  }

  private static void assertLiteralInEveryMatch(String regex, String literal) {
    Pattern pattern = Pattern.compile(regex);
    for (String text : TEXTS) {
      if (pattern.matcher(text).find()) {
        assertThat(text).as("text matched by %s", regex).contains(literal);
      }
    }
  }
}
