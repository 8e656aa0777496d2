package io.chatload.journey;

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
    for (CsvFile.Row row : CsvFile.read(resource).map(f -> f.rows).orElse(List.of())) {
      List<String> cells = row.cells();
      if (cells.size() < 2 || cells.get(0).isBlank() || cells.get(1).isEmpty()) {
        throw new io.chatload.config.ConfigurationException(
            "user-files/" + resource + " line " + row.line() + ": expected 'email,password'");
      }
      rows.add(new String[] {cells.get(0).trim(), cells.get(1)});
    }
    return rows;
  }
}
