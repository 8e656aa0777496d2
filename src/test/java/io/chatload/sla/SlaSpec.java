package io.chatload.sla;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.chatload.config.ConfigurationException;
import io.chatload.contract.AgentEvent;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Service-level thresholds of a run, read from {@code user-files/sla/<profile>.json}. Unknown keys,
 * missing events and impossible values are rejected before any load with the file, field and
 * reason. Null thresholds are not asserted.
 */
public record SlaSpec(
    String source,
    String description,
    Map<String, Threshold> events,
    Map<String, Threshold> requests,
    Threshold journey,
    Gaps gaps,
    Global global,
    Abort abort,
    UnderStress stress) {

  /**
   * Latency percentiles and mean (ms, from the moment the request or message was sent; the mean is
   * the seed plans' "< 2 s average to agent initialisation"), error share, and a count of KOs
   * ({@code maxKo}: for rows where each KO is one thing lost, e.g. "lost": events).
   */
  public record Threshold(
      @JsonProperty("p95Ms") Integer p95Ms,
      @JsonProperty("p99Ms") Integer p99Ms,
      @JsonProperty("maxErrorPct") Double maxErrorPct,
      @JsonProperty("timeoutMs") Integer timeoutMs,
      @JsonProperty("maxKo") Integer maxKo,
      @JsonProperty("meanMs") Integer meanMs) {
    public Threshold(Integer p95Ms, Integer p99Ms, Double maxErrorPct, Integer timeoutMs) {
      this(p95Ms, p99Ms, maxErrorPct, timeoutMs, null, null);
    }

    /** The latency a run's own checks judge against: the p95 threshold, or the timeout where the SLA sets no p95. */
    public double p95OrTimeoutMs() {
      return p95Ms != null ? p95Ms : timeoutMs;
    }
  }

  /**
   * Per-frame limits checked on every event as it arrives (a breach is a KO of that event): first
   * agent_thinking after agent_started, tool_completed after its tool_executing, and delivery
   * latency (receive time minus the event's own timestamp; null where clocks are not in sync).
   */
  public record Gaps(
      @JsonProperty("firstThinkingAfterStartedMs") Integer firstThinkingAfterStartedMs,
      @JsonProperty("toolCompletedAfterExecutingMs") Integer toolCompletedAfterExecutingMs,
      @JsonProperty("deliveryLatencyMs") Integer deliveryLatencyMs) {
    public static final Gaps NONE = new Gaps(null, null, null);
  }

  /** Whole-run limits: share of failed requests, and a floor on throughput. */
  public record Global(
      @JsonProperty("maxFailedPct") Double maxFailedPct,
      @JsonProperty("minRequestsPerSec") Double minRequestsPerSec) {}

  /**
   * The platform team's figures under stress (seed plan 002), judged by {@code Stress} over its load
   * steps: at least {@code minMessagesPerSec} chat messages per second (each run's message and its
   * five agent events) at a step that held the SLA, and at most {@code maxNeverCompletedPct} % of
   * users that never complete a turn ("permanent failures").
   */
  public record UnderStress(
      @JsonProperty("minMessagesPerSec") Double minMessagesPerSec,
      @JsonProperty("maxNeverCompletedPct") Double maxNeverCompletedPct) {
    public static final UnderStress NONE = new UnderStress(null, null);
  }

  /**
   * When a run is certainly lost and stops itself: the error share of any SLA'd request or event
   * over the last {@code windowSeconds} above {@code errorPct} for {@code forSeconds} on end (or the
   * target unreachable that long). {@code -Dabort=false} turns it off.
   */
  public record Abort(
      @JsonProperty("errorPct") Double errorPct,
      @JsonProperty("forSeconds") Integer forSeconds,
      @JsonProperty("windowSeconds") Integer windowSeconds) {
    /** What a file without {@code abort} gets: half the requests failing for 15 s, judged over 5 s windows. */
    public static final Abort DEFAULT = new Abort(50.0, 15, 5);

    /** The same rule with what the file left out taken from {@link #DEFAULT}. */
    Abort withDefaults() {
      int window = windowSeconds != null ? windowSeconds : Math.min(DEFAULT.windowSeconds(), forSeconds != null ? forSeconds : DEFAULT.forSeconds());
      return new Abort(errorPct != null ? errorPct : DEFAULT.errorPct(), forSeconds != null ? forSeconds : DEFAULT.forSeconds(), window);
    }
  }

  /** Request names outside the agent events that an SLA may name. */
  public static final java.util.List<String> REQUEST_NAMES =
      java.util.List.of("login", "refresh", "connect", "welcome", "health", "isolation", "reconnect", "recovery", "journey after spike",
          "replay", "lost", "duplicated", "burst accepted", "rate limited");

  private record File(
      @JsonProperty("description") String description,
      @JsonProperty("events") Map<String, Threshold> events,
      @JsonProperty("requests") Map<String, Threshold> requests,
      @JsonProperty("journey") Threshold journey,
      @JsonProperty("gaps") Gaps gaps,
      @JsonProperty("global") Global global,
      @JsonProperty("abort") Abort abort,
      @JsonProperty("stress") UnderStress stress) {}

  private static final ObjectMapper STRICT =
      new ObjectMapper()
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  /** The timeout of one event: how long after the message the event may still arrive. */
  public int timeoutMs(AgentEvent event) {
    return events.get(event.wireName()).timeoutMs();
  }

  /** How long the whole chat turn may take: the largest event timeout. */
  public int turnTimeoutMs() {
    return events.values().stream().mapToInt(Threshold::timeoutMs).max().orElseThrow();
  }

  public int welcomeTimeoutMs() {
    Threshold t = requests.get("welcome");
    return t != null && t.timeoutMs() != null ? t.timeoutMs() : 5000;
  }

  /** Whether {@code user-files/sla/<name>.json} exists on the class path. */
  public static boolean exists(String name) {
    return SlaSpec.class.getClassLoader().getResource("sla/" + name + ".json") != null;
  }

  /**
   * Loads {@code ref}: a path to a JSON file, or a profile name resolved as {@code sla/<ref>.json}
   * on the class path (user-files/sla/).
   */
  public static SlaSpec load(String ref) {
    Path path = Path.of(ref);
    if (Files.isRegularFile(path)) {
      try (InputStream in = Files.newInputStream(path)) {
        return parse(path.toString(), in);
      } catch (IOException e) {
        throw new ConfigurationException("SLA file " + path + " cannot be read: " + e.getMessage());
      }
    }
    if (ref.endsWith(".json") || ref.startsWith("/") || ref.startsWith(".")) {
      throw new ConfigurationException("sla=" + ref + ": no such file");
    }
    String resource = "sla/" + ref + ".json";
    try (InputStream in = SlaSpec.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new ConfigurationException(
            "sla=" + ref + " is unknown: no user-files/" + resource + " (give -Dsla=<profile> or -Dsla=<path to a .json file>)");
      }
      return parse("user-files/" + resource, in);
    } catch (IOException e) {
      throw new ConfigurationException("SLA file user-files/" + resource + " cannot be read: " + e.getMessage());
    }
  }

  static SlaSpec parse(String source, InputStream in) throws IOException {
    File f;
    try {
      f = STRICT.readValue(in, File.class);
    } catch (UnrecognizedPropertyException e) {
      throw new ConfigurationException(String.format(
          "SLA file %s: unknown key '%s'; accepted keys there: %s",
          source, path(e), e.getKnownPropertyIds().stream().map(Object::toString).sorted().collect(Collectors.joining(", "))));
    } catch (JsonMappingException e) {
      throw new ConfigurationException(String.format(
          "SLA file %s: field '%s' is invalid: %s", source, path(e), e.getOriginalMessage()));
    } catch (JsonProcessingException e) {
      throw new ConfigurationException(String.format(
          "SLA file %s is not valid JSON (line %d): %s",
          source, e.getLocation() == null ? 0 : e.getLocation().getLineNr(), e.getOriginalMessage()));
    }
    return validate(source, f);
  }

  private static String path(JsonMappingException e) {
    return e.getPath().stream()
        .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
        .collect(Collectors.joining("."));
  }

  private static SlaSpec validate(String source, File f) {
    if (f.events() == null) {
      throw new ConfigurationException("SLA file " + source + ": 'events' is missing (one entry per agent event)");
    }
    Map<String, Threshold> events = new LinkedHashMap<>();
    for (AgentEvent e : AgentEvent.values()) {
      Threshold t = f.events().get(e.wireName());
      if (t == null) {
        throw new ConfigurationException("SLA file " + source + ": events." + e.wireName() + " is missing");
      }
      check(source, "events." + e.wireName(), t);
      if (t.timeoutMs() == null) {
        throw new ConfigurationException("SLA file " + source + ": events." + e.wireName() + ".timeoutMs is missing");
      }
      events.put(e.wireName(), t);
    }
    for (String name : f.events().keySet()) {
      if (AgentEvent.fromWireName(name).isEmpty()) {
        throw new ConfigurationException("SLA file " + source + ": events." + name + " is not an agent event; accepted: "
            + java.util.Arrays.stream(AgentEvent.values()).map(AgentEvent::wireName).collect(Collectors.joining(", ")));
      }
    }
    Map<String, Threshold> requests = new LinkedHashMap<>();
    if (f.requests() != null) {
      for (Map.Entry<String, Threshold> r : f.requests().entrySet()) {
        if (!REQUEST_NAMES.contains(r.getKey())) {
          throw new ConfigurationException("SLA file " + source + ": requests." + r.getKey() + " is unknown; accepted: " + String.join(", ", REQUEST_NAMES));
        }
        check(source, "requests." + r.getKey(), r.getValue());
        requests.put(r.getKey(), r.getValue());
      }
    }
    if (f.journey() != null) {
      check(source, "journey", f.journey());
    }
    Gaps gaps = f.gaps() == null ? Gaps.NONE : f.gaps();
    positive(source, "gaps.firstThinkingAfterStartedMs", gaps.firstThinkingAfterStartedMs());
    positive(source, "gaps.toolCompletedAfterExecutingMs", gaps.toolCompletedAfterExecutingMs());
    positive(source, "gaps.deliveryLatencyMs", gaps.deliveryLatencyMs());
    Global global = f.global() == null ? new Global(null, null) : f.global();
    percent(source, "global.maxFailedPct", global.maxFailedPct());
    if (global.minRequestsPerSec() != null && global.minRequestsPerSec() < 0) {
      throw new ConfigurationException("SLA file " + source + ": global.minRequestsPerSec=" + global.minRequestsPerSec() + " must be >= 0");
    }
    Abort abort = f.abort() == null ? Abort.DEFAULT : f.abort().withDefaults();
    if (abort.errorPct() <= 0 || abort.errorPct() > 100 || abort.errorPct().isNaN()) {
      throw new ConfigurationException("SLA file " + source + ": abort.errorPct=" + abort.errorPct() + " must be a percentage above 0 and at most 100");
    }
    positive(source, "abort.forSeconds", abort.forSeconds());
    positive(source, "abort.windowSeconds", abort.windowSeconds());
    if (abort.windowSeconds() > abort.forSeconds()) {
      throw new ConfigurationException(String.format(
          "SLA file %s: abort.windowSeconds=%d is above abort.forSeconds=%d: one bad window would already stop the run",
          source, abort.windowSeconds(), abort.forSeconds()));
    }
    UnderStress stress = f.stress() == null ? UnderStress.NONE : f.stress();
    if (stress.minMessagesPerSec() != null && !(stress.minMessagesPerSec() > 0)) {
      throw new ConfigurationException("SLA file " + source + ": stress.minMessagesPerSec=" + stress.minMessagesPerSec() + " must be > 0");
    }
    percent(source, "stress.maxNeverCompletedPct", stress.maxNeverCompletedPct());
    return new SlaSpec(source, f.description() == null ? "" : f.description(), events, requests, f.journey(), gaps, global, abort, stress);
  }

  private static void check(String source, String field, Threshold t) {
    positive(source, field + ".p95Ms", t.p95Ms());
    positive(source, field + ".p99Ms", t.p99Ms());
    positive(source, field + ".timeoutMs", t.timeoutMs());
    positive(source, field + ".meanMs", t.meanMs());
    percent(source, field + ".maxErrorPct", t.maxErrorPct());
    if (t.maxKo() != null && t.maxKo() < 0) {
      throw new ConfigurationException("SLA file " + source + ": " + field + ".maxKo=" + t.maxKo() + " must be >= 0");
    }
    if (t.p95Ms() != null && t.p99Ms() != null && t.p95Ms() > t.p99Ms()) {
      throw new ConfigurationException(String.format(
          "SLA file %s: %s.p95Ms=%d is above %s.p99Ms=%d, which no run can satisfy", source, field, t.p95Ms(), field, t.p99Ms()));
    }
    if (t.timeoutMs() != null && t.p99Ms() != null && t.p99Ms() > t.timeoutMs()) {
      throw new ConfigurationException(String.format(
          "SLA file %s: %s.p99Ms=%d is above %s.timeoutMs=%d: a later event is already a timeout", source, field, t.p99Ms(), field, t.timeoutMs()));
    }
  }

  private static void positive(String source, String field, Integer v) {
    if (v != null && v <= 0) {
      throw new ConfigurationException("SLA file " + source + ": " + field + "=" + v + " must be > 0");
    }
  }

  private static void percent(String source, String field, Double v) {
    if (v != null && (v < 0 || v > 100 || v.isNaN())) {
      throw new ConfigurationException("SLA file " + source + ": " + field + "=" + v + " must be a percentage between 0 and 100");
    }
  }
}
