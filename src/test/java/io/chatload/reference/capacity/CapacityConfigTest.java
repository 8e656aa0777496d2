package io.chatload.reference.capacity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chatload.reference.ReferenceConfig;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The capacity model's properties, read in ReferenceConfig: off by default, validated with the property's name. */
class CapacityConfigTest {
  private static ReferenceConfig read(String... kv) {
    Properties p = new Properties();
    for (int i = 0; i < kv.length; i += 2) {
      p.setProperty(kv[i], kv[i + 1]);
    }
    return ReferenceConfig.fromProperties(p, Map.of());
  }

  @Test
  void offByDefaultAndReadWhenGiven() {
    assertEquals(CapacityConfig.OFF, read().capacity());
    assertEquals(new CapacityConfig(8, 20, 2.5),
        read("reference.capacity", "8", "reference.queueLimit", "20", "reference.runsPerSecond", "2.5").capacity());
    assertEquals("8 workers, queue unbounded", read("reference.capacity", "8").capacity().toString());
  }

  @Test
  void badValuesNameTheProperty() {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> read("reference.capacity", "many"))
        .getMessage().startsWith("reference.capacity=many is invalid"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> read("reference.capacity", "-2"))
        .getMessage().startsWith("reference.capacity=-2 is invalid"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> read("reference.queueLimit", "5"))
        .getMessage().contains("needs reference.capacity"));
  }
}
