package dev.skywarden.core.input;

import java.io.FileInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A named source of bytes: a file, or a stream such as standard input. The name is what the user
 * gave (the file path as given, or {@code -}) and appears in every record location and error.
 *
 * <p>Instances are immutable. A file source can be opened any number of times. A stream source
 * hands out the same stream each time, so it can be read only once.
 */
public final class InputSource {

  /** Opens the bytes of a source. */
  @FunctionalInterface
  interface Opener {
    InputStream open() throws IOException;
  }

  private final String name;
  private final Path path;
  private final Opener opener;

  private InputSource(String name, Path path, Opener opener) {
    this.name = Objects.requireNonNull(name, "name");
    this.path = path;
    this.opener = opener;
  }

  /**
   * Returns a source that reads the file at {@code path}, named by the path as given. A path that
   * is neither a regular file nor a directory, such as a named pipe, a character device or {@code
   * /dev/fd/N} from a shell's process substitution, is read as a plain stream: the channel stream
   * of {@link Files#newInputStream} asks such files for their size and position and fails with
   * "Illegal seek".
   */
  public static InputSource ofFile(Path path) {
    Objects.requireNonNull(path, "path");
    return new InputSource(path.toString(), path, () -> openFile(path));
  }

  private static InputStream openFile(Path path) throws IOException {
    if (Files.isRegularFile(path) || Files.isDirectory(path)) {
      return Files.newInputStream(path);
    }
    return new FileInputStream(path.toFile());
  }

  /**
   * Returns a source that reads an open stream, such as standard input under the name {@code -}.
   * The reader does not close the stream: the caller owns it.
   */
  public static InputSource ofStream(String name, InputStream stream) {
    Objects.requireNonNull(stream, "stream");
    return new InputSource(name, null, () -> new UnclosedInputStream(stream));
  }

  /** Returns a source whose opening fails with {@code error}, such as an unreadable directory. */
  static InputSource failed(String name, Path path, IOException error) {
    return new InputSource(
        name,
        path,
        () -> {
          throw error;
        });
  }

  /** Returns the name used in locations and messages. */
  public String name() {
    return name;
  }

  /** Returns the file path, or empty for a stream source. */
  public Optional<Path> path() {
    return Optional.ofNullable(path);
  }

  /**
   * Opens the bytes, still compressed if the source is compressed.
   *
   * @throws IOException when the file cannot be opened
   */
  public InputStream open() throws IOException {
    return opener.open();
  }

  @Override
  public String toString() {
    return name;
  }

  /** Keeps a caller-owned stream open when the reader closes its wrappers. */
  private static final class UnclosedInputStream extends FilterInputStream {
    UnclosedInputStream(InputStream in) {
      super(in);
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      return in.read(buffer, offset, length);
    }

    @Override
    public void close() {
      // The caller owns the stream.
    }
  }
}
