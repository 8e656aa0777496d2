package io.chatload.journey;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import io.chatload.contract.Dialect;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * One server frame, read once, the way every dialect of the platform writes it (PROTOCOL.md, "What
 * the real platform actually sends"): a field is looked up in the event's detail object ({@code
 * data} or {@code payload}), at the top level, then in their {@code metadata}, so the checks never
 * need to know which dialect the target speaks. {@link #problem()} says why a frame is not usable.
 *
 * <p>The read streams through the frame once and keeps only the few fields a verdict can ask
 * about: long texts are checked for content without becoming strings, and everything else is
 * skipped unread. It sits on every frame's path, so it allocates little.
 */
final class Frame {
  private static final int SNIPPET = 120;
  /**
   * The frames' reader: unix-seconds timestamps are floats on every event, and the fast parser reads
   * them for a fraction of the JDK's cost; a malformed frame's snippet is ours, not the parser's.
   */
  private static final JsonFactory READER = JsonFactory.builder()
      .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
      .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
      .build();

  /** The fields a verdict may ask about; nothing else is kept. */
  private static final String[] FIELDS = {
      "type", "run_id", "user_id", "thread_id", "timestamp", "status", "event", "agent_name", "tool_name",
      "reasoning", "result", "results", "final_response", "parameters", "tool_args", "step_number",
      "execution_time_ms", "error_code", "code", "error_message", "error", "message", "connection_ready"};
  private static final Map<String, Integer> INDEX = new HashMap<>();
  /** Fields whose text a verdict reads; the others it only needs to know present or non-empty. */
  private static final boolean[] TEXT = new boolean[FIELDS.length];

  static {
    for (int i = 0; i < FIELDS.length; i++) {
      INDEX.put(FIELDS[i], i);
    }
    for (String f : new String[] {"type", "run_id", "user_id", "thread_id", "timestamp", "status", "event", "agent_name",
        "tool_name", "error_code", "code", "error_message", "error", "message", "connection_ready"}) {
      TEXT[INDEX.get(f)] = true;
    }
  }

  /** The names of the fields kept, for tests that put every one of them everywhere. */
  static List<String> keptFields() {
    return List.of(FIELDS);
  }

  private static final int TYPE = INDEX.get("type");
  private static final int RUN_ID = INDEX.get("run_id");
  private static final int USER_ID = INDEX.get("user_id");
  private static final int THREAD_ID = INDEX.get("thread_id");
  private static final int TIMESTAMP = INDEX.get("timestamp");

  /** A value that is there but is not a scalar text a verdict reads: a container or a long text. */
  private static final Object NON_EMPTY = new Object();
  private static final Object EMPTY = new Object();

  // where a field can stand
  private static final int TOP = 0;
  private static final int DATA = 1;
  private static final int PAYLOAD = 2;
  private static final int TOP_META = 3;
  private static final int DATA_META = 4;
  private static final int PAYLOAD_META = 5;

  final String raw;
  /** The frame's type: null when it has none or the frame is unusable ({@link #problem()}). */
  final String type;
  /**
   * The fields read: entry {@code i} stands at place {@code keys[2i]} with value {@code values[i]};
   * {@code head[field] - 1} is the last entry of a field and {@code keys[2i+1] - 1} the one of the same
   * field before entry {@code i} (-1: none), both read unsigned. A few small arrays rather than a
   * table per place: a frame carries a dozen of the fields at most, and this is allocated for every frame.
   */
  private byte[] keys;
  private Object[] values;
  private byte[] head;
  private int count;
  /** Places (bits: 1 &lt;&lt; DATA, 1 &lt;&lt; PAYLOAD) holding an object, and those holding something else. */
  private int objects;
  private int others;
  /** DATA or PAYLOAD: the detail object; -1 when there is none (flat). */
  private final int body;
  private final boolean detailMalformed;
  private final String problem;

  private Frame(String raw, String problem) {
    this.raw = raw;
    this.problem = problem;
    this.body = -1;
    this.detailMalformed = false;
    this.type = null;
  }

  /** Reads {@code raw}, already known to be a JSON object, with {@code p} past its start. */
  private Frame(String raw, JsonParser p) throws IOException {
    this.raw = raw;
    this.keys = new byte[24];
    this.values = new Object[12];
    this.head = new byte[FIELDS.length];
    readObject(p, TOP);
    this.body = (objects & (1 << DATA)) != 0 ? DATA : (objects & (1 << PAYLOAD)) != 0 ? PAYLOAD : -1;
    boolean dataOther = (others & (1 << DATA)) != 0 && (objects & (1 << DATA)) == 0;
    boolean payloadOther = (others & (1 << PAYLOAD)) != 0 && (objects & (1 << PAYLOAD)) == 0;
    this.detailMalformed = dataOther || ((objects & (1 << DATA)) == 0 && payloadOther);
    Object t = at(TOP, TYPE);
    this.problem = t instanceof String s && !s.isEmpty() ? null : "JSON without a string 'type'";
    this.type = problem == null ? (String) t : null;
  }

  static Frame parse(String raw) {
    try (JsonParser p = READER.createParser(raw)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return malformed(raw, "not a JSON object");
      }
      Frame f = new Frame(raw, p);
      if (p.nextToken() != null) {
        return malformed(raw, "not JSON");
      }
      return f;
    } catch (IOException e) {
      return malformed(raw, "not JSON");
    }
  }

  /** Reads one object's fields at {@code where}; descends only into data, payload and metadata. */
  private void readObject(JsonParser p, int where) throws IOException {
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken v = p.nextToken();
      int nested = nestedAt(where, name);
      if (nested >= 0) {
        if (v == JsonToken.START_OBJECT) {
          if (nested <= PAYLOAD) {
            objects |= 1 << nested;
          }
          readObject(p, nested);
          continue;
        }
        if (nested <= PAYLOAD && v != JsonToken.VALUE_NULL) {
          others |= 1 << nested;
        }
      }
      Integer field = INDEX.get(name);
      if (field == null) {
        p.skipChildren();
        continue;
      }
      put(where, field, valueOf(p, v, TEXT[field]));
    }
  }

  private void put(int where, int field, Object value) {
    for (int i = (head[field] & 0xFF) - 1; i >= 0; i = (keys[2 * i + 1] & 0xFF) - 1) {
      if (keys[2 * i] == where) {
        values[i] = value; // a repeated name: the last one stands, as in a JSON object read into a map
        return;
      }
    }
    if (count == values.length) {
      // at most 6 places x 23 fields: entry numbers stay below 255, read back unsigned
      keys = Arrays.copyOf(keys, keys.length * 2);
      values = Arrays.copyOf(values, values.length * 2);
    }
    keys[2 * count] = (byte) where;
    keys[2 * count + 1] = head[field];
    values[count] = value;
    head[field] = (byte) ++count;
  }

  /** The value of {@code field} at {@code where}; null when absent or JSON null. */
  private Object at(int where, int field) {
    if (head == null) {
      return null;
    }
    for (int i = (head[field] & 0xFF) - 1; i >= 0; i = (keys[2 * i + 1] & 0xFF) - 1) {
      if (keys[2 * i] == where) {
        return values[i];
      }
    }
    return null;
  }

  /** Where a nested object named {@code name} inside {@code where} is read to, or -1 when it is skipped. */
  private static int nestedAt(int where, String name) {
    if (where == TOP) {
      return switch (name) {
        case "data" -> DATA;
        case "payload" -> PAYLOAD;
        case "metadata" -> TOP_META;
        default -> -1;
      };
    }
    if (name.equals("metadata")) {
      return where == DATA ? DATA_META : where == PAYLOAD ? PAYLOAD_META : -1;
    }
    return -1;
  }

  /**
   * A string as itself (a long text only as present / empty), a number or boolean as its value, a
   * container as present / empty: what a verdict can ask, without materialising the rest.
   */
  private static Object valueOf(JsonParser p, JsonToken v, boolean keepText) throws IOException {
    switch (v) {
      case VALUE_NULL:
        return null;
      case START_OBJECT:
      case START_ARRAY:
        JsonToken first = p.nextToken();
        if (first == JsonToken.END_OBJECT || first == JsonToken.END_ARRAY) {
          return EMPTY;
        }
        int depth = first.isStructStart() ? 2 : 1;
        while (depth > 0) {
          JsonToken t = p.nextToken();
          if (t == null) {
            throw new IOException("truncated");
          }
          depth += t.isStructStart() ? 1 : t.isStructEnd() ? -1 : 0;
        }
        return NON_EMPTY;
      case VALUE_STRING:
        if (keepText) {
          return p.getText();
        }
        return blank(p.getTextCharacters(), p.getTextOffset(), p.getTextLength()) ? EMPTY : NON_EMPTY;
      case VALUE_TRUE:
      case VALUE_FALSE:
        return p.getBooleanValue();
      default:
        return p.getNumberValue();
    }
  }

  private static boolean blank(char[] chars, int offset, int length) {
    for (int i = offset; i < offset + length; i++) {
      if (!Character.isWhitespace(chars[i])) {
        return false;
      }
    }
    return true;
  }

  private static Frame malformed(String raw, String why) {
    return new Frame(raw, why);
  }

  String problem() {
    return problem;
  }

  /**
   * Which dialect wrote this agent frame: {@code payload} has a payload object beside a top-level
   * run_id; {@code capture} keeps its run_id inside {@code payload}; {@code contract} keeps its
   * correlation fields inside {@code data}; {@code bridge} has them at the top level beside {@code
   * data}; {@code flat} has no detail object at all.
   */
  Dialect dialect() {
    if (body < 0) {
      return Dialect.FLAT;
    }
    if (body == PAYLOAD) {
      return at(TOP, RUN_ID) == null && at(PAYLOAD, RUN_ID) != null ? Dialect.CAPTURE : Dialect.PAYLOAD;
    }
    return at(TOP, RUN_ID) != null || at(DATA, RUN_ID) == null ? Dialect.BRIDGE : Dialect.CONTRACT;
  }

  /** Whether the envelope carries a detail object that is not an object (a string {@code data}). */
  boolean detailIsMalformed() {
    return detailMalformed;
  }

  /** The index of a field a verdict may ask about, for the int-keyed readers below; -1 for any other name. */
  static int field(String name) {
    Integer i = INDEX.get(name);
    return i == null ? -1 : i;
  }

  /** The user id, thread id and run id wherever the dialect puts them (null when absent). */
  String userId() {
    return text(USER_ID);
  }

  String threadId() {
    return text(THREAD_ID);
  }

  String runId() {
    return text(RUN_ID);
  }

  /**
   * A scalar field wherever the dialects put it: detail object, top level, then their metadata.
   * Null when absent, JSON null, or not a scalar text a verdict reads.
   */
  String text(String field) {
    return text(field(field));
  }

  String text(int field) {
    Object v = find(field);
    return v instanceof String s ? s : v instanceof Number || v instanceof Boolean ? v.toString() : null;
  }

  /** Whether a field is present anywhere a dialect puts it and not null, "" (or blank), {} or []. */
  boolean hasNonEmpty(String field) {
    return hasNonEmpty(field(field));
  }

  boolean hasNonEmpty(int field) {
    Object v = find(field);
    if (v == null || v == EMPTY) {
      return false;
    }
    return !(v instanceof String s) || !s.isBlank();
  }

  /** Whether a field is present anywhere a dialect puts it (an empty object counts). */
  boolean has(String field) {
    return has(field(field));
  }

  boolean has(int field) {
    return find(field) != null;
  }

  /** The detail object's value first, then the top level's, then the detail's metadata's, then the top-level metadata's. */
  private Object find(int field) {
    if (field < 0) {
      return null;
    }
    Object v = body < 0 ? null : at(body, field);
    if (v == null) {
      v = at(TOP, field);
    }
    if (v == null && body >= 0) {
      v = at(body == DATA ? DATA_META : PAYLOAD_META, field);
    }
    if (v == null) {
      v = at(TOP_META, field);
    }
    return v;
  }

  /** The timestamp as sent: at the top level, else in the detail object ({@code data} or {@code payload}). */
  private Object timestampValue() {
    Object ts = at(TOP, TIMESTAMP);
    if (ts == null && body >= 0) {
      ts = at(body, TIMESTAMP);
    }
    return ts;
  }

  /** Whether the timestamp is an ISO-8601 text without an offset, which {@link #timestampMillis} takes as UTC. */
  boolean timestampLacksOffset() {
    if (!(timestampValue() instanceof String s) || s.length() < 19 || s.charAt(10) != 'T') {
      return false;
    }
    return !(s.endsWith("Z") || (s.length() > 6 && (s.charAt(s.length() - 6) == '+' || s.charAt(s.length() - 6) == '-')));
  }

  /**
   * The event's own send time (unix seconds as an integer or a float, or ISO-8601 with or without an
   * offset — without one it is taken as UTC), in epoch ms; wherever the dialect puts it.
   */
  OptionalLong timestampMillis() {
    Object ts = timestampValue();
    if (ts instanceof Number n) {
      return OptionalLong.of(Math.round(n.doubleValue() * 1000));
    }
    if (!(ts instanceof String s)) {
      return OptionalLong.empty();
    }
    // ISO-8601; Python's isoformat() writes "+00:00", and a naive timestamp is taken as UTC
    long fast = isoMillis(s);
    if (fast != Long.MIN_VALUE) {
      return OptionalLong.of(fast);
    }
    try {
      boolean zoned = s.endsWith("Z") || (s.length() > 6 && (s.charAt(s.length() - 6) == '+' || s.charAt(s.length() - 6) == '-'));
      return OptionalLong.of(OffsetDateTime.parse(zoned ? s : s + "Z").toInstant().toEpochMilli());
    } catch (DateTimeParseException e) {
      return OptionalLong.empty();
    }
  }

  /**
   * The common shape {@code yyyy-MM-ddTHH:mm:ss[.fraction][Z|±HH:MM]} without java.time's parser,
   * which costs more than the rest of the frame; {@code Long.MIN_VALUE} for anything else.
   */
  static long isoMillis(String s) {
    int n = s.length();
    if (n < 19 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':' || s.charAt(16) != ':') {
      return Long.MIN_VALUE;
    }
    int year = digits(s, 0, 4);
    int month = digits(s, 5, 2);
    int day = digits(s, 8, 2);
    int hour = digits(s, 11, 2);
    int minute = digits(s, 14, 2);
    int second = digits(s, 17, 2);
    if ((year | month | day | hour | minute | second) < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) {
      return Long.MIN_VALUE;
    }
    int i = 19;
    int millis = 0;
    if (i < n && s.charAt(i) == '.') {
      int scale = 100;
      i++;
      int start = i;
      while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
        millis += scale * (s.charAt(i) - '0');
        scale /= 10;
        i++;
      }
      if (i == start) {
        return Long.MIN_VALUE;
      }
    }
    int offsetMinutes = 0;
    if (i < n) {
      char c = s.charAt(i);
      if (c == 'Z' && i == n - 1) {
        offsetMinutes = 0;
      } else if ((c == '+' || c == '-') && i == n - 6 && s.charAt(i + 3) == ':') {
        int oh = digits(s, i + 1, 2);
        int om = digits(s, i + 4, 2);
        if ((oh | om) < 0) {
          return Long.MIN_VALUE;
        }
        offsetMinutes = (c == '+' ? 1 : -1) * (oh * 60 + om);
      } else {
        return Long.MIN_VALUE;
      }
    }
    if (day > java.time.YearMonth.of(year, month).lengthOfMonth()) {
      return Long.MIN_VALUE; // a 30 February: java.time refuses it, so no day is made up here either
    }
    long days = java.time.LocalDate.of(year, month, day).toEpochDay();
    return ((days * 24 + hour) * 60 + minute - offsetMinutes) * 60_000L + second * 1000L + millis;
  }

  private static int digits(String s, int from, int count) {
    int v = 0;
    for (int i = from; i < from + count; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }

  String snippet() {
    String s = raw.length() > SNIPPET ? raw.substring(0, SNIPPET) + "..." : raw;
    return Redaction.redact(s.replaceAll("\\s+", " "));
  }
}
