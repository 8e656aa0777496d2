package io.chatload.config;

/**
 * Which share of the run's identities this injector uses, when several injectors are started by hand
 * against one target: {@code -Dinjector.index=<1..count> -Dinjector.count=<N>}. The identities are cut
 * into {@link #STRIPES} stripes (journey/Identities); injector {@code index} of {@code count} takes one
 * contiguous block of them, as Gatling Enterprise's {@code shard()} gives each load generator a
 * contiguous block of a feeder's records, so no two injectors ever log in the same account. On
 * Gatling Enterprise leave both unset: the sharded feeder does the same there.
 */
public record InjectorShare(int index, int count) {
  /** Stripes of identities: at most this many injectors (or load generators) can share a run. */
  public static final int STRIPES = 1000;
  /** One injector, every stripe. */
  public static final InjectorShare WHOLE = new InjectorShare(1, 1);

  public InjectorShare {
    if (count < 1 || count > STRIPES) {
      throw new ConfigurationException("injector.count=" + count + " is not allowed: 1 to " + STRIPES + " injectors share a run's identities");
    }
    if (index < 1 || index > count) {
      throw new ConfigurationException("injector.index=" + index + " is not allowed with injector.count=" + count
          + ": injectors are numbered 1 to " + count);
    }
  }

  /** The first stripe of this injector's block (0-based). */
  public int firstStripe() {
    return blockStart(index - 1);
  }

  /** One past the last stripe of this injector's block: every block but the last has STRIPES / count stripes. */
  public int endStripe() {
    return index == count ? STRIPES : blockStart(index);
  }

  private int blockStart(int i) {
    return i * (STRIPES / count);
  }

  public boolean whole() {
    return count == 1;
  }

  /** For the console: empty for a lone injector. */
  public String describe() {
    return whole() ? "" : String.format("injector %d of %d: identity stripes %d-%d of %d", index, count, firstStripe(), endStripe() - 1, STRIPES);
  }

  static InjectorShare read(Settings s) {
    boolean indexGiven = s.string("injector.index").isPresent();
    boolean countGiven = s.string("injector.count").isPresent();
    if (indexGiven != countGiven) {
      throw new ConfigurationException("injector.index and injector.count go together (injector.index=<1..N> -Dinjector.count=<N>):"
          + " only " + (indexGiven ? "injector.index" : "injector.count") + " was given");
    }
    return new InjectorShare(s.positiveInt("injector.index", 1), s.positiveInt("injector.count", 1));
  }
}
