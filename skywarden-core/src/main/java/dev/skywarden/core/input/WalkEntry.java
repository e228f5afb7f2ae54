package dev.skywarden.core.input;

import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One entry of a directory that {@link TreeWalk} visits; {@code key} orders it among the entries of
 * its frame.
 *
 * @param relativePath the path relative to the directory of its frame: the name as the directory
 *     listed it, or several names for an entry of a {@link CloudTrailFolder}. Resolving it keeps
 *     the name's bytes, where resolving {@code name} fails for a name that the locale's charset
 *     cannot encode (a non-ASCII name under the C locale).
 * @param name the last name of the entry, as a string
 * @param kind the kind, with symbolic links followed
 * @param key the sort key among the entries of its frame
 * @param error why the entry cannot be read, for {@link Kind#UNREADABLE}; otherwise null
 * @param hardLink the device and inode of a file with several hard links ({@link
 *     ReadOnce#hardLinkId}), or null
 */
record WalkEntry(
    Path relativePath,
    String name,
    WalkEntry.Kind kind,
    String key,
    IOException error,
    ReadOnce.FileId hardLink) {

  /** The kind of a directory entry, with symbolic links followed. */
  enum Kind {
    FILE,
    DIRECTORY,
    LINK_TO_FILE,
    LINK_TO_DIRECTORY,
    BROKEN_LINK,
    UNREADABLE
  }

  WalkEntry(Path relativePath, String name, Kind kind, String key, IOException error) {
    this(relativePath, name, kind, key, error, null);
  }

  /** Returns this entry placed at {@code relativePath} of another frame, sorted by {@code key}. */
  WalkEntry moveTo(Path relativePath, String key) {
    return new WalkEntry(relativePath, name, kind, key, error, hardLink);
  }

  /**
   * Lists the entries of {@code dir} that are not hidden, sorted by key.
   *
   * @throws IOException when {@code dir} cannot be listed
   */
  static List<WalkEntry> list(Path dir) throws IOException {
    List<WalkEntry> entries = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
      for (Path child : stream) {
        String name = child.getFileName().toString();
        if (!name.startsWith(".")) {
          WalkEntry entry = classify(child, name);
          if (entry != null) {
            entries.add(entry);
          }
        }
      }
    } catch (DirectoryIteratorException e) {
      throw e.getCause();
    }
    entries.sort(Comparator.comparing(WalkEntry::key));
    return entries;
  }

  /**
   * Returns the entry for {@code child}, or null for a kind that is not read (a pipe, a socket).
   */
  private static WalkEntry classify(Path child, String name) {
    BasicFileAttributes own;
    try {
      own = Files.readAttributes(child, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (IOException e) {
      return new WalkEntry(child.getFileName(), name, Kind.UNREADABLE, name, e);
    }
    if (own.isRegularFile()) {
      ReadOnce.FileId hardLink = ReadOnce.hardLinkId(child, LinkOption.NOFOLLOW_LINKS);
      return new WalkEntry(child.getFileName(), name, Kind.FILE, name, null, hardLink);
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
      return new WalkEntry(child.getFileName(), name, Kind.BROKEN_LINK, name, null);
    }
    if (target.isRegularFile()) {
      ReadOnce.FileId hardLink = ReadOnce.hardLinkId(child);
      return new WalkEntry(child.getFileName(), name, Kind.LINK_TO_FILE, name, null, hardLink);
    }
    return target.isDirectory() ? directory(child, name, Kind.LINK_TO_DIRECTORY) : null;
  }

  /**
   * Returns the entry of a directory. Its files sort as {@code name/...}; a directory that cannot
   * be read becomes one failing source named {@code name}, and sorts so.
   */
  private static WalkEntry directory(Path child, String name, Kind kind) {
    return new WalkEntry(
        child.getFileName(), name, kind, Files.isReadable(child) ? name + "/" : name, null);
  }
}
