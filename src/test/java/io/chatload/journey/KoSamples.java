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
 * A few samples of each kind of KO seen by one run, with their details (ids, redacted snippet),
 * for the log and the run's summary: the KO message itself stays stable so it groups. One per run
 * ({@link FrameTally}), shared by its users' Conversations.
 */
public final class KoSamples {
  private static final Logger LOG = LoggerFactory.getLogger(KoSamples.class);
  static final int PER_KIND = 5;
  private final Map<String, List<String>> samples = new ConcurrentHashMap<>();

  KoSamples() {}

  void record(Breach b) {
    List<String> list = samples.computeIfAbsent(b.kind(), k -> Collections.synchronizedList(new ArrayList<>(PER_KIND)));
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
  public Map<String, List<String>> snapshot() {
    Map<String, List<String>> out = new LinkedHashMap<>();
    samples.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
      synchronized (e.getValue()) {
        out.put(e.getKey(), List.copyOf(e.getValue()));
      }
    });
    return out;
  }
}
