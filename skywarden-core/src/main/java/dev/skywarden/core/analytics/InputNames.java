package dev.skywarden.core.analytics;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Numbers the inputs of one run, so that an {@link Evidence.Reference} names its input with an int.
 *
 * <p>Memory: a hunt of a large S3 export reads millions of files, and a reference may point into
 * any of them, so the names are stored front-coded. Each directory is kept once. Its file names go
 * into one byte array in the order they are numbered, each as the length of the prefix it shares
 * with the directory's previous name and the UTF-8 bytes of the rest. Every {@value #RESTART}th
 * name of a directory is stored whole, so {@link #name} decodes at most that many entries.
 * CloudTrail delivery files of one directory share about 40 of their 75 characters, so an input
 * costs about 40 bytes here (two ints and the rest of its name), where a string per name costs
 * about 200.
 *
 * <p>Numbers: each thread remembers the input it numbered last, because a hunt reads a source to
 * its end on one thread; any other input name gets the next number. So a name fed again after
 * another one, or from another thread, gets a second number, and references that differ only in
 * their number name the same record. {@link EvidenceStore} handles that.
 *
 * <p>Thread-safe: {@link #number} may run on many threads. A number it returns is valid for {@link
 * #name} on any thread that reads the number after a lock or another happens-before edge.
 */
final class InputNames {

  /** Names of one directory between two names stored whole. */
  static final int RESTART = 16;

  /** Inputs per page of the per-input arrays. */
  private static final int PAGE = 4096;

  /** The input a thread numbered last. */
  private record Last(String name, int number) {}

  /** The file names of one directory, front-coded in the order they were numbered. */
  private static final class Directory {
    final String path;
    byte[] entries = new byte[128];
    int length;
    int count;

    /** Offsets in {@link #entries} of the names stored whole, ascending. */
    int[] restarts = new int[4];

    byte[] previous = new byte[0];

    Directory(String path) {
      this.path = path;
    }
  }

  // One cache per run: a static one would keep a finished run's names reachable from pool threads.
  @SuppressWarnings("ThreadLocalUsage")
  private final ThreadLocal<Last> last = new ThreadLocal<>();

  private final Object lock = new Object();

  // Every field below is read and written under lock.
  private final Map<String, Directory> directories = new HashMap<>();

  /** Names whose file part does not survive a round trip through UTF-8, by number. */
  private final Map<Integer, String> irregular = new HashMap<>();

  /** The directory of each input, in pages of {@value #PAGE}, so growing copies no page. */
  private Directory[][] directoryOf = new Directory[16][];

  /** The offset of each input's entry in its directory, or -1 for an irregular name, paged. */
  private int[][] offsetOf = new int[16][];

  private int size;

  /** Returns the number of an input: the one this thread gave it last, or the next one. */
  int number(String name) {
    Last cached = last.get();
    if (cached != null && cached.name().equals(name)) {
      return cached.number();
    }
    int number = register(name);
    last.set(new Last(name, number));
    return number;
  }

  private int register(String name) {
    int split = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1;
    String file = name.substring(split);
    byte[] bytes = file.getBytes(StandardCharsets.UTF_8);
    boolean regular = new String(bytes, StandardCharsets.UTF_8).equals(file);
    synchronized (lock) {
      int page = size / PAGE;
      if (size % PAGE == 0) {
        if (page == offsetOf.length) {
          directoryOf = Arrays.copyOf(directoryOf, page * 2);
          offsetOf = Arrays.copyOf(offsetOf, page * 2);
        }
        directoryOf[page] = new Directory[PAGE];
        offsetOf[page] = new int[PAGE];
      }
      Directory directory = directories.computeIfAbsent(name.substring(0, split), Directory::new);
      directoryOf[page][size % PAGE] = directory;
      if (regular) {
        offsetOf[page][size % PAGE] = append(directory, bytes);
      } else {
        offsetOf[page][size % PAGE] = -1;
        irregular.put(size, file);
      }
      return size++;
    }
  }

  /**
   * Returns the bytes of the arrays that hold the names: the directories' entries and restart
   * offsets, and two ints per input. Object headers and the directory paths are not counted.
   */
  long storedBytes() {
    synchronized (lock) {
      long bytes = 8L * PAGE * ((size + PAGE - 1) / PAGE);
      for (Directory directory : directories.values()) {
        bytes += directory.entries.length + 4L * directory.restarts.length;
        bytes += directory.previous.length;
      }
      return bytes;
    }
  }

  /** Appends a file name to its directory's entries and returns the offset of its entry. */
  private static int append(Directory directory, byte[] name) {
    int offset = directory.length;
    int shared = 0;
    if (directory.count % RESTART == 0) {
      if (directory.count / RESTART == directory.restarts.length) {
        directory.restarts = Arrays.copyOf(directory.restarts, directory.restarts.length * 2);
      }
      directory.restarts[directory.count / RESTART] = offset;
    } else {
      shared = Arrays.mismatch(directory.previous, name);
      if (shared < 0) {
        shared = name.length;
      }
    }
    int rest = name.length - shared;
    int needed = offset + 10 + rest;
    if (needed > directory.entries.length) {
      // A quarter more, not double: the slack of every directory is memory kept to the end.
      int grown = directory.entries.length + directory.entries.length / 4;
      directory.entries = Arrays.copyOf(directory.entries, Math.max(needed, grown));
    }
    int position = writeVarint(directory.entries, offset, shared);
    position = writeVarint(directory.entries, position, rest);
    System.arraycopy(name, shared, directory.entries, position, rest);
    directory.length = position + rest;
    directory.count++;
    directory.previous = name;
    return offset;
  }

  /**
   * Returns the name of input {@code number}, decoded from its directory's entries on every call.
   *
   * @throws IllegalArgumentException when no input has that number
   */
  String name(int number) {
    synchronized (lock) {
      if (number < 0 || number >= size) {
        throw new IllegalArgumentException("no input has number " + number);
      }
      Directory directory = directoryOf[number / PAGE][number % PAGE];
      int offset = offsetOf[number / PAGE][number % PAGE];
      String file = offset < 0 ? irregular.get(number) : decode(directory, offset);
      return directory.path.concat(file);
    }
  }

  /** Decodes the entry at {@code offset}, starting at the last name stored whole before it. */
  private static String decode(Directory directory, int offset) {
    int restarts = (directory.count + RESTART - 1) / RESTART;
    int found = Arrays.binarySearch(directory.restarts, 0, restarts, offset);
    int position = directory.restarts[found >= 0 ? found : -found - 2];
    byte[] entries = directory.entries;
    byte[] name = new byte[128];
    int[] cursor = {position};
    while (true) {
      int entry = cursor[0];
      int shared = readVarint(entries, cursor);
      int rest = readVarint(entries, cursor);
      if (shared + rest > name.length) {
        name = Arrays.copyOf(name, shared + rest);
      }
      System.arraycopy(entries, cursor[0], name, shared, rest);
      cursor[0] += rest;
      if (entry == offset) {
        return new String(name, 0, shared + rest, StandardCharsets.UTF_8);
      }
    }
  }

  private static int writeVarint(byte[] target, int position, int value) {
    int remaining = value;
    while (remaining >= 0x80) {
      target[position++] = (byte) (remaining | 0x80);
      remaining >>>= 7;
    }
    target[position++] = (byte) remaining;
    return position;
  }

  private static int readVarint(byte[] source, int[] cursor) {
    int value = 0;
    int shift = 0;
    while (true) {
      byte next = source[cursor[0]++];
      value |= (next & 0x7f) << shift;
      if (next >= 0) {
        return value;
      }
      shift += 7;
    }
  }
}
