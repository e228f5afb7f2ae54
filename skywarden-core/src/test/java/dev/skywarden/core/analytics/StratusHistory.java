package dev.skywarden.core.analytics;

import dev.skywarden.core.event.Api;
import dev.skywarden.core.event.CloudEvent;
import dev.skywarden.core.event.Outcome;
import dev.skywarden.core.event.SourceLocation;
import dev.skywarden.core.input.InputSource;
import dev.skywarden.core.input.LogReader;
import dev.skywarden.core.input.RawRecord;
import dev.skywarden.core.input.RecordSink;
import dev.skywarden.core.normalize.EventNormalizer;
import dev.skywarden.core.normalize.NormalizeResult;
import dev.skywarden.core.stats.SkippedRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads Stratus detonation logs and makes a day of ordinary history for their principals. */
final class StratusHistory {

  private static final String[][] READS = {
    {"ec2.amazonaws.com", "DescribeInstances"},
    {"ec2.amazonaws.com", "DescribeRegions"},
    {"s3.amazonaws.com", "ListBuckets"},
    {"sts.amazonaws.com", "GetCallerIdentity"},
    {"ec2.amazonaws.com", "DescribeVolumes"}
  };

  private StratusHistory() {}

  /** Reads and normalises every record of a file, in time order. */
  static List<CloudEvent> read(Path file) throws IOException {
    EventNormalizer normalizer = new EventNormalizer();
    List<CloudEvent> events = new ArrayList<>();
    new LogReader()
        .read(
            InputSource.ofFile(file),
            new RecordSink() {
              @Override
              public void accept(RawRecord record) {
                if (normalizer.normalize(record) instanceof NormalizeResult.Normalized normalized) {
                  events.add(normalized.event());
                }
              }

              @Override
              public void skip(SkippedRecord skipped) {}
            });
    events.sort(Comparator.comparing(CloudEvent::time));
    return events;
  }

  /**
   * Returns, for each principal of the detonation, 200 read-only calls spread over the day before
   * its first event, with the client, credential, region and source address of that first event.
   */
  static List<CloudEvent> dayBefore(List<CloudEvent> detonation) {
    Map<String, CloudEvent> firstByPrincipal = new LinkedHashMap<>();
    for (CloudEvent event : detonation) {
      firstByPrincipal.putIfAbsent(event.actor().displayName(), event);
    }
    List<CloudEvent> history = new ArrayList<>();
    long index = 0;
    for (CloudEvent first : firstByPrincipal.values()) {
      for (int i = 0; i < 200; i++) {
        String[] call = READS[i % READS.length];
        history.add(
            new CloudEvent(
                first.time().minus(Duration.ofHours(25)).plusSeconds(i * 432L),
                first.kind(),
                "history-" + index,
                first.account(),
                first.region(),
                first.actor(),
                first.credential(),
                first.source(),
                first.userAgent(),
                new Api(call[0], call[1], Boolean.TRUE),
                Outcome.SUCCESS,
                List.of(),
                first.client(),
                com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode(),
                new SourceLocation("history.json", ++index, index)));
      }
    }
    return history;
  }
}
