package io.chatload.journey;

/**
 * The last few ids (threads or runs) a user had, oldest forgotten first. Asked on frames whose run
 * or thread is not the current one; at load the strings themselves are far apart in the heap, so a
 * lookup compares the ids' hashes first and touches a string only when its hash matches.
 */
final class RecentIds {
  private final String[] ids;
  private final int[] hashes;
  private int next;
  private int size;

  RecentIds(int capacity) {
    ids = new String[capacity];
    hashes = new int[capacity];
  }

  void add(String id) {
    ids[next] = id;
    hashes[next] = id.hashCode();
    next = (next + 1) % ids.length;
    size = Math.min(size + 1, ids.length);
  }

  boolean contains(String id) {
    int h = id.hashCode();
    for (int i = 0; i < size; i++) {
      if (hashes[i] == h && ids[i].equals(id)) {
        return true;
      }
    }
    return false;
  }
}
