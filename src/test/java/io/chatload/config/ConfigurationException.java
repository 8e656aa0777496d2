package io.chatload.config;

/** A setting the run cannot start with; the message names the setting and what it accepts. */
public final class ConfigurationException extends RuntimeException {
  public ConfigurationException(String message) {
    super(message);
  }

  public ConfigurationException(String message, Throwable cause) {
    super(message, cause);
  }
}
