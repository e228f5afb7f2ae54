package dev.skywarden.core.report.html;

import static dev.skywarden.core.finding.TestHits.event;
import static dev.skywarden.core.finding.TestHits.hit;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skywarden.core.catalog.ControlCatalog;
import dev.skywarden.core.finding.FindingAggregator;
import dev.skywarden.core.finding.Severity;
import dev.skywarden.core.mappings.MappingCatalog;
import dev.skywarden.core.report.HuntSummary;
import java.io.IOException;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class HtmlReportWriterTest {

  private static final Pattern DATA =
      Pattern.compile(
          "<script type=\"application/json\" id=\"report-data\">(.*?)</script>", Pattern.DOTALL);

  private static String page(String user) throws IOException {
    FindingAggregator aggregator = new FindingAggregator();
    ActivitySampler sampler = new ActivitySampler();
    var event = event(user, 1, 7, "AKIA1", "198.51.100.1", "CreateUser");
    aggregator.add(hit("rule-a", Severity.HIGH, event));
    sampler.detect(event, h -> {});
    StringWriter out = new StringWriter();
    new HtmlReportWriter(
            ControlCatalog.bundled(), MappingCatalog.bundled(), sampler::snapshot, null)
        .write(aggregator.findings(), new HuntSummary("0.1.0", Instant.EPOCH, List.of()), out);
    return out.toString();
  }

  @Test
  void markupInValues_isEscapedInTheDataBlock() throws IOException {
    String payload = "</script><img src=x onerror=alert(1)>&\u2028";
    String html = page(payload);

    assertThat(html).doesNotContain("<img").doesNotContain(payload);
    Matcher data = DATA.matcher(html);
    assertThat(data.find()).isTrue();
    JsonNode root = new ObjectMapper().readTree(data.group(1));
    assertThat(root.path("findings").get(0).path("principal").asText())
        .isEqualTo("arn:aws:iam::111122223333:user/" + payload);
  }

  @Test
  void page_isSelfContainedWithScriptHashPolicy() throws IOException {
    String html = page("alice");

    assertThat(html).doesNotContainPattern("(src|href)=\"(https?:)?//");
    assertThat(html).doesNotContain("{{");
    Matcher script = Pattern.compile("<script>(.*?)</script>", Pattern.DOTALL).matcher(html);
    assertThat(script.find()).isTrue();
    String body = script.group(1);
    // The template puts the script between two line breaks, and the hash covers them.
    String policy = HtmlReportWriter.contentSecurityPolicy(body.substring(1, body.length() - 1));
    assertThat(html).contains(policy);
    assertThat(policy).startsWith("default-src 'none'");
  }

  @Test
  void model_withoutPosture_saysNotLoaded() throws IOException {
    Matcher data = DATA.matcher(page("alice"));
    assertThat(data.find()).isTrue();
    JsonNode root = new ObjectMapper().readTree(data.group(1));

    assertThat(root.path("meta").path("posture_loaded").asBoolean()).isFalse();
    JsonNode principal = root.path("principals").get(0);
    assertThat(principal.path("posture").path("loaded").asBoolean()).isFalse();
    assertThat(principal.path("activity_source").asText()).isEqualTo("sampled");
    assertThat(principal.path("steps")).hasSize(1);
    assertThat(root.path("controls").path("nist_800_53_r5").findValuesAsText("id"))
        .contains("AC-6");
    assertThat(root.path("controls").path("veris")).isNotEmpty();
  }

  @Test
  void model_withThousandsOfPrincipals_capsStoriesAndTimeline() {
    FindingAggregator aggregator = new FindingAggregator();
    for (int i = 0; i < 3000; i++) {
      String name = String.format(java.util.Locale.ROOT, "user%04d", i);
      var event = event(name, 1, 7, "AKIA1", "198.51.100.1", "CreateUser");
      aggregator.add(hit("rule-a", Severity.HIGH, event));
      if (i == 2999) {
        aggregator.add(hit("rule-b", Severity.LOW, event));
      }
    }

    JsonNode root =
        ReportModel.build(
                aggregator.findings(),
                new HuntSummary("0.1.0", Instant.EPOCH, List.of()),
                ActivitySampler.Snapshot.empty(),
                null,
                ControlCatalog.bundled(),
                MappingCatalog.bundled())
            .json();

    assertThat(root.path("principals")).hasSize(ReportModel.MAX_STORY_PRINCIPALS);
    assertThat(root.path("meta").path("principals_omitted").asInt()).isEqualTo(2950);
    assertThat(root.path("principals").findValuesAsText("principal"))
        .as("the principal with the most findings comes first in the cut")
        .anyMatch(p -> p.endsWith("user2999"));
  }

  @Test
  void model_namesTechniquesControlsAndFilesOnce() throws IOException {
    FindingAggregator aggregator = new FindingAggregator();
    for (int i = 0; i < 1000; i++) {
      String name = String.format(java.util.Locale.ROOT, "user%04d", i);
      aggregator.add(
          hit("rule-a", Severity.HIGH, event(name, 1, i, "AKIA1", "198.51.100.1", "CreateUser")));
    }

    JsonNode root =
        ReportModel.build(
                aggregator.findings(),
                new HuntSummary("0.1.0", Instant.EPOCH, List.of()),
                ActivitySampler.Snapshot.empty(),
                null,
                ControlCatalog.bundled(),
                MappingCatalog.bundled())
            .json();

    JsonNode finding = root.path("findings").get(0);
    assertThat(finding.path("techniques").get(0).isTextual()).as("technique by id").isTrue();
    String technique = finding.path("techniques").get(0).asText();
    assertThat(root.path("catalog").path("techniques").path(technique).path("name").asText())
        .isNotEmpty();
    String control = finding.path("nist_800_53_r5").get(0).asText();
    assertThat(root.path("catalog").path("nist").path(control).asText()).isNotEmpty();
    assertThat(root.path("files")).hasSize(1);
    JsonNode evidence = finding.path("evidence").get(0);
    assertThat(evidence).hasSize(8);
    assertThat(root.path("files").get(evidence.get(5).asInt()).asText()).isEqualTo("trail.json");
    int bytes = new ObjectMapper().writeValueAsString(root.path("findings")).length();
    assertThat(bytes / 1000).as("bytes per finding with one evidence event").isLessThan(1000);
  }
}
