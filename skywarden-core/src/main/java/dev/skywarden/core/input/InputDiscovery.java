package dev.skywarden.core.input;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Expands the paths a user gives into input sources: a file becomes one source, a directory becomes
 * every regular file below it, and {@code -} becomes standard input.
 *
 * <p>Directories are walked recursively following symbolic links; a link that leads back into a
 * directory being walked (a loop) is logged and not followed again. Files and directories below a
 * directory whose names start with {@code .} are left out. The files of one directory are sorted by
 * path, so the order does not depend on the file system.
 *
 * <p>A path that does not exist is an error ({@link NoSuchFileException} naming the path). Files
 * and directories that exist but cannot be read are not errors here: each becomes a source whose
 * {@link InputSource#open()} fails, so {@link LogReader} counts it as one {@code READ_ERROR} skip
 * that names the path, and the other inputs are still read.
 *
 * <p>Instances are immutable and thread-safe.
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
   * One path given by the user and the sources it expands to, in reading order.
   *
   * @param userPath the path as given
   * @param sources the sources; empty for an empty directory
   * @param duplicatesDropped files of this path left out because an earlier source of the same
   *     {@link #discover(List)} call is the same file
   */
  public record UserInput(String userPath, List<InputSource> sources, int duplicatesDropped) {
    public UserInput {
      sources = List.copyOf(sources);
    }

    /** Creates an input with no dropped duplicates. */
    public UserInput(String userPath, List<InputSource> sources) {
      this(userPath, sources, 0);
    }
  }

  /**
   * Expands each user path, keeping the order of {@code userPaths}. A file whose real path ({@link
   * Path#toRealPath}) was already seen, through the same path given twice or a symbolic link, is
   * read once: later occurrences are dropped with a warning and counted in {@link
   * UserInput#duplicatesDropped()}. A file whose real path cannot be resolved is kept.
   *
   * @throws IllegalArgumentException when {@code -} is given more than once
   * @throws NoSuchFileException when a path does not exist; the message names the path
   * @throws IOException when a path cannot be examined at all
   */
  public List<UserInput> discover(List<String> userPaths) throws IOException {
    if (userPaths.stream().filter(STANDARD_INPUT::equals).count() > 1) {
      throw new IllegalArgumentException("standard input '-' given more than once");
    }

    Set<Path> seen = new HashSet<>();
    List<UserInput> inputs = new ArrayList<>(userPaths.size());
    for (String userPath : userPaths) {
      inputs.add(withoutDuplicates(discover(userPath), seen));
    }
    return inputs;
  }

  private static UserInput withoutDuplicates(UserInput input, Set<Path> seen) {
    List<InputSource> kept = new ArrayList<>();
    int dropped = 0;
    for (InputSource source : input.sources()) {
      Path real = realPath(source);
      if (real != null && !seen.add(real)) {
        LOG.warn("Skipping input {}: it is the same file as an earlier input ({})", source, real);
        dropped++;
      } else {
        kept.add(source);
      }
    }
    return new UserInput(input.userPath(), kept, dropped);
  }

  /** Returns the real path of a file source, or null for a stream or an unresolvable path. */
  private static Path realPath(InputSource source) {
    if (source.path().isEmpty()) {
      return null;
    }
    try {
      return source.path().get().toRealPath();
    } catch (IOException e) {
      return null;
    }
  }

  /**
   * Expands one user path.
   *
   * @throws NoSuchFileException when the path does not exist; the message names the path
   * @throws IOException when the path cannot be examined at all
   */
  public UserInput discover(String userPath) throws IOException {
    if (STANDARD_INPUT.equals(userPath)) {
      return new UserInput(userPath, List.of(InputSource.ofStream(userPath, standardInput)));
    }

    Path path = Path.of(userPath);
    if (!Files.exists(path)) {
      throw new NoSuchFileException(userPath, null, "input not found");
    }
    if (!Files.isDirectory(path)) {
      return new UserInput(userPath, List.of(InputSource.ofFile(path)));
    }

    List<InputSource> sources = new ArrayList<>();
    Files.walkFileTree(
        path, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE, new Collector(sources));
    sources.sort(Comparator.comparing(InputSource::name));
    return new UserInput(userPath, sources);
  }

  /** Collects regular files and turns unreadable entries into failing sources. */
  private static final class Collector extends SimpleFileVisitor<Path> {
    private final List<InputSource> sources;
    private Path root;

    Collector(List<InputSource> sources) {
      this.sources = sources;
    }

    @Override
    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
      if (root == null) {
        root = dir;
      } else if (isHidden(dir)) {
        return FileVisitResult.SKIP_SUBTREE;
      }
      return FileVisitResult.CONTINUE;
    }

    @Override
    public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
      if (isHidden(file)) {
        return FileVisitResult.CONTINUE;
      }
      if (attributes.isRegularFile()) {
        sources.add(InputSource.ofFile(file));
      } else if (attributes.isSymbolicLink()) {
        // With FOLLOW_LINKS, a link's own attributes arrive only when its target is missing.
        sources.add(
            InputSource.failed(
                file.toString(),
                file,
                new NoSuchFileException(file.toString(), null, "broken symbolic link")));
      }
      return FileVisitResult.CONTINUE;
    }

    @Override
    public FileVisitResult visitFileFailed(Path file, IOException error) {
      if (error instanceof FileSystemLoopException) {
        LOG.warn("Not following symbolic link loop at {}", file);
        return FileVisitResult.CONTINUE;
      }
      sources.add(InputSource.failed(file.toString(), file, error));
      return FileVisitResult.CONTINUE;
    }

    private static boolean isHidden(Path path) {
      Path name = path.getFileName();
      return name != null && name.toString().startsWith(".");
    }
  }
}
