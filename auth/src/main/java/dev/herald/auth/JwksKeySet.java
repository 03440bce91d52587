package dev.herald.auth;

import static java.util.Objects.requireNonNull;

import com.auth0.jwk.Jwk;
import com.auth0.jwk.SigningKeyNotFoundException;
import com.auth0.jwk.UrlJwkProvider;
import dev.herald.logging.RepeatingWarning;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The identity provider's whole JWKS, as last fetched successfully. A kid in that set is answered from memory; when
 * the set is older than the refresh interval, the lookup also starts a refetch in the background, so keys the
 * provider adds or retires are seen while verification never waits on it. A kid not in the set makes the lookup
 * wait for a refetch, but at most one fetch is under way and a new one starts at most once per refetch interval:
 * in between, every kid missing from the set is unknown (negatively cached), so made-up kids cost the provider at
 * most one request per interval, however many arrive, and cannot lock out the refetch a real new key needs.
 * A failed fetch keeps the last good set and is logged as a {@link RepeatingWarning}. A fetched set that lacks a kid
 * of the one before tells the {@linkplain #onKeysRetired listeners}. Thread-safe.
 */
final class JwksKeySet {

    private static final Logger logger = LoggerFactory.getLogger(JwksKeySet.class);

    static final Duration REFRESH_INTERVAL = Duration.ofMinutes(5);
    static final Duration REFETCH_INTERVAL = Duration.ofSeconds(30);
    private static final int CONNECT_TIMEOUT_MILLIS = 2_000;
    private static final int READ_TIMEOUT_MILLIS = 3_000;
    /** Fetches run on a fresh virtual thread: nothing to shut down, and a slow provider holds no pool thread. */
    private static final Executor FETCH_THREADS = task -> Thread.ofVirtual().name("jwks-fetch").start(task);

    /** Fetches every key the provider publishes. */
    @FunctionalInterface
    interface Source {
        List<Jwk> fetch() throws SigningKeyNotFoundException;
    }

    private record KeySet(Map<String, Jwk> byKid, long fetchedAt) {
    }

    private final Source source;
    private final long refreshNanos;
    private final long refetchNanos;
    private final LongSupplier nanoTime;
    private final RepeatingWarning fetchFailed = new RepeatingWarning(logger);
    private final List<Runnable> keysRetired = new CopyOnWriteArrayList<>();

    private volatile @Nullable KeySet current;
    // Guarded by this.
    private @Nullable CompletableFuture<KeySet> inFlight;
    private boolean attempted;
    private long lastAttemptAt;
    private @Nullable Exception lastFailure;

    JwksKeySet(Source source, Duration refreshInterval, Duration refetchInterval, LongSupplier nanoTime) {
        this.source = requireNonNull(source, "source");
        this.refreshNanos = refreshInterval.toNanos();
        this.refetchNanos = refetchInterval.toNanos();
        this.nanoTime = requireNonNull(nanoTime, "nanoTime");
    }

    /** The keys published at {@code jwksUrl}, refreshed every {@link #REFRESH_INTERVAL}. */
    static JwksKeySet fetching(URI jwksUrl) {
        final UrlJwkProvider provider = new UrlJwkProvider(toUrl(jwksUrl), CONNECT_TIMEOUT_MILLIS, READ_TIMEOUT_MILLIS);
        return new JwksKeySet(provider::getAll, REFRESH_INTERVAL, REFETCH_INTERVAL, System::nanoTime);
    }

    /** Runs {@code listener} (on the fetching thread) whenever a fetched set no longer has a kid the last one had. */
    void onKeysRetired(Runnable listener) {
        keysRetired.add(requireNonNull(listener, "listener"));
    }

    /**
     * The key named {@code kid}, or empty when the provider does not publish it.
     *
     * @throws AuthException "identity provider unreachable" when no key set could be fetched yet, or the refetch
     *                       this lookup waited for failed
     */
    Optional<Jwk> find(String kid) throws AuthException {
        final KeySet known = current;
        if (known != null && known.byKid.containsKey(kid)) {
            if (nanoTime.getAsLong() - known.fetchedAt >= refreshNanos) {
                fetchIfDue();
            }
            return Optional.of(known.byKid.get(kid));
        }
        final CompletableFuture<KeySet> refetch = fetchIfDue();
        if (refetch == null) {
            return Optional.ofNullable(lastGoodSet().byKid.get(kid));
        }
        try {
            return Optional.ofNullable(refetch.join().byKid.get(kid));
        } catch (CompletionException e) {
            throw new AuthException("identity provider unreachable", e.getCause());
        }
    }

    /** The fetch under way, or a new one if the last started at least a refetch interval ago; else null. */
    private synchronized @Nullable CompletableFuture<KeySet> fetchIfDue() {
        if (inFlight != null) {
            return inFlight;
        }
        final long now = nanoTime.getAsLong();
        if (attempted && now - lastAttemptAt < refetchNanos) {
            return null;
        }
        attempted = true;
        lastAttemptAt = now;
        inFlight = CompletableFuture.supplyAsync(this::fetch, FETCH_THREADS);
        return inFlight;
    }

    private synchronized KeySet lastGoodSet() throws AuthException {
        final KeySet known = current;
        if (known == null) {
            // Every fetch so far failed, the last one less than a refetch interval ago.
            throw new AuthException("identity provider unreachable", lastFailure);
        }
        return known;
    }

    private KeySet fetch() {
        try {
            final KeySet fetched = new KeySet(byKid(source.fetch()), nanoTime.getAsLong());
            final KeySet previous = current;
            current = fetched;
            if (previous != null && !fetched.byKid.keySet().containsAll(previous.byKid.keySet())) {
                keysRetired.forEach(Runnable::run);
            }
            return fetched;
        } catch (SigningKeyNotFoundException | ClassCastException e) {
            // Connection refused, timeout, non-2xx answer, a body that is not a JWKS (jwks-rsa casts "keys" to a
            // list unchecked), or no keys at all: keep verifying with the last good set.
            synchronized (this) {
                lastFailure = e;
            }
            fetchFailed.warn(event -> event.addKeyValue("reason", e.getMessage())
                    .addKeyValue("keptKeys", keptKeys()).log("cannot fetch the JWKS; keeping the last good key set"));
            throw new CompletionException(e);
        } finally {
            synchronized (this) {
                inFlight = null;
            }
        }
    }

    private int keptKeys() {
        final KeySet known = current;
        return known == null ? 0 : known.byKid.size();
    }

    private static Map<String, Jwk> byKid(List<Jwk> keys) {
        final Map<String, Jwk> byKid = new HashMap<>();
        for (Jwk key : keys) {
            // A key without a kid can never be chosen: tokens without a kid are refused before this.
            if (key.getId() != null) {
                byKid.putIfAbsent(key.getId(), key);
            }
        }
        return Map.copyOf(byKid);
    }

    private static URL toUrl(URI uri) {
        try {
            return uri.toURL();
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("jwksUrl: " + uri + " (expected: an absolute http or https URL)", e);
        }
    }
}
