package dev.skywarden.core.sigma;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skywarden.core.sigma.condition.ConditionNode;
import dev.skywarden.core.sigma.condition.ConditionParser;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Condition grammar: parse trees as S-expressions, following the spec's Condition section. */
class ConditionParserTest {

  private static final RuleLocation START = new RuleLocation("c.yml", 10, 16);

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "sel | sel",
        "sel and filter | (and sel filter)",
        "sel or filter | (or sel filter)",
        "not sel | (not sel)",
        "sel and not filter | (and sel (not filter))",
        "a or b and c | (or a (and b c))",
        "a and b or c | (or (and a b) c)",
        "not a and b | (and (not a) b)",
        "not not a | (not (not a))",
        "(a or b) and c | (and (or a b) c)",
        "a and (b or (c and not d)) | (and a (or b (and c (not d))))",
        "a and b and c | (and a b c)",
        "a or b or c | (or a b c)",
        "1 of sel* | (1-of sel*)",
        "any of sel_* | (1-of sel_*)",
        "all of them | (all-of them)",
        "1 of them | (1-of them)",
        "1 of sel* and not 1 of filter* | (and (1-of sel*) (not (1-of filter*)))",
        "all of *_main | (all-of *_main)",
        "1 of s*l* | (1-of s*l*)",
        "sel AND NOT filter | (and sel (not filter))",
        "(sel) | sel",
        "not (a or b) | (not (or a b))",
      })
  void parse_givesSExpression(String condition, String expected) {
    assertThat(ConditionParser.parse(condition, START)).hasToString(expected);
  }

  @Test
  void parse_flattensOnlySameOperator() {
    ConditionNode node = ConditionParser.parse("(a and b) and (c or d) and e", START);

    assertThat(node).hasToString("(and a b (or c d) e)");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "'' | 16 | condition is empty",
        "sel and | 23 | ends where",
        "sel filter | 20 | unexpected 'filter'",
        "(sel | 20 | ends where ')'",
        "sel) | 19 | unexpected ')'",
        "and sel | 16 | found 'and'",
        "1 of | 20 | ends where",
        "1 of ( | 21 | expected 'them' or a pattern",
      })
  void parse_rejectsWithColumn(String condition, int column, String reason) {
    assertThatThrownBy(() -> ConditionParser.parse(condition, START))
        .isInstanceOf(SigmaConditionException.class)
        .satisfies(
            e -> {
              SigmaConditionException error = (SigmaConditionException) e;
              assertThat(error.line()).isEqualTo(10);
              assertThat(error.column()).isEqualTo(column);
              assertThat(error.reason()).contains(reason);
            });
  }

  @Test
  void quantified_themExcludesUnderscoreIdentifiers() {
    ConditionNode.Quantified them =
        (ConditionNode.Quantified) ConditionParser.parse("1 of them", START);

    List<String> selected = them.select(Set.of("_hidden", "sel"));

    assertThat(selected).containsExactly("sel");
  }

  @Test
  void quantified_patternIncludesUnderscoreIdentifiers() {
    ConditionNode.Quantified pattern =
        (ConditionNode.Quantified) ConditionParser.parse("1 of _h*", START);

    assertThat(pattern.select(Set.of("_hidden", "sel"))).containsExactly("_hidden");
  }

  @Test
  void validate_rejectsUnknownIdentifierAtItsColumn() {
    ConditionNode node = ConditionParser.parse("sel and not filtr", START);

    assertThatThrownBy(() -> ConditionParser.validate(node, Set.of("sel", "filter"), START))
        .isInstanceOf(SigmaConditionException.class)
        .hasMessageContaining("c.yml:10:28")
        .hasMessageContaining("unknown search identifier 'filtr'");
  }

  @Test
  void validate_rejectsPatternWithoutMatch() {
    ConditionNode node = ConditionParser.parse("1 of filter*", START);

    assertThatThrownBy(() -> ConditionParser.validate(node, Set.of("sel"), START))
        .isInstanceOf(SigmaConditionException.class)
        .hasMessageContaining("'filter*' matches no search identifier");
  }
}
