package io.chatload.simulations;

import io.chatload.config.LoadSettings;
import io.chatload.config.LoadSettings.Injection;
import io.chatload.run.LoadProfile;
import java.time.Duration;

/** A few users, one chat turn each: is the golden path up at all? Well under a minute. */
public class Smoke extends ChatSimulation {
  public static final LoadSettings DEFAULTS =
      new LoadSettings(Injection.AT_ONCE, 5, 0, Duration.ZERO, Duration.ZERO, 1, Duration.ofSeconds(3), Duration.ofSeconds(5));

  public Smoke() {
    super(DEFAULTS);
    run(LoadProfile.inject(journey.goldenPath("smoke"), run.load()));
  }
}
