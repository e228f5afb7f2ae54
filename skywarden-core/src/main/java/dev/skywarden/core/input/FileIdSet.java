package dev.skywarden.core.input;

/**
 * A set of files named by device and inode number, in one open-addressing array of longs: two longs
 * per slot and at most half of the slots used, so about 32 bytes per file, where a {@code HashMap}
 * of file keys and paths costs several times that.
 *
 * <p>An empty slot contains device 0 and inode 0, so the pair (0, 0) itself is kept in a flag.
 *
 * <p>Not thread-safe: one discovery uses it from one thread.
 */
final class FileIdSet {

  private static final int INITIAL_SLOTS = 16;

  /** Device and inode of each slot, at {@code 2 * slot} and {@code 2 * slot + 1}. */
  private long[] pairs = new long[2 * INITIAL_SLOTS];

  private int size;
  private boolean containsZero;

  /**
   * Adds the file with {@code device} and {@code inode}, and returns false when it was in the set
   * already.
   */
  boolean add(long device, long inode) {
    if (device == 0 && inode == 0) {
      boolean added = !containsZero;
      containsZero = true;
      return added;
    }
    int mask = pairs.length / 2 - 1;
    int slot = hash(device, inode) & mask;
    while (pairs[2 * slot] != 0 || pairs[2 * slot + 1] != 0) {
      if (pairs[2 * slot] == device && pairs[2 * slot + 1] == inode) {
        return false;
      }
      slot = (slot + 1) & mask;
    }
    pairs[2 * slot] = device;
    pairs[2 * slot + 1] = inode;
    size++;
    if (2 * size >= pairs.length / 2) {
      grow();
    }
    return true;
  }

  /** Returns how many files the set contains. */
  int size() {
    return size + (containsZero ? 1 : 0);
  }

  private void grow() {
    long[] old = pairs;
    pairs = new long[2 * old.length];
    int mask = pairs.length / 2 - 1;
    for (int i = 0; i < old.length; i += 2) {
      if (old[i] != 0 || old[i + 1] != 0) {
        int slot = hash(old[i], old[i + 1]) & mask;
        while (pairs[2 * slot] != 0 || pairs[2 * slot + 1] != 0) {
          slot = (slot + 1) & mask;
        }
        pairs[2 * slot] = old[i];
        pairs[2 * slot + 1] = old[i + 1];
      }
    }
  }

  /**
   * Mixes both numbers so that neighbouring inodes spread over the table (MurmurHash3's finaliser).
   */
  private static int hash(long device, long inode) {
    long h = device * 0x9E3779B97F4A7C15L ^ inode;
    h ^= h >>> 33;
    h *= 0xFF51AFD7ED558CCDL;
    h ^= h >>> 33;
    h *= 0xC4CEB9FE1A85EC53L;
    h ^= h >>> 33;
    return (int) h;
  }
}
