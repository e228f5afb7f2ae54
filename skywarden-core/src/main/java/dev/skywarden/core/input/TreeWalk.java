package dev.skywarden.core.input;

import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Walks one directory tree depth-first and produces its files as sources, one at a time, in the
 * order of their names ({@link String#compareTo} of the whole path), without listing the tree up
 * front.
 *
 * <p>Design note: the entries of a directory are sorted with a directory's name followed by {@code
 * /}, so that walking each directory in that order gives exactly the order of all paths sorted as
 * strings (a file {@code a.json} comes before the files of a directory {@code a}, because {@code .}
 * sorts before {@code /}). The walk keeps the sorted entries of each directory on the current path
 * only: memory grows with the depth of the tree and the width of its widest directory, not with the
 * number of files.
 *
 * <p>Symbolic links are followed; a link back into a directory on the current path (a loop) is
 * logged and not followed. Names below the root that start with {@code .} are left out. A broken
 * link, an entry whose attributes cannot be read and a directory that cannot be opened each become
 * one source whose {@link InputSource#open()} fails with the reason, so the reader counts it as a
 * {@code READ_ERROR} skip naming the path. Other kinds of entries (named pipes, sockets, devices)
 * inside a directory are left out. A file that {@link ReadOnce} has seen, under the same real path
 * or as another hard link of the same file, is dropped with a warning.
 *
 * <p>Not thread-safe: one thread takes the sources.
 */
final class TreeWalk implements Iterator<InputSource> {

  private static final Logger LOG = LoggerFactory.getLogger(TreeWalk.class);

  /** The kind of a directory entry, with symbolic links followed. */
  private enum Kind {
    FILE,
    DIRECTORY,
    LINK_TO_FILE,
    LINK_TO_DIRECTORY,
    BROKEN_LINK,
    UNREADABLE
  }

  /**
   * One directory entry; {@code key} orders it among its siblings. {@code fileName} is the name as
   * the directory listed it: resolving it keeps the name's bytes, where resolving {@code name}
   * fails for a name that the locale's charset cannot encode (a non-ASCII name under the C locale).
   * {@code hardLink} is the device and inode of a file with several hard links ({@link
   * ReadOnce#hardLinkId}), or null.
   */
  private record Entry(
      Path fileName,
      String name,
      Kind kind,
      String key,
      IOException error,
      ReadOnce.FileId hardLink) {

    Entry(Path fileName, String name, Kind kind, String key, IOException error) {
      this(fileName, name, kind, key, error, null);
    }
  }

  /** A tree being walked: the walk's root or a directory reached through a link. */
  private final class OpenTree implements ReadOnce.OpenTree {
    private final Path nameRoot;
    private final Path realRoot;

    OpenTree(Path nameRoot, Path realRoot) {
      this.nameRoot = nameRoot;
      this.realRoot = realRoot;
    }

    @Override
    public Path realRoot() {
      return realRoot;
    }

    @Override
    public String position() {
      return nameRoot.relativize(current).toString();
    }
  }

  /**
   * A listed directory on the current path and the next entry to visit; {@code opens} is the tree
   * it starts, or null.
   */
  private static final class Frame {
    final Path dir;
    final Path real;
    final Object fileKey;
    final List<Entry> entries;
    final OpenTree opens;
    int next;

    Frame(Path dir, Path real, Object fileKey, List<Entry> entries, OpenTree opens) {
      this.dir = dir;
      this.real = real;
      this.fileKey = fileKey;
      this.entries = entries;
      this.opens = opens;
    }
  }

  private final ReadOnce readOnce;
  private final Runnable duplicateDropped;
  private final Deque<Frame> frames = new ArrayDeque<>();
  private final List<OpenTree> open = new ArrayList<>();
  private Path current;
  private InputSource pending;

  /**
   * Starts a walk of the directory {@code root}.
   *
   * @param readOnce the files produced so far by the discovery, shared by its walks
   * @param duplicateDropped called once for each file dropped as already produced
   */
  TreeWalk(Path root, ReadOnce readOnce, Runnable duplicateDropped) {
    this.readOnce = Objects.requireNonNull(readOnce, "readOnce");
    this.duplicateDropped = Objects.requireNonNull(duplicateDropped, "duplicateDropped");
    current = root;
    descend(root, realPath(root), true);
  }

  @Override
  public boolean hasNext() {
    while (pending == null && !frames.isEmpty()) {
      step();
    }
    return pending != null;
  }

  @Override
  public InputSource next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    InputSource source = pending;
    pending = null;
    return source;
  }

  /** Returns the number of directory entries held now, for tests of the walk's memory. */
  int entriesHeld() {
    int held = 0;
    for (Frame frame : frames) {
      held += frame.entries.size();
    }
    return held;
  }

  /** Visits the next entry of the innermost directory, or leaves the directory when done. */
  private void step() {
    Frame frame = frames.peek();
    if (frame.next >= frame.entries.size()) {
      frames.pop();
      if (frame.opens != null) {
        open.remove(open.size() - 1);
        readOnce.addTree(frame.opens.realRoot());
      }
      return;
    }

    Entry entry = frame.entries.get(frame.next++);
    Path child = frame.dir.resolve(entry.fileName());
    current = child;
    switch (entry.kind()) {
      case FILE -> produce(child, frame.real.resolve(entry.fileName()), false, entry.hardLink());
      case LINK_TO_FILE -> produce(child, realPath(child), true, entry.hardLink());
      case DIRECTORY -> descend(child, frame.real.resolve(entry.fileName()), false);
      case LINK_TO_DIRECTORY -> descend(child, realPath(child), true);
      case BROKEN_LINK ->
          pending =
              InputSource.failed(
                  child.toString(),
                  child,
                  new NoSuchFileException(child.toString(), null, "broken symbolic link"));
      case UNREADABLE -> pending = InputSource.failed(child.toString(), child, entry.error());
    }
  }

  /**
   * Makes {@code file} the next source unless it was produced before, under this name or, for a
   * file with several hard links ({@code hardLink} not null), under another.
   */
  private void produce(Path file, Path real, boolean throughLink, ReadOnce.FileId hardLink) {
    // A file reached without a link is at the innermost open tree's position, so only the outer
    // trees can have produced it already.
    List<OpenTree> earlier = throughLink ? open : open.subList(0, open.size() - 1);
    if (readOnce.seen(real, earlier)) {
      LOG.warn("Skipping input {}: it is the same file as an earlier input ({})", file, real);
      duplicateDropped.run();
      return;
    }
    if (readOnce.seenHardLink(hardLink)) {
      LOG.warn("Skipping input {}: it is another hard link of a file read earlier", file);
      duplicateDropped.run();
      return;
    }
    if (throughLink) {
      readOnce.addFile(real);
    }
    pending = InputSource.ofFile(file);
  }

  /**
   * Lists {@code dir} and makes it the innermost directory, unless it is a loop; a directory that
   * cannot be listed becomes a failing source.
   *
   * @param opensTree whether {@code dir} starts a tree of its own (the root or a linked directory)
   */
  private void descend(Path dir, Path real, boolean opensTree) {
    Object fileKey;
    try {
      fileKey = Files.readAttributes(dir, BasicFileAttributes.class).fileKey();
    } catch (IOException e) {
      pending = InputSource.failed(dir.toString(), dir, e);
      return;
    }
    if (isLoop(dir, fileKey)) {
      LOG.warn("Not following symbolic link loop at {}", dir);
      return;
    }

    List<Entry> entries;
    try {
      entries = list(dir);
    } catch (IOException e) {
      readOnce.addUnreadable(real);
      pending = InputSource.failed(dir.toString(), dir, e);
      return;
    }
    OpenTree tree = opensTree ? new OpenTree(dir, real) : null;
    if (tree != null) {
      open.add(tree);
    }
    frames.push(new Frame(dir, real, fileKey, entries, tree));
  }

  /** Returns whether {@code dir} is a directory already on the current path. */
  private boolean isLoop(Path dir, Object fileKey) {
    for (Frame frame : frames) {
      if (fileKey != null ? fileKey.equals(frame.fileKey) : isSameFile(dir, frame.dir)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isSameFile(Path a, Path b) {
    try {
      return Files.isSameFile(a, b);
    } catch (IOException e) {
      return false;
    }
  }

  /** Lists the entries of {@code dir} that are not hidden, sorted by key. */
  private static List<Entry> list(Path dir) throws IOException {
    List<Entry> entries = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
      for (Path child : stream) {
        String name = child.getFileName().toString();
        if (!name.startsWith(".")) {
          Entry entry = classify(child, name);
          if (entry != null) {
            entries.add(entry);
          }
        }
      }
    } catch (DirectoryIteratorException e) {
      throw e.getCause();
    }
    entries.sort(Comparator.comparing(Entry::key));
    return entries;
  }

  /**
   * Returns the entry for {@code child}, or null for a kind that is not read (a pipe, a socket).
   */
  private static Entry classify(Path child, String name) {
    BasicFileAttributes own;
    try {
      own = Files.readAttributes(child, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (IOException e) {
      return new Entry(child.getFileName(), name, Kind.UNREADABLE, name, e);
    }
    if (own.isRegularFile()) {
      ReadOnce.FileId hardLink = ReadOnce.hardLinkId(child, LinkOption.NOFOLLOW_LINKS);
      return new Entry(child.getFileName(), name, Kind.FILE, name, null, hardLink);
    }
    if (own.isDirectory()) {
      return directory(child, name, Kind.DIRECTORY);
    }
    if (!own.isSymbolicLink()) {
      return null;
    }

    BasicFileAttributes target;
    try {
      target = Files.readAttributes(child, BasicFileAttributes.class);
    } catch (IOException e) {
      return new Entry(child.getFileName(), name, Kind.BROKEN_LINK, name, null);
    }
    if (target.isRegularFile()) {
      ReadOnce.FileId hardLink = ReadOnce.hardLinkId(child);
      return new Entry(child.getFileName(), name, Kind.LINK_TO_FILE, name, null, hardLink);
    }
    return target.isDirectory() ? directory(child, name, Kind.LINK_TO_DIRECTORY) : null;
  }

  /**
   * Returns the entry of a directory. Its files sort as {@code name/...}; a directory that cannot
   * be read becomes one failing source named {@code name}, and sorts so.
   */
  private static Entry directory(Path child, String name, Kind kind) {
    return new Entry(
        child.getFileName(), name, kind, Files.isReadable(child) ? name + "/" : name, null);
  }

  /** Returns the real path, or the absolute normalised path when it cannot be resolved. */
  private static Path realPath(Path path) {
    try {
      return path.toRealPath();
    } catch (IOException e) {
      return path.toAbsolutePath().normalize();
    }
  }
}
