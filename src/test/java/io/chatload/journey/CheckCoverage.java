package io.chatload.journey;

import io.chatload.contract.Dialect;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;

/**
 * What this JVM's checks could judge: which dialect the target's agent events were written in and
 * which identity fields they carried. The isolation check is only as strong as those fields, so
 * the run's summary states them.
 */
public final class CheckCoverage {
  private static final LongAdder[] BY_DIALECT = adders(Dialect.values().length);
  private static final LongAdder WITH_USER = new LongAdder();
  private static final LongAdder WITH_THREAD = new LongAdder();

  private CheckCoverage() {}

  private static LongAdder[] adders(int n) {
    LongAdder[] a = new LongAdder[n];
    for (int i = 0; i < n; i++) {
      a[i] = new LongAdder();
    }
    return a;
  }

  /** Counts one agent event (run_id is required of every dialect, so it is always judged). */
  static void saw(Dialect dialect, boolean userId, boolean threadId) {
    BY_DIALECT[dialect.ordinal()].increment();
    if (userId) {
      WITH_USER.increment();
    }
    if (threadId) {
      WITH_THREAD.increment();
    }
  }

  private static long total() {
    long t = 0;
    for (LongAdder a : BY_DIALECT) {
      t += a.sum();
    }
    return t;
  }

  /** e.g. "bridge", or "bridge (97 %), flat (3 %)"; "none seen" when no agent event arrived. */
  public static String dialects() {
    long total = total();
    if (total == 0) {
      return "none seen (no agent event arrived)";
    }
    List<String> parts = new ArrayList<>();
    for (Dialect d : Dialect.values()) {
      long n = BY_DIALECT[d.ordinal()].sum();
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
  public static String identityFields() {
    return identityFields(false);
  }

  /**
   * As {@link #identityFields()}; {@code sharedUser}: the run went on against a platform that makes
   * every socket one user (-Dtarget.sharedUser=true), so user_id was not judged, and the summary says so.
   */
  public static String identityFields(boolean sharedUser) {
    long total = total();
    if (total == 0) {
      return "none (no agent event arrived)" + (sharedUser ? "; " + ONE_USER : "");
    }
    List<String> judged = new ArrayList<>(List.of("run_id"));
    List<String> notes = new ArrayList<>();
    if (sharedUser) {
      notes.add(ONE_USER);
    } else {
      field("user_id", WITH_USER.sum(), total, judged, notes);
    }
    field("thread_id", WITH_THREAD.sum(), total, judged, notes);
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
