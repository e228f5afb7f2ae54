package dev.skywarden.core.input;

import dev.skywarden.core.stats.SkipReason;
import dev.skywarden.core.stats.SkippedRecord;
import java.util.ArrayList;
import java.util.List;

/** Keeps every record and skip that a reader passes, in order. */
final class CollectingSink implements RecordSink {

  final List<RawRecord> accepted = new ArrayList<>();
  final List<SkippedRecord> skipped = new ArrayList<>();
  final List<Long> indices = new ArrayList<>();

  @Override
  public void accept(RawRecord record) {
    accepted.add(record);
    indices.add(record.location().recordIndex());
  }

  @Override
  public void skip(SkippedRecord record) {
    skipped.add(record);
    indices.add(record.location().recordIndex());
  }

  /** Returns the given string field of each accepted record. */
  List<String> field(String name) {
    List<String> values = new ArrayList<>();
    for (RawRecord record : accepted) {
      values.add(record.node().path(name).asText());
    }
    return values;
  }

  /** Returns the line of each accepted record. */
  List<Long> acceptedLines() {
    List<Long> lines = new ArrayList<>();
    for (RawRecord record : accepted) {
      lines.add(record.location().line());
    }
    return lines;
  }

  /** Returns the reason of each skip. */
  List<SkipReason> skipReasons() {
    List<SkipReason> reasons = new ArrayList<>();
    for (SkippedRecord record : skipped) {
      reasons.add(record.reason());
    }
    return reasons;
  }
}
