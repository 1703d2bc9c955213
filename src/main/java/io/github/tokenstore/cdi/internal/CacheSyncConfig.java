package io.github.tokenstore.cdi.internal;

import io.github.tokenstore.TokenStoreException;
import io.github.tokenstore.core.ChangeFeedMessages;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * The key of the cluster's cache coherence, {@value #SYNC_INTERVAL}: how often each JVM polls the store's
 * change feed ({@link TokenChangePoller}). Plain Java; every problem is collected, none thrown. Internal: may
 * change in any release.
 *
 * @param interval    the time between polls; empty: off
 * @param set         whether the key is set (the default is not mentioned where it has no effect)
 * @param problems    the key's problems, each a deployment problem (TOKENSTORE-1150, 1151)
 */
public record CacheSyncConfig(Optional<Duration> interval, boolean set, List<TokenStoreException> problems) {

    /** ISO-8601 duration between two polls of the change feed; {@code 0} or {@code off} turns them off. */
    public static final String SYNC_INTERVAL = "tokenstore.cache.sync-interval";
    /** Every key read here; docs/configuration.md has a row for each. */
    public static final List<String> KEYS = List.of(SYNC_INTERVAL);
    /** The time between polls unless {@link #SYNC_INTERVAL} says otherwise. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(2);
    /** The shortest interval: each poll is a query on the store's database. */
    public static final Duration LEAST = Duration.ofMillis(100);
    /** The longest interval: well inside the time changes are kept ({@link TokenChangePoller#KEPT}). */
    public static final Duration MOST = Duration.ofMinutes(5);

    /** Reads {@link #SYNC_INTERVAL} from {@code source}. */
    public static CacheSyncConfig read(Function<String, Optional<String>> source) {
        Optional<String> value = source.apply(SYNC_INTERVAL);
        if (value.isEmpty()) {
            return new CacheSyncConfig(Optional.of(DEFAULT_INTERVAL), false, List.of());
        }
        String v = value.get().strip();
        if (v.equals("0") || v.toLowerCase(Locale.ROOT).equals("off")) {
            return new CacheSyncConfig(Optional.empty(), true, List.of());
        }
        Duration d;
        try {
            d = Duration.parse(v);
        } catch (DateTimeParseException e) {
            return new CacheSyncConfig(Optional.empty(), true,
                    List.of(ChangeFeedMessages.syncIntervalUnparsable(SYNC_INTERVAL, value.get())));
        }
        if (d.isZero()) {
            return new CacheSyncConfig(Optional.empty(), true, List.of());
        }
        if (d.compareTo(LEAST) < 0 || d.compareTo(MOST) > 0) {
            return new CacheSyncConfig(Optional.empty(), true,
                    List.of(ChangeFeedMessages.syncIntervalOutOfRange(SYNC_INTERVAL, value.get(), LEAST, MOST)));
        }
        return new CacheSyncConfig(Optional.of(d), true, List.of());
    }
}
