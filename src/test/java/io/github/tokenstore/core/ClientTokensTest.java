package io.github.tokenstore.core;

import io.github.tokenstore.OAuthToken;
import io.github.tokenstore.TokenStore;
import io.github.tokenstore.UserSignature;
import io.github.tokenstore.memory.InMemoryTokenStore;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClientTokensTest {

    private static final UserSignature ALICE = new UserSignature("alice");

    private final TokenStore store = new InMemoryTokenStore();

    private static OAuthToken.Builder token(String client) {
        return OAuthToken.builder().userSignature(ALICE).client(client).clientId("1000.CLIENT")
                .refreshToken("refresh-" + client).accessToken("access-" + client)
                .expiresAt(Instant.parse("2026-11-28T18:00:00Z"));
    }

    @Test
    void aServiceMayHoldItsClientsTokensAndThoseWithoutAClientOnly() {
        assertThat(ClientTokens.mayServe("zoho", "zoho")).isTrue();
        assertThat(ClientTokens.mayServe("zoho", null)).as("the default client's fallback").isTrue();
        assertThat(ClientTokens.mayServe(null, "zoho")).as("a service without a client").isTrue();
        assertThat(ClientTokens.mayServe(null, null)).isTrue();
        assertThat(ClientTokens.mayServe("zoho", "salesforce")).isFalse();
    }

    @Test
    void theUsersTokenForTheClientComesFirst() {
        OAuthToken zoho = store.saveToken(token("zoho").build());
        store.saveToken(token(null).build());

        assertThat(ClientTokens.find(store, ALICE, "zoho", true)).contains(zoho);
        assertThat(ClientTokens.find(store, ALICE, "zoho", false)).contains(zoho);
    }

    @Test
    void theDefaultClientFallsBackToTheTokenWithoutAClient() {
        OAuthToken legacy = store.saveToken(token(null).build());

        assertThat(ClientTokens.find(store, ALICE, "zoho", true)).contains(legacy);
        assertThat(ClientTokens.find(store, ALICE, "salesforce", false)).as("not the default client").isEmpty();
        assertThat(ClientTokens.find(store, ALICE, null, false)).contains(legacy);
        assertThat(ClientTokens.find(store, new UserSignature("bob"), "zoho", true)).isEmpty();
    }

    @Test
    void aFallbackTokenSavedWithTheClientsNameBecomesTheClientsTokenWithoutADuplicate() {
        OAuthToken legacy = store.saveToken(token(null).build());
        OAuthToken found = ClientTokens.find(store, ALICE, "zoho", true).orElseThrow();

        OAuthToken saved = store.saveToken(found.toBuilder().client("zoho").accessToken("refreshed").build());

        assertThat(saved.id()).isEqualTo(legacy.id());
        assertThat(store.getTokens()).containsExactly(saved);
        assertThat(ClientTokens.find(store, ALICE, "zoho", false)).contains(saved);
        assertThat(ClientTokens.find(store, ALICE, null, false)).isEmpty();
    }

    @Test
    void badArgumentsAreTypedErrors() {
        assertThatThrownBy(() -> ClientTokens.find(null, ALICE, "zoho", true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("TOKENSTORE-0006: ClientTokens.find: store is null");
        assertThatThrownBy(() -> ClientTokens.find(store, null, "zoho", true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("TOKENSTORE-0006: ClientTokens.find: user is null");
        assertThatThrownBy(() -> ClientTokens.find(store, ALICE, "zo ho", true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("TOKENSTORE-1000: client (5 characters) is not a client name");
    }
}
