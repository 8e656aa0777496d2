package io.chatload.reference.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The seeded users: {@code loadtest-<n>@example.com} / {@code loadtest-password} for any n ≥ 1
 * (id {@code loadtest-<n>}), plus the rows of an optional {@code email,password} CSV (which win
 * over the pattern for the same email).
 */
public final class UserDirectory {
  public static final String PATTERN_PASSWORD = "loadtest-password";
  private static final String PREFIX = "loadtest-";
  private static final String DOMAIN = "@example.com";

  public record User(String id, String email) {}

  private final Map<String, String> csvPasswords;

  private UserDirectory(Map<String, String> csvPasswords) {
    this.csvPasswords = csvPasswords;
  }

  public static UserDirectory patternOnly() {
    return new UserDirectory(Map.of());
  }

  /** Reads an {@code email,password} CSV with a header row; blank lines are skipped. */
  public static UserDirectory withCsv(Path csv) {
    Map<String, String> rows = new HashMap<>();
    try {
      List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
      for (int i = 1; i < lines.size(); i++) {
        String line = lines.get(i).strip();
        if (line.isEmpty()) {
          continue;
        }
        int comma = line.indexOf(',');
        if (comma <= 0) {
          throw new IllegalArgumentException(csv + " line " + (i + 1) + " is not email,password");
        }
        rows.put(normalise(line.substring(0, comma)), line.substring(comma + 1).strip());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read users file " + csv, e);
    }
    return new UserDirectory(Map.copyOf(rows));
  }

  public int csvUsers() {
    return csvPasswords.size();
  }

  /** The user if the password is right. */
  public Optional<User> authenticate(String email, String password) {
    String key = normalise(email);
    String expected = csvPasswords.get(key);
    if (expected == null && patternNumber(key) > 0) {
      expected = PATTERN_PASSWORD;
    }
    if (expected == null || !expected.equals(password)) {
      return Optional.empty();
    }
    return Optional.of(new User(idFor(key), key));
  }

  /** The deterministic id of any email (seeded or not), as test-auth and login assign it. */
  public static String idFor(String email) {
    String key = normalise(email);
    long n = patternNumber(key);
    if (n > 0) {
      return PREFIX + n;
    }
    return "user-" + UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8));
  }

  private static String normalise(String email) {
    return email.strip().toLowerCase(java.util.Locale.ROOT);
  }

  /** n of {@code loadtest-<n>@example.com}, or -1. */
  private static long patternNumber(String email) {
    if (!email.startsWith(PREFIX) || !email.endsWith(DOMAIN)) {
      return -1;
    }
    String digits = email.substring(PREFIX.length(), email.length() - DOMAIN.length());
    if (digits.isEmpty() || digits.length() > 18 || digits.charAt(0) == '0') {
      return -1;
    }
    for (int i = 0; i < digits.length(); i++) {
      if (digits.charAt(i) < '0' || digits.charAt(i) > '9') {
        return -1;
      }
    }
    return Long.parseLong(digits);
  }
}
