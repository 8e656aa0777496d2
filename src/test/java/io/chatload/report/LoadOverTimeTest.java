package io.chatload.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class LoadOverTimeTest {
  @Test
  void usersLatencyAndErrorsMeetOnGatlingsBuckets() {
    List<SlaSummary.TimePoint> t = LoadOverTime.join(
        List.of(new RunResults.UsersAt(500, 5), new RunResults.UsersAt(1500, 5), new RunResults.UsersAt(2500, 2)),
        // Gatling keys the percentiles by send time: the message sent at 0.5 s completed in the 2.5 s bucket
        List.of(new RunResults.LatencyAt(500, 2100)),
        List.of(new RunResults.Bucket(500, 10, 0, 0, 0, 0), new RunResults.Bucket(1500, 0, 0, 0, 0, 0), new RunResults.Bucket(2500, 3, 1, 0, 0, 0)));
    assertEquals(3, t.size());
    assertEquals(new SlaSummary.TimePoint(0.5, 5, 2100, 0), t.get(0));
    assertNull(t.get(1).p95Ms(), "no message sent then: no p95, not 0");
    assertEquals(25.0, t.get(2).errorPct());
    assertEquals(2, t.get(2).activeUsers());
  }
}
