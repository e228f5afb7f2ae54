package dev.skywarden.core.input;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Expands the paths a user gives into input sources: a file becomes one source, a directory becomes
 * every regular file below it, and {@code -} becomes standard input.
 *
 * <p>The expansion is lazy ({@link InputWalk}): directories are walked depth-first while the
 * sources are taken, so memory does not grow with the number of files ({@link TreeWalk}). Symbolic
 * links are followed; a link that leads back into a directory being walked (a loop) is logged and
 * not followed again. Files and directories below a directory whose names start with {@code .} are
 * left out. The files of one directory argument come in the order of their paths sorted as strings,
 * so the order does not depend on the file system. The files of a CloudTrail folder in the S3
 * layout come merged across regions by day and delivery time instead ({@link CloudTrailFolder}).
 *
 * <p>A path that does not exist is an error ({@link NoSuchFileException} naming the path), found
 * before any source is produced. Files and directories that exist but cannot be read are not errors
 * here: each becomes a source whose {@link InputSource#open()} fails, so {@link LogReader} counts
 * it as one {@code READ_ERROR} skip that names the path, and the other inputs are still read.
 *
 * <p>Instances are immutable and thread-safe; each {@link InputWalk} is for one thread.
 */
public final class InputDiscovery {

  /** The user path that stands for standard input. */
  public static final String STANDARD_INPUT = "-";

  private static final Logger LOG = LoggerFactory.getLogger(InputDiscovery.class);

  private final InputStream standardInput;

  /** Creates a discovery that maps {@code -} to {@link System#in}. */
  public InputDiscovery() {
    this(System.in);
  }

  /** Creates a discovery that maps {@code -} to {@code standardInput}. */
  public InputDiscovery(InputStream standardInput) {
    this.standardInput = Objects.requireNonNull(standardInput, "standardInput");
  }

  /**
   * One path given by the user and its sources, in reading order, for sources known up front
   * ({@link InputWalk#of}).
   *
   * @param userPath the path as given
   * @param sources the sources; empty for an empty directory
   */
  public record UserInput(String userPath, List<InputSource> sources) {
    public UserInput {
      sources = List.copyOf(sources);
    }
  }

  /**
   * Checks every user path and returns a walk that expands them lazily, in the order of {@code
   * userPaths}. A file already produced by the walk, through the same path given twice, a symbolic
   * link, another hard link or overlapping directories, is read once: later occurrences are dropped
   * with a warning and counted in {@link InputWalk#duplicatesDropped(int)} ({@link ReadOnce}). A
   * file whose real path cannot be resolved is kept.
   *
   * @throws IllegalArgumentException when {@code -} is given more than once
   * @throws NoSuchFileException when a path does not exist; the message names the path
   */
  public InputWalk discover(List<String> userPaths) throws NoSuchFileException {
    if (userPaths.stream().filter(STANDARD_INPUT::equals).count() > 1) {
      throw new IllegalArgumentException("standard input '-' given more than once");
    }
    for (String userPath : userPaths) {
      if (!STANDARD_INPUT.equals(userPath) && !Files.exists(Path.of(userPath))) {
        throw new NoSuchFileException(userPath, null, "input not found");
      }
    }

    List<String> paths = List.copyOf(userPaths);
    ReadOnce readOnce = new ReadOnce();
    return new InputWalk(paths, (index, dropped) -> expand(paths.get(index), readOnce, dropped));
  }

  /**
   * Returns whether {@code file} is one of the files {@code userPaths} name, or lies below one of
   * the directories they name where a walk reaches it (no name on the way starts with {@code .}). A
   * file that does not exist yet counts by where it would be created, so a new output inside an
   * input directory is recognised. A file reached only through a symbolic link inside a directory
   * is not recognised.
   *
   * @throws IOException when the real path of {@code file}, or of its nearest existing parent,
   *     cannot be resolved
   */
  public static boolean isInput(List<String> userPaths, Path file) throws IOException {
    Path real = realPathOfExistingPart(file);
    ReadOnce named = new ReadOnce();
    for (String userPath : userPaths) {
      if (STANDARD_INPUT.equals(userPath) || !Files.exists(Path.of(userPath))) {
        continue;
      }
      Path root = Path.of(userPath).toRealPath();
      if (Files.isDirectory(root)) {
        named.addTree(root);
      } else {
        named.addFile(root);
      }
    }
    return named.seen(real, List.of());
  }

  /**
   * Returns the real path of {@code file} or, when it does not exist, the real path of its nearest
   * existing parent joined with the missing names.
   */
  private static Path realPathOfExistingPart(Path file) throws IOException {
    Path existing = file.toAbsolutePath().normalize();
    Path missing = null;
    while (existing != null && !Files.exists(existing)) {
      Path name = existing.getFileName();
      missing = missing == null ? name : name.resolve(missing);
      existing = existing.getParent();
    }
    if (existing == null) {
      return file.toAbsolutePath().normalize();
    }
    Path real = existing.toRealPath();
    return missing == null ? real : real.resolve(missing);
  }

  private Iterator<InputSource> expand(String userPath, ReadOnce readOnce, Runnable dropped) {
    if (STANDARD_INPUT.equals(userPath)) {
      return List.of(InputSource.ofStream(userPath, standardInput)).iterator();
    }

    Path path = Path.of(userPath);
    if (Files.isDirectory(path)) {
      return new TreeWalk(path, readOnce, dropped);
    }
    Path real = realPath(path);
    if (real != null) {
      if (readOnce.seen(real, List.of())) {
        LOG.warn("Skipping input {}: it is the same file as an earlier input ({})", path, real);
        dropped.run();
        return Collections.emptyIterator();
      }
      if (readOnce.seenHardLink(ReadOnce.hardLinkId(path))) {
        LOG.warn("Skipping input {}: it is another hard link of a file read earlier", path);
        dropped.run();
        return Collections.emptyIterator();
      }
      readOnce.addFile(real);
    }
    return List.of(InputSource.ofFile(path)).iterator();
  }

  /** Returns the real path of a file, or null when it cannot be resolved. */
  private static Path realPath(Path path) {
    try {
      return path.toRealPath();
    } catch (IOException e) {
      return null;
    }
  }
}
