package io.chatload.reference.dialect;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** ISO-8601 UTC timestamps as the platform's Python writes them ({@code 2025-09-01T12:00:00.123000+00:00}). */
public final class WireTime {
  // always six fraction digits and +00:00, like datetime.now(timezone.utc).isoformat()
  private static final DateTimeFormatter ISO =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSxxx").withZone(ZoneOffset.UTC);

  private WireTime() {}

  static String iso(long epochMillis) {
    return ISO.format(Instant.ofEpochMilli(epochMillis));
  }

  public static String isoNow() {
    return iso(System.currentTimeMillis());
  }
}
