package org.consentgateway.identity;

import io.vertx.core.Future;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.consentgateway.db.ChannelListener;

/**
 * The registrations the token endpoint and the query look up on every call, kept in memory while
 * they are known to be current: every change to a registry notifies channel {@value #CHANNEL}
 * (the trigger of migration V12, on every commit, whoever makes it), and a notification drops
 * everything cached. While nothing is listening (before the first LISTEN, after the connection is
 * lost, until it listens again) nothing cached is served and nothing is kept: every lookup asks
 * the database, so a change made meanwhile is never missed.
 *
 * <p>Each entry carries the generation it was read in; any notification, loss or new LISTEN starts
 * a new generation, and only an entry of the current one is served. So a read that raced a change
 * can be stored, but never served. At most {@link #MAX_ENTRIES} entries; when full it starts over.
 *
 * <p>Thread-safe: any event loop may look up, the listening connection's thread invalidates.
 */
public final class RegistryCache implements ChannelListener.Subscriber {

  /** The channel the registry tables' trigger notifies. */
  public static final String CHANNEL = "registry_changed";
  /** Far more than the registered institutions and members of one gateway; bounds memory should there be more. */
  public static final int MAX_ENTRIES = 10_000;

  private final Lookups<Institution> institutions = new Lookups<>();
  private final Lookups<RegisteredClient> members = new Lookups<>();
  /** Institutions' webhook URLs, by USCC: every consent event asks for one. */
  private final Lookups<String> webhooks = new Lookups<>();
  private final AtomicLong generation = new AtomicLong();
  private volatile boolean listening;

  /** A cache that trusts nothing until it hears {@link #listening()}. */
  public RegistryCache() {}

  /** Whether what is cached is served now: the channel is being listened to. */
  public boolean trusted() {
    return listening;
  }

  @Override
  public void listening() {
    invalidate();
    listening = true;
  }

  @Override
  public void notified(String payload) {
    invalidate();
  }

  @Override
  public void lost() {
    listening = false;
    invalidate();
  }

  /** The institution, cached or {@code read}; always read when {@code afresh}. */
  Future<Optional<Institution>> institution(String uscc, boolean afresh, Supplier<Future<Optional<Institution>>> read) {
    return institutions.find(uscc, afresh, read);
  }

  /** The regulator's or operator's client, cached or {@code read}; always read when {@code afresh}. */
  Future<Optional<RegisteredClient>> member(String id, boolean afresh, Supplier<Future<Optional<RegisteredClient>>> read) {
    return members.find(id, afresh, read);
  }

  /** The institution's webhook URL, cached or {@code read}. */
  Future<Optional<String>> webhook(String uscc, Supplier<Future<Optional<String>>> read) {
    return webhooks.find(uscc, false, read);
  }

  private void invalidate() {
    generation.incrementAndGet();
    institutions.entries.clear();
    members.entries.clear();
    webhooks.entries.clear();
  }

  private record Entry<V>(long generation, Optional<V> value) {}

  /** One kind of registration by its id; a registration that does not exist is cached as empty. */
  private final class Lookups<V> {

    private final Map<String, Entry<V>> entries = new ConcurrentHashMap<>();

    Future<Optional<V>> find(String id, boolean afresh, Supplier<Future<Optional<V>>> read) {
      if (!listening) {
        return read.get();
      }
      // Read before the database is asked: a notification arriving meanwhile makes this read stale.
      long readIn = generation.get();
      Entry<V> cached = entries.get(id);
      if (!afresh && cached != null && cached.generation() == readIn) {
        return Future.succeededFuture(cached.value());
      }
      return read.get().onSuccess(value -> {
        if (entries.size() >= MAX_ENTRIES) {
          entries.clear();
        }
        entries.put(id, new Entry<>(readIn, value));
      });
    }
  }
}
