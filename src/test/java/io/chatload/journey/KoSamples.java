package io.chatload.journey;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A few samples of each kind of KO seen by this JVM, with their details (ids, redacted snippet),
 * for the log and the run's summary: the KO message itself stays stable so it groups.
 */
public final class KoSamples {
  private static final Logger LOG = LoggerFactory.getLogger(KoSamples.class);
  static final int PER_KIND = 5;
  private static final Map<String, List<String>> SAMPLES = new ConcurrentHashMap<>();

  private KoSamples() {}

  static void record(Breach b) {
    List<String> list = SAMPLES.computeIfAbsent(b.kind(), k -> Collections.synchronizedList(new ArrayList<>(PER_KIND)));
    if (list.size() >= PER_KIND) {
      return;
    }
    String detail = Redaction.redact(b.detail());
    synchronized (list) {
      if (list.size() < PER_KIND) {
        list.add(detail);
        LOG.warn("KO '{}': {}", b.kind(), detail);
      }
    }
  }

  /** Kind → its first samples, in a stable order. */
  public static Map<String, List<String>> snapshot() {
    Map<String, List<String>> out = new LinkedHashMap<>();
    SAMPLES.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
      synchronized (e.getValue()) {
        out.put(e.getKey(), List.copyOf(e.getValue()));
      }
    });
    return out;
  }
}
