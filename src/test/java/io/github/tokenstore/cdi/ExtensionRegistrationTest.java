package io.github.tokenstore.cdi;

import jakarta.enterprise.inject.spi.Extension;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ServiceLoader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The jar alone makes a container pick up the extension; its bean archive (there for WildFly, see
 * {@code META-INF/beans.xml}) discovers none of the library's classes.
 */
class ExtensionRegistrationTest {

    @Test
    void theServiceFileListsTheExtension() {
        assertThat(ServiceLoader.load(Extension.class).stream().map(ServiceLoader.Provider::type))
                .contains(TokenStoreExtension.class);
    }

    @Test
    void theJarsBeansXmlExcludesEveryClassOfTheLibraryFromDiscovery() throws IOException {
        // Discovery of the library's classes too would register its beans twice.
        URL beansXml = TokenStoreExtension.class.getClassLoader().getResource("META-INF/beans.xml");
        assertThat(beansXml).isNotNull();
        try (InputStream in = beansXml.openStream()) {
            String xml = new String(in.readAllBytes(), StandardCharsets.UTF_8).replaceAll("(?s)<!--.*?-->", "");
            assertThat(xml).contains("bean-discovery-mode=\"annotated\"")
                    .containsOnlyOnce("<exclude ")
                    .contains("<scan>\n        <exclude name=\"io.github.tokenstore.**\"/>\n    </scan>");
        }
    }
}
