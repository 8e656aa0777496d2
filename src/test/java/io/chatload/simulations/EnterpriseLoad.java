package io.chatload.simulations;

import io.chatload.config.LoadSettings;
import io.chatload.config.LoadSettings.Injection;
import java.time.Duration;

/**
 * The main job: ramp to many concurrent users (closed model), hold, every user chatting for several
 * turns with think time. {@code -Dinjection=open -Drate=N} runs the same journey as an open model
 * (N new users per second) instead.
 */
public class EnterpriseLoad extends ChatSimulation {
  static final LoadSettings DEFAULTS =
      new LoadSettings(Injection.CLOSED, 500, 20, Duration.ofSeconds(60), Duration.ofSeconds(120), 3,
          Duration.ofSeconds(3), Duration.ofSeconds(5));

  public EnterpriseLoad() {
    super(DEFAULTS);
    run(LoadProfile.inject(journey.goldenPath("enterprise load"), run.load()));
  }
}
