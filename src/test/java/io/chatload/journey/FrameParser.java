package io.chatload.journey;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;

/**
 * One Jackson parser per thread, fed frame after frame as consecutive root-level values of one
 * stream. Creating a parser for every frame (its context, buffers and symbol-table child) cost more
 * at load than reading most frames; a reused one costs nothing of that. A frame is read whole or the
 * parser is dropped: after a malformed frame, or any frame not read to its end, the next frame
 * starts on a fresh parser, so no frame can see another's leftovers.
 */
final class FrameParser {
  /** Frames one parser reads before it is renewed: keeps its symbol table and counters bounded. */
  private static final int FRAMES_PER_PARSER = 4096;
  private static final ThreadLocal<FrameParser> OF_THREAD = new ThreadLocal<>();

  private final JsonFactory factory;
  private final Feed feed = new Feed();
  private final Rest rest = new Rest();
  private JsonParser parser;
  private int frames;

  private FrameParser(JsonFactory factory) {
    this.factory = factory;
  }

  /** This thread's parser, made from {@code factory} the first time. */
  static FrameParser ofThread(JsonFactory factory) {
    FrameParser p = OF_THREAD.get();
    if (p == null || p.factory != factory) {
      p = new FrameParser(factory);
      OF_THREAD.set(p);
    }
    return p;
  }

  /** A parser positioned before {@code frame}'s first token. */
  JsonParser start(String frame) throws IOException {
    if (parser == null || frames >= FRAMES_PER_PARSER) {
      drop();
      parser = factory.createParser(feed);
    }
    frames++;
    feed.frame = frame;
    feed.next = 0;
    feed.ended = false;
    return parser;
  }

  /**
   * Whether the frame just read ended at its last token, nothing but whitespace after it. Call
   * once the root value is read; the parser then waits for the next frame.
   */
  boolean endsCleanly() throws IOException {
    rest.blank = true;
    parser.releaseBuffered(rest);
    for (int i = feed.next; i < feed.frame.length() && rest.blank; i++) {
      rest.blank = isSpace(feed.frame.charAt(i));
    }
    feed.next = feed.frame.length();
    if (feed.ended) {
      drop(); // it met the end of input: a parser that did is closed to what follows
    }
    return rest.blank;
  }

  /** Forgets the parser, after a frame that was not read to its end. */
  void drop() {
    if (parser != null) {
      try {
        parser.close();
      } catch (IOException e) {
        // nothing is held open: the feed is a string
      }
      parser = null;
      frames = 0;
    }
  }

  private static boolean isSpace(char c) {
    return c == ' ' || c == '\n' || c == '\r' || c == '\t';
  }

  /** The frames as one stream: the current frame's chars, then end of input until the next frame. */
  private static final class Feed extends Reader {
    String frame = "";
    int next;
    boolean ended;

    @Override
    public int read(char[] into, int offset, int length) {
      int n = Math.min(length, frame.length() - next);
      if (n <= 0) {
        ended = true;
        return -1;
      }
      frame.getChars(next, next + n, into, offset);
      next += n;
      return n;
    }

    @Override
    public void close() {
      // the parser closes its source at end of input; the feed lives on for the next parser
    }
  }

  /** Receives what the parser had buffered past the frame's last token, to see that it is blank. */
  private static final class Rest extends Writer {
    boolean blank;

    @Override
    public void write(char[] chars, int offset, int length) {
      for (int i = offset; i < offset + length && blank; i++) {
        blank = isSpace(chars[i]);
      }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }
}
