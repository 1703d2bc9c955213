package io.github.tokenstore.cdi;

import io.github.tokenstore.OAuthToken;
import io.github.tokenstore.TokenStore;
import io.github.tokenstore.TokenStores;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** An application bean implementing {@code TokenStore} replaces the built-in store, with no configuration. */
@EnableWeld
class CdiCustomStoreTest {

    @RegisterExtension
    static final TestConfig CONFIG = TestConfig.of();

    @WeldSetup
    WeldInitiator weld = WeldInitiator.from(Containers.weld(AuditedStore.class)).build();

    /**
     * The application's own store: remembers whose tokens it saved. Written out in full, not on
     * {@code ForwardingTestStore}: this test is about a class that implements {@code TokenStore} itself, as
     * the {@code VaultTokenStore} of docs/cdi.md does.
     */
    @ApplicationScoped
    static class AuditedStore implements TokenStore {

        private final TokenStore tokens = TokenStores.inMemory();
        private final List<String> savedUsers = new CopyOnWriteArrayList<>();

        List<String> savedUsers() {
            return savedUsers;
        }

        @Override
        public Optional<OAuthToken> findToken(OAuthToken token) {
            return tokens.findToken(token);
        }

        @Override
        public OAuthToken saveToken(OAuthToken token) {
            savedUsers.add(token.userSignature().name());
            return tokens.saveToken(token);
        }

        @Override
        public void deleteToken(String id) {
            tokens.deleteToken(id);
        }

        @Override
        public List<OAuthToken> getTokens() {
            return tokens.getTokens();
        }

        @Override
        public void deleteTokens() {
            tokens.deleteTokens();
        }

        @Override
        public Optional<OAuthToken> findTokenById(String id) {
            return tokens.findTokenById(id);
        }
    }

    @Test
    void theApplicationsStoreIsTheOneInjected() throws IOException {
        weld.select(TokenStore.class).get().saveToken(Tokens.of("ana@example.com"));

        assertThat(weld.select(AuditedStore.class).get().savedUsers()).containsExactly("ana@example.com");
        assertThat(weld.select(TokenStore.class).isResolvable()).isTrue();
        try (Stream<?> files = Files.list(CONFIG.directory())) {
            assertThat(files).as("the built-in store opened nothing").isEmpty();
        }
    }
}
