package io.github.tokenstore.cdi;

import io.github.tokenstore.CrmCall;
import io.github.tokenstore.CurrentToken;
import io.github.tokenstore.OAuthClient;
import io.github.tokenstore.OAuthToken;
import io.github.tokenstore.TokenStorage;
import io.github.tokenstore.TokenStore;
import io.github.tokenstore.TokenStoreException;
import io.github.tokenstore.TokenUser;
import io.github.tokenstore.cdi.internal.BuiltInStore;
import io.github.tokenstore.cdi.internal.CacheSyncConfig;
import io.github.tokenstore.cdi.internal.CdiMessages;
import io.github.tokenstore.cdi.internal.ClientProviders;
import io.github.tokenstore.cdi.internal.ClientsConfig;
import io.github.tokenstore.cdi.internal.ClientsMessages;
import io.github.tokenstore.cdi.internal.ConfigKeys;
import io.github.tokenstore.cdi.internal.CoherentTokenStore;
import io.github.tokenstore.cdi.internal.CrmCallSupport;
import io.github.tokenstore.cdi.internal.EventTokenListener;
import io.github.tokenstore.cdi.internal.JtaLookup;
import io.github.tokenstore.cdi.internal.OAuthConfig;
import io.github.tokenstore.cdi.internal.PrincipalUserResolver;
import io.github.tokenstore.cdi.internal.ScheduledCleanup;
import io.github.tokenstore.cdi.internal.TokenChangePoller;
import io.github.tokenstore.cdi.internal.TokenStorageLiteral;
import io.github.tokenstore.cdi.internal.TokenStoreConfig;
import io.github.tokenstore.cdi.internal.ZohoSdkStoreBean;
import io.github.tokenstore.core.ChangeFeedMessages;
import io.github.tokenstore.core.ClientTokens;
import io.github.tokenstore.core.MeasuredTokenStore;
import io.github.tokenstore.core.TokenChanges;
import io.github.tokenstore.core.ThreadCurrentToken;
import io.github.tokenstore.jpa.DatabaseRefreshLock;
import io.github.tokenstore.jpa.JpaTokenStore;
import io.github.tokenstore.jpa.PooledDataSources;
import io.github.tokenstore.oauth.TokenCleanup;
import io.github.tokenstore.oauth.RefreshPolicy;
import io.github.tokenstore.oauth.TokenService;
import io.github.tokenstore.provider.OAuthProviders;
import io.github.tokenstore.zoho.ZohoDataCenters;
import io.github.tokenstore.TokenLogin;
import io.github.tokenstore.login.LoginFlow;
import io.github.tokenstore.login.PendingLogins;
import io.github.tokenstore.jpa.JdbcPendingLogins;
import io.github.tokenstore.web.LoginPages;
import io.github.tokenstore.web.SessionLogins;
import jakarta.enterprise.event.Event;
import java.security.SecureRandom;
import io.github.tokenstore.spi.IdleTokens;
import io.github.tokenstore.spi.RefreshLock;
import io.github.tokenstore.spi.TokenMetrics;
import io.github.tokenstore.spi.TokenUserResolver;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Default;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.AnnotatedMethod;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import jakarta.enterprise.inject.spi.BeforeShutdown;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;
import jakarta.enterprise.inject.spi.ProcessBean;
import jakarta.enterprise.inject.spi.ProcessProducerField;
import jakarta.enterprise.inject.spi.ProcessProducerMethod;
import jakarta.enterprise.inject.spi.WithAnnotations;
import jakarta.inject.Singleton;
import jakarta.persistence.EntityManager;

import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.security.Principal;
import java.time.Clock;
import java.time.Instant;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * The portable extension that gives {@code @Inject TokenStore}. Listed in
 * {@code META-INF/services/jakarta.enterprise.inject.spi.Extension}, so a WAR on WildFly or Open Liberty
 * and a Weld SE application pick it up from the jar alone; the jar's {@code beans.xml} discovers none of
 * its classes (it only makes the jar a top-level bean archive on WildFly) and the extension adds the
 * library's beans itself.
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
 *   <li><b>Health and metrics, if the APIs are there.</b> With the MicroProfile Health API loadable, the
 *       readiness checks of {@code io.github.tokenstore.health} are beans; with the OpenTelemetry API
 *       loadable, the {@code TokenMetrics} bean of {@code io.github.tokenstore.metrics} is, and the
 *       built-in store is measured. Those classes are loaded by name only then, so an application
 *       without either API deploys as before.</li>
 *   <li><b>{@code @CrmCall}.</b> The extension registers {@link CrmCallInterceptor} (enabled by its
 *       priority), the {@link CurrentToken} bean, and a {@link TokenService} singleton built from the
 *       {@code tokenstore.oauth.*} keys, with the {@code TokenStore} bean in use, a
 *       {@link DatabaseRefreshLock} when the built-in JPA store's database has named locks
 *       ({@code refresh-lock=auto}), and a listener that fires the token events. The service is closed
 *       when the container shuts down. Without the OAuth keys the store works and the service is
 *       unavailable ({@code TOKENSTORE-0522}). With named clients ({@code tokenstore.clients.<name>.*}, issue 13)
 *       there is one such singleton per client, qualified {@code @OAuthClient("<name>")}, the default client's
 *       also {@code @Default}; {@code @CrmCall(client)} uses that client's service and its provider's header.</li>
 *   <li><b>The application's own {@code TokenService}.</b> As for the store, default only if absent: an
 *       application bean of type {@link TokenService} with the {@code @Default} qualifier (in practice a
 *       {@code @Singleton} producer: the class is final) replaces the library's, needs no OAuth keys, and is
 *       the one {@code @CrmCall}, the built-in store's cache eviction and the clean-up use; the application
 *       closes it. Two such beans are a deployment problem (TOKENSTORE-0121); keys that only configure the
 *       library's service are logged as having no effect (TOKENSTORE-0122, a warning).</li>
 *   <li><b>The Zoho SDK's store.</b> When {@code com.zoho.api.authenticator.store.TokenStore} can be loaded
 *       and the application has no bean of that type, a {@code @Singleton} bean of it: the
 *       {@code ZohoSdkBridge} over the {@code TokenStore} bean in use, serving the tokens the
 *       {@code TokenService} keeps fresh when the OAuth client is configured (or the application has its
 *       own service). An SDK whose types do not fit is a deployment problem (TOKENSTORE-0910).</li>
 *   <li><b>Security keys.</b> {@code tokenstore.encryption.keys} goes to the built-in JPA and file stores,
 *       {@code tokenstore.revoke-on-delete} to the {@code TokenService}, and {@code tokenstore.cleanup.*}
 *       schedules a {@link TokenCleanup} at deployment ({@link ScheduledCleanup}: the server's managed
 *       scheduler, or a daemon thread in Java SE), stopped when the container shuts down.</li>
 *   <li><b>The clock.</b> The built-in store, the library's {@code TokenService}, the clean-up and the metrics
 *       read the time from the {@code Clock} bean: {@code Clock.systemUTC()}, added only if the application
 *       has no {@code @Default Clock} bean of its own (default only if absent), so a test can produce one it
 *       moves.</li>
 * </ul>
 * State lives on the extension instance, one per container.
 */
public class TokenStoreExtension implements Extension {

    private static final String ENTITY_MANAGER = "jakarta.persistence.EntityManager";
    /** A class of each optional API, and the library's beans that need it (kept apart, loaded by name). */
    private static final String HEALTH_API = "org.eclipse.microprofile.health.HealthCheck";
    private static final List<String> HEALTH_BEANS = List.of("io.github.tokenstore.health.TokenStoreReadinessCheck",
            "io.github.tokenstore.health.RefusedTokensCheck");
    private static final String OPENTELEMETRY_API = "io.opentelemetry.api.OpenTelemetry";
    private static final List<String> METRICS_BEANS = List.of("io.github.tokenstore.metrics.TokenMetricsBean");
    /** What a sweep sees while the container stops: no token to sweep. */
    private static final IdleTokens NOTHING_IDLE = new IdleTokens() {
        @Override
        public List<OAuthToken> idleTokens(Instant unusedSince, int limit) {
            return List.of();
        }

        @Override
        public boolean deleteIfIdle(String id, Instant unusedSince) {
            return false;
        }
    };

    private static final System.Logger LOG = System.getLogger(TokenStoreExtension.class.getName());
    /** Keys that only configure the library's own {@code TokenService}: no effect beside the application's. */
    private static final List<String> SERVICE_ONLY_KEYS = List.of(TokenStoreConfig.REVOKE_ON_DELETE,
            OAuthConfig.REDIRECT_URI, OAuthConfig.REFRESH_AHEAD, OAuthConfig.EXPIRY_SKEW, OAuthConfig.THROTTLE_BACK_OFF);

    private final Set<String> applicationStores = new TreeSet<>();
    private final Set<String> alternativeStores = new TreeSet<>();
    private final Set<String> applicationServices = new TreeSet<>();
    /** The application's own beans of the Zoho SDK's {@code TokenStore} type, if any: then the library adds none. */
    private final Set<String> applicationSdkStores = new TreeSet<>();
    /** The Zoho SDK's {@code TokenStore} interface, if the library registered the bridge as its bean. */
    private volatile Class<?> sdkStore;
    /** The application's own {@code @Default Clock} beans (not alternatives); none: the library adds one. */
    private final Set<String> applicationClocks = new TreeSet<>();
    private final Set<String> alternativeServices = new TreeSet<>();
    /** Whether the library added its own {@code TokenService} bean (the application has none). */
    private volatile boolean builtInService;
    private boolean storageEntityManager;
    private boolean builtInAdded;
    private volatile boolean sharedEntityManager;
    private volatile TokenStoreConfig config;
    /** The built-in store opened during validation and not yet handed to its bean. */
    private final AtomicReference<TokenStore> opened = new AtomicReference<>();
    private boolean healthRegistered;
    private volatile boolean metricsRegistered;

    void registerHealthAndMetrics(@Observes BeforeBeanDiscovery event) {
        healthRegistered = addIfLoadable(event, HEALTH_API, HEALTH_BEANS);
        metricsRegistered = addIfLoadable(event, OPENTELEMETRY_API, METRICS_BEANS);
    }

    /** Whether the MicroProfile Health checks were registered (the API is on the class path). */
    public boolean healthRegistered() {
        return healthRegistered;
    }

    /** Whether the OpenTelemetry metrics bean was registered (the API is on the class path). */
    public boolean metricsRegistered() {
        return metricsRegistered;
    }

    /**
     * Adds {@code beans} if {@code api} can be loaded by the library's class loader: the one that will have
     * to link them. Before that, nothing of them is loaded.
     */
    private static boolean addIfLoadable(BeforeBeanDiscovery event, String api, List<String> beans) {
        ClassLoader loader = TokenStoreExtension.class.getClassLoader();
        try {
            Class.forName(api, false, loader);
        } catch (ClassNotFoundException | LinkageError absent) {
            return false;
        }
        for (String name : beans) {
            try {
                event.addAnnotatedType(Class.forName(name, false, loader), TokenStoreExtension.class.getName() + "."
                        + name);
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("the library's own class " + name + " is missing", e);
            }
        }
        return true;
    }

    private final Set<String> userResolvers = new TreeSet<>();
    /** Each {@code @CrmCall(client)} by where it is (a class, or a method as {@code CrmCallSupport.describe}s it). */
    private final Map<String, String> crmCallClients = new TreeMap<>();
    /** Misplaced {@code @TokenUser}s found while types were discovered, reported with the other problems. */
    private final List<TokenStoreException> typeProblems = new ArrayList<>();
    /** The default client's providers (for the clean-up's revocations), built during validation. */
    private volatile OAuthProviders providers;
    /** Every client's providers by name, built during validation (no request: OIDC discovery is lazy). */
    private volatile Map<String, OAuthProviders> clientProviders = Map.of();
    /** The clients as read when the beans were added: a {@code TokenService} bean for each declared one. */
    private volatile ClientsConfig beanClients = ClientsConfig.NONE;
    /** Every client's login flow by client name, once made. */
    private final Map<String, LoginFlow> loginFlows = new ConcurrentHashMap<>();
    /** The library's token services by client name, once their beans were created. */
    private final Map<String, TokenService> clientServices = new ConcurrentHashMap<>();
    /** Where started logins wait: the built-in JPA store's database if it has one, else this JVM's memory. */
    private volatile PendingLogins pendingLogins;
    private volatile RefreshLock refreshLock;
    /** The token service once its bean was created; the built-in store evicts its cache. */
    private final AtomicReference<TokenService> tokenService = new AtomicReference<>();
    /** The idle-token clean-up's schedule, if {@code tokenstore.cleanup.idle-after} is set. */
    private final AtomicReference<ScheduledCleanup> cleanup = new AtomicReference<>();
    /** This JVM's poll of the built-in JPA store's change feed ({@code tokenstore.cache.sync-interval}). */
    private final AtomicReference<TokenChangePoller> cacheSync = new AtomicReference<>();
    /** Set when the container shuts down or the store bean is destroyed: sweeps find nothing to do. */
    private volatile boolean stopping;

    void registerInterceptor(@Observes BeforeBeanDiscovery event, BeanManager beanManager) {
        event.addAnnotatedType(beanManager.createAnnotatedType(CrmCallInterceptor.class),
                CrmCallInterceptor.class.getName());
    }

    <T> void checkTokenUsers(@Observes @WithAnnotations(TokenUser.class) ProcessAnnotatedType<T> event) {
        for (AnnotatedMethod<? super T> method : event.getAnnotatedType().getMethods()) {
            try {
                CrmCallSupport.tokenUserParameter(method.getJavaMember());
            } catch (TokenStoreException e) {
                typeProblems.add(e);
            }
        }
    }

    /**
     * Notes every {@code @CrmCall(client)} of a discovered type, on the class or a method, so that a name no
     * client has fails the deployment naming where it is (TOKENSTORE-1120).
     */
    <T> void recordCrmCallClients(@Observes @WithAnnotations(CrmCall.class) ProcessAnnotatedType<T> event) {
        CrmCall onClass = event.getAnnotatedType().getAnnotation(CrmCall.class);
        if (onClass != null && !onClass.client().isBlank()) {
            crmCallClients.put(event.getAnnotatedType().getJavaClass().getName(), onClass.client().strip());
        }
        for (AnnotatedMethod<? super T> method : event.getAnnotatedType().getMethods()) {
            CrmCall onMethod = method.getAnnotation(CrmCall.class);
            if (onMethod != null && !onMethod.client().isBlank()) {
                crmCallClients.put(CrmCallSupport.describe(method.getJavaMember()), onMethod.client().strip());
            }
        }
    }

    <T> void recordApplicationBeans(@Observes ProcessBean<T> event) {
        Bean<T> bean = event.getBean();
        if (bean.getBeanClass() == TokenStoreExtension.class) {
            return;
        }
        Set<Type> types = bean.getTypes();
        if (types.contains(TokenStore.class) && has(bean.getQualifiers(), Default.class)) {
            (bean.isAlternative() ? alternativeStores : applicationStores).add(describe(event));
        }
        if (types.contains(TokenService.class) && has(bean.getQualifiers(), Default.class)) {
            (bean.isAlternative() ? alternativeServices : applicationServices).add(describe(event));
        }
        if (types.contains(Clock.class) && has(bean.getQualifiers(), Default.class) && !bean.isAlternative()) {
            applicationClocks.add(describe(event));
        }
        // By name: the Zoho SDK is optional.
        if (types.stream().anyMatch(t -> t instanceof Class<?> c && c.getName().equals(ZohoSdkStoreBean.SDK_STORE))
                && has(bean.getQualifiers(), Default.class)) {
            applicationSdkStores.add(describe(event));
        }
        if (types.contains(TokenUserResolver.class) && has(bean.getQualifiers(), Default.class)
                && !bean.isAlternative()) {
            userResolvers.add(describe(event));
        }
        // By name: an application that keeps no JPA API on the class path still loads this extension.
        if (has(bean.getQualifiers(), TokenStorage.class)
                && types.stream().anyMatch(t -> t instanceof Class<?> c && c.getName().equals(ENTITY_MANAGER))) {
            storageEntityManager = true;
        }
    }

    void addCrmCallBeans(@Observes AfterBeanDiscovery event) {
        event.<CurrentToken>addBean()
                .beanClass(TokenStoreExtension.class)
                .types(CurrentToken.class, Object.class)
                .qualifiers(Default.Literal.INSTANCE, Any.Literal.INSTANCE)
                .scope(Singleton.class)
                .createWith(c -> new ThreadCurrentToken());
        event.<CrmCallSupport>addBean()
                .beanClass(TokenStoreExtension.class)
                .types(CrmCallSupport.class, Object.class)
                .qualifiers(Default.Literal.INSTANCE, Any.Literal.INSTANCE)
                .scope(Singleton.class)
                .produceWith(beans -> new CrmCallSupport(client -> {
                    if (client != null) {
                        return beans.select(TokenService.class, OAuthClient.Literal.of(client)).get();
                    }
                    TokenService own = builtInService ? null : applicationService(beans);
                    // The library's bean, or the container's own error if the application's cannot be had.
                    return own != null ? own : beans.select(TokenService.class).get();
                }, this::callProviders, config.clients().defaultClient(),
                        () -> userResolver(beans), config.configuredUser(),
                        !builtInService || providers != null));
        addBuiltInService(event);
        addLoginBeans(event);
    }

    /**
     * The providers whose header and API answers a {@code @CrmCall} of {@code client} follows ({@code null}: the
     * default client); none (Zoho's header) for the default client when the application has its own service.
     */
    private OAuthProviders callProviders(String client) {
        String name = client != null ? client : config.clients().defaultClient();
        if (!builtInService && (name == null || name.equals(config.clients().defaultClient()))) {
            return null;
        }
        return name == null ? null : clientProviders.get(name);
    }

    /**
     * The login flow and the login pages (issue 12), singletons built on first use from the {@code
     * tokenstore.oauth.*} and {@code tokenstore.login.*} keys, on the token service in use; creating them fails
     * if OAuth is not configured.
     */
    private void addLoginBeans(AfterBeanDiscovery event) {
        event.<LoginFlow>addBean()
                .beanClass(TokenStoreExtension.class)
                .types(LoginFlow.class, Object.class)
                .qualifiers(Default.Literal.INSTANCE, Any.Literal.INSTANCE)
                .scope(Singleton.class)
                .produceWith(this::createLoginFlow);
        event.<LoginPages>addBean()
                .beanClass(TokenStoreExtension.class)
                .types(LoginPages.class, Object.class)
                .qualifiers(Default.Literal.INSTANCE, Any.Literal.INSTANCE)
                .scope(Singleton.class)
                .produceWith(this::createLoginPages);
    }

    /** The default client's login flow (the {@code LoginFlow} bean). */
    private LoginFlow createLoginFlow(Instance<Object> beans) {
        if (providers == null) {
            throw CdiMessages.oauthNotConfigured("LoginFlow");
        }
        return loginFlow(config.clients().defaultClient(), beans);
    }

    /**
     * One client's login flow, made once: the client's providers, its token service bean (for the default
     * client, the application's own service if it has one), the store bean and the pending logins.
     */
    private LoginFlow loginFlow(String client, Instance<Object> beans) {
        LoginFlow made = loginFlows.get(client);
        if (made != null) {
            return made;
        }
        ClientsConfig clients = config.clients();
        boolean isDefault = client.equals(clients.defaultClient());
        boolean legacy = ClientsConfig.LEGACY_CLIENT.equals(client) && clients.zoho() != null;
        TokenService service = isDefault && !builtInService ? applicationService(beans)
                : beans.select(TokenService.class, OAuthClient.Literal.of(client)).get();
        LoginFlow flow = new LoginFlow(legacy ? null : client, isDefault, clientProviders.get(client), pendingLogins,
                beans.select(TokenStore.class).get(), service, clock(beans), new SecureRandom());
        LoginFlow raced = loginFlows.putIfAbsent(client, flow);
        return raced != null ? raced : flow;
    }

    /**
     * The login pages: the default client's at {@code …/login} and {@code …/callback}, and every client with a
     * redirect URI at {@code …/login/<name>} and {@code …/callback/<name>}.
     */
    private LoginPages createLoginPages(Instance<Object> beans) {
        if (providers == null) {
            throw CdiMessages.oauthNotConfigured("LoginPages");
        }
        LoginFlow flow = beans.select(LoginFlow.class).get();
        Map<String, LoginFlow> flows = new TreeMap<>();
        clientProviders.forEach((client, serving) -> {
            if (serving.loginStart().redirectUri() != null) {
                flows.put(client, loginFlow(client, beans));
            }
        });
        Event<TokenLogin> logins = beans.select(BeanManager.class).get().getEvent().select(TokenLogin.class);
        return new LoginPages(flow, flows, config.clients().login().path(), config.clients().login().errorPath(),
                done -> logins.fire(new TokenLogin(done.user(), done.account(), done.dataCenter(),
                        done.returnPath(), done.client() != null ? done.client() : ClientsConfig.LEGACY_CLIENT)));
    }

    /**
     * The {@code Clock} the library's stores, token service, login flow, clean-up and metrics read the time from:
     * {@code Clock.systemUTC()}, only if the application has no {@code @Default Clock} bean of its own
     * (default only if absent); an enabled alternative replaces it as CDI's rules say. Tests produce a clock
     * they move.
     */
    void addDefaultClock(@Observes AfterBeanDiscovery event) {
        if (!applicationClocks.isEmpty()) {
            return;
        }
        event.<Clock>addBean()
                .beanClass(TokenStoreExtension.class)
                .types(Clock.class, Object.class)
                .qualifiers(Default.Literal.INSTANCE, Any.Literal.INSTANCE)
                .scope(Singleton.class)
                .createWith(c -> Clock.systemUTC());
    }

    /** The {@code Clock} bean in use: the application's, or the library's default. */
    private static Clock clock(Instance<Object> beans) {
        return beans.select(Clock.class).get();
    }

    /**
     * The library's {@code TokenService} bean, only if the application has no {@code @Default} one of its
     * own (default only if absent, as for the store); two of its own are TOKENSTORE-0121.
     */
    private void addBuiltInService(AfterBeanDiscovery event) {
        if (applicationServices.size() > 1) {
            event.addDefinitionError(CdiMessages.ambiguousTokenServices(applicationServices));
            return;
        }
        ClientsConfig clients = ClientsConfig.readForBeans(configSource(), ConfigKeys.names(null));
        beanClients = clients;
        boolean own = !applicationServices.isEmpty() || !alternativeServices.isEmpty();
        builtInService = !own;
        if (!own && (clients.defaultClient() == null || !clients.declared().contains(clients.defaultClient()))) {
            // No (default) client: the bean is there and fails with 0522 when used, after validation has
            // reported why there is none.
            addTokenService(event, null, true);
        }
        for (String client : clients.declared()) {
            boolean isDefault = client.equals(clients.defaultClient());
            if (own && isDefault) {
                // The application's own service serves the default client, under its name too.
                event.<TokenService>addBean()
                        .beanClass(TokenStoreExtension.class)
                        .types(TokenService.class, Object.class)
                        .qualifiers(OAuthClient.Literal.of(client), Any.Literal.INSTANCE)
                        .scope(Dependent.class)
                        .produceWith(this::applicationService);
            } else {
                addTokenService(event, client, isDefault && !own);
            }
        }
    }

    /**
     * One client's library {@code TokenService}: qualified {@code @OAuthClient(client)}, and {@code @Default} for
     * the default client. A singleton, not {@code @ApplicationScoped}: TokenService is a final class, which a
     * client proxy cannot subclass. One instance per container all the same, closed at shutdown.
     */
    private void addTokenService(AfterBeanDiscovery event, String client, boolean isDefault) {
        List<Annotation> qualifiers = new ArrayList<>(List.of(Any.Literal.INSTANCE));
        if (isDefault) {
            qualifiers.add(Default.Literal.INSTANCE);
        }
        if (client != null) {
            qualifiers.add(OAuthClient.Literal.of(client));
        }
        event.<TokenService>addBean()
                .beanClass(TokenStoreExtension.class)
                .types(TokenService.class, Object.class)
                .qualifiers(qualifiers.toArray(Annotation[]::new))
                .scope(Singleton.class)
                .produceWith(beans -> createTokenService(client, beans))
                .disposeWith((service, beans) -> {
                    tokenService.compareAndSet(service, null);
                    if (client != null) {
                        clientServices.remove(client, service);
                    }
                    service.close();
                });
    }

    /**
     * The Zoho SDK's {@code TokenStore} bean ({@code ZohoSdkBridge} over the store bean in use), if the SDK is
     * on the class path and the application has no such bean of its own; with the OAuth client configured
     * (or the application's own {@code TokenService}) the bridge serves the tokens the service keeps fresh.
     */
    void addZohoSdkStore(@Observes AfterBeanDiscovery event) {
        if (!applicationSdkStores.isEmpty()) {
            return;
        }
        ZohoSdkStoreBean.loadable(Thread.currentThread().getContextClassLoader(),
                TokenStoreExtension.class.getClassLoader()).ifPresent(sdk -> {
                    sdkStore = sdk;
                    ZohoSdkStoreBean.register(event, sdk, beans -> beans.select(TokenStore.class).get(),
                            this::refreshingService);
                });
    }

    /** The service that keeps the SDK's tokens fresh: the application's, or the library's if configured; else null. */
    private TokenService refreshingService(Instance<Object> beans) {
        if (!builtInService) {
            return applicationService(beans);
        }
        return providers != null ? beans.select(TokenService.class).get() : null;
    }

    void addBuiltInStore(@Observes AfterBeanDiscovery event) {
        if (applicationStores.size() > 1) {
            event.addDefinitionError(CdiMessages.ambiguousStores(applicationStores));
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
                .disposeWith((store, beans) -> {
                    // A sweep must not open the store anew while the container shuts down.
                    stopping = true;
                    stopCleanup();
                    stopCacheSync();
                    store.close();
                });
    }

    void validateConfig(@Observes AfterDeploymentValidation event, BeanManager beanManager) {
        TokenStoreConfig read = TokenStoreConfig.read(configSource(), ConfigKeys.names(null),
                Path.of("").toAbsolutePath(), !builtInService);
        config = read;
        List<TokenStoreException> problems = new ArrayList<>(read.problems());
        if (!builtInService) {
            warnKeysWithoutEffect();
        }
        problems.addAll(typeProblems);
        crmCallClients.forEach((where, client) -> {
            if (!read.clients().declares(client)) {
                problems.add(ClientsMessages.crmCallClientUnknown(where, client, read.clients().declared()));
            }
        });
        if (sdkStore != null) {
            ZohoSdkStoreBean.problem(sdkStore).ifPresent(problems::add);
        }
        if (userResolvers.size() > 1) {
            problems.add(CdiMessages.ambiguousUserResolvers(userResolvers));
        }
        DataSource storeDatabase = null;
        if (builtInAdded && storageEntityManager && read.store() == TokenStoreConfig.Store.JPA) {
            sharedEntityManager = true;
            read.datasource().ifPresent(v -> problems.add(
                    CdiMessages.entityManagerAndConnection(TokenStoreConfig.JPA_DATASOURCE, v)));
            read.url().ifPresent(v -> problems.add(CdiMessages.entityManagerAndConnection(
                    TokenStoreConfig.JPA_URL, PooledDataSources.redact(v))));
        } else if (builtInAdded && problems.isEmpty()) {
            BuiltInStore.Opening opening = BuiltInStore.open(read, BuiltInStore.Jndi.DEFAULT,
                    clock(beanManager.createInstance()));
            problems.addAll(opening.problems());
            opened.set(opening.store());
            storeDatabase = opening.dataSource();
        }
        if (problems.isEmpty() && !read.clients().isEmpty()) {
            prepareOAuth(read.clients(), storeDatabase, clock(beanManager.createInstance()), problems);
            preparePendingLogins(read, storeDatabase, problems);
        }
        if (problems.isEmpty() && read.cleanupIdleAfter().isPresent()) {
            scheduleCleanup(read, beanManager, storeDatabase, problems);
        }
        CacheSyncConfig sync = CacheSyncConfig.read(configSource());
        problems.addAll(sync.problems());
        if (problems.isEmpty()) {
            startCacheSync(sync, read, beanManager);
        }
        problems.forEach(event::addDeploymentProblem);
    }

    void closeUnusedStore(@Observes BeforeShutdown event) {
        stopping = true;
        stopCleanup();
        stopCacheSync();
        TokenStore unused = opened.getAndSet(null);
        if (unused != null) {
            unused.close();
        }
    }

    /**
     * Schedules the idle-token clean-up on the store bean in use, if that store records last use (the
     * built-in JPA and in-memory stores, or an application bean of type {@link IdleTokens}); else a problem
     * (TOKENSTORE-0704). Sweeps hold the database's named lock when the built-in JPA store has one (one
     * sweep per cluster), and revoke at the accounts server when the OAuth client is configured.
     */
    private void scheduleCleanup(TokenStoreConfig read, BeanManager beanManager, DataSource storeDatabase,
                                 List<TokenStoreException> problems) {
        Bean<?> storeBean = beanManager.resolve(beanManager.getBeans(TokenStore.class));
        Supplier<IdleTokens> idle;
        if (builtInAdded) {
            if (read.store() == TokenStoreConfig.Store.FILE) {
                problems.add(CdiMessages.cleanupStoreUnsupported("the file store"));
                return;
            }
            // The bean's own instance, not its client proxy, to reach the store beneath the wrappers.
            idle = () -> stopping ? null
                    : ScheduledCleanup.idleTokens((TokenStore) contextualInstance(beanManager, storeBean));
        } else if (storeBean.getTypes().contains(IdleTokens.class)) {
            AtomicReference<IdleTokens> reference = new AtomicReference<>();
            idle = () -> stopping ? null : reference.updateAndGet(r -> r != null ? r : (IdleTokens) beanManager
                    .getReference(storeBean, IdleTokens.class, beanManager.createCreationalContext(storeBean)));
        } else {
            problems.add(CdiMessages.cleanupStoreUnsupported("the application's TokenStore bean "
                    + storeBean.getBeanClass().getName()));
            return;
        }
        // Each swept token is revoked by its own client's providers: the tokens without a client name are the
        // tokenstore.oauth.* client's, or the default named client's.
        TokenCleanup sweeps = TokenCleanup.revokingByClient(ScheduledCleanup.lazily(() -> {
            IdleTokens tokens = idle.get();
            return tokens != null ? tokens : NOTHING_IDLE;
        }), read.cleanupIdleAfter().get(), cleanupLock(read, storeDatabase),
                client -> client == null ? providers : clientProviders.get(client),
                ScheduledCleanup.evicting(new EventTokenListener(beanManager.getEvent()),
                        serviceInUse(beanManager.createInstance())),
                clock(beanManager.createInstance()));
        cleanup.set(ScheduledCleanup.start(sweeps, read.cleanupInterval(), BuiltInStore.Jndi.DEFAULT));
    }

    /**
     * Starts this JVM's poll of the built-in JPA store's change feed ({@link TokenChangePoller}): its first poll
     * now, before any request, then every {@code tokenstore.cache.sync-interval}; a user whose token another JVM
     * deleted is evicted from every token service (the library's per client, and the application's own), one whose
     * token it saved is re-read into each service that caches it, by the poll. A store without a feed polls
     * nothing: TOKENSTORE-1155 (a JPA store whose database lacks the V6 table, a warning) or, when the key is
     * set, TOKENSTORE-1156 (another store).
     */
    private void startCacheSync(CacheSyncConfig sync, TokenStoreConfig read, BeanManager beanManager) {
        if (sync.interval().isEmpty()) {
            return;
        }
        TokenStore store = opened.get();
        TokenChanges feed = builtInAdded && !sharedEntityManager && store != null
                ? TokenChangePoller.changesOf(store) : null;
        if (feed == null) {
            if (sync.set()) {
                String which = !builtInAdded ? "the application's TokenStore bean"
                        : sharedEntityManager ? "the store on the application's @TokenStorage EntityManager"
                        : "the " + read.store().name().toLowerCase(java.util.Locale.ROOT) + " store";
                LOG.log(System.Logger.Level.INFO, ChangeFeedMessages.storeWithoutFeed(CacheSyncConfig.SYNC_INTERVAL,
                        which));
            }
            return;
        }
        if (!feed.recordsChanges()) {
            LOG.log(System.Logger.Level.WARNING, ChangeFeedMessages.noChangeTable(String.valueOf(feed)));
            return;
        }
        Instance<Object> beans = beanManager.createInstance();
        // The store bean gets the very store opened here; once it is destroyed, polls stop (stopCacheSync).
        cacheSync.set(new TokenChangePoller(() -> stopping ? null : feed,
                (user, client) -> servicesOf(client, beans).forEach(s -> s.evict(user)),
                (user, client) -> servicesOf(client, beans).forEach(s -> s.reload(user)),
                () -> servicesInUse(beans).forEach(TokenService::evictAll), clock(beans), sync.interval().get())
                .start(BuiltInStore.Jndi.DEFAULT));
    }

    /** The services in use that may hold a token of {@code client} ({@code null}: a token without one). */
    private Stream<TokenService> servicesOf(String client, Instance<Object> beans) {
        return servicesInUse(beans).stream().filter(s -> ClientTokens.mayServe(s.client(), client));
    }

    /** Every client's library service created so far, and the application's own if it has one. */
    private Set<TokenService> servicesInUse(Instance<Object> beans) {
        Set<TokenService> services = Collections.newSetFromMap(new IdentityHashMap<>());
        services.addAll(clientServices.values());
        TokenService inUse = serviceInUse(beans).get();
        if (inUse != null) {
            services.add(inUse);
        }
        return services;
    }

    private void stopCacheSync() {
        TokenChangePoller running = cacheSync.getAndSet(null);
        if (running != null) {
            running.close();
        }
    }

    private static <T> T contextualInstance(BeanManager beanManager, Bean<T> bean) {
        return beanManager.getContext(bean.getScope()).get(bean, beanManager.createCreationalContext(bean));
    }

    /** The database's named lock if the built-in JPA store's database has them, else one sweep per JVM. */
    private RefreshLock cleanupLock(TokenStoreConfig read, DataSource storeDatabase) {
        if (refreshLock instanceof DatabaseRefreshLock database) {
            return database;
        }
        if (storeDatabase != null) {
            try {
                return new DatabaseRefreshLock(storeDatabase, read.clients().isEmpty()
                        ? DatabaseRefreshLock.DEFAULT_MAX_WAIT : read.clients().settings().refreshLockWait());
            } catch (TokenStoreException noNamedLocks) {
                // H2: one JVM.
            }
        }
        return RefreshLock.inJvm();
    }

    private void stopCleanup() {
        ScheduledCleanup running = cleanup.getAndSet(null);
        if (running != null) {
            running.close();
        }
    }

    /**
     * The pending logins in the built-in JPA store's database (table tokenstore_login_state, created with the
     * store's schema action), so that a cluster's nodes complete each other's logins; in memory otherwise.
     */
    private void preparePendingLogins(TokenStoreConfig read, DataSource storeDatabase,
                                      List<TokenStoreException> problems) {
        if (storeDatabase == null) {
            pendingLogins = PendingLogins.inMemory();
            return;
        }
        try {
            pendingLogins = JdbcPendingLogins.open(storeDatabase, read.schema());
        } catch (TokenStoreException e) {
            problems.add(e);
        }
    }

    /** Builds every client's providers and picks the refresh lock they share; failures become problems. */
    private void prepareOAuth(ClientsConfig clients, DataSource storeDatabase, Clock clock,
                              List<TokenStoreException> problems) {
        OAuthConfig.RefreshSettings oauth = clients.settings();
        int before = problems.size();
        try {
            clientProviders = ClientProviders.of(clients, clock, problems);
        } catch (TokenStoreException noJsonProvider) {
            // 0245; every value the builder checks was checked while the keys were read.
            problems.add(noJsonProvider);
            return;
        }
        if (problems.size() > before) {
            return;
        }
        providers = clientProviders.get(clients.defaultClient());
        switch (oauth.refreshLock()) {
            case JVM:
                refreshLock = RefreshLock.inJvm();
                return;
            case DATABASE:
                if (storeDatabase == null) {
                    problems.add(CdiMessages.databaseRefreshLockUnavailable(
                            "the store is not the built-in JPA store on a JDBC URL or datasource", null));
                    return;
                }
                try {
                    refreshLock = new DatabaseRefreshLock(storeDatabase, oauth.refreshLockWait());
                } catch (TokenStoreException e) {
                    problems.add(CdiMessages.databaseRefreshLockUnavailable(
                            "the lock cannot be had: " + e.getMessage(), e));
                }
                return;
            default:
                refreshLock = RefreshLock.inJvm();
                if (storeDatabase != null) {
                    try {
                        refreshLock = new DatabaseRefreshLock(storeDatabase, oauth.refreshLockWait());
                    } catch (TokenStoreException noNamedLocks) {
                        // auto: a database without named locks (H2) means one JVM; keep the in-JVM lock.
                    }
                }
        }
    }

    /**
     * The library's token service of one client: its providers, its refresh policy (the client's keys, else
     * the shared ones), the store bean, the shared refresh lock. The {@code tokenstore.oauth.*} client keeps the
     * tokens without a client name, as before named clients; a named client keeps its tokens under its name,
     * and the default one also owns the tokens without a name.
     *
     * @param client the client's name, or {@code null} if no client is configured (then 0522)
     */
    private TokenService createTokenService(String client, Instance<Object> beans) {
        ClientsConfig clients = config.clients();
        OAuthProviders serving = client == null ? null : clientProviders.get(client);
        if (serving == null) {
            throw CdiMessages.oauthNotConfigured("TokenService");
        }
        boolean legacy = ClientsConfig.LEGACY_CLIENT.equals(client) && clients.zoho() != null;
        RefreshPolicy policy = legacy ? clients.zoho().policy() : clients.named().get(client).policy();
        boolean isDefault = client.equals(clients.defaultClient());
        TokenStore store = beans.select(TokenStore.class).get();
        BeanManager beanManager = beans.select(BeanManager.class).get();
        TokenService service = newTokenService(store, serving, legacy ? null : client, isDefault, policy,
                new EventTokenListener(beanManager.getEvent()), metrics(beans), clock(beans));
        clientServices.put(client, service);
        if (isDefault) {
            tokenService.set(service);
        }
        return service;
    }

    private TokenService newTokenService(TokenStore store, OAuthProviders serving, String client, boolean isDefault,
                                         RefreshPolicy policy, EventTokenListener listener, TokenMetrics metrics,
                                         Clock clock) {
        return TokenService.builder(store, serving).client(client).defaultClient(isDefault).policy(policy)
                .refreshLock(refreshLock).listener(listener).metrics(metrics).clock(clock).executor(managedExecutor())
                .revokeOnDelete(config.revokeOnDelete()).build();
    }

    /** TOKENSTORE-0122 (a warning) if keys of the library's own service are set beside the application's. */
    private void warnKeysWithoutEffect() {
        Function<String, Optional<String>> source = configSource();
        List<String> set = SERVICE_ONLY_KEYS.stream().filter(key -> source.apply(key).isPresent()).toList();
        if (!set.isEmpty()) {
            String service = String.join(", ", applicationServices.isEmpty() ? alternativeServices : applicationServices);
            LOG.log(System.Logger.Level.WARNING, CdiMessages.keysWithoutEffect(service, set));
        }
    }

    /**
     * The application's {@code TokenService}, resolved once and shared by {@code @CrmCall}, the store's cache
     * eviction and the clean-up, so that a {@code @Dependent} producer returning its one instance works as a
     * {@code @Singleton} does; null if none is resolvable (an alternative that is not enabled).
     */
    private TokenService applicationService(Instance<Object> beans) {
        return tokenService.updateAndGet(s -> {
            if (s != null) {
                return s;
            }
            Instance<TokenService> services = beans.select(TokenService.class);
            return services.isResolvable() ? services.get() : null;
        });
    }

    /** The service whose cache the store's changes evict: the library's once created, else the application's. */
    private Supplier<TokenService> serviceInUse(Instance<Object> beans) {
        return builtInService ? tokenService::get : () -> applicationService(beans);
    }

    /** The application's resolver bean if it has one, else the caller's {@code Principal}. */
    private static TokenUserResolver userResolver(Instance<Object> beans) {
        Instance<TokenUserResolver> resolvers = beans.select(TokenUserResolver.class);
        if (!resolvers.isUnsatisfied()) {
            return resolvers.get();
        }
        Instance<Principal> principal = beans.select(Principal.class);
        return new PrincipalUserResolver(principal.isResolvable() ? principal.get() : null, sessionLogins(beans));
    }

    /** The user of the login in the request's HTTP session, if the Servlet API is there (a web application). */
    private static Supplier<Optional<String>> sessionLogins(Instance<Object> beans) {
        try {
            Class.forName("jakarta.servlet.http.HttpServletRequest", false, TokenStoreExtension.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError noServletApi) {
            return Optional::empty;
        }
        return SessionLogins.current(beans);
    }

    /** The server's managed executor for background refreshes, or null (the service's own threads). */
    private static Executor managedExecutor() {
        try {
            return BuiltInStore.Jndi.DEFAULT.lookup(BuiltInStore.MANAGED_EXECUTOR) instanceof Executor e ? e : null;
        } catch (javax.naming.NamingException | RuntimeException notInAServer) {
            return null;
        }
    }

    private TokenStore createStore(Instance<Object> beans) {
        TokenStore store = CoherentTokenStore.evictingAll(openStore(beans), () -> servicesInUse(beans));
        TokenMetrics metrics = metrics(beans);
        return metrics == TokenMetrics.NONE ? store : new MeasuredTokenStore(store, metrics);
    }

    /** The library's OpenTelemetry metrics bean (or the application's alternative) if registered, else none. */
    private TokenMetrics metrics(Instance<Object> beans) {
        if (!metricsRegistered) {
            return TokenMetrics.NONE;
        }
        Instance<TokenMetrics> metrics = beans.select(TokenMetrics.class);
        return metrics.isResolvable() ? metrics.get() : TokenMetrics.NONE;
    }

    private TokenStore openStore(Instance<Object> beans) {
        if (sharedEntityManager) {
            EntityManager em = beans.select(EntityManager.class, TokenStorageLiteral.INSTANCE).get();
            return JpaTokenStore.sharing(em, JtaLookup.registry(beans), JtaLookup.userTransaction(beans),
                    config.encryptionKeys().orElse(null), clock(beans));
        }
        TokenStore store = opened.getAndSet(null);
        if (store != null) {
            return store;
        }
        // Created again after an earlier instance was destroyed: open anew, as validation did.
        BuiltInStore.Opening opening = BuiltInStore.open(config, BuiltInStore.Jndi.DEFAULT, clock(beans));
        if (!opening.problems().isEmpty()) {
            throw opening.problems().get(0);
        }
        return opening.store();
    }

    /** MicroProfile Config if the application has it, else system properties (see {@link ConfigKeys}). */
    private static Function<String, Optional<String>> configSource() {
        return ConfigKeys.of(null);
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
