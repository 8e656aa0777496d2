package io.chatload.journey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chatload.config.InjectorShare;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The identities of injectors that share a run: disjoint, endless, and the pre-flight's from the same share. */
class IdentitiesTest {
  private static final String STRIPE = "stripe";

  /** The first {@code users} identities a share hands out, as a circular feeder of its stripes would. */
  private static List<String> handedOut(Identities ids, InjectorShare share, int users) {
    List<Map<String, Object>> stripes = Identities.stripeRecords(share, STRIPE);
    List<String> emails = new java.util.ArrayList<>();
    for (int u = 0; u < users; u++) {
      emails.add(ids.next((Integer) stripes.get(u % stripes.size()).get(STRIPE)).email());
    }
    return emails;
  }

  @Test
  void aLoneInjectorHandsOutLoadtestUsersInOrder() {
    Identities ids = new Identities("users-tests/none.csv", "pw");
    List<String> emails = handedOut(ids, InjectorShare.WHOLE, 2500);
    assertEquals("loadtest-1@example.com", emails.get(0));
    assertEquals("loadtest-1000@example.com", emails.get(999));
    assertEquals("loadtest-2500@example.com", emails.get(2499), "past one round of the stripes");
    assertEquals(2500, new HashSet<>(emails).size());
  }

  @Test
  void injectorsStartedByHandNeverShareAnAccount() {
    Identities ids = new Identities("users-tests/none.csv", "pw"); // one JVM is the harder case: shared counters
    Set<String> all = new HashSet<>();
    int users = 0;
    for (int i = 1; i <= 3; i++) {
      // more users than the share has stripes: every stripe is used twice or more
      List<String> emails = handedOut(ids, new InjectorShare(i, 3), 1200);
      users += emails.size();
      all.addAll(emails);
    }
    assertEquals(users, all.size(), "no identity handed out twice");
  }

  @Test
  void theBlocksAreGatlingEnterprisesContiguousOnes() {
    // the vendor's example: 1000 records on 3 nodes → the first 333, the next 333, the last 334
    assertEquals(List.of(0, 333), List.of(new InjectorShare(1, 3).firstStripe(), new InjectorShare(1, 3).endStripe()));
    assertEquals(List.of(333, 666), List.of(new InjectorShare(2, 3).firstStripe(), new InjectorShare(2, 3).endStripe()));
    assertEquals(List.of(666, 1000), List.of(new InjectorShare(3, 3).firstStripe(), new InjectorShare(3, 3).endStripe()));
  }

  @Test
  void thePreflightUserIsTheShareFirstAndTheFirstUserLogsInAsIt() {
    Identities ids = new Identities("users-tests/none.csv", "pw");
    InjectorShare second = new InjectorShare(2, 3);
    Identities.Identity preflight = ids.first(second.firstStripe());
    assertEquals("loadtest-334@example.com", preflight.email());
    assertEquals(preflight, ids.next(second.firstStripe()), "first() hands nothing out");
  }

  @Test
  void csvRowsAreSpreadOverTheSharesBeforeGeneratedUsers() {
    Identities ids = new Identities("users-tests/three.csv", "pw");
    Set<String> rows = new HashSet<>();
    for (int i = 1; i <= 3; i++) {
      InjectorShare share = new InjectorShare(i, 3);
      List<String> emails = handedOut(ids, share, 400);
      long fromCsv = emails.stream().filter(e -> e.startsWith("row")).count();
      assertEquals(1, fromCsv, "injector " + i + " gets one of the three rows: " + emails.subList(0, 3));
      emails.stream().filter(e -> e.startsWith("row")).forEach(rows::add);
    }
    assertEquals(Set.of("row1@example.com", "row2@example.com", "row3@example.com"), rows);
    assertTrue(ids.first(0).email().startsWith("row1"), "the first stripe's first identity is the first row");
  }
}
