package io.chatload.journey;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An endless feeder of distinct platform users, so isolation checks mean something: first the rows
 * of {@code user-files/feeders/users.csv} ({@code email,password}), then generated
 * {@code loadtest-<n>@example.com} identities with {@code generatedPassword}.
 */
public final class Identities implements Iterator<Map<String, Object>> {
  private final List<String[]> rows;
  private final AtomicLong next = new AtomicLong();
  private final long firstGenerated;
  private final String generatedPassword;

  public Identities(String feederResource, long firstGenerated, String generatedPassword) {
    this.rows = readRows(feederResource);
    this.firstGenerated = firstGenerated;
    this.generatedPassword = generatedPassword;
  }

  @Override
  public boolean hasNext() {
    return true;
  }

  @Override
  public Map<String, Object> next() {
    long i = next.getAndIncrement();
    if (i < rows.size()) {
      String[] row = rows.get((int) i);
      return Map.of("email", row[0], "password", row[1], "displayName", row[0]);
    }
    long n = firstGenerated + (i - rows.size());
    String email = "loadtest-" + n + "@example.com";
    return Map.of("email", email, "password", generatedPassword, "displayName", "Load Test " + n);
  }

  private static List<String[]> readRows(String resource) {
    List<String[]> rows = new ArrayList<>();
    InputStream in = Identities.class.getClassLoader().getResourceAsStream(resource);
    if (in == null) {
      return rows;
    }
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String header = r.readLine();
      if (header == null) {
        return rows;
      }
      String line;
      int lineNo = 1;
      while ((line = r.readLine()) != null) {
        lineNo++;
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] cells = line.split(",", -1);
        if (cells.length < 2 || cells[0].isBlank() || cells[1].isEmpty()) {
          throw new io.chatload.config.ConfigurationException(
              "user-files/" + resource + " line " + lineNo + ": expected 'email,password'");
        }
        rows.add(new String[] {cells[0].trim(), cells[1]});
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return rows;
  }
}
