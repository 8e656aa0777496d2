package io.chatload.simulations;

import static java.time.Duration.ofSeconds;

import io.chatload.config.LoadSettings;
import io.chatload.run.LoadProfile;
import java.time.Duration;

/** A few users, one chat turn each: is the golden path up at all? Well under a minute. */
public class Smoke extends ChatSimulation {
  public static final LoadSettings DEFAULTS =
      LoadSettings.atOnce(5).turns(1).thinking(ofSeconds(3), ofSeconds(5));

  public Smoke() {
    super(DEFAULTS);
    run(LoadProfile.inject(journey.goldenPath("smoke"), run.load()));
  }
}
