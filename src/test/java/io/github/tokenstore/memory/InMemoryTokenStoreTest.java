package io.github.tokenstore.memory;

import io.github.tokenstore.OAuthToken;
import io.github.tokenstore.TokenStore;
import io.github.tokenstore.testing.TokenStoreContract;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class InMemoryTokenStoreTest extends TokenStoreContract {

    @Override
    protected TokenStore createStore() {
        return new InMemoryTokenStore(clock);
    }

    @Test
    void oneUserHoldsOneTokenPerClient() {
        OAuthToken zoho = store.saveToken(token("alice").client("zoho").build());
        OAuthToken salesforce = store.saveToken(token("alice").client("salesforce").accessToken("sf-access").build());
        OAuthToken legacy = store.saveToken(token("alice").accessToken("legacy-access").build());

        assertThat(store.getTokens()).containsExactly(zoho, salesforce, legacy);
        assertThat(store.findToken(OAuthToken.builder().user("alice").client("zoho").build())).contains(zoho);
        assertThat(store.findToken(OAuthToken.builder().user("alice").client("salesforce").build())).contains(salesforce);
        assertThat(store.findToken(OAuthToken.builder().user("alice").build())).as("null matches only null")
                .contains(legacy);
        assertThat(store.findToken(OAuthToken.builder().user("alice").client("hubspot").build())).isEmpty();

        OAuthToken zohoAgain = store.saveToken(zoho.toBuilder().id(null).accessToken("zoho-2")
                .refusedAt(Instant.parse("2026-11-28T12:30:00Z")).build());
        assertThat(zohoAgain.id()).isEqualTo(zoho.id());
        store.deleteToken(salesforce.id());
        assertThat(store.getTokens()).containsExactly(zohoAgain, legacy);
        assertThat(store.findToken(OAuthToken.builder().user("alice").client("zoho").build())).contains(zohoAgain)
                .map(OAuthToken::refusedAt).contains(Instant.parse("2026-11-28T12:30:00Z"));
    }

    @Test
    void aTokenWithoutAClientSavedWithAClientsNameKeepsItsRowAndTakesTheName() {
        OAuthToken legacy = store.saveToken(token("alice").build());

        OAuthToken claimed = store.saveToken(legacy.toBuilder().client("zoho").accessToken("new").build());

        assertThat(claimed.id()).isEqualTo(legacy.id());
        assertThat(store.getTokens()).containsExactly(claimed);
        assertThat(store.findToken(OAuthToken.builder().user("alice").build())).isEmpty();
    }

    @Test
    void anotherClientsRowIsNeverTakenOverByItsId() {
        OAuthToken zoho = store.saveToken(token("alice").client("zoho").build());

        OAuthToken salesforce = store.saveToken(zoho.toBuilder().client("salesforce").build());
        OAuthToken none = store.saveToken(zoho.toBuilder().client(null).build());

        assertThat(salesforce.id()).isNotEqualTo(zoho.id());
        assertThat(none.id()).isNotIn(zoho.id(), salesforce.id());
        assertThat(store.getTokens()).containsExactly(zoho, salesforce, none);
    }
}
