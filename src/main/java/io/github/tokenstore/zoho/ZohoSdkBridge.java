package io.github.tokenstore.zoho;

import io.github.tokenstore.OAuthToken;
import io.github.tokenstore.TokenStore;
import io.github.tokenstore.TokenStoreException;
import io.github.tokenstore.UserSignature;
import io.github.tokenstore.oauth.TokenService;
import io.github.tokenstore.zoho.SdkTypes.Property;
import io.github.tokenstore.zoho.SdkTypes.StoreMethod;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The library's stores as the Zoho CRM Java SDK's own token store: hand
 * {@code ZohoSdkBridge.tokenStore(store, com.zoho.api.authenticator.store.TokenStore.class)} to the SDK's
 * {@code new Initializer.Builder()...store(...)}, and the SDK keeps its tokens in any {@link TokenStore}
 * (JPA, file, memory, or one of the application's own) with the library's matching rules: no lost users,
 * no shared rows, no token of one user handed to another.
 *
 * <h2>The SDK's calling conventions</h2>
 * <ul>
 *   <li>{@code findToken(token)} looks the SDK token up by the library's matching rules, including the
 *       id-only rule the SDK uses to revoke and remove tokens, and fills in the token object it was given
 *       (every value the store holds is copied onto it, the id too); it returns that same object, or
 *       {@code null} if nothing matches. A token of another class than the SDK's {@code OAuthToken} is
 *       returned unchanged, as the SDK's own stores do.</li>
 *   <li>{@code saveToken(token)} saves it and writes the store's id back onto it; the values the SDK has
 *       no field for (the data center and the account the library's login recorded) stay as stored.</li>
 *   <li>{@code findTokenById(id)} returns a new SDK token, or throws the SDK's {@code SDKException} for an
 *       unknown id (the SDK uses the result unchecked).</li>
 *   <li>{@code deleteToken(id)} of an unknown id does nothing; {@code getTokens()} returns new SDK tokens,
 *       oldest first; {@code deleteTokens()} deletes them all.</li>
 *   <li>The expiry is the SDK's text of epoch milliseconds ({@code getExpiresIn}); user names are kept
 *       verbatim (such as the SDK's own {@code email:zgid}); grant-token-only, refresh-token-only and
 *       access-token-only tokens are stored as the SDK makes them.</li>
 *   <li>Every failure is the SDK's {@code SDKException} (built reflectively, code {@code TOKEN_STORE}) whose
 *       message starts with the library's message ID: {@code TOKENSTORE-0904} unknown id,
 *       {@code 0905} the store failed (the store's own message follows), {@code 0906} a token the library
 *       cannot take (its rule follows), {@code 0907} an expiry that is not epoch milliseconds,
 *       {@code 0908} a call of the SDK's own getters or setters failed.</li>
 * </ul>
 *
 * <h2>Refresh</h2>
 * The two-argument {@link #tokenStore(TokenStore, Class)} only stores: the SDK refreshes by itself, as it
 * does with its own stores (5 seconds before expiry, once per JVM). With a {@link TokenService}
 * ({@link #tokenStore(TokenStore, TokenService, Class)}) every lookup of a token that has a user serves the
 * service's current token instead, kept fresh ahead of expiry, refreshed once per user (single flight, and
 * once per cluster with the database refresh lock); the SDK then never finds a token close enough to expiry
 * to refresh it itself. When the service cannot refresh (accounts server down, token refused), the bridge
 * hands the SDK the stored token unchanged, so the SDK behaves as it does without the library, and logs the
 * service's error once ({@code TOKENSTORE-0909}, until a refresh works again). Saves and deletes made through
 * the bridge evict the user's token from the service's cache.
 *
 * <h2>The SDK's types</h2>
 * The SDK is never linked: its public getters and setters are found by name and checked once, when the
 * first bridge over an SDK interface is made. Checked against {@value ZohoSdkMessages#CHECKED_VERSIONS}.
 * A bridge is thread-safe; the SDK's token objects it fills are the caller's.
 */
public final class ZohoSdkBridge {

    private ZohoSdkBridge() {
    }

    /**
     * The SDK's {@code TokenStore} over {@code store}; the SDK refreshes tokens by itself.
     *
     * @param store             where the tokens are kept
     * @param sdkStoreInterface {@code com.zoho.api.authenticator.store.TokenStore.class}
     * @param <T>               the SDK's {@code TokenStore} type
     * @return a proxy implementing {@code sdkStoreInterface}
     * @throws IllegalArgumentException if an argument is null ({@code TOKENSTORE-0900}), or the SDK's types
     *                                  do not fit the bridge ({@code 0901}–{@code 0903}, naming what is missing
     *                                  and the SDK versions checked)
     */
    public static <T> T tokenStore(TokenStore store, Class<T> sdkStoreInterface) {
        return create(store, null, sdkStoreInterface);
    }

    /**
     * The SDK's {@code TokenStore} over {@code store}, serving the tokens that {@code service} keeps fresh,
     * so that the SDK's own refresh is not triggered (see the class comment).
     *
     * @param store             where the tokens are kept; the store {@code service} works on
     * @param service           the library's token service on {@code store}
     * @param sdkStoreInterface {@code com.zoho.api.authenticator.store.TokenStore.class}
     * @param <T>               the SDK's {@code TokenStore} type
     * @return a proxy implementing {@code sdkStoreInterface}
     * @throws IllegalArgumentException as for {@link #tokenStore(TokenStore, Class)}
     */
    public static <T> T tokenStore(TokenStore store, TokenService service, Class<T> sdkStoreInterface) {
        if (service == null) {
            throw ZohoSdkMessages.nullArgument("service");
        }
        return create(store, service, sdkStoreInterface);
    }

    /**
     * Checks that the SDK's types fit the bridge, as making a bridge does; for a check at start-up.
     *
     * @throws IllegalArgumentException if the argument is null ({@code TOKENSTORE-0900}) or the SDK's types do
     *                                  not fit the bridge ({@code 0901}–{@code 0903})
     */
    public static void check(Class<?> sdkStoreInterface) {
        if (sdkStoreInterface == null) {
            throw ZohoSdkMessages.nullArgument("sdkStoreInterface");
        }
        SdkTypes.of(sdkStoreInterface);
    }

    private static <T> T create(TokenStore store, TokenService service, Class<T> sdkStoreInterface) {
        if (store == null) {
            throw ZohoSdkMessages.nullArgument("store");
        }
        check(sdkStoreInterface);
        Bridge bridge = new Bridge(store, service, SdkTypes.of(sdkStoreInterface));
        return sdkStoreInterface.cast(Proxy.newProxyInstance(sdkStoreInterface.getClassLoader(),
                new Class<?>[] {sdkStoreInterface}, bridge));
    }

    /** The proxy's handler: one call of the SDK, translated to the store. */
    private static final class Bridge implements InvocationHandler {

        private static final System.Logger LOG = System.getLogger(ZohoSdkBridge.class.getName());

        private final TokenStore store;
        /** Keeps tokens fresh, or {@code null}: the SDK refreshes. */
        private final TokenService service;
        private final SdkTypes sdk;
        /** Users whose last refresh failed and was logged: logged again only after one worked. */
        private final Set<String> failing = ConcurrentHashMap.newKeySet();

        Bridge(TokenStore store, TokenService service, SdkTypes sdk) {
            this.store = store;
            this.service = service;
            this.sdk = sdk;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            StoreMethod call = sdk.storeMethod(method);
            if (call == null) {
                return objectMethod(proxy, method, args);
            }
            String operation = call.sdkName;
            try {
                return switch (call) {
                    case FIND_TOKEN -> findToken(operation, args[0]);
                    case FIND_TOKEN_BY_ID -> findTokenById(operation, (String) args[0]);
                    case SAVE_TOKEN -> saveToken(operation, args[0]);
                    case DELETE_TOKEN -> deleteToken((String) args[0]);
                    case GET_TOKENS -> getTokens(operation);
                    case DELETE_TOKENS -> deleteTokens();
                };
            } catch (IllegalArgumentException e) {
                throw sdk.exception(ZohoSdkMessages.tokenRejected(operation, e), e);
            } catch (RuntimeException e) {
                throw sdk.exception(ZohoSdkMessages.storeFailed(operation, e), e);
            }
        }

        private Object findToken(String operation, Object token) throws Exception {
            if (token != null && !sdk.tokenClass.isInstance(token)) {
                return token;
            }
            OAuthToken wanted = token == null ? null : toLibrary(operation, token);
            Optional<OAuthToken> found = service != null && wanted != null && wanted.userSignature() != null
                    ? fresh(wanted.userSignature(), () -> store.findToken(wanted))
                    : store.findToken(wanted);
            if (found.isEmpty()) {
                return null;
            }
            fill(operation, token, found.get());
            return token;
        }

        private Object findTokenById(String operation, String id) throws Exception {
            Optional<OAuthToken> found = store.findTokenById(id);
            if (found.isEmpty()) {
                throw sdk.exception(ZohoSdkMessages.unknownId(id), null);
            }
            OAuthToken token = found.get();
            if (service != null && token.userSignature() != null) {
                token = fresh(token.userSignature(), () -> found).orElse(token);
            }
            Object sdkToken = sdk.newToken(operation);
            fill(operation, sdkToken, token);
            return sdkToken;
        }

        private Object saveToken(String operation, Object token) throws Exception {
            if (token != null && !sdk.tokenClass.isInstance(token)) {
                return null;
            }
            OAuthToken saved = store.saveToken(token == null ? null : keepLibraryFields(toLibrary(operation, token)));
            sdk.set(operation, token, Property.ID, saved.id());
            evict(saved);
            return null;
        }

        /**
         * The token with the values the SDK has no field for (the data center, the account) taken from the
         * stored token it replaces, so that a save by the SDK never clears what the library's login recorded.
         */
        private OAuthToken keepLibraryFields(OAuthToken token) {
            Optional<OAuthToken> stored;
            try {
                stored = store.findToken(token);
            } catch (IllegalArgumentException nothingToMatch) {
                return token;
            }
            return stored.map(s -> token.toBuilder().dataCenter(s.dataCenter()).account(s.account()).build())
                    .orElse(token);
        }

        private Object deleteToken(String id) {
            Optional<OAuthToken> deleted = service == null || id == null || id.isEmpty()
                    ? Optional.empty() : store.findTokenById(id);
            store.deleteToken(id);
            deleted.ifPresent(this::evict);
            return null;
        }

        private List<Object> getTokens(String operation) throws Exception {
            List<Object> tokens = new ArrayList<>();
            for (OAuthToken t : store.getTokens()) {
                Object sdkToken = sdk.newToken(operation);
                fill(operation, sdkToken, t);
                tokens.add(sdkToken);
            }
            return tokens;
        }

        private Object deleteTokens() {
            List<OAuthToken> deleted = service == null ? List.of() : store.getTokens();
            store.deleteTokens();
            deleted.forEach(this::evict);
            return null;
        }

        @FunctionalInterface
        private interface Lookup {
            Optional<OAuthToken> find();
        }

        /**
         * The service's current token of the user; if the service cannot give one, the stored token (logged
         * once), or empty if none is stored (the SDK then authorizes with its grant token, as it does today).
         */
        private Optional<OAuthToken> fresh(UserSignature user, Lookup stored) {
            try {
                OAuthToken current = service.currentToken(user);
                failing.remove(user.name());
                return Optional.of(current);
            } catch (TokenStoreException e) {
                Optional<OAuthToken> fallback = stored.find();
                if (fallback.isPresent() && failing.add(user.name())) {
                    LOG.log(System.Logger.Level.WARNING, ZohoSdkMessages.refreshFailed(e));
                }
                return fallback;
            }
        }

        private void evict(OAuthToken token) {
            if (service != null && token.userSignature() != null) {
                service.evict(token.userSignature());
            }
        }

        /** The SDK token as the library's value. */
        private OAuthToken toLibrary(String operation, Object token) throws Exception {
            String name = sdk.userName(operation, token);
            return OAuthToken.builder()
                    .id(sdk.get(operation, token, Property.ID))
                    .userSignature(name == null ? null : new UserSignature(name))
                    .clientId(sdk.get(operation, token, Property.CLIENT_ID))
                    .clientSecret(sdk.get(operation, token, Property.CLIENT_SECRET))
                    .redirectUrl(sdk.get(operation, token, Property.REDIRECT_URL))
                    .grantToken(sdk.get(operation, token, Property.GRANT_TOKEN))
                    .refreshToken(sdk.get(operation, token, Property.REFRESH_TOKEN))
                    .accessToken(sdk.get(operation, token, Property.ACCESS_TOKEN))
                    .expiresAt(expiry(operation, sdk.get(operation, token, Property.EXPIRES_IN)))
                    .apiDomain(sdk.get(operation, token, Property.API_DOMAIN))
                    .build();
        }

        private Instant expiry(String operation, String millis) throws Exception {
            if (millis == null || millis.isEmpty()) {
                return null;
            }
            try {
                return Instant.ofEpochMilli(Long.parseLong(millis.trim()));
            } catch (NumberFormatException e) {
                throw sdk.exception(ZohoSdkMessages.expiryNotMillis(operation), null);
            }
        }

        /** Copies every value {@code stored} holds onto the SDK token; the store's values are the current ones. */
        private void fill(String operation, Object token, OAuthToken stored) throws Exception {
            set(operation, token, Property.ID, stored.id());
            if (stored.userSignature() != null
                    && !stored.userSignature().name().equals(sdk.userName(operation, token))) {
                sdk.setUserName(operation, token, stored.userSignature().name());
            }
            set(operation, token, Property.CLIENT_ID, stored.clientId());
            set(operation, token, Property.CLIENT_SECRET, stored.clientSecret());
            set(operation, token, Property.REDIRECT_URL, stored.redirectUrl());
            set(operation, token, Property.GRANT_TOKEN, stored.grantToken());
            set(operation, token, Property.REFRESH_TOKEN, stored.refreshToken());
            set(operation, token, Property.ACCESS_TOKEN, stored.accessToken());
            set(operation, token, Property.EXPIRES_IN,
                    stored.expiresAt() == null ? null : Long.toString(stored.expiresAt().toEpochMilli()));
            set(operation, token, Property.API_DOMAIN, stored.apiDomain());
        }

        /** Sets a value the store holds; an absent one leaves the SDK token's own value. */
        private void set(String operation, Object token, Property p, String value) throws Exception {
            if (value != null) {
                sdk.set(operation, token, p, value);
            }
        }

        private Object objectMethod(Object proxy, Method method, Object[] args) throws Throwable {
            switch (method.getName()) {
                case "toString":
                    return "Zoho SDK TokenStore over " + store + (service == null ? "" : ", refreshed by " + service);
                case "hashCode":
                    return System.identityHashCode(proxy);
                case "equals":
                    return proxy == args[0];
                default:
                    if (method.isDefault()) {
                        return InvocationHandler.invokeDefault(proxy, method, args);
                    }
                    throw new UnsupportedOperationException(method.toGenericString());
            }
        }
    }
}
