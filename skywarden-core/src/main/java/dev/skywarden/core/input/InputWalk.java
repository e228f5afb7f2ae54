package dev.skywarden.core.input;

import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * The sources of the inputs a user gave, in reading order, made one at a time as they are taken.
 * The files of a directory are listed while the hunt reads the files before them, so a corpus of
 * millions of files is never on the heap as a list of sources.
 *
 * <p>Each source comes with the index of the user input it belongs to, in the order of {@link
 * #userPaths()}. A walk can be taken once. Not thread-safe: one thread takes the sources.
 */
public final class InputWalk implements Iterator<InputWalk.Discovered> {

  /**
   * One source and the index, in {@link #userPaths()}, of the user input it belongs to.
   *
   * @param input index of the user input
   * @param source the source to read
   */
  public record Discovered(int input, InputSource source) {}

  /** Expands the user input with index {@code input} into its sources, lazily. */
  @FunctionalInterface
  interface Expander {
    /**
     * Returns the sources of one input; {@code duplicateDropped} is called for each file left out
     * because an earlier source is the same file.
     */
    Iterator<InputSource> expand(int input, Runnable duplicateDropped);
  }

  private final List<String> userPaths;
  private final Expander expander;
  private final long[] duplicatesDropped;
  private int input = -1;
  private Iterator<InputSource> current = Collections.emptyIterator();

  InputWalk(List<String> userPaths, Expander expander) {
    this.userPaths = List.copyOf(userPaths);
    this.expander = Objects.requireNonNull(expander, "expander");
    this.duplicatesDropped = new long[userPaths.size()];
  }

  /**
   * Returns a walk over sources that are already known, such as streams; nothing is dropped as a
   * duplicate.
   */
  public static InputWalk of(List<InputDiscovery.UserInput> inputs) {
    List<InputDiscovery.UserInput> copy = List.copyOf(inputs);
    return new InputWalk(
        copy.stream().map(InputDiscovery.UserInput::userPath).toList(),
        (index, dropped) -> copy.get(index).sources().iterator());
  }

  /** Returns the user paths, in the order given; sources refer to them by index. */
  public List<String> userPaths() {
    return userPaths;
  }

  /**
   * Returns how many files of user input {@code input} were left out so far because an earlier
   * source is the same file (the same path twice, a symbolic link, overlapping directories).
   */
  public long duplicatesDropped(int input) {
    return duplicatesDropped[input];
  }

  @Override
  public boolean hasNext() {
    while (!current.hasNext()) {
      if (input + 1 >= userPaths.size()) {
        return false;
      }
      int index = ++input;
      current = expander.expand(index, () -> duplicatesDropped[index]++);
    }
    return true;
  }

  @Override
  public Discovered next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return new Discovered(input, current.next());
  }
}
