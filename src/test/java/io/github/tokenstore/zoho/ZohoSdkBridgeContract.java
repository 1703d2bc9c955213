package io.github.tokenstore.zoho;

import com.zoho.api.authenticator.OAuthToken;
import com.zoho.api.authenticator.Token;
import com.zoho.crm.api.Initializer;
import com.zoho.crm.api.UserSignature;
import com.zoho.crm.api.exception.SDKException;
import io.github.tokenstore.TokenStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every method of the Zoho SDK's {@code TokenStore} through {@link ZohoSdkBridge} on one of the library's
 * stores, called the way the SDK calls them (the SDK's types are the test stand-ins in {@code com.zoho}).
 */
abstract class ZohoSdkBridgeContract {

    static final String EXPIRY = "1764352800123";

    /** The library's store under test, emptied before each test. */
    TokenStore library;
    com.zoho.api.authenticator.store.TokenStore sdk;

    abstract TokenStore createStore() throws Exception;

    @BeforeEach
    void bridge() throws Exception {
        library = createStore();
        library.deleteTokens();
        sdk = ZohoSdkBridge.tokenStore(library, com.zoho.api.authenticator.store.TokenStore.class);
        Initializer.initialize(sdk);
    }

    @AfterEach
    void close() {
        library.close();
    }

    /** A token as an SDK application builds it after its first authorization of {@code user}. */
    static OAuthToken sdkToken(String user) throws SDKException {
        OAuthToken t = new OAuthToken();
        t.setUserSignature(new UserSignature(user));
        t.setClientId("1000.CLIENT");
        t.setClientSecret("secret");
        t.setRefreshToken("1000.refresh." + user);
        t.setAccessToken("1000.access." + user);
        t.setExpiresIn(EXPIRY);
        t.setRedirectURL("https://portal.example/callback");
        t.setAPIDomain("https://www.zohoapis.com");
        return t;
    }

    static OAuthToken byUser(String user) throws SDKException {
        OAuthToken t = new OAuthToken();
        t.setUserSignature(new UserSignature(user));
        return t;
    }

    static OAuthToken byId(String id) {
        OAuthToken t = new OAuthToken();
        t.setId(id);
        return t;
    }

    @Test
    void saveWritesTheStoresIdBackOntoTheSdkToken() throws Exception {
        OAuthToken token = sdkToken("alice@zylker.example");

        sdk.saveToken(token);

        assertThat(token.getId()).isNotBlank();
        io.github.tokenstore.OAuthToken stored = library.findTokenById(token.getId()).orElseThrow();
        assertThat(stored.userSignature().name()).isEqualTo("alice@zylker.example");
        assertThat(stored.accessToken()).isEqualTo("1000.access.alice@zylker.example");
        assertThat(stored.expiresAt()).isEqualTo(Instant.ofEpochMilli(Long.parseLong(EXPIRY)));
    }

    @Test
    void aSaveByTheSdkKeepsTheDataCenterAndAccountTheLibraryRecorded() throws Exception {
        io.github.tokenstore.OAuthToken stored = library.saveToken(io.github.tokenstore.OAuthToken.builder()
                .user("alice@zylker.example").clientId("1000.CLIENT").refreshToken("1000.refresh")
                .accessToken("1000.access").dataCenter("eu").account("alice@zylker.eu").build());
        OAuthToken refreshed = byUser("alice@zylker.example");
        sdk.findToken(refreshed);
        refreshed.setAccessToken("1000.access.refreshed-by-the-sdk");

        sdk.saveToken(refreshed);

        io.github.tokenstore.OAuthToken now = library.findTokenById(stored.id()).orElseThrow();
        assertThat(now.accessToken()).isEqualTo("1000.access.refreshed-by-the-sdk");
        assertThat(now.dataCenter()).isEqualTo("eu");
        assertThat(now.account()).isEqualTo("alice@zylker.eu");
    }

    @Test
    void findFillsInTheTokenItWasGivenAndReturnsIt() throws Exception {
        OAuthToken saved = sdkToken("alice@zylker.example");
        sdk.saveToken(saved);
        OAuthToken wanted = byUser("alice@zylker.example");

        Token found = sdk.findToken(wanted);

        assertThat(found).isSameAs(wanted);
        assertSameValues(wanted, saved);
    }

    @Test
    void findOfAnUnknownUserIsNullAndLeavesTheTokenAlone() throws Exception {
        sdk.saveToken(sdkToken("alice@zylker.example"));
        OAuthToken wanted = byUser("bob@zylker.example");

        assertThat(sdk.findToken(wanted)).isNull();
        assertThat(wanted.getId()).isNull();
        assertThat(wanted.getAccessToken()).isNull();
    }

    @Test
    void theStoresValuesReplaceStaleOnesOnTheGivenToken() throws Exception {
        OAuthToken saved = sdkToken("alice@zylker.example");
        sdk.saveToken(saved);
        OAuthToken stale = sdkToken("alice@zylker.example");
        stale.setAccessToken("1000.access.old");
        stale.setExpiresIn("1");

        sdk.findToken(stale);

        assertThat(stale.getAccessToken()).isEqualTo("1000.access.alice@zylker.example");
        assertThat(stale.getExpiresIn()).isEqualTo(EXPIRY);
        assertThat(stale.getId()).isEqualTo(saved.getId());
    }

    @Test
    void aTokenWithNothingButAnIdIsFoundByItsId() throws Exception {
        OAuthToken alice = sdkToken("alice@zylker.example");
        OAuthToken bob = sdkToken("bob@zylker.example");
        sdk.saveToken(alice);
        sdk.saveToken(bob);
        OAuthToken wanted = byId(bob.getId());

        assertThat(sdk.findToken(wanted)).isSameAs(wanted);
        assertSameValues(wanted, bob);
        assertThat(sdk.findToken(byId("999999"))).isNull();
    }

    @Test
    void revokeAndRemoveWorkAsTheSdkCallsThem() throws Exception {
        OAuthToken alice = sdkToken("alice@zylker.example");
        sdk.saveToken(alice);

        assertThat(new OAuthToken().revoke(alice.getId())).as("revoke found the refresh token by the id").isTrue();
        alice.remove();

        assertThat(library.getTokens()).isEmpty();
        assertThat(new OAuthToken().revoke(alice.getId())).isFalse();
    }

    @Test
    void findTokenByIdReturnsANewSdkToken() throws Exception {
        OAuthToken saved = sdkToken("alice@zylker.example");
        sdk.saveToken(saved);

        Token found = sdk.findTokenById(saved.getId());

        assertThat(found).isInstanceOf(OAuthToken.class).isNotSameAs(saved);
        assertSameValues((OAuthToken) found, saved);
    }

    @Test
    void findTokenByIdOfAnUnknownIdIsTheSdksException() throws Exception {
        sdk.saveToken(sdkToken("alice@zylker.example"));

        assertThatThrownBy(() -> sdk.findTokenById("4711"))
                .isExactlyInstanceOf(SDKException.class)
                .hasMessage("TOKENSTORE-0904: findTokenById: no token is stored with the id '4711'")
                .satisfies(e -> assertThat(((SDKException) e).getCode()).isEqualTo("TOKEN_STORE"));
        assertThatThrownBy(() -> sdk.findTokenById("id\nwith a line break"))
                .hasMessage("TOKENSTORE-0904: findTokenById: no token is stored with the id "
                        + "(not shown: 20 characters, not plain ASCII or too long)");
        assertThatThrownBy(() -> sdk.findTokenById(null))
                .isExactlyInstanceOf(SDKException.class)
                .hasMessage("TOKENSTORE-0906: findTokenById: the library cannot take this SDK token: "
                        + "TOKENSTORE-0009: findTokenById: id is null or empty");
    }

    @Test
    void deleteTokenDeletesOneTokenAndIgnoresAnUnknownId() throws Exception {
        OAuthToken alice = sdkToken("alice@zylker.example");
        OAuthToken bob = sdkToken("bob@zylker.example");
        sdk.saveToken(alice);
        sdk.saveToken(bob);

        sdk.deleteToken(alice.getId());
        sdk.deleteToken("no-such-id");

        assertThat(sdk.getTokens()).singleElement()
                .satisfies(t -> assertThat(((OAuthToken) t).getUserSignature().getName()).isEqualTo("bob@zylker.example"));
    }

    @Test
    void getTokensListsNewSdkTokensOldestFirstAndDeleteTokensDeletesThemAll() throws Exception {
        List<OAuthToken> saved = new ArrayList<>();
        for (String user : List.of("a@zylker.example", "b@zylker.example", "c@zylker.example")) {
            OAuthToken t = sdkToken(user);
            sdk.saveToken(t);
            saved.add(t);
        }

        List<Token> tokens = sdk.getTokens();

        assertThat(tokens).hasSize(3);
        for (Token t : tokens) {
            OAuthToken sdkToken = (OAuthToken) t;
            OAuthToken original = saved.stream().filter(s -> s.getId().equals(sdkToken.getId())).findFirst().orElseThrow();
            assertSameValues(sdkToken, original);
        }
        sdk.deleteTokens();
        assertThat(sdk.getTokens()).isEmpty();
        assertThat(library.countTokens()).isZero();
    }

    @Test
    void tokensAsTheSdkMakesThemAreKept() throws Exception {
        OAuthToken grantOnly = new OAuthToken();
        grantOnly.setClientId("1000.CLIENT");
        grantOnly.setClientSecret("secret");
        grantOnly.setGrantToken("1000.grant");
        grantOnly.setRedirectURL("https://portal.example/callback");
        OAuthToken refreshOnly = new OAuthToken();
        refreshOnly.setClientId("1000.CLIENT");
        refreshOnly.setClientSecret("secret");
        refreshOnly.setRefreshToken("1000.refresh.only");
        OAuthToken accessOnly = new OAuthToken();
        accessOnly.setAccessToken("1000.access.only");

        sdk.saveToken(grantOnly);
        sdk.saveToken(refreshOnly);
        sdk.saveToken(accessOnly);

        assertThat(library.countTokens()).isEqualTo(3);
        OAuthToken byGrant = new OAuthToken();
        byGrant.setClientId("1000.CLIENT");
        byGrant.setClientSecret("secret");
        byGrant.setGrantToken("1000.grant");
        assertThat(sdk.findToken(byGrant)).isSameAs(byGrant);
        assertThat(byGrant.getId()).isEqualTo(grantOnly.getId());
        assertThat(byGrant.getRedirectURL()).isEqualTo("https://portal.example/callback");
        OAuthToken byRefresh = new OAuthToken();
        byRefresh.setClientId("1000.CLIENT");
        byRefresh.setClientSecret("secret");
        byRefresh.setRefreshToken("1000.refresh.only");
        assertThat(sdk.findToken(byRefresh)).isSameAs(byRefresh);
        assertThat(byRefresh.getId()).isEqualTo(refreshOnly.getId());
        OAuthToken byAccess = new OAuthToken();
        byAccess.setAccessToken("1000.access.only");
        assertThat(sdk.findToken(byAccess)).isSameAs(byAccess);
        assertThat(byAccess.getId()).isEqualTo(accessOnly.getId());
    }

    @Test
    void userNamesAreKeptVerbatim() throws Exception {
        List<String> names = List.of("alice@zylker.example:60012345678", " Alice@Zylker.example ", "Zoë 张伟 😀");
        for (String name : names) {
            sdk.saveToken(sdkToken(name));
        }
        for (String name : names) {
            OAuthToken found = byUser(name);
            assertThat(sdk.findToken(found)).as(name).isNotNull();
            assertThat(found.getAccessToken()).isEqualTo("1000.access." + name);
        }
        assertThat(sdk.findToken(byUser("alice@zylker.example"))).isNull();
    }

    @Test
    void anExpiryThatIsNotEpochMillisecondsIsTheSdksException() throws Exception {
        OAuthToken token = sdkToken("alice@zylker.example");
        token.setExpiresIn("in an hour");

        assertThatThrownBy(() -> sdk.saveToken(token))
                .isExactlyInstanceOf(SDKException.class)
                .hasMessage("TOKENSTORE-0907: saveToken: the SDK token's expiry time (getExpiresIn) is not a whole"
                        + " number of epoch milliseconds");
    }

    @Test
    void aTokenTheLibraryCannotTakeIsTheSdksExceptionWithTheLibrarysRule() throws Exception {
        OAuthToken nothing = byUser("alice@zylker.example");

        assertThatThrownBy(() -> sdk.saveToken(nothing))
                .isExactlyInstanceOf(SDKException.class)
                .hasMessage("TOKENSTORE-0906: saveToken: the library cannot take this SDK token: TOKENSTORE-0008: "
                        + "saveToken: the token has no access, refresh or grant token; nothing to save");
        assertThatThrownBy(() -> sdk.findToken(new OAuthToken()))
                .isExactlyInstanceOf(SDKException.class)
                .hasMessageStartingWith("TOKENSTORE-0906: findToken: the library cannot take this SDK token: "
                        + "TOKENSTORE-0007: ");
        assertThatThrownBy(() -> sdk.saveToken(byUser("  ")))
                .isExactlyInstanceOf(SDKException.class)
                .hasMessageStartingWith("TOKENSTORE-0906: saveToken: the library cannot take this SDK token: "
                        + "TOKENSTORE-0001: ");
    }

    @Test
    void aTokenOfAnotherClassIsReturnedUnchangedAsTheSdksStoresDo() throws Exception {
        Token other = new Token() {
            @Override
            public void generateToken() {
            }

            @Override
            public Boolean revoke(String id) {
                return false;
            }

            @Override
            public void remove() {
            }

            @Override
            public String getId() {
                return null;
            }
        };

        assertThat(sdk.findToken(other)).isSameAs(other);
        sdk.saveToken(other);
        assertThat(library.countTokens()).isZero();
    }

    /**
     * The SDK's DBStore makes ids as {@code max(id) + 1} over a varchar column, so after "9" every new id is
     * "10": six of fifteen users shared it. Through the bridge each user keeps a row of its own.
     */
    @Test
    void fifteenUsersWithSdkMadeIdsKeepFifteenRows() throws Exception {
        List<OAuthToken> tokens = new ArrayList<>();
        List<String> sdkIds = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            String max = sdkIds.stream().max(String::compareTo).orElse("0");
            String id = Integer.toString(Integer.parseInt(max) + 1);
            sdkIds.add(id);
            OAuthToken t = sdkToken("user" + i + "@zylker.example");
            t.setId(id);
            tokens.add(t);
        }
        assertThat(sdkIds).as("the SDK's own ids collide").filteredOn("10"::equals).hasSize(6);

        for (OAuthToken t : tokens) {
            sdk.saveToken(t);
        }

        assertThat(library.countTokens()).isEqualTo(15);
        assertThat(tokens.stream().map(OAuthToken::getId).distinct()).hasSize(15);
        for (int i = 0; i < 15; i++) {
            OAuthToken found = byUser("user" + i + "@zylker.example");
            assertThat(sdk.findToken(found)).isNotNull();
            assertThat(found.getId()).isEqualTo(tokens.get(i).getId());
            assertThat(found.getAccessToken()).isEqualTo("1000.access.user" + i + "@zylker.example");
        }
    }

    /**
     * Five threads switch between users as an SDK application serving five requests at a time does, each
     * round starting together; each also saves its user's token anew. No thread ever gets another user's
     * token.
     */
    @Test
    void fiveThreadsSwitchingUsersNeverGetAnotherUsersToken() throws Exception {
        int threads = 5;
        int rounds = 40;
        List<String> users = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            users.add("user" + i + "@zylker.example");
            sdk.saveToken(sdkToken(users.get(i)));
        }
        CyclicBarrier barrier = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Map<String, Integer>>> results = new ArrayList<>();
            for (int n = 0; n < threads; n++) {
                Random random = new Random(20261203L + n);
                int thread = n;
                results.add(pool.submit(() -> {
                    Map<String, Integer> seen = new HashMap<>();
                    for (int round = 0; round < rounds; round++) {
                        barrier.await(30, TimeUnit.SECONDS);
                        String user = users.get(random.nextInt(users.size()));
                        OAuthToken wanted = byUser(user);
                        assertThat(sdk.findToken(wanted)).as("%s found", user).isNotNull();
                        assertThat(wanted.getUserSignature().getName()).isEqualTo(user);
                        assertThat(wanted.getAccessToken()).as("thread %d, round %d", thread, round)
                                .startsWith("1000.access." + user);
                        assertThat(wanted.getRefreshToken()).isEqualTo("1000.refresh." + user);
                        wanted.setAccessToken("1000.access." + user + "#" + thread + "." + round);
                        sdk.saveToken(wanted);
                        seen.merge(user, 1, Integer::sum);
                    }
                    return seen;
                }));
            }
            int calls = 0;
            for (Future<Map<String, Integer>> f : results) {
                calls += f.get(120, TimeUnit.SECONDS).values().stream().mapToInt(Integer::intValue).sum();
            }
            assertThat(calls).isEqualTo(threads * rounds);
        } finally {
            pool.shutdownNow();
        }
        assertThat(library.countTokens()).isEqualTo(15);
        for (io.github.tokenstore.OAuthToken t : library.getTokens()) {
            assertThat(t.accessToken()).startsWith("1000.access." + t.userSignature().name());
        }
    }

    static void assertSameValues(OAuthToken actual, OAuthToken expected) {
        assertThat(actual.getId()).isEqualTo(expected.getId());
        assertThat(actual.getUserSignature().getName()).isEqualTo(expected.getUserSignature().getName());
        assertThat(actual.getClientId()).isEqualTo(expected.getClientId());
        assertThat(actual.getClientSecret()).isEqualTo(expected.getClientSecret());
        assertThat(actual.getRefreshToken()).isEqualTo(expected.getRefreshToken());
        assertThat(actual.getAccessToken()).isEqualTo(expected.getAccessToken());
        assertThat(actual.getGrantToken()).isEqualTo(expected.getGrantToken());
        assertThat(actual.getExpiresIn()).isEqualTo(expected.getExpiresIn());
        assertThat(actual.getRedirectURL()).isEqualTo(expected.getRedirectURL());
        assertThat(actual.getAPIDomain()).isEqualTo(expected.getAPIDomain());
    }
}
