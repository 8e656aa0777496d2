package io.chatload.journey;

import java.net.http.WebSocket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Everything the socket delivers, in order: text frames, then its close or error. */
final class Inbox implements WebSocket.Listener {
  record Item(String text, boolean closed, int closeCode, String closeReason, Throwable error) {
    /** How the socket ended, in words: "close 1011: reason" or "error …". */
    String end() {
      return closed ? "close " + closeCode + (closeReason == null || closeReason.isEmpty() ? "" : ": " + closeReason) : "error " + error;
    }
  }

  private final BlockingQueue<Item> items = new LinkedBlockingQueue<>();
  private final StringBuilder text = new StringBuilder();

  @Override
  public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
    text.append(data);
    if (last) {
      items.add(new Item(text.toString(), false, 0, null, null));
      text.setLength(0);
    }
    ws.request(1);
    return null;
  }

  @Override
  public CompletionStage<?> onClose(WebSocket ws, int status, String reason) {
    items.add(new Item(null, true, status, reason, null));
    return null;
  }

  @Override
  public void onError(WebSocket ws, Throwable error) {
    items.add(new Item(null, false, 0, null, error));
  }

  /** The next item before {@code deadlineMillis} (epoch ms), or null. */
  Item next(long deadlineMillis) {
    long left = deadlineMillis - System.currentTimeMillis();
    try {
      return left <= 0 ? items.poll() : items.poll(left, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  /** Moves the text frames received so far to {@code into}, dropping a close or error among them. */
  void drainTexts(java.util.List<String> into) {
    java.util.List<Item> all = new java.util.ArrayList<>();
    items.drainTo(all);
    all.stream().filter(i -> i.text() != null).forEach(i -> into.add(i.text()));
  }

  /** The close within {@code millis}, skipping frames; null when none came. */
  Item closeWithin(long millis) {
    long deadline = System.currentTimeMillis() + millis;
    Item i;
    while ((i = next(deadline)) != null) {
      if (i.closed()) {
        return i;
      }
    }
    return null;
  }
}
