package io.github.tokenstore.testing;

import io.github.tokenstore.OAuthToken;
import io.github.tokenstore.TokenStore;
import org.junit.jupiter.api.Test;

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
            saved.add(store.saveToken(b.build()));
        }
        OAuthToken deleted = saved.iterator().next();
        store.deleteToken(deleted.id());
        saved.remove(deleted);

        TokenStore again = track(reopenStore());

        assertThat(again.getTokens()).containsExactlyInAnyOrderElementsOf(saved);
        for (OAuthToken t : saved) {
            assertThat(again.findToken(OAuthToken.builder().userSignature(t.userSignature()).build())).contains(t);
        }
        OAuthToken changed = again.saveToken(saved.iterator().next().toBuilder().accessToken("changed").build());
        assertThat(store.findTokenById(changed.id())).contains(changed);
    }
}
