package io.github.tokenstore.cdi;

import io.github.tokenstore.TokenStorage;
import io.github.tokenstore.TokenStore;
import io.github.tokenstore.TokenStoreException;
import io.github.tokenstore.TokenStoreMessages;
import io.github.tokenstore.cdi.internal.BuiltInStore;
import io.github.tokenstore.cdi.internal.JtaLookup;
import io.github.tokenstore.cdi.internal.TokenStorageLiteral;
import io.github.tokenstore.cdi.internal.TokenStoreConfig;
import io.github.tokenstore.jpa.JpaTokenStore;
import io.github.tokenstore.jpa.PooledDataSources;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Default;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeforeShutdown;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessBean;
import jakarta.enterprise.inject.spi.ProcessProducerField;
import jakarta.enterprise.inject.spi.ProcessProducerMethod;
import jakarta.persistence.EntityManager;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * The portable extension that gives {@code @Inject TokenStore}. Listed in
 * {@code META-INF/services/jakarta.enterprise.inject.spi.Extension}, so a WAR on WildFly or Open Liberty
 * and a Weld SE application pick it up from the jar alone; the jar is not a bean archive and the
 * extension adds the library's bean itself.
 *
 * <ul>
 *   <li><b>Default only if absent.</b> An application bean of type {@link TokenStore} with the
 *       {@code @Default} qualifier replaces the built-in store, with no configuration. A deployment
 *       problem (TOKENSTORE-0115) occurs if the application has two such beans that are not
 *       alternatives.</li>
 *   <li><b>The built-in store</b> is an {@code @ApplicationScoped} bean chosen by the {@code tokenstore.*}
 *       keys of MicroProfile Config (system properties when no MicroProfile Config implementation is
 *       present) and closed when the container shuts down. With {@code tokenstore.store=jpa} (the
 *       default) and an application bean {@code @TokenStorage EntityManager}, the store works on that
 *       entity manager inside the application's transactions.</li>
 *   <li><b>Errors at deployment, all at once.</b> Every key is read and converted during
 *       {@link AfterDeploymentValidation}, and the built-in store is opened there (database found and
 *       reached, schema action applied, token file read): every problem becomes a deployment problem
 *       whose message starts with its ID.</li>
 * </ul>
 * State lives on the extension instance, one per container.
 */
public class TokenStoreExtension implements Extension {

    private static final String ENTITY_MANAGER = "jakarta.persistence.EntityManager";

    private final Set<String> applicationStores = new TreeSet<>();
    private final Set<String> alternativeStores = new TreeSet<>();
    private boolean storageEntityManager;
    private boolean builtInAdded;
    private volatile boolean sharedEntityManager;
    private volatile TokenStoreConfig config;
    /** The built-in store opened during validation and not yet handed to its bean. */
    private final AtomicReference<TokenStore> opened = new AtomicReference<>();

    <T> void recordApplicationBeans(@Observes ProcessBean<T> event) {
        Bean<T> bean = event.getBean();
        if (bean.getBeanClass() == TokenStoreExtension.class) {
            return;
        }
        Set<Type> types = bean.getTypes();
        if (types.contains(TokenStore.class) && has(bean.getQualifiers(), Default.class)) {
            (bean.isAlternative() ? alternativeStores : applicationStores).add(describe(event));
        }
        // By name: an application that keeps no JPA API on the class path still loads this extension.
        if (has(bean.getQualifiers(), TokenStorage.class)
                && types.stream().anyMatch(t -> t instanceof Class<?> c && c.getName().equals(ENTITY_MANAGER))) {
            storageEntityManager = true;
        }
    }

    void addBuiltInStore(@Observes AfterBeanDiscovery event) {
        if (applicationStores.size() > 1) {
            event.addDefinitionError(TokenStoreMessages.ambiguousStores(applicationStores));
            return;
        }
        if (!applicationStores.isEmpty() || !alternativeStores.isEmpty()) {
            return;
        }
        builtInAdded = true;
        event.<TokenStore>addBean()
                .beanClass(TokenStoreExtension.class)
                .types(TokenStore.class, Object.class)
                .qualifiers(Default.Literal.INSTANCE, Any.Literal.INSTANCE)
                .scope(ApplicationScoped.class)
                .produceWith(this::createStore)
                .disposeWith((store, beans) -> store.close());
    }

    void validateConfig(@Observes AfterDeploymentValidation event) {
        TokenStoreConfig read = TokenStoreConfig.read(configSource(), Path.of("").toAbsolutePath());
        config = read;
        List<TokenStoreException> problems = new ArrayList<>(read.problems());
        if (builtInAdded && storageEntityManager && read.store() == TokenStoreConfig.Store.JPA) {
            sharedEntityManager = true;
            read.datasource().ifPresent(v -> problems.add(
                    TokenStoreMessages.entityManagerAndConnection(TokenStoreConfig.JPA_DATASOURCE, v)));
            read.url().ifPresent(v -> problems.add(TokenStoreMessages.entityManagerAndConnection(
                    TokenStoreConfig.JPA_URL, PooledDataSources.redact(v))));
        } else if (builtInAdded && problems.isEmpty()) {
            BuiltInStore.Opening opening = BuiltInStore.open(read, BuiltInStore.Jndi.DEFAULT);
            problems.addAll(opening.problems());
            opened.set(opening.store());
        }
        problems.forEach(event::addDeploymentProblem);
    }

    void closeUnusedStore(@Observes BeforeShutdown event) {
        TokenStore unused = opened.getAndSet(null);
        if (unused != null) {
            unused.close();
        }
    }

    private TokenStore createStore(Instance<Object> beans) {
        if (sharedEntityManager) {
            EntityManager em = beans.select(EntityManager.class, TokenStorageLiteral.INSTANCE).get();
            return JpaTokenStore.sharing(em, JtaLookup.registry(beans), JtaLookup.userTransaction(beans));
        }
        TokenStore store = opened.getAndSet(null);
        if (store != null) {
            return store;
        }
        // Created again after an earlier instance was destroyed: open anew, as validation did.
        BuiltInStore.Opening opening = BuiltInStore.open(config, BuiltInStore.Jndi.DEFAULT);
        if (!opening.problems().isEmpty()) {
            throw opening.problems().get(0);
        }
        return opening.store();
    }

    /** MicroProfile Config if the application has an implementation, else system properties. */
    private static Function<String, Optional<String>> configSource() {
        try {
            Config mpConfig = ConfigProvider.getConfig();
            return key -> mpConfig.getOptionalValue(key, String.class);
        } catch (IllegalStateException | LinkageError noImplementation) {
            return key -> Optional.ofNullable(System.getProperty(key));
        }
    }

    private static String describe(ProcessBean<?> event) {
        if (event instanceof ProcessProducerMethod<?, ?> method) {
            return method.getAnnotatedProducerMethod().getJavaMember().getDeclaringClass().getName() + "#"
                    + method.getAnnotatedProducerMethod().getJavaMember().getName() + "()";
        }
        if (event instanceof ProcessProducerField<?, ?> field) {
            return field.getAnnotatedProducerField().getJavaMember().getDeclaringClass().getName() + "#"
                    + field.getAnnotatedProducerField().getJavaMember().getName();
        }
        return event.getBean().getBeanClass().getName();
    }

    private static boolean has(Set<Annotation> qualifiers, Class<? extends Annotation> type) {
        return qualifiers.stream().anyMatch(q -> q.annotationType() == type);
    }
}
