package io.github.tokenstore.testing;

import io.github.tokenstore.OAuthToken;
import io.github.tokenstore.TokenStore;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@link TokenStoreContract} plus durability, for stores whose tokens outlive the store instance
 * (a file, a database): implement {@link #reopenStore()} as well.
 */
public abstract class DurableTokenStoreContract extends TokenStoreContract {

    /** A new instance on the same storage as {@link #createStore()}. */
    protected abstract TokenStore reopenStore() throws Exception;

    @Test
    void aNewStoreInstanceSeesEverythingSaved() throws Exception {
        Set<OAuthToken> saved = new HashSet<>();
        for (int i = 0; i < 16; i++) {
            OAuthToken.Builder b = token("user" + i);
            if (i % 3 == 1) {
                b.dataCenter(i % 2 == 0 ? "eu" : "uk").account("user" + i + "@zoho.example");
            }
            if (i % 4 == 2) {
                b.client("zoho").refusedAt(i == 2 ? Instant.parse("2026-11-28T11:00:00.321Z") : null);
                // The same user's token for another client is a second row.
                saved.add(store.saveToken(token("user" + i).client("salesforce").accessToken("sf-" + i).build()));
            }
            saved.add(store.saveToken(b.build()));
        }
        OAuthToken deleted = saved.iterator().next();
        store.deleteToken(deleted.id());
        saved.remove(deleted);

        TokenStore again = track(reopenStore());

        assertThat(again.getTokens()).containsExactlyInAnyOrderElementsOf(saved);
        for (OAuthToken t : saved) {
            assertThat(again.findToken(OAuthToken.builder().userSignature(t.userSignature()).client(t.client()).build()))
                    .contains(t);
        }
        OAuthToken changed = again.saveToken(saved.iterator().next().toBuilder().accessToken("changed").build());
        assertThat(store.findTokenById(changed.id())).contains(changed);
    }
}
