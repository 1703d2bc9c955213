package io.github.tokenstore.testing;

import io.github.tokenstore.OAuthToken;
import io.github.tokenstore.TokenStore;
import io.github.tokenstore.UserSignature;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The contract every {@link TokenStore} keeps: the matching rules (the first: that user's token for that
 * client, a token without a client matching only the user's token without one), upserts without
 * duplicates, exact round trips, hostile values, concurrency, durability.
 *
 * <p>To check a store of your own, extend this class in your tests (it ships in the
 * {@code tokenstore-cdi} test-jar) and implement {@link #createStore()}; for a store that keeps tokens
 * beyond its own life, extend {@link DurableTokenStoreContract} instead. Each test starts with
 * {@link TokenStore#deleteTokens()} and closes the stores it opened.
 *
 * <p>A store that stamps its rows with the time (to order them, or to record their last use) should read
 * it from {@link #clock}: the contract moves that clock between saves whose order it checks, so no test
 * sleeps and no two saves fall into the same millisecond by chance.
 */
public abstract class TokenStoreContract {

    /** Strings that broke the seed's SQL built by concatenation; a store keeps them verbatim. */
    protected static final List<String> SQL_INJECTION = List.of(
            "' OR '1'='1",
            "'; DROP TABLE tokenstore_token; --",
            "Robert'); DROP TABLE oauthtoken;--",
            "\" OR \"\"=\"",
            "1; DELETE FROM tokenstore_token",
            "' UNION SELECT * FROM tokenstore_token --",
            "admin'--",
            "\\'; --",
            "%",
            "_",
            "\\");

    private final List<TokenStore> opened = new ArrayList<>();
    protected TokenStore store;
    /** The time for the stores under test; it stands still until a test moves it. */
    protected final MutableClock clock = new MutableClock(Instant.parse("2026-11-28T12:00:00Z"));

    /** A store to test; called once per test, before {@link TokenStore#deleteTokens()}. */
    protected abstract TokenStore createStore() throws Exception;

    @BeforeEach
    final void openStore() throws Exception {
        store = track(createStore());
        store.deleteTokens();
    }

    @AfterEach
    final void closeStores() {
        opened.forEach(TokenStore::close);
        opened.clear();
    }

    /** Closes {@code s} after the test. */
    protected final TokenStore track(TokenStore s) {
        opened.add(s);
        return s;
    }

    protected static OAuthToken.Builder token(String user) {
        return OAuthToken.builder()
                .user(user)
                .clientId("1000.CLIENT")
                .clientSecret("secret-" + user)
                .refreshToken("1000.refresh." + user)
                .accessToken("1000.access." + user)
                .expiresAt(Instant.parse("2026-11-28T18:00:00.123Z"))
                .redirectUrl("https://portal.example/callback")
                .apiDomain("https://www.zohoapis.com");
    }

    // Saving

    @Test
    void saveInsertsANewTokenWithAGeneratedId() {
        OAuthToken saved = store.saveToken(token("alice").build());

        assertThat(saved.id()).isNotBlank();
        assertThat(saved).isEqualTo(token("alice").id(saved.id()).build());
        assertThat(store.getTokens()).containsExactly(saved);
    }

    @Test
    void saveIgnoresAnIdTheCallerMadeUp() {
        OAuthToken saved = store.saveToken(token("alice").id("1").build());
        OAuthToken other = store.saveToken(token("bob").id("1").build());

        assertThat(saved.id()).isNotEqualTo(other.id());
        assertThat(store.getTokens()).hasSize(2);
    }

    @Test
    void saveOfTheSameUserUpdatesInsteadOfDuplicating() {
        OAuthToken first = store.saveToken(token("alice").build());
        OAuthToken second = store.saveToken(token("alice").accessToken("new-access").refreshToken(null).build());

        assertThat(second.id()).isEqualTo(first.id());
        assertThat(second.accessToken()).isEqualTo("new-access");
        assertThat(second.refreshToken()).as("an absent value clears the field").isNull();
        assertThat(store.getTokens()).containsExactly(second);
    }

    @Test
    void saveWithoutUserUpdatesTheTokenWithTheSameRefreshTokenAndClient() {
        OAuthToken first = store.saveToken(OAuthToken.builder().clientId("c").refreshToken("r").accessToken("a1").build());
        OAuthToken second = store.saveToken(OAuthToken.builder().clientId("c").refreshToken("r").accessToken("a2").build());

        assertThat(second.id()).isEqualTo(first.id());
        assertThat(store.getTokens()).containsExactly(second);
    }

    @Test
    void saveWithoutUserUpdatesTheTokenWithTheSameGrantTokenAndClient() {
        OAuthToken first = store.saveToken(OAuthToken.builder().clientId("c").grantToken("g").build());
        OAuthToken second = store.saveToken(OAuthToken.builder().clientId("c").grantToken("g").refreshToken("r").build());

        assertThat(second.id()).isEqualTo(first.id());
        assertThat(store.getTokens()).containsExactly(second);
    }

    @Test
    void saveOfAStoredTokenWhoseMatchingValueChangedUpdatesItsOwnRow() {
        OAuthToken first = store.saveToken(OAuthToken.builder().accessToken("a1").build());
        OAuthToken second = store.saveToken(first.toBuilder().accessToken("a2").build());

        assertThat(second.id()).isEqualTo(first.id());
        assertThat(store.getTokens()).containsExactly(second);
    }

    @Test
    void twoUsersNeverShareARowEvenWithTheSameTokens() {
        OAuthToken alice = store.saveToken(token("alice").build());
        OAuthToken bob = store.saveToken(alice.toBuilder().user("bob").build());

        assertThat(bob.id()).isNotEqualTo(alice.id());
        assertThat(store.findToken(OAuthToken.builder().user("alice").build())).contains(alice);
        assertThat(store.findToken(OAuthToken.builder().user("bob").build())).contains(bob);
    }

    @Test
    void saveRejectsATokenWithoutAnyToken() {
        assertThatThrownBy(() -> store.saveToken(OAuthToken.builder().user("alice").clientId("c").build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("TOKENSTORE-0008: saveToken: the token has no access, refresh or grant token; nothing to save");
        assertThatThrownBy(() -> store.saveToken(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("TOKENSTORE-0006: saveToken: token is null");
    }

    // Finding: the matching rules

    @Test
    void findByUserReturnsTheWholeStoredToken() {
        OAuthToken saved = store.saveToken(token("alice").build());

        assertThat(store.findToken(OAuthToken.builder().userSignature(new UserSignature("alice")).build()))
                .contains(saved);
        assertThat(store.findToken(OAuthToken.builder().user("Alice").build()))
                .as("names compare exactly").isEmpty();
        assertThat(store.findToken(OAuthToken.builder().user("alice ").build()))
                .as("trailing spaces count").isEmpty();
    }

    @Test
    void aTokenWithAUserNeverMatchesAnotherUsersTokens() {
        OAuthToken alice = store.saveToken(token("alice").build());

        assertThat(store.findToken(alice.toBuilder().id(null).user("bob").build())).isEmpty();
    }

    @Test
    void findByAccessTokenWhenTheTokenHasNoClient() {
        OAuthToken saved = store.saveToken(token("alice").build());

        assertThat(store.findToken(OAuthToken.builder().accessToken("1000.access.alice").build())).contains(saved);
        assertThat(store.findToken(OAuthToken.builder().accessToken("1000.access.nobody").build())).isEmpty();
    }

    @Test
    void anAccessTokenWithAClientIdIsNotLookedUpByTheAccessToken() {
        store.saveToken(token("alice").build());

        assertThatThrownBy(() -> store.findToken(
                OAuthToken.builder().accessToken("1000.access.alice").clientId("1000.CLIENT").build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("TOKENSTORE-0007: ");
    }

    @Test
    void findByRefreshTokenTogetherWithTheClientId() {
        OAuthToken saved = store.saveToken(token("alice").build());

        assertThat(store.findToken(OAuthToken.builder().clientId("1000.CLIENT").refreshToken("1000.refresh.alice").build()))
                .contains(saved);
        assertThat(store.findToken(OAuthToken.builder().clientId("1000.OTHER").refreshToken("1000.refresh.alice").build()))
                .isEmpty();
        assertThat(store.findToken(OAuthToken.builder().refreshToken("1000.refresh.alice").build()))
                .as("no client id matches only tokens without one").isEmpty();
    }

    @Test
    void findByGrantTokenTogetherWithTheClientId() {
        OAuthToken saved = store.saveToken(OAuthToken.builder().clientId("c").grantToken("g").build());
        OAuthToken noClient = store.saveToken(OAuthToken.builder().grantToken("g").build());

        assertThat(store.findToken(OAuthToken.builder().clientId("c").grantToken("g").build())).contains(saved);
        assertThat(store.findToken(OAuthToken.builder().grantToken("g").clientSecret("s").build())).contains(noClient);
        assertThat(store.findToken(OAuthToken.builder().clientId("d").grantToken("g").build())).isEmpty();
    }

    @Test
    void theGrantTokenComesBeforeTheRefreshToken() {
        OAuthToken byGrant = store.saveToken(OAuthToken.builder().clientId("c").grantToken("g").refreshToken("r1").build());
        store.saveToken(OAuthToken.builder().clientId("c").refreshToken("r2").build());

        assertThat(store.findToken(OAuthToken.builder().clientId("c").grantToken("g").refreshToken("r2").build()))
                .contains(byGrant);
        assertThat(store.findToken(OAuthToken.builder().clientId("c").grantToken("unknown").refreshToken("r1").build()))
                .as("only the first rule that applies is used").isEmpty();
    }

    @Test
    void theMostRecentlySavedTokenWinsWhenSeveralMatch() {
        OAuthToken first = store.saveToken(OAuthToken.builder().clientId("c").refreshToken("r1").accessToken("a").build());
        clock.advance(Duration.ofMillis(1));
        OAuthToken second = store.saveToken(OAuthToken.builder().clientId("c").refreshToken("r2").accessToken("a").build());

        assertThat(store.findToken(OAuthToken.builder().accessToken("a").build())).contains(second);
        clock.advance(Duration.ofMillis(1));
        OAuthToken firstAgain = store.saveToken(first.toBuilder().expiresAt(Instant.ofEpochMilli(1)).build());
        assertThat(store.findToken(OAuthToken.builder().accessToken("a").build())).contains(firstAgain);
    }

    @Test
    void findWithNothingToMatchOnIsAnError() {
        store.saveToken(token("alice").build());

        assertThatThrownBy(() -> store.findToken(OAuthToken.builder().clientId("1000.CLIENT").clientSecret("s").build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("TOKENSTORE-0007: findToken: the token has nothing to match on; give a user signature, "
                        + "an access token, a grant or refresh token (with its client id), or an id");
        assertThatThrownBy(() -> store.findToken(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("TOKENSTORE-0006: findToken: token is null");
    }

    // The client: one token per user and client (rule 1); the refusal: kept, never matched on

    @Test
    void oneUserHoldsOneTokenPerClient() {
        OAuthToken zoho = store.saveToken(token("alice").client("zoho").build());
        clock.advance(Duration.ofMillis(1));
        OAuthToken salesforce = store.saveToken(token("alice").client("salesforce").accessToken("sf-access").build());
        clock.advance(Duration.ofMillis(1));
        OAuthToken legacy = store.saveToken(token("alice").accessToken("legacy-access").build());

        assertThat(Set.of(zoho.id(), salesforce.id(), legacy.id())).as("three rows").hasSize(3);
        assertThat(store.getTokens()).containsExactly(zoho, salesforce, legacy);
        assertThat(store.countTokens()).isEqualTo(3);
        assertThat(store.findToken(OAuthToken.builder().user("alice").client("zoho").build())).contains(zoho);
        assertThat(store.findToken(OAuthToken.builder().user("alice").client("salesforce").build())).contains(salesforce);
        assertThat(store.findToken(OAuthToken.builder().user("alice").build()))
                .as("a token without a client matches only the token without one").contains(legacy);
        assertThat(store.findToken(OAuthToken.builder().user("alice").client("hubspot").build())).isEmpty();
        assertThat(store.findToken(OAuthToken.builder().user("alice").client("Zoho").build()))
                .as("client names compare exactly").isEmpty();
    }

    @Test
    void savingOrDeletingOneClientsTokenNeverTouchesAnothers() {
        OAuthToken zoho = store.saveToken(token("alice").client("zoho").build());
        OAuthToken salesforce = store.saveToken(token("alice").client("salesforce").accessToken("sf-access").build());
        OAuthToken legacy = store.saveToken(token("alice").accessToken("legacy-access").build());

        OAuthToken zohoAgain = store.saveToken(token("alice").client("zoho").accessToken("zoho-2").refreshToken(null)
                .build());
        assertThat(zohoAgain.id()).isEqualTo(zoho.id());
        assertThat(store.findTokenById(salesforce.id())).contains(salesforce);
        assertThat(store.findTokenById(legacy.id())).contains(legacy);

        store.deleteToken(salesforce.id());
        assertThat(store.findToken(OAuthToken.builder().user("alice").client("salesforce").build())).isEmpty();
        assertThat(store.findToken(OAuthToken.builder().user("alice").client("zoho").build())).contains(zohoAgain);
        assertThat(store.findToken(OAuthToken.builder().user("alice").build())).contains(legacy);

        store.deleteToken(legacy.id());
        assertThat(store.getTokens()).containsExactly(zohoAgain);
    }

    @Test
    void theClientTakesNoPartInTheRulesAfterTheFirst() {
        OAuthToken zoho = store.saveToken(token("alice").client("zoho").build());

        assertThat(store.findToken(OAuthToken.builder().accessToken("1000.access.alice").build())).contains(zoho);
        assertThat(store.findToken(OAuthToken.builder().accessToken("1000.access.alice").client("salesforce").build()))
                .as("rule 2: the access token decides").contains(zoho);
        assertThat(store.findToken(OAuthToken.builder().clientId("1000.CLIENT").refreshToken("1000.refresh.alice")
                .build())).contains(zoho);
        assertThat(store.findToken(OAuthToken.builder().id(zoho.id()).build())).contains(zoho);
        assertThatThrownBy(() -> store.findToken(OAuthToken.builder().client("zoho").build()))
                .as("a client alone is nothing to match on")
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("TOKENSTORE-0007: ");
    }

    @Test
    void aTokenWithoutAClientSavedWithAClientsNameKeepsItsRowAndTakesTheName() {
        OAuthToken legacy = store.saveToken(token("alice").build());

        OAuthToken claimed = store.saveToken(legacy.toBuilder().client("zoho").accessToken("new").build());

        assertThat(claimed.id()).as("the default client's fallback: no duplicate").isEqualTo(legacy.id());
        assertThat(claimed.client()).isEqualTo("zoho");
        assertThat(store.getTokens()).containsExactly(claimed);
        assertThat(store.findToken(OAuthToken.builder().user("alice").build())).isEmpty();
        assertThat(store.findToken(OAuthToken.builder().user("alice").client("zoho").build())).contains(claimed);
    }

    @Test
    void anotherClientsRowIsNeverTakenOverByItsId() {
        OAuthToken zoho = store.saveToken(token("alice").client("zoho").build());
        clock.advance(Duration.ofMillis(1));

        OAuthToken salesforce = store.saveToken(zoho.toBuilder().client("salesforce").build());
        clock.advance(Duration.ofMillis(1));
        OAuthToken none = store.saveToken(zoho.toBuilder().client(null).build());

        assertThat(salesforce.id()).isNotEqualTo(zoho.id());
        assertThat(none.id()).isNotIn(zoho.id(), salesforce.id());
        assertThat(store.getTokens()).containsExactly(zoho, salesforce, none);
    }

    @Test
    void twoUsersOfOneClientStayApart() {
        OAuthToken alice = store.saveToken(token("alice").client("zoho").build());
        OAuthToken bob = store.saveToken(alice.toBuilder().user("bob").build());

        assertThat(bob.id()).isNotEqualTo(alice.id());
        assertThat(store.findToken(OAuthToken.builder().user("alice").client("zoho").build())).contains(alice);
        assertThat(store.findToken(OAuthToken.builder().user("bob").client("zoho").build())).contains(bob);
    }

    @Test
    void theRefusalRoundTripsAndIsClearedBySavingWithoutIt() {
        Instant refused = Instant.parse("2026-11-28T12:34:56.789Z");
        OAuthToken token = token("alice").client("salesforce").refusedAt(refused).build();

        OAuthToken saved = store.saveToken(token);

        assertThat(saved).isEqualTo(token.toBuilder().id(saved.id()).build());
        assertThat(store.findTokenById(saved.id())).map(OAuthToken::refusedAt).contains(refused);
        assertThat(store.findToken(OAuthToken.builder().user("alice").client("salesforce").build())).contains(saved);
        assertThat(store.getTokens()).containsExactly(saved);

        OAuthToken again = store.saveToken(saved.toBuilder().refusedAt(null).accessToken("after-login").build());
        assertThat(again.id()).isEqualTo(saved.id());
        assertThat(store.findTokenById(saved.id())).map(OAuthToken::refusedAt).isEmpty();
    }

    @Test
    void concurrentSavesOfOneUsersTwoClientsLeaveOneTokenEach() throws Exception {
        List<Callable<OAuthToken>> saves = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            String client = i % 2 == 0 ? "zoho" : "salesforce";
            String access = "access-" + i;
            saves.add(() -> store.saveToken(token("alice").client(client).accessToken(access).build()));
        }

        List<OAuthToken> saved = runConcurrently(8, saves);

        assertThat(saved.stream().map(OAuthToken::id).distinct()).hasSize(2);
        assertThat(store.getTokens()).hasSize(2).extracting(OAuthToken::client)
                .containsExactlyInAnyOrder("zoho", "salesforce");
    }

    // The data center and the provider account: kept with the token, never matched on

    @Test
    void theDataCenterAndTheAccountRoundTripThroughEveryRead() {
        OAuthToken token = token("alice").dataCenter("eu").account("alice@zoho.example").build();

        OAuthToken saved = store.saveToken(token);

        assertThat(saved).isEqualTo(token.toBuilder().id(saved.id()).build());
        assertThat(saved.dataCenter()).isEqualTo("eu");
        assertThat(saved.account()).isEqualTo("alice@zoho.example");
        assertThat(store.findToken(OAuthToken.builder().user("alice").build())).contains(saved);
        assertThat(store.findToken(OAuthToken.builder().accessToken("1000.access.alice").build())).contains(saved);
        assertThat(store.findToken(OAuthToken.builder().clientId("1000.CLIENT").refreshToken("1000.refresh.alice")
                .build())).contains(saved);
        assertThat(store.findTokenById(saved.id())).contains(saved);
        assertThat(store.getTokens()).containsExactly(saved);
    }

    @Test
    void tokensWithAndWithoutADataCenterLiveSideBySide() {
        OAuthToken us = store.saveToken(token("us-user").build());
        OAuthToken eu = store.saveToken(token("eu-user").dataCenter("eu").build());
        OAuthToken uk = store.saveToken(token("uk-user").account("uk-user@zoho.example").build());

        assertThat(store.getTokens()).containsExactlyInAnyOrder(us, eu, uk);
        assertThat(store.findTokenById(us.id())).map(OAuthToken::dataCenter).isEmpty();
        assertThat(store.findTokenById(eu.id())).map(OAuthToken::dataCenter).contains("eu");
        assertThat(store.findTokenById(eu.id())).map(OAuthToken::account).isEmpty();
        assertThat(store.findTokenById(uk.id())).map(OAuthToken::account).contains("uk-user@zoho.example");
    }

    @Test
    void aSaveThatReplacesATokenReplacesItsDataCenterAndAccountToo() {
        OAuthToken first = store.saveToken(token("alice").dataCenter("eu").account("alice@zoho.eu").build());

        OAuthToken moved = store.saveToken(token("alice").dataCenter("uk").account("alice@zoho.uk").build());
        assertThat(moved.id()).isEqualTo(first.id());
        assertThat(store.findTokenById(first.id())).map(t -> t.dataCenter() + " " + t.account())
                .contains("uk alice@zoho.uk");

        OAuthToken cleared = store.saveToken(token("alice").build());
        assertThat(cleared.id()).isEqualTo(first.id());
        assertThat(store.findTokenById(first.id())).contains(cleared);
        assertThat(cleared.dataCenter()).as("back to the default data center").isNull();
        assertThat(cleared.account()).isNull();
        assertThat(store.getTokens()).containsExactly(cleared);

        OAuthToken byRefresh = store.saveToken(OAuthToken.builder().clientId("c").refreshToken("r").dataCenter("in")
                .build());
        OAuthToken byRefreshAgain = store.saveToken(OAuthToken.builder().clientId("c").refreshToken("r").build());
        assertThat(byRefreshAgain.id()).isEqualTo(byRefresh.id());
        assertThat(store.findTokenById(byRefresh.id())).map(OAuthToken::dataCenter).isEmpty();
    }

    @Test
    void theDataCenterAndTheAccountTakeNoPartInMatching() {
        OAuthToken alice = store.saveToken(token("alice").dataCenter("eu").account("alice@zoho.example").build());

        assertThat(store.findToken(OAuthToken.builder().user("alice").dataCenter("us").account("bob@zoho.example")
                .build())).contains(alice);
        assertThat(store.findToken(OAuthToken.builder().accessToken("1000.access.alice").dataCenter("jp").build()))
                .contains(alice);
        assertThatThrownBy(() -> store.findToken(OAuthToken.builder().dataCenter("eu").account("alice@zoho.example")
                .build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("TOKENSTORE-0007: ");
        assertThat(store.findToken(OAuthToken.builder().user("alice@zoho.example").build()))
                .as("the account is not a user name").isEmpty();

        OAuthToken bob = store.saveToken(token("bob").dataCenter("eu").account("alice@zoho.example").build());
        assertThat(bob.id()).as("the same account and data center do not make the same row").isNotEqualTo(alice.id());
        assertThat(store.getTokens()).hasSize(2);
    }

    @Test
    void aTokenWithNothingButAnIdFindsTheTokenWithThatId() {
        OAuthToken alice = store.saveToken(token("alice").build());
        OAuthToken bob = store.saveToken(token("bob").build());

        assertThat(store.findToken(OAuthToken.builder().id(alice.id()).build())).contains(alice);
        assertThat(store.findToken(OAuthToken.builder().id(bob.id()).build())).contains(bob);
        assertThat(store.findToken(OAuthToken.builder().id(bob.id()).clientId("1000.CLIENT").clientSecret("s").build()))
                .as("a client id and secret are nothing to match on: the id decides").contains(bob);
        assertThat(store.findToken(OAuthToken.builder().id("no-such-id").build())).isEmpty();
    }

    @Test
    void theIdIsTheLastRuleAndNeverOverridesAnEarlierOne() {
        OAuthToken alice = store.saveToken(token("alice").build());
        OAuthToken bob = store.saveToken(token("bob").build());

        assertThat(store.findToken(OAuthToken.builder().id(alice.id()).user("bob").build()))
                .as("a user signature comes first").contains(bob);
        assertThat(store.findToken(OAuthToken.builder().id(alice.id()).user("carol").build()))
                .as("and a user without a token finds nothing, whatever the id").isEmpty();
        assertThat(store.findToken(OAuthToken.builder().id(alice.id()).accessToken("1000.access.bob").build()))
                .contains(bob);
    }

    @Test
    void anIdOnlyLookupAfterADeleteFindsNothing() {
        OAuthToken alice = store.saveToken(token("alice").build());
        store.deleteToken(alice.id());

        assertThat(store.findToken(OAuthToken.builder().id(alice.id()).build())).isEmpty();
    }

    // Many tokens, exact values

    @Test
    void fifteenUsersKeepDistinctIdsAndIntactTokens() {
        List<OAuthToken> saved = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            saved.add(store.saveToken(token("user" + i + "@zylker.example").build()));
        }

        assertThat(saved.stream().map(OAuthToken::id).distinct()).hasSize(20);
        for (OAuthToken t : saved) {
            assertThat(store.findTokenById(t.id())).contains(t);
            assertThat(store.findToken(OAuthToken.builder().userSignature(t.userSignature()).build())).contains(t);
        }
        assertThat(store.getTokens()).containsExactlyInAnyOrderElementsOf(saved);
    }

    @Test
    void everyFieldRoundTripsExactly() {
        String longToken = "1000." + "x".repeat(OAuthToken.MAX_TOKEN_LENGTH - 5);
        String tricky = " a,b \"quoted\" 'single'\nnew line\r\nwindows\ttab ";
        OAuthToken token = OAuthToken.builder()
                .user("Zoë 张伟 עברית 😀 " + tricky)
                .clientId("client," + tricky)
                .clientSecret("sécret\"," + tricky)
                .grantToken("grant 😀" + tricky)
                .refreshToken(longToken)
                .accessToken("4000:" + "é".repeat(3995))
                .expiresAt(Instant.ofEpochMilli(1_764_352_800_123L))
                .redirectUrl("https://portal.example/callback?a=1&b=\"2\"")
                .apiDomain("https://www.zohoapis.eu")
                .dataCenter("eu")
                .account("Zoë.张伟+😀@zoho.example " + tricky)
                .client("x".repeat(OAuthToken.MAX_CLIENT_LENGTH))
                .refusedAt(Instant.ofEpochMilli(1_764_352_000_456L))
                .build();

        OAuthToken saved = store.saveToken(token);

        assertThat(saved).isEqualTo(token.toBuilder().id(saved.id()).build());
        assertThat(store.findTokenById(saved.id())).contains(saved);
        assertThat(store.findToken(OAuthToken.builder().userSignature(token.userSignature()).client(token.client())
                .build())).contains(saved);
        assertThat(store.findToken(OAuthToken.builder().clientId(token.clientId()).refreshToken(longToken).build()))
                .contains(saved);
    }

    @Test
    void sqlInjectionPayloadsAreStoredVerbatimInEveryField() {
        OAuthToken bystander = store.saveToken(token("bystander").build());
        List<OAuthToken> saved = new ArrayList<>();
        int n = 0;
        for (String p : SQL_INJECTION) {
            OAuthToken t = OAuthToken.builder()
                    .user(p + n).clientId(p).clientSecret(p).grantToken(p + "g" + n).refreshToken(p + "r" + n)
                    .accessToken(p + "a" + n).redirectUrl(p).apiDomain(p).account(p).build();
            saved.add(store.saveToken(t));
            n++;
        }

        for (OAuthToken t : saved) {
            assertThat(store.findTokenById(t.id())).contains(t);
            assertThat(store.findToken(OAuthToken.builder().userSignature(t.userSignature()).build())).contains(t);
            assertThat(store.findToken(OAuthToken.builder().accessToken(t.accessToken()).build())).contains(t);
            assertThat(store.findToken(OAuthToken.builder().clientId(t.clientId()).refreshToken(t.refreshToken()).build()))
                    .contains(t);
        }
        assertThat(store.findTokenById(bystander.id())).contains(bystander);
        assertThat(store.getTokens()).hasSize(SQL_INJECTION.size() + 1);
        store.deleteToken(SQL_INJECTION.get(0));
        store.deleteToken("' OR '1'='1' --");
        assertThat(store.getTokens()).hasSize(SQL_INJECTION.size() + 1);
    }

    // Concurrency

    @Test
    void eightThreadsSavingAThousandUsersLoseAndDuplicateNothing() throws Exception {
        int users = 1000;
        List<Callable<OAuthToken>> saves = new ArrayList<>();
        for (int i = 0; i < users; i++) {
            String user = "user" + i;
            saves.add(() -> store.saveToken(token(user).build()));
        }

        List<OAuthToken> saved = runConcurrently(8, saves);

        assertThat(saved.stream().map(OAuthToken::id).distinct()).hasSize(users);
        List<OAuthToken> all = store.getTokens();
        assertThat(all).hasSize(users).containsExactlyInAnyOrderElementsOf(saved);
    }

    @Test
    void concurrentSavesOfOneUserLeaveOneTokenFromOneOfThem() throws Exception {
        List<Callable<OAuthToken>> saves = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            String access = "access-" + i;
            saves.add(() -> store.saveToken(token("alice").accessToken(access).build()));
        }

        List<OAuthToken> saved = runConcurrently(8, saves);

        assertThat(saved.stream().map(OAuthToken::id).distinct()).hasSize(1);
        List<OAuthToken> all = store.getTokens();
        assertThat(all).hasSize(1);
        assertThat(saved).contains(all.get(0));
    }

    private static <T> List<T> runConcurrently(int threads, List<Callable<T>> tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> task : tasks) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get(5, TimeUnit.MINUTES));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    // Deleting and listing

    @Test
    void deleteTokenRemovesOnlyThatToken() {
        OAuthToken alice = store.saveToken(token("alice").build());
        OAuthToken bob = store.saveToken(token("bob").build());

        store.deleteToken(alice.id());

        assertThat(store.findTokenById(alice.id())).isEmpty();
        assertThat(store.findToken(OAuthToken.builder().user("alice").build())).isEmpty();
        assertThat(store.findToken(OAuthToken.builder().accessToken("1000.access.alice").build())).isEmpty();
        assertThat(store.getTokens()).containsExactly(bob);
    }

    @Test
    void deleteOfAnUnknownIdIsANoOp() {
        OAuthToken alice = store.saveToken(token("alice").build());

        store.deleteToken("no-such-id");

        assertThat(store.getTokens()).containsExactly(alice);
    }

    @Test
    void deleteTokensRemovesEverything() {
        store.saveToken(token("alice").build());
        store.saveToken(token("bob").build());

        store.deleteTokens();

        assertThat(store.getTokens()).isEmpty();
        assertThat(store.findToken(OAuthToken.builder().user("alice").build())).isEmpty();
    }

    @Test
    void aDeletedUserCanSaveAgainAndGetsANewId() {
        OAuthToken first = store.saveToken(token("alice").build());
        store.deleteToken(first.id());

        OAuthToken second = store.saveToken(first);

        assertThat(second.id()).isNotEqualTo(first.id());
        assertThat(store.getTokens()).containsExactly(second);
    }

    @Test
    void countTokensCountsWhatGetTokensLists() {
        assertThat(store.countTokens()).isZero();
        OAuthToken alice = store.saveToken(token("alice").build());
        store.saveToken(token("bob").build());
        store.saveToken(alice.toBuilder().accessToken("again").build());
        assertThat(store.countTokens()).isEqualTo(2).isEqualTo(store.getTokens().size());

        store.deleteToken(alice.id());
        assertThat(store.countTokens()).isEqualTo(1);
        store.deleteTokens();
        assertThat(store.countTokens()).isZero();
    }

    @Test
    void theHealthProbesIdIsNeverFound() {
        store.saveToken(token("alice").build());

        assertThat(store.findTokenById(io.github.tokenstore.core.StoreProbe.PROBE_ID)).isEmpty();
    }

    @Test
    void findTokenByIdOfAnUnknownIdIsEmpty() {
        assertThat(store.findTokenById("no-such-id")).isEqualTo(Optional.empty());
    }

    @Test
    void idArgumentsMustNotBeNullOrEmpty() {
        assertThatThrownBy(() -> store.findTokenById(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("TOKENSTORE-0009: findTokenById: id is null or empty");
        assertThatThrownBy(() -> store.deleteToken(""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("TOKENSTORE-0009: deleteToken: id is null or empty");
    }

    @Test
    void getTokensListsTheOldestFirst() {
        OAuthToken first = store.saveToken(token("first").build());
        clock.advance(Duration.ofMillis(1));
        OAuthToken second = store.saveToken(token("second").build());
        clock.advance(Duration.ofMillis(1));
        OAuthToken firstAgain = store.saveToken(first.toBuilder().accessToken("new").build());

        assertThat(store.getTokens()).containsExactly(firstAgain, second);
    }
}
