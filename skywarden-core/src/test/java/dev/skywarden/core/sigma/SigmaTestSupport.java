package dev.skywarden.core.sigma;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;

/** Builds inline rules and events for the Sigma tests. */
final class SigmaTestSupport {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private SigmaTestSupport() {}

  /** Returns a complete rule around a detection block indented by four spaces. */
  static String ruleYaml(String detection) {
    return "title: Test rule\n"
        + "id: 0e6f0a48-7a4f-4cbe-9d0c-5d1b7c6f6a01\n"
        + "status: test\n"
        + "logsource:\n"
        + "    product: aws\n"
        + "    service: cloudtrail\n"
        + "detection:\n"
        + detection
            .stripIndent()
            .lines()
            .map(line -> "    " + line + "\n")
            .reduce("", String::concat)
        + "level: high\n";
  }

  static CompiledRule compile(String detection) {
    return CompiledRule.compile(
        new SigmaRuleParser().parse("test.yml", ruleYaml(detection)).get(0));
  }

  static JsonNode json(String json) {
    try {
      return MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  static SigmaEvent awsEvent(String json) {
    return SigmaEvent.of("aws", "cloudtrail", null, json(json));
  }

  /** Returns whether the inline detection matches the JSON event. */
  static boolean matches(String detection, String json) {
    return compile(detection).matches(awsEvent(json));
  }

  /** Returns the error that parsing the YAML raises. */
  static SigmaRuleException parseError(String yaml) {
    SigmaParseResult result = new SigmaRuleParser().parseAll("broken.yml", yaml);
    if (result.errors().size() != 1) {
      throw new AssertionError("expected one error but got " + result.errors());
    }
    return result.errors().get(0);
  }
}
