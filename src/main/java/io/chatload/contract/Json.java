package io.chatload.contract;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The one Jackson mapper of the project: thread-safe once configured, expensive to create. */
public final class Json {
  private Json() {}

  public static final ObjectMapper MAPPER = new ObjectMapper();
}
