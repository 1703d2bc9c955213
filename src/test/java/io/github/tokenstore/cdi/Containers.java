package io.github.tokenstore.cdi;

import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.junit5.WeldInitiator;

/** Weld SE containers as a WAR would have them: the library's extension and the application's beans. */
final class Containers {

    private Containers() {
    }

    /**
     * A Weld SE container with the extension and {@code beans}. The extension is added by hand: Weld SE
     * reads {@code META-INF/services} only with discovery on, which a synthetic test archive has off.
     */
    static Weld weld(Class<?>... beans) {
        return WeldInitiator.createWeld()
                .addExtension(new TokenStoreExtension())
                .beanClasses(beans)
                .addBeanClass(Empty.class);
    }

    /** A bean, since Weld SE will not start a synthetic archive without one. */
    static class Empty {
    }
}
