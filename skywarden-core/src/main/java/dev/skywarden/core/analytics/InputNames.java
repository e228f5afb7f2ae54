package dev.skywarden.core.analytics;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Numbers the inputs of one run, so that an {@link Evidence.Reference} names its input with an int.
 *
 * <p>Memory: a hunt of a large S3 export reads millions of files, and a reference may point into
 * any of them, so the names are stored in parts. The directory part is shared by all files of one
 * directory, and the file name part is kept as Latin-1 bytes when it has no other characters. That
 * is about 100 bytes per input for CloudTrail's file names, where the whole path as a string costs
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

  /** The input a thread numbered last. */
  private record Last(String name, int number) {}

  // One cache per run: a static one would keep a finished run's names reachable from pool threads.
  @SuppressWarnings("ThreadLocalUsage")
  private final ThreadLocal<Last> last = new ThreadLocal<>();

  private final ConcurrentHashMap<String, String> directories = new ConcurrentHashMap<>();
  private final Object lock = new Object();

  /** The directory part of each input, with its trailing separator; written under {@link #lock}. */
  private String[] directoryParts = new String[64];

  /** The file name part of each input: Latin-1 bytes, or a string with other characters. */
  private Object[] fileParts = new Object[64];

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
    String directory = name.substring(0, split);
    String shared = directories.putIfAbsent(directory, directory);
    String file = name.substring(split);
    synchronized (lock) {
      if (size == directoryParts.length) {
        directoryParts = Arrays.copyOf(directoryParts, size * 2);
        fileParts = Arrays.copyOf(fileParts, size * 2);
      }
      directoryParts[size] = shared == null ? directory : shared;
      fileParts[size] = latin1(file) ? file.getBytes(StandardCharsets.ISO_8859_1) : file;
      return size++;
    }
  }

  private static boolean latin1(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) > 0xff) {
        return false;
      }
    }
    return true;
  }

  /**
   * Returns the name of input {@code number}, built from its parts on every call.
   *
   * @throws IllegalArgumentException when no input has that number
   */
  String name(int number) {
    String directory;
    Object file;
    synchronized (lock) {
      if (number < 0 || number >= size) {
        throw new IllegalArgumentException("no input has number " + number);
      }
      directory = directoryParts[number];
      file = fileParts[number];
    }
    String fileName =
        file instanceof byte[] bytes
            ? new String(bytes, StandardCharsets.ISO_8859_1)
            : (String) file;
    return directory.concat(fileName);
  }
}
