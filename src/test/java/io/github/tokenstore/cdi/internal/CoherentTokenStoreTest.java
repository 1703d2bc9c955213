package io.github.tokenstore.cdi.internal;

import io.github.tokenstore.OAuthToken;
import io.github.tokenstore.TokenStore;
import io.github.tokenstore.TokenStores;
import io.github.tokenstore.UserSignature;
import io.github.tokenstore.oauth.TokenService;
import io.github.tokenstore.oauth.ZohoAccountsClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** Writes through the built-in store's bean reach the token service's cache. */
class CoherentTokenStoreTest {

    private static final UserSignature ANA = new UserSignature("ana@zylker.example");
    private static final UserSignature BO = new UserSignature("bo@zylker.example");

    private final TokenStore raw = TokenStores.inMemory();
    // Port 9 on loopback: nothing listens, and nothing is asked while tokens are valid.
    private final TokenService service = new TokenService(raw, ZohoAccountsClient.builder()
            .accountsUrl(URI.create("http://127.0.0.1:9")).clientId("1000.CLIENT").clientSecret("s3cret").build());
    private final CoherentTokenStore store = new CoherentTokenStore(raw, () -> service);

    @AfterEach
    void close() {
        service.close();
    }

    private static OAuthToken token(UserSignature user, String access) {
        return OAuthToken.builder().userSignature(user).refreshToken("refresh").accessToken(access)
                .expiresAt(Instant.now().plus(1, ChronoUnit.HOURS)).build();
    }

    @Test
    void aSaveReplacesTheCachedToken() {
        store.saveToken(token(ANA, "first"));
        assertThat(service.currentToken(ANA).accessToken()).isEqualTo("first");

        store.saveToken(token(ANA, "second"));

        assertThat(service.currentToken(ANA).accessToken()).isEqualTo("second");
    }

    @Test
    void aSaveWithoutAUserEvictsTheUserItMatched() {
        store.saveToken(token(ANA, "first"));
        assertThat(service.currentToken(ANA).accessToken()).isEqualTo("first");

        // Rule 2 of the contract: found by its access token alone, then replaced by this token, which has
        // no user: the user's cached token must go too.
        store.saveToken(OAuthToken.builder().accessToken("first").refreshToken("other-refresh")
                .expiresAt(Instant.now().plus(2, ChronoUnit.HOURS)).build());

        assertThat(catchThrowable(() -> service.currentToken(ANA))).hasMessageStartingWith("TOKENSTORE-0260: ");
    }

    @Test
    void deletesEvictTheUsers() {
        OAuthToken ana = store.saveToken(token(ANA, "a"));
        store.saveToken(token(BO, "b"));
        service.currentToken(ANA);
        service.currentToken(BO);

        store.deleteToken(ana.id());
        assertThat(catchThrowable(() -> service.currentToken(ANA))).hasMessageStartingWith("TOKENSTORE-0260: ");
        assertThat(service.currentToken(BO).accessToken()).isEqualTo("b");

        store.deleteTokens();
        assertThat(catchThrowable(() -> service.currentToken(BO))).hasMessageStartingWith("TOKENSTORE-0260: ");
    }

    @Test
    void withoutAServiceItIsTheStore() {
        CoherentTokenStore alone = new CoherentTokenStore(raw, () -> null);

        OAuthToken saved = alone.saveToken(token(ANA, "a"));
        alone.deleteToken(saved.id());
        alone.deleteTokens();

        assertThat(raw.getTokens()).isEmpty();
    }
}
