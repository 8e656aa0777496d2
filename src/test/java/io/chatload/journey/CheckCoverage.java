package io.chatload.journey;

import io.chatload.contract.Dialect;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;

/**
 * What one run's checks could judge: which dialect the target's agent events were written in and
 * which identity fields they carried. The isolation check is only as strong as those fields, so
 * the run's summary states them. One per run ({@link FrameTally}), shared by its users' Conversations.
 */
public final class CheckCoverage {
  private final LongAdder[] byDialect = adders(Dialect.values().length);
  private final LongAdder withUser = new LongAdder();
  private final LongAdder withThread = new LongAdder();

  CheckCoverage() {}

  private static LongAdder[] adders(int n) {
    LongAdder[] a = new LongAdder[n];
    for (int i = 0; i < n; i++) {
      a[i] = new LongAdder();
    }
    return a;
  }

  /** Counts one agent event (run_id is required of every dialect, so it is always judged). */
  void saw(Dialect dialect, boolean userId, boolean threadId) {
    byDialect[dialect.ordinal()].increment();
    if (userId) {
      withUser.increment();
    }
    if (threadId) {
      withThread.increment();
    }
  }

  private long total() {
    long t = 0;
    for (LongAdder a : byDialect) {
      t += a.sum();
    }
    return t;
  }

  /** e.g. "bridge", or "bridge (97 %), flat (3 %)"; "none seen" when no agent event arrived. */
  public String dialects() {
    long total = total();
    if (total == 0) {
      return "none seen (no agent event arrived)";
    }
    List<String> parts = new ArrayList<>();
    for (Dialect d : Dialect.values()) {
      long n = byDialect[d.ordinal()].sum();
      if (n == total) {
        return d.wireName();
      }
      if (n > 0) {
        parts.add(String.format(Locale.ROOT, "%s (%.0f %%)", d.wireName(), 100.0 * n / total));
      }
    }
    return String.join(", ", parts);
  }

  /** e.g. "run_id + user_id; the platform sends no thread_id". */
  public String identityFields() {
    return identityFields(false);
  }

  /**
   * As {@link #identityFields()}; {@code sharedUser}: the run went on against a platform that makes
   * every socket one user (-Dtarget.sharedUser=true), so user_id was not judged, and the summary says so.
   */
  public String identityFields(boolean sharedUser) {
    long total = total();
    if (total == 0) {
      return "none (no agent event arrived)" + (sharedUser ? "; " + ONE_USER : "");
    }
    List<String> judged = new ArrayList<>(List.of("run_id"));
    List<String> notes = new ArrayList<>();
    if (sharedUser) {
      notes.add(ONE_USER);
    } else {
      field("user_id", withUser.sum(), total, judged, notes);
    }
    field("thread_id", withThread.sum(), total, judged, notes);
    return String.join(" + ", judged) + (notes.isEmpty() ? "" : "; " + String.join("; ", notes));
  }

  static final String ONE_USER = "all users were one platform user (demo mode, -Dtarget.sharedUser=true): user_id not judged";

  private static void field(String name, long with, long total, List<String> judged, List<String> notes) {
    if (with == 0) {
      notes.add("the platform sends no " + name);
      return;
    }
    judged.add(name);
    if (with < total) {
      notes.add(String.format(Locale.ROOT, "%s on %.0f %% of agent events", name, 100.0 * with / total));
    }
  }
}
