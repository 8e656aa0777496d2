package io.chatload.journey;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.chatload.contract.Json;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.OptionalLong;

/** One server frame, parsed once with Jackson. {@link #problem()} says why it is not usable. */
final class Frame {
  private static final int SNIPPET = 120;

  final String raw;
  final JsonNode root;
  final String type;
  final JsonNode data;
  private final String problem;

  private Frame(String raw, JsonNode root, String type, JsonNode data, String problem) {
    this.raw = raw;
    this.root = root;
    this.type = type;
    this.data = data;
    this.problem = problem;
  }

  static Frame parse(String raw) {
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(raw);
    } catch (JsonProcessingException e) {
      return malformed(raw, "not JSON");
    }
    if (root == null || !root.isObject()) {
      return malformed(raw, "not a JSON object");
    }
    JsonNode type = root.get("type");
    if (type == null || !type.isTextual() || type.asText().isEmpty()) {
      return new Frame(raw, root, null, null, "JSON without a string 'type'");
    }
    JsonNode data = root.get("data");
    return new Frame(raw, root, type.asText(), data != null && data.isObject() ? data : null, null);
  }

  private static Frame malformed(String raw, String why) {
    return new Frame(raw, null, null, null, why);
  }

  String problem() {
    return problem;
  }

  /** A field of {@code data}, or of the envelope where the real emitter puts it there. */
  String text(String field) {
    JsonNode n = data == null ? null : data.get(field);
    if ((n == null || n.isNull()) && root != null) {
      n = root.get(field);
    }
    return n == null || n.isNull() || n.isContainerNode() ? null : n.asText();
  }

  /** The dotted path inside data; non-empty means present, not null, and not "" / {} / []. */
  boolean hasNonEmpty(String dottedPath) {
    JsonNode n = data;
    for (String part : dottedPath.split("\\.")) {
      if (n == null || !n.isObject()) {
        return false;
      }
      n = n.get(part);
    }
    if (n == null || n.isNull() || n.isMissingNode()) {
      return false;
    }
    if (n.isTextual()) {
      return !n.asText().isBlank();
    }
    return !n.isContainerNode() || n.size() > 0;
  }

  /** The event's own send time (top-level timestamp: unix seconds or ISO-8601), in epoch ms. */
  OptionalLong timestampMillis() {
    JsonNode ts = root == null ? null : root.get("timestamp");
    if (ts == null && data != null) {
      ts = data.get("timestamp");
    }
    if (ts == null || ts.isNull()) {
      return OptionalLong.empty();
    }
    if (ts.isNumber()) {
      return OptionalLong.of(Math.round(ts.asDouble() * 1000));
    }
    try {
      return OptionalLong.of(Instant.parse(ts.asText()).toEpochMilli());
    } catch (DateTimeParseException e) {
      return OptionalLong.empty();
    }
  }

  String snippet() {
    String s = raw.length() > SNIPPET ? raw.substring(0, SNIPPET) + "..." : raw;
    return Redaction.redact(s.replaceAll("\\s+", " "));
  }
}
