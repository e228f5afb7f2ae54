package dev.skywarden.core.sigma;

import static dev.skywarden.core.sigma.SigmaTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.skywarden.core.sigma.match.EventFields;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Log-source routing and the discriminating-field index of {@link SigmaRuleSet}. */
class SigmaRuleSetTest {

  private static String rule(String title, String logsource, String detection) {
    return "title: "
        + title
        + "\nlogsource:\n"
        + logsource.lines().map(line -> "    " + line + "\n").reduce("", String::concat)
        + "detection:\n"
        + detection.lines().map(line -> "    " + line + "\n").reduce("", String::concat);
  }

  private static SigmaRuleSet ruleSet(String... documents) {
    List<SigmaRule> rules = new ArrayList<>();
    for (String document : documents) {
      rules.addAll(new SigmaRuleParser().parse("set.yml", document));
    }
    return SigmaRuleSet.compile(rules);
  }

  private static List<String> titles(SigmaRuleSet set, SigmaEvent event) {
    return set.match(event).stream().map(rule -> rule.rule().title()).toList();
  }

  private static final String AWS = "product: aws\nservice: cloudtrail";

  @Test
  void match_routesByLogSource() {
    SigmaRuleSet set =
        ruleSet(
            rule("aws", AWS, "sel:\n    eventName: X\ncondition: sel"),
            rule(
                "azure",
                "product: azure\nservice: activitylogs",
                "sel:\n    eventName: X\ncondition: sel"),
            rule("any aws", "product: aws", "sel:\n    eventName: X\ncondition: sel"));

    SigmaEvent awsEvent = SigmaEvent.of("aws", "cloudtrail", null, json("{\"eventName\":\"X\"}"));
    SigmaEvent azureEvent =
        SigmaEvent.of("azure", "activitylogs", null, json("{\"eventName\":\"X\"}"));

    assertThat(titles(set, awsEvent)).containsExactly("aws", "any aws");
    assertThat(titles(set, azureEvent)).containsExactly("azure");
  }

  @Test
  void match_requiresCategoryWhenRuleSetsIt() {
    SigmaRuleSet set =
        ruleSet(rule("cat", "product: aws\ncategory: api", "sel:\n    a: b\ncondition: sel"));

    assertThat(titles(set, SigmaEvent.of("aws", null, null, json("{\"a\":\"b\"}")))).isEmpty();
    assertThat(titles(set, SigmaEvent.of("AWS", null, "api", json("{\"a\":\"b\"}"))))
        .containsExactly("cat");
  }

  @Test
  void index_coversLiteralEventNames() {
    SigmaRuleSet set =
        ruleSet(
            rule("one", AWS, "sel:\n    eventName: SendCommand\ncondition: sel"),
            rule(
                "list",
                AWS,
                "sel:\n    eventName:\n        - StartSession\n        - SendCommand\n    eventSource: ssm.amazonaws.com\ncondition: sel"),
            rule(
                "or",
                AWS,
                "a:\n    eventName: A\nb:\n    eventSource: s3.amazonaws.com\ncondition: a or b"),
            rule("wildcard", AWS, "sel:\n    eventName: Get*\ncondition: sel"),
            rule("negated", AWS, "sel:\n    eventName: A\ncondition: not sel"));

    // "or" needs eventName or eventSource, so no single field indexes it.
    assertThat(set.indexedRuleCount()).isEqualTo(2);
  }

  @Test
  void index_givesSameResultsAsFullScan() {
    SigmaRuleSet set =
        ruleSet(
            rule("one", AWS, "sel:\n    eventName: SendCommand\ncondition: sel"),
            rule(
                "list",
                AWS,
                "sel:\n    eventName:\n        - StartSession\n        - sendcommand\n    eventSource: ssm.amazonaws.com\ncondition: sel"),
            rule(
                "or",
                AWS,
                "a:\n    eventName: A\nb:\n    eventSource: s3.amazonaws.com\ncondition: a or b"),
            rule("wildcard", AWS, "sel:\n    eventName: Send*\ncondition: sel"),
            rule("negated", AWS, "sel:\n    eventName: A\ncondition: not sel"),
            rule(
                "gcp",
                "product: gcp",
                "sel:\n    protoPayload.methodName: v1.compute.instances.insert\ncondition: sel"));

    List<String> events =
        List.of(
            "{\"eventName\":\"SendCommand\",\"eventSource\":\"ssm.amazonaws.com\"}",
            "{\"eventName\":\"SENDCOMMAND\",\"eventSource\":\"ssm.amazonaws.com\"}",
            "{\"eventName\":\"A\"}",
            "{\"eventName\":\"B\",\"eventSource\":\"s3.amazonaws.com\"}",
            "{\"EventName\":\"SendCommand\"}",
            "{\"protoPayload\":{\"methodName\":\"v1.compute.instances.insert\"}}",
            "{}");
    for (String product : List.of("aws", "gcp")) {
      for (String document : events) {
        SigmaEvent event = SigmaEvent.of(product, "cloudtrail", null, json(document));
        List<String> fullScan =
            set.rules().stream().filter(r -> r.matches(event)).map(r -> r.rule().title()).toList();

        assertThat(titles(set, event)).as("%s %s", product, document).isEqualTo(fullScan);
      }
    }
  }

  @Test
  void index_coversOtherFieldsWithLiteralValues() {
    SigmaRuleSet set =
        ruleSet(
            rule(
                "denied",
                AWS,
                """
                call:
                    eventName|startswith: List
                denied:
                    errorCode:
                        - AccessDenied
                        - UnauthorizedOperation
                condition: call and denied"""),
            rule(
                "root",
                AWS,
                """
                user:
                    userIdentity.type: Root
                service:
                    eventType: AwsServiceEvent
                condition: user and not service"""),
            rule("agent", AWS, "sel:\n    userAgent|contains: curl\ncondition: sel"));
    SigmaEvent plain =
        SigmaEvent.of(
            "aws",
            "cloudtrail",
            null,
            json("{\"eventName\":\"ListUsers\",\"userIdentity\":{\"type\":\"IAMUser\"}}"));
    SigmaEvent deniedRoot =
        SigmaEvent.of(
            "aws",
            "cloudtrail",
            null,
            json(
                "{\"eventName\":\"ListUsers\",\"errorCode\":\"accessdenied\","
                    + "\"userIdentity\":{\"type\":\"ROOT\"}}"));

    assertThat(set.indexedRuleCount()).isEqualTo(2);
    assertThat(set.candidates(plain, new EventFields(plain.document())).stream().boxed())
        .containsExactly(2);
    assertThat(set.candidates(deniedRoot, new EventFields(deniedRoot.document())).stream().boxed())
        .containsExactly(0, 1, 2);
    assertThat(titles(set, deniedRoot)).containsExactly("denied", "root");
  }

  @Test
  void index_comparesFieldPathsWithCase() {
    // A rule field that differs from a discriminating field only in case is resolved on its own.
    // An event can have both keys, and then the rule must see the key written as it wrote it.
    SigmaRuleSet set =
        ruleSet(rule("upper", AWS, "sel:\n    EventName: SendCommand\ncondition: sel"));
    SigmaEvent event =
        SigmaEvent.of(
            "aws",
            "cloudtrail",
            null,
            json("{\"eventName\":\"StartSession\",\"EventName\":\"SendCommand\"}"));

    assertThat(set.rules().get(0).matches(event)).isTrue();
    assertThat(titles(set, event)).containsExactly("upper");
  }

  @Test
  void index_findsRulesForExpectedEvents() {
    SigmaRuleSet set =
        ruleSet(
            rule("one", AWS, "sel:\n    eventName: SendCommand\ncondition: sel"),
            rule("negated", AWS, "sel:\n    eventName: A\ncondition: not sel"));

    SigmaEvent event =
        SigmaEvent.of("aws", "cloudtrail", null, json("{\"eventName\":\"sendcommand\"}"));

    assertThat(titles(set, event)).containsExactly("one", "negated");
  }

  @Test
  void compiledRule_toStringEchoesCondition() {
    SigmaRuleSet set = ruleSet(rule("t", AWS, "sel:\n    a: b\ncondition: sel"));

    assertThat(set.rules().get(0)).hasToString("t: sel");
  }

  @Test
  void match_routesEachLogSourceAfterCaching() {
    SigmaRuleSet set =
        ruleSet(
            rule("aws", AWS, "sel:\n    eventName: X\ncondition: sel"),
            rule("any aws", "product: aws", "sel:\n    eventName: X\ncondition: sel"),
            rule(
                "azure",
                "product: azure\nservice: activitylogs",
                "sel:\n    eventName: X\ncondition: sel"));
    SigmaEvent aws = SigmaEvent.of("aws", "cloudtrail", null, json("{\"eventName\":\"X\"}"));
    SigmaEvent azure = SigmaEvent.of("AZURE", "ActivityLogs", null, json("{\"eventName\":\"X\"}"));
    SigmaEvent unknown = SigmaEvent.of(null, null, null, json("{\"eventName\":\"X\"}"));

    for (int round = 0; round < 2; round++) {
      assertThat(titles(set, aws)).as("round %d", round).containsExactly("aws", "any aws");
      assertThat(titles(set, azure)).as("round %d", round).containsExactly("azure");
      assertThat(titles(set, unknown)).as("round %d", round).isEmpty();
    }
  }
}
