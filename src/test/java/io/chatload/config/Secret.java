package io.chatload.config;

import java.util.Objects;

/** A credential that must never reach a log, a report or a summary: toString() redacts it. */
public final class Secret {
  private final String value;

  private Secret(String value) {
    this.value = Objects.requireNonNull(value);
  }

  public static Secret of(String value) {
    return new Secret(value);
  }

  /** The raw value, for signing or a request header: never print it. */
  public String reveal() {
    return value;
  }

  @Override
  public String toString() {
    return "<redacted>";
  }
}
