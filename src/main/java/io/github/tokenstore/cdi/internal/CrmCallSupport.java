package io.github.tokenstore.cdi.internal;

import io.github.tokenstore.CrmCall;
import io.github.tokenstore.OAuthToken;
import io.github.tokenstore.TokenUser;
import io.github.tokenstore.UserSignature;
import io.github.tokenstore.oauth.TokenService;
import io.github.tokenstore.provider.OAuthProvider;
import io.github.tokenstore.provider.OAuthProviders;
import io.github.tokenstore.spi.TokenUserResolver;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * What the {@code @CrmCall} interceptor needs that outlives one intercepted bean: how each method finds its
 * user and its OAuth client (worked out once per bean class and method), the resolver, {@code tokenstore.user}
 * and the token service of each client. One per application; thread-safe.
 */
public final class CrmCallSupport {

    /**
     * How one method of one bean class finds its user, and whose client's token it uses.
     *
     * @param client the {@code @CrmCall(client)} of the method, else of the class; {@code null} for the default
     *               client
     */
    public record Plan(String method, int userParameter, UserSignature fixedUser, String client) {
    }

    private final Function<String, TokenService> services;
    private final Function<String, OAuthProviders> providers;
    private final String defaultClient;
    private final Supplier<TokenUserResolver> resolver;
    private final Optional<UserSignature> configuredUser;
    private final boolean oauthConfigured;
    private final ClassValue<ConcurrentHashMap<Method, Plan>> plans = new ClassValue<>() {
        @Override
        protected ConcurrentHashMap<Method, Plan> computeValue(Class<?> type) {
            return new ConcurrentHashMap<>();
        }
    };
    /** The default client's service once had; the named clients' by name. */
    private volatile TokenService tokenService;
    private final ConcurrentHashMap<String, TokenService> clientServices = new ConcurrentHashMap<>();
    private volatile TokenUserResolver userResolver;

    /**
     * @param service         the default client's token service bean (called once, on the first call)
     * @param resolver        the application's resolver or the default (called once)
     * @param configuredUser  {@code tokenstore.user}
     * @param oauthConfigured whether there is a service to have: the OAuth client is configured, or the
     *                        application produces its own {@code TokenService}; if not, every call fails with 0522
     */
    public CrmCallSupport(Supplier<TokenService> service, Supplier<TokenUserResolver> resolver,
                          Optional<UserSignature> configuredUser, boolean oauthConfigured) {
        this(client -> service.get(), client -> null, null, resolver, configuredUser, oauthConfigured);
    }

    /**
     * @param services        the token service bean of a client by name, {@code null} for the default client's
     *                        (called once per client, on its first call); the deployment made sure that every
     *                        {@code @CrmCall(client)} names a configured client
     * @param resolver        the application's resolver or the default (called once)
     * @param configuredUser  {@code tokenstore.user}
     * @param oauthConfigured whether there is a default service to have, as above
     */
    public CrmCallSupport(Function<String, TokenService> services, Supplier<TokenUserResolver> resolver,
                          Optional<UserSignature> configuredUser, boolean oauthConfigured) {
        this(services, client -> null, null, resolver, configuredUser, oauthConfigured);
    }

    /**
     * @param services        as above
     * @param providers       the providers of a client by name, {@code null} for the default client's; a
     *                        {@code null} answer means Zoho's header and answers (the application's own service)
     * @param defaultClient   the default client's name, or {@code null} if none is configured: a plan naming
     *                        it uses the default service
     * @param resolver        as above
     * @param configuredUser  as above
     * @param oauthConfigured as above
     */
    public CrmCallSupport(Function<String, TokenService> services, Function<String, OAuthProviders> providers,
                          String defaultClient, Supplier<TokenUserResolver> resolver,
                          Optional<UserSignature> configuredUser, boolean oauthConfigured) {
        this.services = services;
        this.providers = providers;
        this.defaultClient = defaultClient;
        this.resolver = resolver;
        this.configuredUser = configuredUser;
        this.oauthConfigured = oauthConfigured;
    }

    /** The plan of {@code method} called on an instance of {@code beanClass} (possibly a container subclass). */
    public Plan plan(Class<?> beanClass, Method method) {
        ConcurrentHashMap<Method, Plan> byMethod = plans.get(beanClass);
        Plan p = byMethod.get(method);
        return p != null ? p : byMethod.computeIfAbsent(method, m -> newPlan(beanClass, m));
    }

    /**
     * Whose token the call uses.
     *
     * @throws IllegalArgumentException 0521 if the {@code @TokenUser} argument is null or blank
     * @throws io.github.tokenstore.TokenStoreException 0520 if no rule gives a user
     */
    public UserSignature user(Plan plan, Method method, Object[] arguments) {
        if (plan.userParameter >= 0) {
            Object argument = arguments[plan.userParameter];
            if (argument instanceof UserSignature signature) {
                return signature;
            }
            if (argument instanceof String name && !name.isBlank()) {
                return new UserSignature(name);
            }
            throw CdiMessages.tokenUserArgumentMissing(plan.method, plan.userParameter + 1);
        }
        if (plan.fixedUser != null) {
            return plan.fixedUser;
        }
        TokenUserResolver r = userResolver;
        if (r == null) {
            r = resolver.get();
            userResolver = r;
        }
        Optional<UserSignature> resolved = r.resolve(method);
        if (resolved != null && resolved.isPresent()) {
            return resolved.get();
        }
        return configuredUser.orElseThrow(() -> CdiMessages.noUserForCall(plan.method));
    }

    /**
     * The token service of the plan's client; 0522 naming the method if it uses the default client and no
     * client is configured.
     */
    public TokenService tokenService(Plan plan) {
        if (plan.client != null && !plan.client.equals(defaultClient)) {
            TokenService s = clientServices.get(plan.client);
            return s != null ? s : clientServices.computeIfAbsent(plan.client, services);
        }
        TokenService s = tokenService;
        if (s == null) {
            if (!oauthConfigured) {
                throw CdiMessages.oauthNotConfigured("the @CrmCall method " + plan.method);
            }
            s = services.apply(null);
            tokenService = s;
        }
        return s;
    }

    /** The name of the plan's client: its own, else the default client's ({@code null} if none is configured). */
    public String clientName(Plan plan) {
        return plan.client != null ? plan.client : defaultClient;
    }

    /**
     * The server of the plan's client that issued {@code token}, whose {@code Authorization} header and answers
     * the call follows; {@code null} for Zoho's (the application's own service, or an unknown location).
     */
    public OAuthProvider provider(Plan plan, OAuthToken token) {
        OAuthProviders p = providers.apply(plan.client != null && !plan.client.equals(defaultClient)
                ? plan.client : null);
        return p == null ? null : p.forLocation(token.dataCenter()).orElse(null);
    }

    /**
     * The client a {@code @CrmCall} method of {@code beanClass} names: on the method, else on the class (or
     * the class declaring the method); empty for the default client.
     */
    public static Optional<String> client(Class<?> beanClass, Method method) {
        CrmCall onMethod = method.getAnnotation(CrmCall.class);
        if (onMethod != null && !onMethod.client().isBlank()) {
            return Optional.of(onMethod.client().strip());
        }
        CrmCall onClass = beanClass.getAnnotation(CrmCall.class);
        if (onClass == null) {
            onClass = method.getDeclaringClass().getAnnotation(CrmCall.class);
        }
        return onClass == null || onClass.client().isBlank() ? Optional.empty() : Optional.of(onClass.client().strip());
    }

    /** {@code com.example.Contacts#list(String, int)}: how messages name a method. */
    public static String describe(Method method) {
        return method.getDeclaringClass().getName() + "#" + method.getName() + "("
                + Arrays.stream(method.getParameterTypes()).map(Class::getSimpleName).collect(Collectors.joining(", "))
                + ")";
    }

    /**
     * Where {@code @TokenUser} is on {@code method}: the parameter's index, -1 for none.
     *
     * @throws io.github.tokenstore.TokenStoreException 0509 if it is on a parameter of another type than
     *                                                  String or UserSignature, or on two
     */
    public static int tokenUserParameter(Method method) {
        int found = -1;
        Annotation[][] annotations = method.getParameterAnnotations();
        Class<?>[] types = method.getParameterTypes();
        for (int i = 0; i < annotations.length; i++) {
            if (Arrays.stream(annotations[i]).noneMatch(a -> a.annotationType() == TokenUser.class)) {
                continue;
            }
            if (types[i] != String.class && types[i] != UserSignature.class) {
                throw CdiMessages.tokenUserMisplaced(describe(method),
                        "is on parameter " + (i + 1) + " of type " + types[i].getName());
            }
            if (found >= 0) {
                throw CdiMessages.tokenUserMisplaced(describe(method),
                        "is on two parameters, " + (found + 1) + " and " + (i + 1));
            }
            found = i;
        }
        return found;
    }

    private static Plan newPlan(Class<?> beanClass, Method method) {
        String fixed = "";
        CrmCall onMethod = method.getAnnotation(CrmCall.class);
        if (onMethod != null) {
            fixed = onMethod.user();
        }
        if (fixed.isBlank()) {
            // @Inherited: a container subclass of the bean class sees the bean class's annotation.
            CrmCall onClass = beanClass.getAnnotation(CrmCall.class);
            if (onClass == null) {
                onClass = method.getDeclaringClass().getAnnotation(CrmCall.class);
            }
            fixed = onClass == null ? "" : onClass.user();
        }
        return new Plan(describe(method), tokenUserParameter(method), fixed.isBlank() ? null : new UserSignature(fixed),
                client(beanClass, method).orElse(null));
    }
}
