package io.chatload.journey;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import io.chatload.contract.Dialect;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
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

  private static final int TYPE = INDEX.get("type");
  private static final int RUN_ID = INDEX.get("run_id");
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
  final String type;
  private final Object[][] values;
  /** DATA or PAYLOAD: the detail object; -1 when there is none (flat). */
  private final int body;
  private final boolean detailMalformed;
  private final String problem;

  private Frame(String raw, Object[][] values, int body, boolean detailMalformed, String problem) {
    this.raw = raw;
    this.values = values;
    this.body = body;
    this.detailMalformed = detailMalformed;
    this.problem = problem;
    Object t = values == null ? null : get(values, TOP, TYPE);
    this.type = t instanceof String s && !s.isEmpty() && problem == null ? s : null;
  }

  static Frame parse(String raw) {
    Object[][] values = new Object[6][];
    boolean[] isObject = new boolean[3];
    boolean[] isOther = new boolean[3];
    try (JsonParser p = READER.createParser(raw)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return malformed(raw, "not a JSON object");
      }
      readObject(p, values, TOP, isObject, isOther);
      if (p.nextToken() != null) {
        return malformed(raw, "not JSON");
      }
    } catch (IOException e) {
      return malformed(raw, "not JSON");
    }
    Object t = get(values, TOP, TYPE);
    int body = isObject[DATA] ? DATA : isObject[PAYLOAD] ? PAYLOAD : -1;
    boolean detailMalformed = (isOther[DATA] && !isObject[DATA]) || (!isObject[DATA] && isOther[PAYLOAD] && !isObject[PAYLOAD]);
    String problem = t instanceof String s && !s.isEmpty() ? null : "JSON without a string 'type'";
    return new Frame(raw, values, body, detailMalformed, problem);
  }

  /** Reads one object's fields at {@code where}; descends only into data, payload and metadata. */
  private static void readObject(JsonParser p, Object[][] values, int where, boolean[] isObject, boolean[] isOther) throws IOException {
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken v = p.nextToken();
      int nested = nestedAt(where, name);
      if (nested >= 0) {
        if (v == JsonToken.START_OBJECT) {
          if (nested <= PAYLOAD) {
            isObject[nested] = true;
          }
          readObject(p, values, nested, isObject, isOther);
          continue;
        }
        if (nested <= PAYLOAD && v != JsonToken.VALUE_NULL) {
          isOther[nested] = true;
        }
      }
      Integer field = INDEX.get(name);
      if (field == null) {
        p.skipChildren();
        continue;
      }
      if (values[where] == null) {
        values[where] = new Object[FIELDS.length];
      }
      values[where][field] = valueOf(p, v, TEXT[field]);
    }
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

  private static Object get(Object[][] values, int where, int field) {
    Object[] at = values[where];
    return at == null ? null : at[field];
  }

  private static Frame malformed(String raw, String why) {
    return new Frame(raw, null, -1, false, why);
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
      return get(values, TOP, RUN_ID) == null && get(values, PAYLOAD, RUN_ID) != null ? Dialect.CAPTURE : Dialect.PAYLOAD;
    }
    return get(values, TOP, RUN_ID) != null || get(values, DATA, RUN_ID) == null ? Dialect.BRIDGE : Dialect.CONTRACT;
  }

  /** Whether the envelope carries a detail object that is not an object (a string {@code data}). */
  boolean detailIsMalformed() {
    return detailMalformed;
  }

  /**
   * A scalar field wherever the dialects put it: detail object, top level, then their metadata.
   * Null when absent, JSON null, or not a scalar text a verdict reads.
   */
  String text(String field) {
    Object v = find(field);
    return v instanceof String || v instanceof Number || v instanceof Boolean ? v.toString() : null;
  }

  /** Whether a field is present anywhere a dialect puts it and not null, "" (or blank), {} or []. */
  boolean hasNonEmpty(String field) {
    Object v = find(field);
    if (v == null || v == EMPTY) {
      return false;
    }
    return !(v instanceof String s) || !s.isBlank();
  }

  /** Whether a field is present anywhere a dialect puts it (an empty object counts). */
  boolean has(String field) {
    return find(field) != null;
  }

  private Object find(String field) {
    Integer i = INDEX.get(field);
    if (values == null || i == null) {
      return null;
    }
    int meta = body == DATA ? DATA_META : PAYLOAD_META;
    Object v = body < 0 ? null : get(values, body, i);
    if (v == null) {
      v = get(values, TOP, i);
    }
    if (v == null && body >= 0) {
      v = get(values, meta, i);
    }
    if (v == null) {
      v = get(values, TOP_META, i);
    }
    return v;
  }

  /** The timestamp as sent: at the top level, else in the detail object ({@code data} or {@code payload}). */
  private Object timestampValue() {
    if (values == null) {
      return null;
    }
    Object ts = get(values, TOP, TIMESTAMP);
    if (ts == null && body >= 0) {
      ts = get(values, body, TIMESTAMP);
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
