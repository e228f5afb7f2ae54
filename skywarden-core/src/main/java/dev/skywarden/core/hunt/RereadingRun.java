package dev.skywarden.core.hunt;

/**
 * A detector run that can keep references to records instead of copies of their events, and read
 * the events it reports again when it finishes. The hunt offers its {@link RecordRereader} before
 * the first event when every input is a file; otherwise the run keeps copies.
 */
public interface RereadingRun {

  /**
   * Makes the run keep references and read the events they name with {@code rereader} when it
   * finishes.
   *
   * @throws IllegalStateException when the run has seen events already
   */
  void rereadWith(RecordRereader rereader);
}
