package io.chatload.config;

import static java.time.Duration.ofSeconds;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The named factories build the same load the eight positional arguments did. */
class LoadSettingsTest {
  @Test
  void aClosedLoadReadsAsItRuns() {
    LoadSettings load = LoadSettings.closed(500).ramp(ofSeconds(60)).hold(ofSeconds(120)).turns(3).thinking(ofSeconds(3), ofSeconds(5))
        .ratePerSec(20);
    assertEquals(new LoadSettings(LoadSettings.Injection.CLOSED, 500, 20, ofSeconds(60), ofSeconds(120), 3, ofSeconds(3), ofSeconds(5)), load);
    assertEquals("closed model: ramp to 500 concurrent users over 60s, hold 120s; 3 chat turn(s) per user, think time 3.0-5.0 s",
        load.describe());
  }

  @Test
  void anOpenLoadHasARateAndNoUsers() {
    assertEquals(new LoadSettings(LoadSettings.Injection.OPEN, 0, 20, ofSeconds(20), ofSeconds(20), 1, ofSeconds(3), ofSeconds(5)),
        LoadSettings.open(20).ramp(ofSeconds(20)).hold(ofSeconds(20)).turns(1).thinking(ofSeconds(3), ofSeconds(5)));
  }

  @Test
  void usersAtOnceHaveNoRampOrHoldUnlessGiven() {
    assertEquals(new LoadSettings(LoadSettings.Injection.AT_ONCE, 5, 0, Duration.ZERO, Duration.ZERO, 1, ofSeconds(3), ofSeconds(5)),
        LoadSettings.atOnce(5).thinking(ofSeconds(3), ofSeconds(5)));
    assertEquals("5 users at once; 1 chat turn(s) per user, think time 3.0-5.0 s", LoadSettings.atOnce(5).thinking(ofSeconds(3), ofSeconds(5)).describe());
  }
}
