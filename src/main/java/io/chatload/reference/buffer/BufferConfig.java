package io.chatload.reference.buffer;

/**
 * The platform's message buffer for users with no open socket (beta-17
 * {@code websocket_core/message_buffer.py}, {@code BufferConfig}): at most {@code perUser} frames per
 * user and {@code global} in all, each kept {@code seconds}.
 *
 * @param enabled false: a run whose socket closed stops sending, as before the buffer existed
 * @param perUser {@code max_buffer_size_per_user}
 * @param global {@code max_buffer_size_global}
 * @param seconds {@code buffer_timeout_seconds}
 */
public record BufferConfig(boolean enabled, int perUser, int global, int seconds) {
  /** The release's defaults: 200 per user, 1,000 in all, 120 s. */
  public static final BufferConfig DEFAULT = new BufferConfig(true, 200, 1000, 120);
  public static final BufferConfig OFF = new BufferConfig(false, 200, 1000, 120);

  public BufferConfig {
    check(perUser >= 1, "reference.buffer.perUser", perUser);
    check(global >= 1, "reference.buffer.global", global);
    check(seconds >= 1, "reference.buffer.seconds", seconds);
  }

  private static void check(boolean ok, String name, int value) {
    if (!ok) {
      throw new IllegalArgumentException(name + "=" + value + " is invalid; accepted: an integer >= 1 (reference.buffer=off turns the buffer off)");
    }
  }

  @Override
  public String toString() {
    return enabled ? "perUser=" + perUser + ", global=" + global + ", seconds=" + seconds : "off";
  }
}
