package io.chatload.journey;

import java.util.regex.Pattern;

/** Removes anything that looks like a JWT from text bound for a log, a KO message or a report. */
public final class Redaction {
  private Redaction() {}

  private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]*");

  public static String redact(String text) {
    if (text == null || text.indexOf("eyJ") < 0) {
      return text;
    }
    return JWT.matcher(text).replaceAll("<jwt redacted>");
  }
}
