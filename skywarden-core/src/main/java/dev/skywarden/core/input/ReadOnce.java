package dev.skywarden.core.input;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Remembers which files a discovery has already produced, so that a file named twice, reached
 * through a symbolic link or inside two overlapping arguments is read once.
 *
 * <p>Design note: keeping the real path of every produced file grew the heap with the number of
 * files (about 530 bytes per file with the source itself, 980 MiB for 1.86 million files). Here the
 * memory grows with what the user named and with symbolic links, not with files:
 *
 * <ul>
 *   <li>{@code files}: real paths of files given as arguments or reached through a link to a file;
 *   <li>{@code trees}: real roots of directories walked to the end (arguments and directories
 *       reached through a link); every file below one, unless a name on the way starts with {@code
 *       .} or a directory on the way could not be read, has been produced;
 *   <li>the trees being walked now, from {@link TreeWalk}: each one returns whether it produced the
 *       file at a path below its root before the current one. A walk produces files in the order of
 *       their names, except in a CloudTrail folder, whose files it merges in time order ({@link
 *       CloudTrailFolder}).
 * </ul>
 *
 * <p>A file with more than one hard link is recognised by its device and inode number, which are
 * kept for such files only, in a {@link FileIdSet} of about 32 bytes per file ({@link
 * #seenHardLink}).
 *
 * <p>NOTE: memory still grows with the number of symbolic links reached (one path each), of files
 * with several hard links and of directories that could not be read. A tree whose files all have a
 * second link elsewhere, such as a snapshot made with {@code cp -al} or {@code rsync --link-dest},
 * keeps an entry for every file: about 32 MB for a million files. Bind mounts and copies of a file
 * are not recognised as the same file.
 *
 * <p>Not thread-safe: one discovery uses it from one thread.
 */
final class ReadOnce {

  /** A directory tree being walked. */
  interface OpenTree {
    Path realRoot();

    /**
     * Returns whether the walk produced the file at {@code relative}, a path below {@link
     * #realRoot()} that the walk reaches, before the file it produces now.
     */
    boolean producedBefore(Path relative);
  }

  private final Set<Path> files = new HashSet<>();
  private final List<Path> trees = new ArrayList<>();
  private final List<Path> unreadable = new ArrayList<>();
  private final FileIdSet hardLinked = new FileIdSet();

  /** A file's device and inode number. */
  record FileId(long device, long inode) {}

  /**
   * Returns the device and inode number of {@code file} when it has more than one hard link, or
   * null when it has one, when the file system does not report them (not a Unix file system) or
   * when its attributes cannot be read.
   */
  static FileId hardLinkId(Path file, LinkOption... options) {
    try {
      Map<String, Object> attributes = Files.readAttributes(file, "unix:nlink,dev,ino", options);
      if (attributes.get("nlink") instanceof Integer links
          && links > 1
          && attributes.get("dev") instanceof Long device
          && attributes.get("ino") instanceof Long inode) {
        return new FileId(device, inode);
      }
      return null;
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return null;
    }
  }

  /**
   * Returns whether a file with several hard links, {@code id} ({@link #hardLinkId}), was produced
   * before under another name, and remembers it. Returns false for a null id.
   */
  boolean seenHardLink(FileId id) {
    return id != null && !hardLinked.add(id.device(), id.inode());
  }

  /**
   * Returns whether the file at real path {@code real} was produced before, looking at files and
   * finished trees and at {@code open}, the trees being walked now (outermost first).
   */
  boolean seen(Path real, List<? extends OpenTree> open) {
    if (files.contains(real)) {
      return true;
    }
    for (Path tree : trees) {
      if (covers(tree, real)) {
        return true;
      }
    }
    for (OpenTree tree : open) {
      if (covers(tree.realRoot(), real) && tree.producedBefore(tree.realRoot().relativize(real))) {
        return true;
      }
    }
    return false;
  }

  /** Remembers a file given as an argument or reached through a link to a file. */
  void addFile(Path real) {
    files.add(real);
  }

  /** Remembers a directory tree walked to the end. */
  void addTree(Path realRoot) {
    trees.add(realRoot);
  }

  /** Remembers a directory that could not be read, so that files below it count as unseen. */
  void addUnreadable(Path real) {
    unreadable.add(real);
  }

  /** Returns whether a walk of {@code root} reaches {@code real}: no hidden name on the way. */
  private boolean covers(Path root, Path real) {
    if (!real.startsWith(root) || real.equals(root)) {
      return false;
    }
    for (Path name : root.relativize(real)) {
      if (name.toString().startsWith(".")) {
        return false;
      }
    }
    for (Path hole : unreadable) {
      if (real.startsWith(hole) && hole.startsWith(root)) {
        return false;
      }
    }
    return true;
  }
}
