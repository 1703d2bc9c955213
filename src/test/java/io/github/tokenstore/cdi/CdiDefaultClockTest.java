package io.github.tokenstore.cdi;

import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThat;

/** Without a {@code Clock} bean of the application's, the library's {@code Clock.systemUTC()} is the bean. */
@EnableWeld
class CdiDefaultClockTest {

    @RegisterExtension
    static final TestConfig CONFIG = TestConfig.of("tokenstore.store", "memory");

    @WeldSetup
    WeldInitiator weld = WeldInitiator.from(Containers.weld()).build();

    @Test
    void theLibrarysSystemClockIsTheBean() {
        BeanManager beans = weld.getBeanManager();
        Bean<?> bean = beans.resolve(beans.getBeans(Clock.class));

        assertThat(bean.getBeanClass()).isEqualTo(TokenStoreExtension.class);
        assertThat(weld.select(Clock.class).get()).isEqualTo(Clock.systemUTC());
    }
}
