package io.chatload.reference.limits;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which user a {@code thread_id} belongs to: the first user to name it. Bounded (least recently
 * used entries are forgotten) so a long soak cannot grow it without limit.
 */
public final class ThreadOwners {
  private final Map<String, String> owners;

  public ThreadOwners(int maxEntries) {
    this.owners =
        new LinkedHashMap<>(1024, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > maxEntries;
          }
        };
  }

  /** True if the thread is new (now owned by {@code userId}) or already owned by {@code userId}. */
  public synchronized boolean claim(String threadId, String userId) {
    String owner = owners.putIfAbsent(threadId, userId);
    if (owner == null) {
      return true;
    }
    return owner.equals(userId);
  }

  public synchronized int size() {
    return owners.size();
  }
}
