package io.github.tokenstore.bench;

import io.github.tokenstore.OAuthToken;
import io.github.tokenstore.TokenStore;
import io.github.tokenstore.TokenStores;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The library's stores through their public API: lookups by user, by refresh token and by id, and
 * saves as update and as insert, on a data set of {@code tokens} stored tokens. Token {@code i} is
 * picked at random for every call.
 */
@State(Scope.Benchmark)
public class StoreBenchmark {

    /** memory, file, h2, postgresql or mariadb. */
    @Param("memory")
    public String backend;

    @Param("1000")
    public int tokens;

    private TokenStore store;
    private String[] ids;
    // Precomputed, so the benchmark measures the store and not String.format.
    private String[] users;
    private String[] refreshTokens;
    private final Queue<String> inserted = new ConcurrentLinkedQueue<>();

    @Setup
    public void open() throws SQLException, IOException {
        ids = new String[tokens];
        users = new String[tokens];
        refreshTokens = new String[tokens];
        for (int i = 0; i < tokens; i++) {
            users[i] = BenchTokens.user(i);
            refreshTokens[i] = BenchTokens.refreshToken(i);
        }
        switch (backend) {
            case "memory" -> {
                store = TokenStores.inMemory();
                for (int i = 0; i < tokens; i++) {
                    ids[i] = store.saveToken(BenchTokens.token(i)).id();
                }
            }
            case "file" -> {
                Path file = Path.of("target", "bench", "file-" + tokens, "sdk_tokens.txt");
                writeTokenFile(file, tokens);
                store = TokenStores.file(file);
                fillIds();
            }
            default -> {
                BenchDatabase db = BenchDatabase.valueOf(backend.toUpperCase(Locale.ROOT));
                db.createContainer(tokens);
                db.prepareTokenTable(tokens);
                store = TokenStores.jpa(db.url(tokens), db.user(), db.password());
                fillIds();
            }
        }
    }

    private void fillIds() {
        for (int i = 0; i < tokens; i++) {
            ids[i] = BenchTokens.id(i);
        }
    }

    @TearDown
    public void close() throws SQLException {
        if (!backend.equals("memory") && !backend.equals("file")) {
            BenchDatabase.valueOf(backend.toUpperCase(Locale.ROOT)).deleteInserted(tokens, "tokenstore_token");
        } else {
            inserted.forEach(store::deleteToken);
        }
        inserted.clear();
        store.close();
    }

    private int pick() {
        return ThreadLocalRandom.current().nextInt(tokens);
    }

    @Benchmark
    public Optional<OAuthToken> findByUser() {
        return store.findToken(OAuthToken.builder().user(users[pick()]).build());
    }

    @Benchmark
    public Optional<OAuthToken> findByRefreshToken() {
        return store.findToken(OAuthToken.builder().clientId(BenchTokens.CLIENT_ID)
                .refreshToken(refreshTokens[pick()]).build());
    }

    @Benchmark
    public Optional<OAuthToken> findById() {
        return store.findTokenById(ids[pick()]);
    }

    @Benchmark
    public OAuthToken saveUpdate() {
        int i = pick();
        return store.saveToken(token(i).id(ids[i]).user(users[i])
                .accessToken("1000." + Long.toHexString(ThreadLocalRandom.current().nextLong())).build());
    }

    @Benchmark
    public OAuthToken saveInsert() {
        int i = pick();
        OAuthToken saved = store.saveToken(token(i).user("new-" + UUID.randomUUID())
                .accessToken("1000." + Long.toHexString(ThreadLocalRandom.current().nextLong())).build());
        inserted.add(saved.id());
        return saved;
    }

    private OAuthToken.Builder token(int i) {
        return OAuthToken.builder().clientId(BenchTokens.CLIENT_ID).clientSecret(BenchTokens.CLIENT_SECRET)
                .refreshToken(refreshTokens[i]).expiresAt(BenchTokens.EXPIRY_INSTANT).apiDomain(BenchTokens.API_DOMAIN);
    }

    /** Writes the data set as a Zoho SDK token file (plain values need no quoting). */
    static void writeTokenFile(Path file, int n) throws IOException {
        Files.createDirectories(file.getParent());
        StringBuilder csv = new StringBuilder(n * 260 + 128);
        csv.append("id,user_name,client_id,client_secret,refresh_token,access_token,grant_token,expiry_time,")
                .append("redirect_url,api_domain\n");
        for (long i = 0; i < n; i++) {
            csv.append(BenchTokens.id(i)).append(',').append(BenchTokens.user(i)).append(',')
                    .append(BenchTokens.CLIENT_ID).append(',').append(BenchTokens.CLIENT_SECRET).append(',')
                    .append(BenchTokens.refreshToken(i)).append(',').append(BenchTokens.accessToken(i)).append(",,")
                    .append(BenchTokens.EXPIRY).append(",,").append(BenchTokens.API_DOMAIN).append('\n');
        }
        Files.writeString(file, csv);
    }
}
