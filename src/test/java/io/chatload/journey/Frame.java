package io.chatload.journey;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.chatload.contract.Dialect;
import io.chatload.contract.Json;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.OptionalLong;

/**
 * One server frame, parsed once with Jackson, read the way every dialect of the platform writes it
 * (PROTOCOL.md, "What the real platform actually sends"): a field is looked up at the top level, in
 * the event's detail object ({@code data} or {@code payload}) and in their {@code metadata}, so the
 * checks never need to know which dialect the target speaks. {@link #problem()} says why a frame
 * is not usable.
 */
final class Frame {
  private static final int SNIPPET = 120;

  final String raw;
  final JsonNode root;
  final String type;
  /** The event's detail object: {@code data} (contract, bridge) or {@code payload}; null when flat. */
  final JsonNode body;
  private final String problem;

  private Frame(String raw, JsonNode root, String type, JsonNode body, String problem) {
    this.raw = raw;
    this.root = root;
    this.type = type;
    this.body = body;
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
    return new Frame(raw, root, type.asText(), objectAt(root, "data", "payload"), null);
  }

  private static Frame malformed(String raw, String why) {
    return new Frame(raw, null, null, null, why);
  }

  String problem() {
    return problem;
  }

  /**
   * Which dialect wrote this agent frame: {@code payload} has a payload object; {@code contract}
   * keeps its correlation fields inside {@code data}; {@code bridge} has them at the top level beside
   * {@code data}; {@code flat} has no detail object at all.
   */
  Dialect dialect() {
    if (body == null) {
      return Dialect.FLAT;
    }
    if (root.get("payload") == body) {
      return Dialect.PAYLOAD;
    }
    return present(root.get("run_id")) || !present(body.get("run_id")) ? Dialect.BRIDGE : Dialect.CONTRACT;
  }

  /** Whether the envelope carries a detail object where a dialect expects one (a string {@code data} is not). */
  boolean detailIsMalformed() {
    JsonNode d = root.has("data") ? root.get("data") : root.get("payload");
    return d != null && !d.isNull() && !d.isObject();
  }

  /**
   * A scalar field wherever the dialects put it: top level, detail object, then their metadata.
   * Null when absent, JSON null, or not a scalar.
   */
  String text(String field) {
    JsonNode n = find(field);
    return n == null || n.isContainerNode() ? null : n.asText();
  }

  /** Whether a field is present anywhere a dialect puts it and not null, "" , {} or []. */
  boolean hasNonEmpty(String field) {
    JsonNode n = find(field);
    if (n == null) {
      return false;
    }
    if (n.isTextual()) {
      return !n.asText().isBlank();
    }
    return !n.isContainerNode() || n.size() > 0;
  }

  /** Whether a field is present anywhere a dialect puts it (an empty object counts). */
  boolean has(String field) {
    return find(field) != null;
  }

  private JsonNode find(String field) {
    if (root == null) {
      return null;
    }
    JsonNode n = body == null ? null : body.get(field);
    if (!present(n)) {
      n = root.get(field);
    }
    if (!present(n)) {
      n = metadata(body, field);
    }
    if (!present(n)) {
      n = metadata(root, field);
    }
    return present(n) ? n : null;
  }

  private static JsonNode metadata(JsonNode holder, String field) {
    JsonNode m = holder == null ? null : holder.get("metadata");
    return m != null && m.isObject() ? m.get(field) : null;
  }

  private static boolean present(JsonNode n) {
    return n != null && !n.isNull() && !n.isMissingNode();
  }

  private static JsonNode objectAt(JsonNode root, String... names) {
    for (String name : names) {
      JsonNode n = root.get(name);
      if (n != null && n.isObject()) {
        return n;
      }
    }
    return null;
  }

  /** The event's own send time (unix seconds or ISO-8601, with or without an offset), in epoch ms. */
  OptionalLong timestampMillis() {
    JsonNode ts = root == null ? null : root.get("timestamp");
    if (!present(ts) && body != null) {
      ts = body.get("timestamp");
    }
    if (!present(ts)) {
      return OptionalLong.empty();
    }
    if (ts.isNumber()) {
      return OptionalLong.of(Math.round(ts.asDouble() * 1000));
    }
    String s = ts.asText();
    try {
      // Python's isoformat() writes "+00:00"; a naive timestamp is taken as UTC
      return OptionalLong.of(OffsetDateTime.parse(s.endsWith("Z") || s.matches(".*[+-]\\d\\d:\\d\\d$") ? s : s + "Z")
          .toInstant().toEpochMilli());
    } catch (DateTimeParseException e) {
      return OptionalLong.empty();
    }
  }

  String snippet() {
    String s = raw.length() > SNIPPET ? raw.substring(0, SNIPPET) + "..." : raw;
    return Redaction.redact(s.replaceAll("\\s+", " "));
  }
}
