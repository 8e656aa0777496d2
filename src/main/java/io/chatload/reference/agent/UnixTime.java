package io.chatload.reference.agent;

import java.math.BigDecimal;

/** Unix time in seconds with millisecond decimals, written plainly ({@code 1732459200.123}, never {@code 1.7E9}). */
public final class UnixTime {
  private UnixTime() {}

  public static BigDecimal seconds(long epochMillis) {
    return BigDecimal.valueOf(epochMillis, 3);
  }

  public static BigDecimal now() {
    return seconds(System.currentTimeMillis());
  }
}
