package dev.skywarden.core.input;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The entries of one CloudTrail folder in the S3 layout, {@code
 * AWSLogs/[ORG_ID/]ACCOUNT/CloudTrail/REGION/YYYY/MM/DD/FILE}, merged across regions in time order
 * and handed to {@link TreeWalk} one day at a time.
 *
 * <p>Design note: path order reads an account one region after another, all days of {@code
 * us-east-1} before any of {@code us-west-2}. The behavioural analytics evict quiet time buckets of
 * a long input, so the first region's part of a burst could be evicted before the second region's
 * part arrived. Here the files come in this order:
 *
 * <ol>
 *   <li>the entries of the day folders, by day ({@code YYYY/MM/DD}), then by the time {@code
 *       yyyymmddThhmmZ} in the file name ({@code ACCOUNT_CloudTrail_REGION_TIME_UNIQUE.json.gz}),
 *       then by the path relative to this folder. Names without that time come after the timed
 *       files of their day, by name and then by path. Broken links and unreadable entries of a day
 *       folder sort as names. A day folder that cannot be listed is one failing source at the start
 *       of its day.
 *   <li>the strays, in the order of their paths, a stray directory walked in path order. A stray is
 *       an entry that does not fit the layout. That is a file or link at the region, year or month
 *       level, or a directory whose name is no region, year, month or day. A directory reached
 *       through a symbolic link or inside a day folder is a stray too. So is a region, year or
 *       month directory that cannot be listed, and it becomes a failing source.
 * </ol>
 *
 * <p>Memory: the region, year and month directories are listed when the walk enters the folder, and
 * one path per day folder of each region is held until its day is produced. A day's batch holds the
 * entries of that day's folders of all regions. NOTE: strays are held until the merged files are
 * done, so memory grows with their number. CloudTrail itself delivers none.
 *
 * <p>Not thread-safe: one {@link TreeWalk} uses it from one thread.
 */
final class CloudTrailFolder {

  private static final Logger LOG = LoggerFactory.getLogger(CloudTrailFolder.class);

  private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");

  /**
   * AWS region names such as {@code us-east-1}, {@code us-gov-west-1}, {@code cn-north-1}, and a
   * partition prefix of up to four letters, as the European Sovereign Cloud's {@code
   * eusc-de-east-1}.
   */
  private static final Pattern REGION = Pattern.compile("[a-z]{2,4}(?:-[a-z]+)+-\\d{1,2}");

  private static final Pattern YEAR = Pattern.compile("\\d{4}");

  private static final Pattern MONTH_OR_DAY = Pattern.compile("\\d{2}");

  /** The names of the region, year, month and day levels below the folder. */
  private static final List<Pattern> LEVELS = List.of(REGION, YEAR, MONTH_OR_DAY, MONTH_OR_DAY);

  /** The delivery time in a CloudTrail file name, {@code _20260110T0005Z_}. */
  private static final Pattern FILE_TIME = Pattern.compile("_(\\d{8}T\\d{4}Z)_");

  /** Separates the parts of a key; it sorts before every character of a file name. */
  private static final char SEPARATOR = '\0';

  private final Path dir;
  private final Path real;
  private final ReadOnce readOnce;

  /** The day folders relative to {@link #dir} by day ({@code YYYY/MM/DD}), in region order. */
  private final NavigableMap<String, List<Path>> days = new TreeMap<>();

  private List<WalkEntry> strays = new ArrayList<>();
  private boolean straysHandedOut;
  private boolean strayTaken;
  private String currentKey;

  private CloudTrailFolder(Path dir, Path real, ReadOnce readOnce) {
    this.dir = dir;
    this.real = real;
    this.readOnce = readOnce;
  }

  /**
   * Returns whether the directory at real path {@code real} is named {@code CloudTrail} and its
   * parent is named by a 12-digit account id.
   */
  static boolean isCloudTrailFolder(Path real) {
    Path name = real.getFileName();
    Path parent = real.getParent();
    return name != null
        && name.toString().equals("CloudTrail")
        && parent != null
        && parent.getFileName() != null
        && ACCOUNT.matcher(parent.getFileName().toString()).matches();
  }

  /**
   * Lists the region, year and month directories below the CloudTrail folder {@code dir}, whose own
   * entries are {@code entries}, and returns the folder ready to hand out its first day.
   * Directories that cannot be listed are reported to {@code readOnce} as unreadable.
   *
   * @param real the real path of {@code dir}
   */
  static CloudTrailFolder index(Path dir, Path real, List<WalkEntry> entries, ReadOnce readOnce) {
    CloudTrailFolder folder = new CloudTrailFolder(dir, real, readOnce);
    folder.indexLevel(null, entries, 0, "");
    return folder;
  }

  /**
   * Returns the entries to produce next, sorted, with paths relative to the folder: the next day's
   * entries, then the strays once, then null when the folder is done. A day's batch may be empty.
   */
  List<WalkEntry> nextBatch() {
    Map.Entry<String, List<Path>> day = days.pollFirstEntry();
    if (day != null) {
      return dayBatch(day.getKey(), day.getValue());
    }
    if (straysHandedOut) {
      return null;
    }

    straysHandedOut = true;
    List<WalkEntry> batch = strays;
    strays = List.of();
    batch.sort(Comparator.comparing(WalkEntry::key));
    if (!batch.isEmpty()) {
      LOG.warn(
          "{} entries of CloudTrail folder {} do not fit REGION/YYYY/MM/DD or are reached through a"
              + " symbolic link, such as {}: they are read after its other files, out of time"
              + " order, so an analytics burst split across them may be missed",
          batch.size(),
          dir,
          batch.get(0).relativePath());
    }
    return batch;
  }

  /** Records that the walk produces {@code entry}, of the last batch, now. */
  void taking(WalkEntry entry) {
    if (straysHandedOut) {
      strayTaken = true;
    } else {
      currentKey = entry.key();
    }
  }

  /**
   * Returns whether the walk produced the file at {@code relative}, a path relative to this folder,
   * before the entry it produces now. {@code position} is the path of that entry, or of the file
   * being produced inside a stray directory, relative to this folder. The caller has checked that
   * the file lies where the walk reaches it (no hidden name, no unreadable directory on the way).
   */
  boolean producedBefore(Path relative, Path position) {
    String key = layoutKey(relative);
    if (!straysHandedOut) {
      return key != null && currentKey != null && key.compareTo(currentKey) < 0;
    }
    if (key != null) {
      return true;
    }
    return strayTaken && relative.toString().compareTo(position.toString()) < 0;
  }

  /** Returns the number of day folders and strays held now, for tests of the walk's memory. */
  int entriesHeld() {
    int held = strays.size();
    for (List<Path> folders : days.values()) {
      held += folders.size();
    }
    return held;
  }

  /**
   * Indexes the {@code entries} of the directory {@code relative} (null for the folder itself) at
   * level {@code depth}: 0 lists regions, 1 years, 2 months and 3 days.
   */
  private void indexLevel(Path relative, List<WalkEntry> entries, int depth, String date) {
    for (WalkEntry entry : entries) {
      Path child = relative == null ? entry.relativePath() : relative.resolve(entry.relativePath());
      if (entry.kind() != WalkEntry.Kind.DIRECTORY
          || !LEVELS.get(depth).matcher(entry.name()).matches()) {
        addStray(child, entry);
        continue;
      }

      String childDate = entry.name();
      if (depth == 0) {
        childDate = "";
      } else if (depth > 1) {
        childDate = date + "/" + entry.name();
      }
      if (depth == LEVELS.size() - 1) {
        days.computeIfAbsent(childDate, key -> new ArrayList<>()).add(child);
        continue;
      }
      List<WalkEntry> children;
      try {
        children = WalkEntry.list(dir.resolve(child));
      } catch (IOException e) {
        // Listed again as a stray, it becomes a failing source that names the directory.
        readOnce.addUnreadable(real.resolve(child));
        strays.add(entry.moveTo(child, child.toString()));
        continue;
      }
      indexLevel(child, children, depth + 1, childDate);
    }
  }

  /** Lists the day folders of {@code date} and returns their entries in merged order. */
  private List<WalkEntry> dayBatch(String date, List<Path> dayFolders) {
    List<WalkEntry> batch = new ArrayList<>();
    for (Path dayFolder : dayFolders) {
      List<WalkEntry> entries;
      try {
        entries = WalkEntry.list(dir.resolve(dayFolder));
      } catch (IOException e) {
        readOnce.addUnreadable(real.resolve(dayFolder));
        String name = dayFolder.getFileName().toString();
        String key = key(date, "", dayFolder.toString());
        batch.add(new WalkEntry(dayFolder, name, WalkEntry.Kind.UNREADABLE, key, e));
        continue;
      }

      for (WalkEntry entry : entries) {
        Path child = dayFolder.resolve(entry.relativePath());
        if (entry.kind() == WalkEntry.Kind.DIRECTORY
            || entry.kind() == WalkEntry.Kind.LINK_TO_DIRECTORY) {
          addStray(child, entry);
        } else {
          batch.add(entry.moveTo(child, key(date, order(entry.name()), child.toString())));
        }
      }
    }
    batch.sort(Comparator.comparing(WalkEntry::key));
    return batch;
  }

  private void addStray(Path child, WalkEntry entry) {
    String key = entry.key().endsWith("/") ? child + "/" : child.toString();
    strays.add(entry.moveTo(child, key));
  }

  /**
   * Returns the merged key of the file at {@code relative} when it lies in a day folder of the
   * layout, or null for a stray.
   */
  private static String layoutKey(Path relative) {
    if (relative.getNameCount() != LEVELS.size() + 1) {
      return null;
    }
    for (int level = 0; level < LEVELS.size(); level++) {
      if (!LEVELS.get(level).matcher(relative.getName(level).toString()).matches()) {
        return null;
      }
    }
    String date = relative.subpath(1, LEVELS.size()).toString();
    String name = relative.getFileName().toString();
    return key(date, order(name), relative.toString());
  }

  /** Returns the part of a key that orders a file within its day: its time, else its name. */
  private static String order(String fileName) {
    Matcher time = FILE_TIME.matcher(fileName);
    return time.find() ? "0" + time.group(1) : "1" + fileName;
  }

  private static String key(String date, String order, String relative) {
    return date + SEPARATOR + order + SEPARATOR + relative;
  }
}
