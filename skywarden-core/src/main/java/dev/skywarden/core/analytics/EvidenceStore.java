package dev.skywarden.core.analytics;

import dev.skywarden.core.event.CloudEvent;
import dev.skywarden.core.event.Interner;
import dev.skywarden.core.hunt.RecordRereader;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the evidence of one analytics run and gives back its events when the run finishes.
 *
 * <p>Design note: profiles keep the first event of every time bucket and feature value, which is
 * millions of events for a long input; only the few behind reported hits are ever shown. When every
 * input is a file ({@link #useReferences}), an event is kept as an {@link Evidence.Reference} of 40
 * bytes, and {@link #resolve} reads the events that finish needs again from their files, each file
 * once and only up to its last needed record, with the hunt's reader, normaliser and network intel.
 * Otherwise (standard input, or a caller that does not offer a rereader, such as a service that
 * feeds events itself) events are kept as slimmed copies ({@link Evidence.Copy}). The choice is
 * made once, before the first event.
 *
 * <p>A file that changed or vanished after the hunt read it cannot give its events back: {@link
 * #resolve} logs a warning that names the file and records, and the hits on those events are
 * counted instead of reported ({@link AnalyticsSummary#hitsWithoutEvidence()}).
 *
 * <p>Thread-safe: {@link #keep} may run on many threads; {@link #resolve} runs on one.
 */
final class EvidenceStore {

  private static final Logger log = LoggerFactory.getLogger(EvidenceStore.class);

  /** Changed records named one by one in warnings; the rest are counted in one line. */
  static final int RECORD_WARNINGS = 10;

  /** Record indexes listed in the warning about one unreadable file. */
  private static final int LISTED_RECORDS = 5;

  private final Interner interner;
  private final InputNames inputs = new InputNames();
  private volatile RecordRereader rereader;

  EvidenceStore(Interner interner) {
    this.interner = interner;
  }

  /** Makes the store keep references, read again with {@code rereader}; before the first event. */
  void useReferences(RecordRereader rereader) {
    this.rereader = rereader;
  }

  /** Returns whether events are kept as references rather than copies. */
  boolean keepsReferences() {
    return rereader != null;
  }

  InputNames inputs() {
    return inputs;
  }

  /** Returns the evidence that keeps {@code event}: a reference or a slimmed copy. */
  Evidence keep(CloudEvent event) {
    if (rereader != null) {
      return new Evidence.Reference(event, inputs.number(event.location().input()));
    }
    return new Evidence.Copy(EventOrder.slim(event, interner));
  }

  /**
   * Returns the events of {@code needed}: copies as they are, references read again from their
   * files, grouped by file and in record order. A reference whose record cannot be read again, or
   * no longer holds the same event, has no event in the result, with a warning.
   */
  Events resolve(Collection<Evidence> needed) {
    Map<Evidence.Reference, CloudEvent> events = new HashMap<>();
    // Input numbers are per source and thread (InputNames), so one record may have references
    // under several numbers. Grouping by name reads each file once for all of them.
    Map<String, Map<Long, List<Evidence.Reference>>> byInput = new TreeMap<>();
    for (Evidence evidence : needed) {
      if (evidence instanceof Evidence.Reference reference) {
        byInput
            .computeIfAbsent(inputs.name(reference.input()), name -> new TreeMap<>())
            .computeIfAbsent(reference.recordIndex(), index -> new ArrayList<>(1))
            .add(reference);
      }
    }
    long started = System.nanoTime();
    Warnings warnings = new Warnings();
    for (Map.Entry<String, Map<Long, List<Evidence.Reference>>> entry : byInput.entrySet()) {
      readAgain(entry.getKey(), entry.getValue(), events, warnings);
    }
    warnings.summarise();
    if (!byInput.isEmpty()) {
      log.debug(
          "analytics: read {} events again from {} files in {} ms",
          events.size(),
          byInput.size(),
          (System.nanoTime() - started) / 1_000_000);
    }
    return new Events(events);
  }

  private void readAgain(
      String input,
      Map<Long, List<Evidence.Reference>> references,
      Map<Evidence.Reference, CloudEvent> events,
      Warnings warnings) {
    long[] indexes = references.keySet().stream().mapToLong(Long::longValue).toArray();
    List<Long> changed = new ArrayList<>();
    RecordRereader.Outcome outcome =
        rereader.read(
            input,
            indexes,
            (index, event) -> {
              List<Evidence.Reference> atIndex = references.get(index);
              if (atIndex.get(0).matches(event)) {
                CloudEvent slim = EventOrder.slim(event, interner);
                for (Evidence.Reference reference : atIndex) {
                  events.put(reference, slim);
                }
              } else {
                changed.add(index);
              }
            });
    List<Evidence.Reference> missing = new ArrayList<>();
    for (List<Evidence.Reference> atIndex : references.values()) {
      if (!events.containsKey(atIndex.get(0))) {
        missing.add(atIndex.get(0));
      }
    }
    if (missing.isEmpty()) {
      return;
    }
    if (outcome.failure() != null || outcome.records() == 0) {
      warnings.unreadable(input, missing, outcome.failure());
      return;
    }
    for (Evidence.Reference reference : missing) {
      warnings.changed(input, reference, changed.contains(reference.recordIndex()));
    }
  }

  /** The events of resolved evidence. */
  static final class Events {
    private final Map<Evidence.Reference, CloudEvent> read;

    private Events(Map<Evidence.Reference, CloudEvent> read) {
      this.read = read;
    }

    /** Returns the event of {@code evidence}, or null when it could not be read again. */
    CloudEvent event(Evidence evidence) {
      if (evidence instanceof Evidence.Copy copy) {
        return copy.event();
      }
      return read.get((Evidence.Reference) evidence);
    }
  }

  /** The warnings of one {@link #resolve}, with a cap on the records named one by one. */
  private static final class Warnings {
    private long changedRecords;

    void unreadable(String input, List<Evidence.Reference> missing, String failure) {
      List<Long> listed = new ArrayList<>();
      for (Evidence.Reference reference : missing) {
        if (listed.size() == LISTED_RECORDS) {
          break;
        }
        listed.add(reference.recordIndex());
      }
      String records =
          missing.size() > LISTED_RECORDS
              ? listed + " and " + (missing.size() - LISTED_RECORDS) + " more"
              : listed.toString();
      log.warn(
          "analytics: cannot read {} again for the events of its records {}: {}; the hits on"
              + " them are counted but not reported. Keep input files unchanged until the hunt"
              + " ends.",
          input,
          records,
          failure == null ? "the file is empty now" : failure);
    }

    void changed(String input, Evidence.Reference reference, boolean otherEvent) {
      changedRecords++;
      if (changedRecords > RECORD_WARNINGS) {
        return;
      }
      log.warn(
          "analytics: record {} of {} changed after the hunt read it ({}, expected the event at"
              + " {}), so the hits on it are counted but not reported. Keep input files unchanged"
              + " until the hunt ends.",
          reference.recordIndex(),
          input,
          otherEvent ? "another event is there" : "it is missing or is no longer an event",
          reference.time());
    }

    void summarise() {
      if (changedRecords > RECORD_WARNINGS) {
        log.warn(
            "analytics: {} more records had changed since the hunt read them",
            changedRecords - RECORD_WARNINGS);
      }
    }
  }
}
