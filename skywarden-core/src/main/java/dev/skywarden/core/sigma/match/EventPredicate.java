package dev.skywarden.core.sigma.match;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import dev.skywarden.core.normalize.TimeParser;
import dev.skywarden.core.sigma.detection.Linking;
import dev.skywarden.core.sigma.detection.TimePart;
import java.time.DateTimeException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A compiled part of a rule: a detection item, a search identifier, or a boolean combination.
 * Implementations are immutable; all evaluation state lives in the {@link EventContext}.
 */
interface EventPredicate {

  /** Returns whether the event in {@code context} satisfies this part. */
  boolean test(EventContext context);

  /** Returns a relative cost, so cheap operands are evaluated first. */
  int cost();

  /**
   * One detection item: the field's values (or all scalars for a keyword item) against the rule's
   * value matchers. With a time part, each field value is first parsed as a timestamp ({@link
   * TimeParser} forms; JSON numbers and digit strings are epoch milliseconds) and replaced by that
   * part in UTC; values that are not timestamps are dropped, as if missing.
   */
  record Item(
      String field,
      FieldPath path,
      List<ValueMatcher> matchers,
      Linking linking,
      boolean negated,
      TimePart timePart,
      String rendered)
      implements EventPredicate {

    public Item {
      List<ValueMatcher> sorted = new ArrayList<>(matchers);
      sorted.sort(Comparator.comparingInt(ValueMatcher::cost));
      matchers = List.copyOf(sorted);
    }

    @Override
    public boolean test(EventContext context) {
      EventFields fields = context.eventFields();
      FieldValues values = path == null ? fields.keywordValues() : fields.get(path);
      if (timePart != null) {
        values = FieldValues.of(timeParts(values.values(), timePart));
      }
      JsonNode firstHit = null;
      boolean matched = linking == Linking.AND;
      // This loop and the one in Junction index their lists, because every event runs them and an
      // iterator over an immutable list is an allocation that the compiler does not always remove.
      for (int i = 0; i < matchers.size(); i++) {
        JsonNode hit = matchers.get(i).findIn(values, fields);
        if (hit != null && firstHit == null) {
          firstHit = hit;
        }
        if (linking == Linking.OR && hit != null) {
          matched = true;
          break;
        }
        if (linking == Linking.AND && hit == null) {
          matched = false;
          break;
        }
      }
      boolean result = matched != negated;
      if (result && context.tracing()) {
        context.recordField(
            field == null ? "keyword" : field,
            describe(negated ? null : firstHit, values.values()));
      }
      return result;
    }

    @Override
    public int cost() {
      int sum = path == null ? 20 : 1;
      for (ValueMatcher matcher : matchers) {
        sum += matcher.cost();
      }
      return sum;
    }

    @Override
    public String toString() {
      return rendered;
    }

    private static List<JsonNode> timeParts(List<JsonNode> values, TimePart part) {
      List<JsonNode> parts = new ArrayList<>(values.size());
      for (JsonNode value : values) {
        if (value.isArray()) {
          List<JsonNode> elements = new ArrayList<>();
          value.forEach(elements::add);
          parts.addAll(timeParts(elements, part));
        } else if (value.isTextual() || value.isIntegralNumber()) {
          try {
            parts.add(IntNode.valueOf(part.extract(TimeParser.parse(value))));
          } catch (DateTimeException e) {
            // not a timestamp: the value cannot match a time modifier
          }
        }
      }
      return parts;
    }

    private static String describe(JsonNode hit, List<JsonNode> values) {
      JsonNode shown = hit != null ? hit : values.isEmpty() ? null : values.get(0);
      if (shown == null || shown.isMissingNode()) {
        return "<missing>";
      }
      String text = JsonText.of(shown);
      return text == null ? "null" : text;
    }
  }

  /** An AND or OR of operands, evaluated cheapest first. */
  record Junction(List<EventPredicate> operands, boolean and) implements EventPredicate {

    public Junction {
      List<EventPredicate> sorted = new ArrayList<>(operands);
      sorted.sort(Comparator.comparingInt(EventPredicate::cost));
      operands = List.copyOf(sorted);
    }

    @Override
    public boolean test(EventContext context) {
      for (int i = 0; i < operands.size(); i++) {
        long mark = context.mark();
        boolean result = operands.get(i).test(context);
        if (!result) {
          context.reset(mark);
        }
        if (result != and) {
          return result;
        }
      }
      return and;
    }

    @Override
    public int cost() {
      return operands.stream().mapToInt(EventPredicate::cost).sum();
    }
  }

  /** Negation; hits under it are not recorded, since they do not explain a match. */
  record Negation(EventPredicate operand) implements EventPredicate {
    @Override
    public boolean test(EventContext context) {
      context.suspendTrace();
      try {
        return !operand.test(context);
      } finally {
        context.resumeTrace();
      }
    }

    @Override
    public int cost() {
      return operand.cost();
    }
  }

  /** A named search identifier; it groups the field hits of its detection in the trace. */
  record Selection(String identifier, EventPredicate detection) implements EventPredicate {
    @Override
    public boolean test(EventContext context) {
      long mark = context.mark();
      boolean result = detection.test(context);
      if (result) {
        context.recordSelection(identifier, mark);
      }
      return result;
    }

    @Override
    public int cost() {
      return detection.cost();
    }
  }
}
