package io.github.tokenstore.cdi;

import io.github.tokenstore.oauth.TokenService;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/** Without a {@code TokenService} of the application's, the library's own is the bean (default only if absent). */
@EnableWeld
class CdiBuiltInTokenServiceTest {

    @RegisterExtension
    static final TestConfig CONFIG = TestConfig.of("tokenstore.store", "memory", "tokenstore.oauth.client-id",
            "1000.CLIENT", "tokenstore.oauth.client-secret", "s3cret", "tokenstore.oauth.accounts-url",
            "http://127.0.0.1:9");

    @WeldSetup
    WeldInitiator weld = WeldInitiator.from(Containers.weld()).build();

    @Test
    void theLibrarysServiceIsTheBean() {
        BeanManager beans = weld.getBeanManager();
        Bean<?> bean = beans.resolve(beans.getBeans(TokenService.class));

        assertThat(bean.getBeanClass()).isEqualTo(TokenStoreExtension.class);
        assertThat(weld.select(TokenService.class).get()).isSameAs(weld.select(TokenService.class).get());
    }
}
