package dev.skywarden.core.input;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
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
 * front. The exception is a CloudTrail folder in the S3 layout, whose files come merged across
 * regions in time order ({@link CloudTrailFolder}).
 *
 * <p>Design note: the entries of a directory are sorted with a directory's name followed by {@code
 * /}, so that walking each directory in that order gives exactly the order of all paths sorted as
 * strings (a file {@code a.json} comes before the files of a directory {@code a}, because {@code .}
 * sorts before {@code /}). The walk keeps the sorted entries of each directory on the current path
 * only: memory grows with the depth of the tree and the width of its widest directory, not with the
 * number of files.
 *
 * <p>A directory named {@code CloudTrail} below a directory named by a 12-digit account id (by its
 * real path) is handed to a {@link CloudTrailFolder}, which lists its region, year and month
 * directories up front and then one day of all regions at a time. Its frame's entries are replaced
 * batch by batch. A CloudTrail folder inside the strays of another one in the same tree is walked
 * in path order, so each open tree has at most one merged folder at a time.
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

  /**
   * A tree being walked: the walk's root or a directory reached through a link. {@code merged} is
   * the frame of the CloudTrail folder being merged in this tree, reached without a link from its
   * root, or null.
   */
  private final class OpenTree implements ReadOnce.OpenTree {
    private final Path nameRoot;
    private final Path realRoot;
    private Frame merged;

    OpenTree(Path nameRoot, Path realRoot) {
      this.nameRoot = nameRoot;
      this.realRoot = realRoot;
    }

    @Override
    public Path realRoot() {
      return realRoot;
    }

    @Override
    public boolean producedBefore(Path relative) {
      Path position = nameRoot.relativize(current);
      if (merged != null) {
        // The folder was reached without a link, so its path below the name root is its path
        // below the real root.
        Path folder = nameRoot.relativize(merged.dir);
        boolean inside =
            folder.toString().isEmpty()
                || (relative.startsWith(folder) && !relative.equals(folder));
        if (inside) {
          return merged.merge.producedBefore(
              folder.relativize(relative), folder.relativize(position));
        }
      }
      // Outside the merged folder the order is path order, and the folder's paths form one run.
      return relative.toString().compareTo(position.toString()) < 0;
    }
  }

  /**
   * A listed directory on the current path and the next entry to visit; {@code opens} is the tree
   * it starts, or null. For a CloudTrail folder, {@code merge} hands out the batches of entries and
   * {@code mergedIn} is the tree it belongs to; both are null for other directories.
   */
  private static final class Frame {
    final Path dir;
    final Path real;
    final Object fileKey;
    final OpenTree opens;
    CloudTrailFolder merge;
    OpenTree mergedIn;
    List<WalkEntry> entries;
    int next;

    Frame(Path dir, Path real, Object fileKey, List<WalkEntry> entries, OpenTree opens) {
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
      if (frame.merge != null) {
        held += frame.merge.entriesHeld();
      }
    }
    return held;
  }

  /** Visits the next entry of the innermost directory, or leaves the directory when done. */
  private void step() {
    Frame frame = frames.peek();
    if (frame.next >= frame.entries.size() && frame.merge != null) {
      List<WalkEntry> batch = frame.merge.nextBatch();
      if (batch != null) {
        frame.entries = batch;
        frame.next = 0;
        return;
      }
      frame.mergedIn.merged = null;
    }
    if (frame.next >= frame.entries.size()) {
      frames.pop();
      if (frame.opens != null) {
        open.remove(open.size() - 1);
        readOnce.addTree(frame.opens.realRoot());
      }
      return;
    }

    WalkEntry entry = frame.entries.get(frame.next++);
    if (frame.merge != null) {
      frame.merge.taking(entry);
    }
    Path child = frame.dir.resolve(entry.relativePath());
    current = child;
    switch (entry.kind()) {
      case FILE ->
          produce(child, frame.real.resolve(entry.relativePath()), false, entry.hardLink());
      case LINK_TO_FILE -> produce(child, realPath(child), true, entry.hardLink());
      case DIRECTORY -> descend(child, frame.real.resolve(entry.relativePath()), false);
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
   * cannot be listed becomes a failing source. A CloudTrail folder is merged ({@link
   * CloudTrailFolder}) unless its tree merges one already.
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

    List<WalkEntry> entries;
    try {
      entries = WalkEntry.list(dir);
    } catch (IOException e) {
      readOnce.addUnreadable(real);
      pending = InputSource.failed(dir.toString(), dir, e);
      return;
    }
    OpenTree tree = opensTree ? new OpenTree(dir, real) : null;
    if (tree != null) {
      open.add(tree);
    }
    Frame frame = new Frame(dir, real, fileKey, entries, tree);
    OpenTree owner = open.get(open.size() - 1);
    if (owner.merged == null && CloudTrailFolder.isCloudTrailFolder(real)) {
      frame.merge = CloudTrailFolder.index(dir, real, entries, readOnce);
      frame.mergedIn = owner;
      frame.entries = List.of();
      owner.merged = frame;
    }
    frames.push(frame);
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

  /** Returns the real path, or the absolute normalised path when it cannot be resolved. */
  private static Path realPath(Path path) {
    try {
      return path.toRealPath();
    } catch (IOException e) {
      return path.toAbsolutePath().normalize();
    }
  }
}
