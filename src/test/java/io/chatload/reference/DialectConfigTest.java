package io.chatload.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chatload.contract.Dialect;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** {@code reference.dialect} and {@code reference.tokenTtl}: defaults, parsing, refusals. */
class DialectConfigTest {

  private static ReferenceConfig read(String name, String value) {
    Properties p = new Properties();
    p.setProperty(name, value);
    return ReferenceConfig.fromProperties(p, Map.of());
  }

  @Test
  void defaultsAreTheContractAndTheRealLoginsLifetime() {
    ReferenceConfig d = ReferenceConfig.fromProperties(new Properties(), Map.of());
    assertEquals(Dialect.CONTRACT, d.dialect());
    assertEquals(900, d.tokenTtlSeconds());
  }

  @Test
  void readsEveryDialect() {
    for (Dialect d : Dialect.values()) {
      assertEquals(d, read("reference.dialect", " " + d.wireName() + " ").dialect());
    }
    assertEquals(1, read("reference.tokenTtl", "1").tokenTtlSeconds());
  }

  @Test
  void badDialectNamesThePropertyAndTheAcceptedValues() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> read("reference.dialect", "bridges"));
    assertTrue(e.getMessage().startsWith("reference.dialect=bridges is invalid"), e.getMessage());
    assertTrue(e.getMessage().contains("contract|payload|bridge|flat"), e.getMessage());
  }

  @Test
  void badTokenTtlNamesTheProperty() {
    for (String bad : new String[] {"0", "-5", "1.5", "soon"}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> read("reference.tokenTtl", bad));
      assertTrue(e.getMessage().startsWith("reference.tokenTtl=" + bad + " is invalid"), e.getMessage());
    }
    assertThrows(IllegalArgumentException.class, () -> ReferenceConfig.defaults().withTokenTtlSeconds(0));
  }

  @Test
  void toStringShowsBoth() {
    String s = ReferenceConfig.defaults().withDialect(Dialect.FLAT).withTokenTtlSeconds(60).toString();
    assertTrue(s.contains("dialect=flat") && s.contains("tokenTtl=60"), s);
  }
}
