package io.chatload.run;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.constantConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.rampConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.rampUsersPerSec;

import io.chatload.config.LoadSettings;
import io.gatling.javaapi.core.ClosedInjectionStep;
import io.gatling.javaapi.core.OpenInjectionStep;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import java.util.ArrayList;
import java.util.List;

/** The injection profile of {@link LoadSettings}, in one place. */
public final class LoadProfile {
  private LoadProfile() {}

  public static PopulationBuilder inject(ScenarioBuilder scenario, LoadSettings load) {
    switch (load.injection()) {
      case CLOSED: {
        List<ClosedInjectionStep> steps = new ArrayList<>();
        if (!load.ramp().isZero()) {
          steps.add(rampConcurrentUsers(0).to(load.users()).during(load.ramp()));
        }
        if (!load.hold().isZero()) {
          steps.add(constantConcurrentUsers(load.users()).during(load.hold()));
        }
        return scenario.injectClosed(steps.toArray(ClosedInjectionStep[]::new));
      }
      case OPEN: {
        List<OpenInjectionStep> steps = new ArrayList<>();
        if (!load.ramp().isZero()) {
          steps.add(rampUsersPerSec(0).to(load.ratePerSec()).during(load.ramp()));
        }
        if (!load.hold().isZero()) {
          steps.add(constantUsersPerSec(load.ratePerSec()).during(load.hold()));
        }
        return scenario.injectOpen(steps.toArray(OpenInjectionStep[]::new));
      }
      default:
        return scenario.injectOpen(
            load.ramp().isZero() ? atOnceUsers(load.users()) : rampUsers(load.users()).during(load.ramp()));
    }
  }
}
