package io.chatload.config;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;

/**
 * Reads named values from system properties layered over a profile's properties and the
 * environment, and turns malformed ones into a {@link ConfigurationException} naming the property.
 */
public final class Settings {
  private final Properties overrides;
  private final Properties profile;
  private final Map<String, String> env;

  Settings(Properties overrides, Properties profile, Map<String, String> env) {
    this.overrides = overrides;
    this.profile = profile;
    this.env = env;
  }

  Optional<String> string(String name) {
    String v = overrides.getProperty(name);
    if (v == null) {
      v = profile.getProperty(name);
    }
    return Optional.ofNullable(v).map(String::trim).filter(s -> !s.isEmpty());
  }

  Optional<String> envVar(String name) {
    return Optional.ofNullable(env.get(name)).filter(s -> !s.isEmpty());
  }

  /** {@code true} or {@code false}, nothing else. */
  public boolean bool(String name, boolean fallback) {
    String v = string(name).orElse(String.valueOf(fallback));
    if (!v.equals("true") && !v.equals("false")) {
      throw new ConfigurationException(name + "=" + v + " is not allowed; accepted values: true, false");
    }
    return Boolean.parseBoolean(v);
  }

  public int positiveInt(String name, int fallback) {
    return string(name).map(v -> parse(name, v, Integer::parseInt, "a whole number")).map(n -> {
      if (n <= 0) {
        throw new ConfigurationException(name + "=" + n + " is not allowed: it must be a whole number > 0");
      }
      return n;
    }).orElse(fallback);
  }

  public double nonNegativeDouble(String name, double fallback) {
    return string(name).map(v -> parse(name, v, Double::parseDouble, "a number")).map(d -> {
      if (d < 0 || d.isNaN() || d.isInfinite()) {
        throw new ConfigurationException(name + "=" + d + " is not allowed: it must be a number >= 0");
      }
      return d;
    }).orElse(fallback);
  }

  <E extends Enum<E>> E choice(String name, Class<E> type, E fallback) {
    Optional<String> raw = string(name);
    if (raw.isEmpty()) {
      return fallback;
    }
    String wanted = raw.get().toUpperCase(Locale.ROOT).replace('-', '_');
    for (E e : type.getEnumConstants()) {
      if (e.name().equals(wanted)) {
        return e;
      }
    }
    throw new ConfigurationException(
        name + "=" + raw.get() + " is unknown; accepted values: " + Choices.of(type));
  }

  private static <T> T parse(String name, String value, Function<String, T> parser, String what) {
    try {
      return parser.apply(value);
    } catch (RuntimeException e) {
      throw new ConfigurationException(name + "=" + value + " is not " + what);
    }
  }

  /** Lower-case, dash-separated names of an enum's constants, as users type them. */
  static final class Choices {
    static <E extends Enum<E>> String of(Class<E> type) {
      StringBuilder sb = new StringBuilder();
      for (E e : type.getEnumConstants()) {
        if (sb.length() > 0) {
          sb.append(", ");
        }
        sb.append(wireName(e));
      }
      return sb.toString();
    }

    static String wireName(Enum<?> e) {
      return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }
}
