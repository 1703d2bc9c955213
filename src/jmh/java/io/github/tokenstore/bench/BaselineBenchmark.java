package io.github.tokenstore.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.sql.SQLException;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/** The same operations as {@link StoreBenchmark} on {@link SeedStyleStore}, the baseline. */
@State(Scope.Benchmark)
public class BaselineBenchmark {

    /** h2, postgresql or mariadb. */
    @Param("h2")
    public String backend;

    @Param("1000")
    public int tokens;

    private BenchDatabase db;
    private SeedStyleStore store;
    private AtomicLong nextId;

    @Setup
    public void open() throws SQLException {
        db = BenchDatabase.valueOf(backend.toUpperCase(Locale.ROOT));
        db.createContainer(tokens);
        db.loadSeedTable(tokens);
        store = new SeedStyleStore(db.url(tokens), db.user(), db.password());
        nextId = new AtomicLong(tokens);
    }

    @TearDown
    public void close() throws SQLException {
        db.deleteInserted(tokens, "oauthtoken");
    }

    private int pick() {
        return ThreadLocalRandom.current().nextInt(tokens);
    }

    @Benchmark
    public String findByUser() throws SQLException {
        return store.findByUser(BenchTokens.user(pick()));
    }

    @Benchmark
    public String findByRefreshToken() throws SQLException {
        return store.findByRefreshToken(BenchTokens.refreshToken(pick()));
    }

    @Benchmark
    public String findById() throws SQLException {
        return store.findById(Integer.toString(pick()));
    }

    @Benchmark
    public void saveUpdate() throws SQLException {
        int i = pick();
        store.save(Integer.toString(i), BenchTokens.user(i), BenchTokens.refreshToken(i),
                BenchTokens.accessToken(ThreadLocalRandom.current().nextLong()), BenchTokens.EXPIRY);
    }

    @Benchmark
    public void saveInsert() throws SQLException {
        int i = pick();
        store.save(Long.toString(nextId.getAndIncrement()), "new-" + UUID.randomUUID(), BenchTokens.refreshToken(i),
                BenchTokens.accessToken(i), BenchTokens.EXPIRY);
    }
}
