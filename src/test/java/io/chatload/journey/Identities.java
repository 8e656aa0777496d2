package io.chatload.journey;

import io.chatload.config.ConfigurationException;
import io.chatload.config.InjectorShare;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The run's platform users, distinct for every virtual user of every injector: the rows of
 * {@code user-files/feeders/users.csv} ({@code email,password}), then generated
 * {@code loadtest-<n>@example.com} identities with the generated users' password.
 *
 * <p>They are cut into {@link InjectorShare#STRIPES} stripes: the CSV rows spread evenly over the
 * stripes, then stripe {@code s} hands out {@code loadtest-(g × STRIPES + s + 1)} for g = 0, 1, 2, …
 * No two stripes ever hand out the same identity, and a stripe never runs dry. A virtual user first
 * takes a stripe from a Gatling feeder of stripe numbers (ChatJourney.identify), then the stripe's next
 * identity. That feeder is sharded: on Gatling Enterprise each load generator gets a contiguous block
 * of its records ({@code shard()}), and an injector started by hand takes the block of its
 * {@code -Dinjector.index} of {@code -Dinjector.count} — so injectors never share an account. One
 * injector alone cycles through all the stripes, which hands out loadtest-1, 2, 3, … in order.
 */
public final class Identities {
  private final List<List<String[]>> rowsByStripe;
  private final AtomicLongArray handedOut = new AtomicLongArray(InjectorShare.STRIPES);
  private final String generatedPassword;

  /** The identity of one platform user. */
  public record Identity(String email, String password, String displayName) {
    /** The session attributes the journey reads. */
    public Map<String, Object> attributes() {
      return Map.of("email", email, "password", password, "displayName", displayName);
    }
  }

  public Identities(String feederResource, String generatedPassword) {
    this.rowsByStripe = byStripe(readRows(feederResource));
    this.generatedPassword = generatedPassword;
  }

  /** The stripe's next identity. */
  public Identity next(int stripe) {
    return identity(stripe, handedOut.getAndIncrement(stripe));
  }

  /** The stripe's first identity, without handing it out: the pre-flight's user, the first virtual user's too. */
  public Identity first(int stripe) {
    return identity(stripe, 0);
  }

  /** The {@code nth} identity (0-based) stripe {@code stripe} hands out. */
  Identity identity(int stripe, long nth) {
    List<String[]> rows = rowsByStripe.get(stripe);
    if (nth < rows.size()) {
      String[] row = rows.get((int) nth);
      return new Identity(row[0], row[1], row[0]);
    }
    long n = (nth - rows.size()) * InjectorShare.STRIPES + stripe + 1;
    return new Identity("loadtest-" + n + "@example.com", generatedPassword, "Load Test " + n);
  }

  /** The stripe numbers of this injector's share, as the records of the feeder virtual users take their stripe from. */
  public static List<Map<String, Object>> stripeRecords(InjectorShare share, String attribute) {
    List<Map<String, Object>> records = new ArrayList<>();
    for (int s = share.firstStripe(); s < share.endStripe(); s++) {
      records.add(Map.of(attribute, s));
    }
    return records;
  }

  /** Row r of R goes to stripe floor(r × STRIPES / R): each block of stripes gets its share of the rows. */
  private static List<List<String[]>> byStripe(List<String[]> rows) {
    List<List<String[]>> stripes = new ArrayList<>();
    for (int s = 0; s < InjectorShare.STRIPES; s++) {
      stripes.add(new ArrayList<>());
    }
    for (int r = 0; r < rows.size(); r++) {
      stripes.get((int) ((long) r * InjectorShare.STRIPES / rows.size())).add(rows.get(r));
    }
    return stripes;
  }

  private static List<String[]> readRows(String resource) {
    List<String[]> rows = new ArrayList<>();
    for (CsvFile.Row row : CsvFile.read(resource).map(f -> f.rows).orElse(List.of())) {
      List<String> cells = row.cells();
      if (cells.size() < 2 || cells.get(0).isBlank() || cells.get(1).isEmpty()) {
        throw new ConfigurationException("user-files/" + resource + " line " + row.line() + ": expected 'email,password'");
      }
      rows.add(new String[] {cells.get(0).trim(), cells.get(1)});
    }
    return rows;
  }
}
