package io.github.tokenstore.jpa;

import io.github.tokenstore.OAuthToken;
import io.github.tokenstore.TokenStore;
import io.github.tokenstore.UserSignature;
import io.github.tokenstore.core.TokenChanges;
import io.github.tokenstore.core.TokenChanges.Change;
import io.github.tokenstore.core.TokenChanges.Kind;
import io.github.tokenstore.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The JPA store's change feed on H2, with Hibernate and EclipseLink: a row per save and delete of a user's
 * token, in the operation's transaction, read by position, pruned by age.
 */
class JpaTokenChangesTest {

    static final String HIBERNATE = "org.hibernate.jpa.HibernatePersistenceProvider";
    static final String ECLIPSELINK = "org.eclipse.persistence.jpa.PersistenceProvider";
    static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    Path dir;
    final MutableClock clock = new MutableClock(START);
    final List<TokenStore> stores = new ArrayList<>();

    String url() {
        return "jdbc:h2:file:" + dir.resolve("tokens").toAbsolutePath();
    }

    JpaTokenStore open(String provider, SchemaAction schema) {
        var pool = PooledDataSources.create(url(), "sa", "", 2);
        JpaTokenStore store = JpaTokenStore.open(pool, schema, provider, pool, null, clock);
        stores.add(store);
        return store;
    }

    @AfterEach
    void close() {
        stores.forEach(TokenStore::close);
    }

    static OAuthToken token(String user, String client, String access) {
        return OAuthToken.builder().user(user).client(client).clientId("1000.CLIENT").refreshToken("refresh-" + user)
                .accessToken(access).build();
    }

    static Change change(long position, String user, String client, Kind kind, Instant at) {
        return new Change(position, new UserSignature(user), client, kind, at);
    }

    @ParameterizedTest
    @ValueSource(strings = {HIBERNATE, ECLIPSELINK})
    void everySaveAndDeleteOfAUsersTokenIsAChangeInOrder(String provider) {
        JpaTokenStore store = open(provider, SchemaAction.CREATE);
        assertThat(store.recordsChanges()).isTrue();
        assertThat(store.latestChange()).isZero();

        OAuthToken ana = store.saveToken(token("ana", null, "a1"));
        clock.advance(Duration.ofSeconds(1));
        store.saveToken(token("bob", "salesforce", "b1"));
        clock.advance(Duration.ofSeconds(1));
        store.saveToken(ana.toBuilder().accessToken("a2").build());
        store.deleteToken(ana.id());
        store.saveToken(OAuthToken.builder().clientId("1000.CLIENT").grantToken("grant-of-nobody").build());

        List<Change> all = store.changesAfter(0, 100);
        assertThat(all).extracting(Change::user, Change::client, Change::kind).containsExactly(
                org.assertj.core.groups.Tuple.tuple(new UserSignature("ana"), null, Kind.SAVED),
                org.assertj.core.groups.Tuple.tuple(new UserSignature("bob"), "salesforce", Kind.SAVED),
                org.assertj.core.groups.Tuple.tuple(new UserSignature("ana"), null, Kind.SAVED),
                org.assertj.core.groups.Tuple.tuple(new UserSignature("ana"), null, Kind.DELETED));
        assertThat(all).extracting(Change::changedAt)
                .containsExactly(START, START.plusSeconds(1), START.plusSeconds(2), START.plusSeconds(2));
        assertThat(all).extracting(Change::position).isSorted().doesNotHaveDuplicates();
        assertThat(store.latestChange()).isEqualTo(all.get(3).position());
        assertThat(store.changesAfter(all.get(1).position(), 1)).containsExactly(all.get(2));
        assertThat(store.changesAfter(all.get(3).position(), 10)).isEmpty();
        assertThat(store.changesAt(List.of(all.get(3).position(), all.get(0).position(), 999_999L)))
                .containsExactly(all.get(0), all.get(3));
        assertThat(store.changesAt(List.of())).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {HIBERNATE, ECLIPSELINK})
    void deletingEveryTokenAndDeletingAnIdleOneAreChangesOfEachUser(String provider) {
        JpaTokenStore store = open(provider, SchemaAction.CREATE);
        store.saveToken(token("ana", null, "a1"));
        OAuthToken bob = store.saveToken(token("bob", "salesforce", "b1"));
        clock.advance(Duration.ofDays(1));
        store.saveToken(token("cleo", null, "c1"));
        long before = store.latestChange();

        assertThat(store.deleteIfIdle(bob.id(), START.plusSeconds(1))).isTrue();
        assertThat(store.deleteIfIdle("no-such-id", START.plusSeconds(1))).isFalse();
        store.deleteTokens();

        assertThat(store.changesAfter(before, 10)).extracting(c -> c.user().name() + "/" + c.client() + "/" + c.kind())
                .containsExactlyInAnyOrder("bob/salesforce/DELETED", "ana/null/DELETED", "cleo/null/DELETED");
        assertThat(store.changesAfter(before, 10).get(0).user().name()).isEqualTo("bob");
        store.deleteTokens();
        assertThat(store.changesAfter(before, 10)).as("nothing deleted, nothing changed").hasSize(3);
    }

    @ParameterizedTest
    @ValueSource(strings = {HIBERNATE, ECLIPSELINK})
    void changesOlderThanTheCutoffArePruned(String provider) {
        JpaTokenStore store = open(provider, SchemaAction.CREATE);
        store.saveToken(token("ana", null, "a1"));
        clock.advance(Duration.ofMinutes(11));
        store.saveToken(token("bob", null, "b1"));

        assertThat(store.pruneChanges(clock.instant().minus(Duration.ofMinutes(10)))).isEqualTo(1);

        assertThat(store.changesAfter(0, 10)).extracting(c -> c.user().name()).containsExactly("bob");
        assertThat(store.latestChange()).as("positions go on after a prune").isEqualTo(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {HIBERNATE, ECLIPSELINK})
    void aFailedSaveLeavesNoChange(String provider) {
        JpaTokenStore store = open(provider, SchemaAction.CREATE);
        store.saveToken(token("ana", null, "a1"));
        long before = store.latestChange();

        assertThatThrownBy(() -> store.saveToken(token("bob", null, "b".repeat(OAuthToken.MAX_TOKEN_LENGTH + 1))))
                .isInstanceOf(IllegalArgumentException.class);
        store.deleteToken("no-such-id");

        assertThat(store.changesAfter(before, 10)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {HIBERNATE})
    void aSchemaWithoutTheV6TableRecordsNoChangesAndSaysSoWhenAsked(String provider) throws Exception {
        open(provider, SchemaAction.CREATE).close();
        stores.clear();
        try (Connection c = DriverManager.getConnection(url(), "sa", ""); Statement s = c.createStatement()) {
            s.execute("DROP TABLE " + TokenChanges.TABLE);
        }
        JpaTokenStore store = open(provider, SchemaAction.VALIDATE);

        assertThat(store.recordsChanges()).isFalse();
        store.saveToken(token("ana", null, "a1"));
        store.deleteTokens();
        assertThatThrownBy(() -> store.changesAfter(0, 10))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("TOKENSTORE-1157: changesAfter: the JPA token store (H2) records no token changes (no table "
                        + "tokenstore_token_change, or a store on the application's own persistence unit)");
        assertThatThrownBy(() -> open(provider, SchemaAction.CREATE).changesAfter(0, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("TOKENSTORE-1158: changesAfter: limit must be positive, was 0");
    }
}
