package io.github.tokenstore.cdi;

import jakarta.enterprise.inject.spi.Extension;
import org.junit.jupiter.api.Test;

import java.util.ServiceLoader;

import static org.assertj.core.api.Assertions.assertThat;

/** The jar alone makes a container pick up the extension, and makes no bean archive of its own. */
class ExtensionRegistrationTest {

    @Test
    void theServiceFileListsTheExtension() {
        assertThat(ServiceLoader.load(Extension.class).stream().map(ServiceLoader.Provider::type))
                .contains(TokenStoreExtension.class);
    }

    @Test
    void theJarShipsNoBeansXml() {
        // Discovery of the library's classes too would register its beans twice.
        assertThat(TokenStoreExtension.class.getClassLoader().getResource("META-INF/beans.xml")).isNull();
    }
}
