package dev.skywarden.core.analytics;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive lock on a state folder, held by one hunt from reading the state until writing it
 * back. Without it, two hunts on the same folder both read the old state and the later write drops
 * the identities of the other hunt.
 *
 * <p>The lock is an operating-system file lock ({@link FileChannel#tryLock()}) on {@value
 * #FILE_NAME} in the folder, so it is released when the process ends, even by a crash; the file
 * itself stays. Not thread-safe; one instance per hunt.
 */
public final class StateLock implements AutoCloseable {

  /** The lock file in the state folder. */
  public static final String FILE_NAME = "analytics-state.lock";

  private final FileChannel channel;
  private final FileLock lock;

  private StateLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Creates the folder when missing and locks it.
   *
   * @throws StateLockedException when another hunt, in this process or another, holds the lock
   * @throws IOException when the folder or its lock file cannot be created or opened, such as in a
   *     folder that is not writable
   */
  public static StateLock acquire(Path folder) throws IOException {
    Files.createDirectories(folder);
    Path file = folder.resolve(FILE_NAME);
    FileChannel channel =
        FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
    if (lock == null) {
      channel.close();
      throw new StateLockedException(folder);
    }
    return new StateLock(channel, lock);
  }

  /** Releases the lock. */
  @Override
  public void close() throws IOException {
    try {
      lock.release();
    } finally {
      channel.close();
    }
  }

  /** Thrown when another hunt holds the lock of a state folder. */
  public static final class StateLockedException extends IOException {

    private static final long serialVersionUID = 1L;

    StateLockedException(Path folder) {
      super(
          "the analytics state folder "
              + folder
              + " is in use by another hunt; run the hunts one after the other, or give each its"
              + " own --state folder");
    }
  }
}
