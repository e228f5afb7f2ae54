package dev.skywarden.core.detect.correlation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skywarden.core.event.CloudEvent;
import dev.skywarden.core.event.SourceLocation;
import dev.skywarden.core.input.RawRecord;
import dev.skywarden.core.normalize.EventNormalizer;
import dev.skywarden.core.normalize.NormalizeResult;
import dev.skywarden.core.sigma.SigmaParseResult;
import dev.skywarden.core.sigma.SigmaRule;
import dev.skywarden.core.sigma.SigmaRuleParser;
import dev.skywarden.core.sigma.correlation.CorrelationSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Inline correlation rules, hand-written CloudTrail events and an engine driver for tests. */
public final class CorrelationFixtures {

  public static final Instant T0 = Instant.parse("2025-04-01T12:00:00Z");

  private static final EventNormalizer NORMALIZER = new EventNormalizer();

  private CorrelationFixtures() {}

  /** Rules and correlations of one or more YAML files, resolved together without errors. */
  public record Loaded(List<SigmaRule> rules, CorrelationSet correlations) {

    /** Returns the detection rule with the given name. */
    public SigmaRule rule(String name) {
      for (SigmaRule rule : rules) {
        if (name.equals(rule.name()) || name.equals(rule.id())) {
          return rule;
        }
      }
      throw new IllegalArgumentException("no rule named " + name);
    }
  }

  /** Parses and resolves YAML files given as name and content pairs; fails on any error. */
  public static Loaded load(String... nameAndYaml) {
    SigmaRuleParser parser = new SigmaRuleParser();
    List<SigmaRule> rules = new ArrayList<>();
    List<dev.skywarden.core.sigma.SigmaCorrelationRule> correlations = new ArrayList<>();
    for (int i = 0; i < nameAndYaml.length; i += 2) {
      SigmaParseResult result = parser.parseAll(nameAndYaml[i], nameAndYaml[i + 1]);
      assertThat(result.errors()).as("parse errors").isEmpty();
      rules.addAll(result.rules());
      correlations.addAll(result.correlations());
    }
    CorrelationSet set = CorrelationSet.resolve(rules, correlations);
    assertThat(set.errors()).as("resolution errors").isEmpty();
    return new Loaded(rules, set);
  }

  /** Returns a detection rule document that matches CloudTrail events with this event name. */
  public static String rule(String name, String eventName) {
    return "title: Rule "
        + name
        + "\nname: "
        + name
        + "\nlogsource:\n    product: aws\n    service: cloudtrail\n"
        + "detection:\n    selection:\n        eventName: "
        + eventName
        + "\n    condition: selection\nlevel: low\ntags:\n    - attack.discovery\n"
        + "    - attack.t1580\n";
  }

  /**
   * Returns a CloudTrail event at {@code T0 + millis}, read from {@code file} record {@code index},
   * with the given top-level fields (dotted names become nested objects).
   */
  public static CloudEvent event(long millis, String file, int index, Map<String, ?> fields) {
    ObjectNode record = JsonNodeFactory.instance.objectNode();
    record.put("eventVersion", "1.08");
    record.put("eventTime", T0.plusMillis(millis).toString());
    record.put("eventSource", "ec2.amazonaws.com");
    record.put("eventName", "DescribeInstances");
    record.put("awsRegion", "eu-west-1");
    record.put("eventID", file + "-" + index);
    record.put("recipientAccountId", "111122223333");
    record.put("sourceIPAddress", "203.0.113.10");
    record.put("userAgent", "aws-cli/2.15.0 Python/3.11");
    ObjectNode identity = record.putObject("userIdentity");
    identity.put("type", "IAMUser");
    identity.put("arn", "arn:aws:iam::111122223333:user/alice");
    identity.put("accountId", "111122223333");
    identity.put("accessKeyId", "AKIAEXAMPLEALICE");
    for (Map.Entry<String, ?> field : fields.entrySet()) {
      put(record, field.getKey(), field.getValue());
    }
    return normalize(record, new SourceLocation(file, index, index));
  }

  /** Returns an event of {@code eventName} by {@code arn} at {@code T0 + seconds}. */
  public static CloudEvent call(int seconds, int index, String eventName, String arn) {
    return event(
        seconds * 1000L,
        "trail.json",
        index,
        Map.of("eventName", eventName, "userIdentity.arn", arn));
  }

  private static void put(ObjectNode record, String dotted, Object value) {
    String[] parts = dotted.split("\\.", -1);
    ObjectNode node = record;
    for (int i = 0; i < parts.length - 1; i++) {
      node = node.has(parts[i]) ? (ObjectNode) node.get(parts[i]) : node.putObject(parts[i]);
    }
    String last = parts[parts.length - 1];
    if (value == null) {
      node.remove(last);
    } else if (value instanceof Number number) {
      node.put(last, number.doubleValue());
      if (number instanceof Integer || number instanceof Long) {
        node.put(last, number.longValue());
      }
    } else {
      node.put(last, value.toString());
    }
  }

  /** Normalises a record that must become an event. */
  public static CloudEvent normalize(ObjectNode record, SourceLocation location) {
    NormalizeResult result = NORMALIZER.normalize(new RawRecord(record, location));
    assertThat(result).as("normalised %s", record).isInstanceOf(NormalizeResult.Normalized.class);
    return ((NormalizeResult.Normalized) result).event();
  }

  /** Runs an engine over matches in the given order and returns every firing. */
  public static List<CorrelationFiring> run(
      Loaded loaded, Duration allowedLateness, List<Match> matches) {
    return run(loaded, CorrelationLimits.DEFAULTS.withAllowedLateness(allowedLateness), matches);
  }

  /**
   * Runs an engine with {@code limits} over matches in the given order, checking its invariants
   * after every step, and returns every firing.
   */
  public static List<CorrelationFiring> run(
      Loaded loaded, CorrelationLimits limits, List<Match> matches) {
    List<CorrelationFiring> firings = new ArrayList<>();
    CorrelationEngine engine = new CorrelationEngine(loaded.correlations(), limits, firings::add);
    for (Match match : matches) {
      engine.accept(loaded.rule(match.rule()), match.event());
      engine.checkInvariants();
    }
    engine.flush();
    engine.checkInvariants();
    return firings;
  }

  /** A match of the named rule on an event. */
  public record Match(String rule, CloudEvent event) {}

  /** Returns matches sorted by time and location, as a batch would feed them. */
  public static List<Match> sorted(List<Match> matches) {
    List<Match> sorted = new ArrayList<>(matches);
    sorted.sort(
        Comparator.comparing((Match match) -> match.event().time())
            .thenComparing(match -> match.event().location()));
    return sorted;
  }

  /** Returns one line per firing: correlation key, explanation, evidence ids; sorted. */
  public static List<String> describe(List<CorrelationFiring> firings) {
    List<String> lines = new ArrayList<>();
    for (CorrelationFiring firing : firings) {
      List<String> ids = new ArrayList<>();
      for (CloudEvent event : firing.evidence()) {
        ids.add(event.eventId());
      }
      lines.add(firing.correlation().key() + " | " + firing.explanation() + " | " + ids);
    }
    lines.sort(Comparator.naturalOrder());
    return lines;
  }
}
