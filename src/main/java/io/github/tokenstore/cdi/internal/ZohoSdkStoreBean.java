package io.github.tokenstore.cdi.internal;

import io.github.tokenstore.TokenStore;
import io.github.tokenstore.TokenStoreException;
import io.github.tokenstore.cdi.TokenStoreExtension;
import io.github.tokenstore.oauth.TokenService;
import io.github.tokenstore.zoho.ZohoSdkBridge;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Default;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.inject.Singleton;

import java.util.Optional;
import java.util.function.Function;

/**
 * The Zoho SDK's {@code TokenStore} as a bean, when the SDK is on the class path: the {@link ZohoSdkBridge}
 * over the {@code TokenStore} bean in use, refreshed by the {@code TokenService} when one is configured.
 * Nothing of the SDK is loaded unless it is there.
 */
public final class ZohoSdkStoreBean {

    /** The SDK's store interface, by name. */
    public static final String SDK_STORE = "com.zoho.api.authenticator.store.TokenStore";

    private ZohoSdkStoreBean() {
    }

    /**
     * The SDK's store interface if the application's class loader (the thread's, in a deployment) or the
     * library's can load it, else empty.
     */
    public static Optional<Class<?>> loadable(ClassLoader... loaders) {
        for (ClassLoader loader : loaders) {
            if (loader == null) {
                continue;
            }
            try {
                Class<?> type = Class.forName(SDK_STORE, false, loader);
                return type.isInterface() ? Optional.of(type) : Optional.empty();
            } catch (ClassNotFoundException | LinkageError absent) {
                // Try the next loader.
            }
        }
        return Optional.empty();
    }

    /**
     * Adds the {@code @Singleton} bean of type {@code sdkStore}: the bridge over the store {@code store} gives,
     * refreshed by the service {@code service} gives (null: the SDK refreshes by itself).
     */
    public static <T> void register(AfterBeanDiscovery event, Class<T> sdkStore,
                                    Function<Instance<Object>, TokenStore> store,
                                    Function<Instance<Object>, TokenService> service) {
        event.<T>addBean()
                .beanClass(TokenStoreExtension.class)
                .types(sdkStore, Object.class)
                .qualifiers(Default.Literal.INSTANCE, Any.Literal.INSTANCE)
                .scope(Singleton.class)
                .produceWith(beans -> {
                    TokenService refreshing = service.apply(beans);
                    TokenStore tokens = store.apply(beans);
                    return refreshing == null ? ZohoSdkBridge.tokenStore(tokens, sdkStore)
                            : ZohoSdkBridge.tokenStore(tokens, refreshing, sdkStore);
                });
    }

    /** The deployment problem if the SDK on the class path does not fit the bridge, else empty. */
    public static Optional<TokenStoreException> problem(Class<?> sdkStore) {
        try {
            ZohoSdkBridge.check(sdkStore);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(CdiMessages.sdkStoreUnfit(SDK_STORE, e));
        }
    }
}
