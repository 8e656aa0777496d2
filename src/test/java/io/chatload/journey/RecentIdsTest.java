package io.chatload.journey;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RecentIdsTest {
  @Test
  void remembersTheLastFewAndTellsIdsWithTheSameHashApart() {
    RecentIds ids = new RecentIds(3);
    assertFalse(ids.contains("run_1"), "nothing remembered yet");
    ids.add("Aa"); // "Aa" and "BB" share their hash code
    assertTrue(ids.contains("Aa"));
    assertFalse(ids.contains("BB"), "a hash match alone is no match");
    ids.add("run_2");
    ids.add("run_3");
    assertTrue(ids.contains(new String("run_2")), "equal, not only the same instance");
    ids.add("run_4");
    assertFalse(ids.contains("Aa"), "the oldest is forgotten first");
    assertTrue(ids.contains("run_3") && ids.contains("run_4"));
  }
}
