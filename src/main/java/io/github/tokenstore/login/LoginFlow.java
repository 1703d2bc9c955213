package io.github.tokenstore.login;

import io.github.tokenstore.AccountsServerException;
import io.github.tokenstore.LoginException;
import io.github.tokenstore.OAuthProviderException;
import io.github.tokenstore.OAuthToken;
import io.github.tokenstore.TokenStore;
import io.github.tokenstore.TokenStoreException;
import io.github.tokenstore.UserSignature;
import io.github.tokenstore.core.ClientTokens;
import io.github.tokenstore.core.TokenHashes;
import io.github.tokenstore.oauth.TokenResponse;
import io.github.tokenstore.oauth.TokenService;
import io.github.tokenstore.provider.AuthorizationRequest;
import io.github.tokenstore.provider.OAuthProvider;
import io.github.tokenstore.provider.OAuthProviders;
import io.github.tokenstore.provider.Pkce;
import io.github.tokenstore.provider.ProviderError;
import io.github.tokenstore.provider.VerifiedIdentity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * "Login with Zoho" (or another provider) done by the library, as plain Java: {@link #start} builds the
 * authorize URI, {@link #complete} checks a callback and saves the user's tokens. The library's servlet
 * ({@code <context>/tokenstore/login} and {@code …/callback}) is a thin layer over this class; applications
 * with their own pages call it directly.
 *
 * <h2>State, nonce and the browser</h2>
 * Each start makes a {@code state} and a {@code nonce} of 256 random bits each and keeps them, with the
 * SHA-256 of the browser's login cookie, as a {@link PendingLogin}. A callback is accepted only with a state
 * of a pending login (which it uses up: a replay fails), started at most {@link #STATE_LIFETIME} ago, by the
 * browser that brings the same login cookie. Keep the pending logins where every node sees them when
 * several nodes serve the application ({@link PendingLogins}).
 *
 * <h2>Who logged in</h2>
 * The ID token is checked ({@link OAuthProvider#verifyIdToken}) and the tokens are saved under its verified
 * e-mail address, never a name from the browser; or, when the application has its own login (a principal is
 * given), under the principal, with the e-mail recorded as {@link OAuthToken#account()}. The tokens keep the
 * server that issued them ({@link OAuthToken#dataCenter()}).
 *
 * <h2>Named clients (issue 13)</h2>
 * A flow serves one OAuth client. Its tokens carry the client's name (none for the {@code tokenstore.oauth.*}
 * client, as before), and a state is bound to its client: the pending login of a client other than the default
 * one is kept under the SHA-256 of the client's name and the state, so that a state issued by one client's
 * login is unknown at another client's callback ({@link LoginException.Failure#STATE_UNKNOWN}). A login of a
 * client whose provider uses PKCE sends an S256 challenge and exchanges the code with its verifier; the
 * pending login then keeps a secret of 256 bits from which the nonce and the verifier are derived (SHA-256 with
 * distinct labels), so the stored row is the same as without PKCE and the verifier never leaves the server
 * before the exchange. A client whose provider issues no ID token (plain OAuth 2.0) logs in only a user who is
 * logged in already ({@link LoginException.Failure#USER_UNKNOWN} otherwise); for every other client the
 * logged-in user, if any, keeps the tokens, with the provider's e-mail as {@link OAuthToken#account()}.
 *
 * <h2>Refresh tokens</h2>
 * A new refresh token replaces the stored one, and the old one is revoked (at its own server; a failure is
 * logged, the login stands). A callback without refresh token keeps the stored one of the same server; if
 * there is none, the browser goes round once more with {@code prompt=consent} ({@link
 * LoginOutcome.ConsentNeeded}), and a second callback without refresh token fails.
 *
 * <p>Every failure is a {@link LoginException} with its {@link LoginException.Failure}; nothing is sent to a server
 * that the callback names but the configuration does not allow. Thread-safe.
 */
public final class LoginFlow {

    /** How long a started login may take. */
    public static final Duration STATE_LIFETIME = Duration.ofMinutes(10);
    /** The longest login hint passed on; a longer one is dropped. */
    public static final int MAX_LOGIN_HINT = 320;

    private static final System.Logger LOG = System.getLogger(LoginFlow.class.getName());
    private static final Pattern BROWSER_KEY = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final Pattern ERROR_CODE = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    private static final int RANDOM_BYTES = 32;

    private final String client;
    private final boolean defaultClient;
    private final OAuthProviders providers;
    private final PendingLogins pending;
    private final TokenStore store;
    private final TokenService tokens;
    private final Clock clock;
    private final SecureRandom random;

    /**
     * @param providers where logins start and which servers a callback may name
     * @param pending   where started logins wait
     * @param store     where the user's stored token is looked up (the one {@code tokens} saves to)
     * @param tokens    saves the new tokens (and so keeps its cache coherent)
     * @param clock     the time
     * @param random    the source of states, nonces and login cookies
     */
    public LoginFlow(OAuthProviders providers, PendingLogins pending, TokenStore store, TokenService tokens,
                     Clock clock, SecureRandom random) {
        this(null, true, providers, pending, store, tokens, clock, random);
    }

    /**
     * The flow of one named client.
     *
     * @param client        the client's name, kept with its tokens; {@code null} for the tokens without one (the
     *                      {@code tokenstore.oauth.*} client)
     * @param defaultClient whether it is the default client: its states are not bound to its name (they stay
     *                      valid across an upgrade), and it owns the tokens stored without a client name
     * @param providers     as above; {@code tokens} must serve the same client
     * @throws IllegalArgumentException {@code TOKENSTORE-1000} if {@code client} is not a client name
     */
    public LoginFlow(String client, boolean defaultClient, OAuthProviders providers, PendingLogins pending,
                     TokenStore store, TokenService tokens, Clock clock, SecureRandom random) {
        // Building a token checks the name.
        this.client = OAuthToken.builder().client(client).build().client();
        this.defaultClient = defaultClient;
        this.providers = Objects.requireNonNull(providers, "providers");
        this.pending = Objects.requireNonNull(pending, "pending");
        this.store = Objects.requireNonNull(store, "store");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
    }

    /**
     * Starts a login.
     *
     * @param returnPath where to go afterwards: a path of the application ({@link ReturnPaths}); anything else
     *                   (or {@code null}) means its root
     * @param loginHint  the account to suggest on the provider's page, or {@code null}; dropped if longer than
     *                   {@value #MAX_LOGIN_HINT} characters or holding control characters
     * @param browserKey the browser's login cookie if it has one ({@code null} or malformed: a new one is made)
     * @return the authorize URI and the login cookie to set
     * @throws LoginException ({@link LoginException.Failure#STATE_STORE_FAILED}) if the login cannot be kept
     */
    public LoginStart start(String returnPath, String loginHint, String browserKey) {
        String key = browserKey != null && BROWSER_KEY.matcher(browserKey).matches() ? browserKey : randomValue();
        return new LoginStart(begin(ReturnPaths.sanitize(returnPath), hint(loginHint), TokenHashes.of(key), false),
                key);
    }

    /**
     * Completes a login from its callback.
     *
     * @param parameter  the callback's query parameters by name ({@code null} for an absent one)
     * @param browserKey the browser's login cookie, or {@code null} if it sent none
     * @param principal  the name of the application's logged-in user, or {@code null} if none
     * @return the logged-in user, or the consent round to send the browser to
     * @throws LoginException for every failure, each with its {@link LoginException.Failure}
     */
    public LoginOutcome complete(Function<String, String> parameter, String browserKey, String principal) {
        String state = parameter.apply("state");
        if (state == null || state.isEmpty()) {
            throw LoginMessages.failure(LoginException.Failure.STATE_MISSING);
        }
        PendingLogin login = take(stateHash(state));
        if (!clock.instant().isBefore(login.createdAt().plus(STATE_LIFETIME))) {
            throw LoginMessages.failure(LoginException.Failure.STATE_EXPIRED);
        }
        if (browserKey == null || !MessageDigest.isEqual(TokenHashes.of(browserKey).getBytes(),
                login.browserHash().getBytes())) {
            throw LoginMessages.failure(LoginException.Failure.STATE_FOREIGN);
        }
        String error = parameter.apply("error");
        if (error != null) {
            throw LoginMessages.failure(LoginException.Failure.PROVIDER_REFUSED,
                    ERROR_CODE.matcher(error).matches() ? error : "an unreadable error code", null);
        }
        OAuthProvider provider = providers.forCallback(parameter)
                .orElseThrow(() -> LoginMessages.failure(LoginException.Failure.SERVER_REFUSED));
        String code = parameter.apply("code");
        if (code == null || code.isEmpty()) {
            throw LoginMessages.failure(LoginException.Failure.CODE_MISSING);
        }
        boolean known = principal != null && !principal.isBlank();
        if (!provider.idTokens() && !known) {
            throw LoginMessages.failure(LoginException.Failure.USER_UNKNOWN);
        }
        TokenResponse response = exchange(provider, code, provider.pkce() ? derived(VERIFIER, login.nonce()) : null);
        VerifiedIdentity identity = null;
        if (provider.idTokens()) {
            try {
                identity = provider.verifyIdToken(response.idToken(), nonce(provider, login));
            } catch (LoginException e) {
                // Tokens of an unverified login are of no use to anyone: give the refresh token back.
                revokeQuietly(provider, response.refreshToken());
                throw e;
            }
        }
        String account = identity == null ? null : identity.email();
        UserSignature user = new UserSignature(known ? principal : account);
        OAuthToken existing = findStored(user);
        String refreshToken = response.refreshToken();
        if (refreshToken == null) {
            if (existing != null && existing.refreshToken() != null && sameServer(existing, provider)) {
                refreshToken = existing.refreshToken();
            } else if (!login.consentRound()) {
                return new LoginOutcome.ConsentNeeded(begin(login.returnPath(), login.loginHint(),
                        login.browserHash(), true));
            } else {
                throw LoginMessages.failure(LoginException.Failure.NO_REFRESH_TOKEN);
            }
        }
        OAuthToken token = OAuthToken.builder()
                .userSignature(user)
                .client(client)
                .clientId(provider.clientId())
                .refreshToken(refreshToken)
                .accessToken(response.accessToken())
                .expiresAt(clock.instant().plus(response.expiresIn()))
                .redirectUrl(provider.redirectUri())
                .apiDomain(response.apiDomain())
                .dataCenter(provider.location())
                .account(account)
                .build();
        OAuthToken saved;
        try {
            saved = tokens.saveAuthorized(token);
        } catch (TokenStoreException | IllegalArgumentException e) {
            throw LoginMessages.failure(LoginException.Failure.SAVE_FAILED, e instanceof TokenStoreException t
                    ? t.messageId() : e.getClass().getSimpleName(), e);
        }
        if (existing != null && existing.refreshToken() != null && !existing.refreshToken().equals(refreshToken)) {
            // The replaced refresh token would otherwise count against the provider's limit (Zoho: 20).
            providers.forLocation(existing.dataCenter())
                    .ifPresent(old -> revokeQuietly(old, existing.refreshToken()));
        }
        return new LoginOutcome.Completed(user, account, provider.location(), login.returnPath(), saved, client);
    }

    /** Removes the pending logins older than {@link #STATE_LIFETIME}; returns how many. */
    public int removeExpired() {
        return pending.removeStartedBefore(clock.instant().minus(STATE_LIFETIME));
    }

    /** The providers. */
    public OAuthProviders providers() {
        return providers;
    }

    /** The client's name, or {@code null} for the tokens without one. */
    public String client() {
        return client;
    }

    private static final String NONCE = "tokenstore-login-nonce";
    private static final String VERIFIER = "tokenstore-login-pkce-verifier";

    private java.net.URI begin(String returnPath, String loginHint, String browserHash, boolean consent) {
        String state = randomValue();
        // With PKCE the row keeps a secret that gives the nonce and the verifier; without, the nonce itself.
        String secret = randomValue();
        OAuthProvider start = providers.loginStart();
        Instant now = clock.instant();
        try {
            pending.save(new PendingLogin(stateHash(state), browserHash, secret, returnPath, loginHint, consent,
                    now));
        } catch (RuntimeException e) {
            throw LoginMessages.failure(LoginException.Failure.STATE_STORE_FAILED, e.getClass().getSimpleName(), e);
        }
        String challenge = start.pkce() ? Pkce.of(derived(VERIFIER, secret)).challenge() : null;
        return start.authorizationUri(new AuthorizationRequest(state, start.pkce() ? derived(NONCE, secret) : secret,
                loginHint, consent, challenge));
    }

    /** The nonce the login's ID token must carry. */
    private static String nonce(OAuthProvider provider, PendingLogin login) {
        return provider.pkce() ? derived(NONCE, login.nonce()) : login.nonce();
    }

    /** The key of a state's pending login: bound to the client unless it is the default one. */
    private String stateHash(String state) {
        return TokenHashes.of(defaultClient || client == null ? state : client + "\n" + state);
    }

    /** base64url(SHA-256(label, 0, secret)): 43 characters, a valid nonce and PKCE verifier. */
    private static String derived(String label, String secret) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(label.getBytes(StandardCharsets.US_ASCII));
            digest.update((byte) 0);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    digest.digest(secret.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            // Every Java platform must provide SHA-256.
            throw new IllegalStateException(e);
        }
    }

    private PendingLogin take(String stateHash) {
        Optional<PendingLogin> login;
        try {
            login = pending.take(stateHash);
        } catch (RuntimeException e) {
            throw LoginMessages.failure(LoginException.Failure.STATE_STORE_FAILED, e.getClass().getSimpleName(), e);
        }
        return login.orElseThrow(() -> LoginMessages.failure(LoginException.Failure.STATE_UNKNOWN));
    }

    private TokenResponse exchange(OAuthProvider provider, String code, String verifier) {
        try {
            return verifier == null ? provider.exchangeCode(code) : provider.exchangeCode(code, verifier);
        } catch (OAuthProviderException e) {
            if (provider.classify(e) == ProviderError.INVALID_GRANT) {
                throw LoginMessages.failure(LoginException.Failure.CODE_REFUSED, e.messageId(), e);
            }
            throw LoginMessages.failure(LoginException.Failure.TOKEN_ENDPOINT_FAILED, e.messageId(), e);
        } catch (AccountsServerException e) {
            throw LoginMessages.failure(LoginException.Failure.TOKEN_ENDPOINT_FAILED, e.messageId(), e);
        } catch (TokenStoreException | IllegalArgumentException e) {
            throw LoginMessages.failure(LoginException.Failure.TOKEN_ENDPOINT_FAILED, e.getClass().getSimpleName(), e);
        }
    }

    private OAuthToken findStored(UserSignature user) {
        try {
            return ClientTokens.find(store, user, client, defaultClient).orElse(null);
        } catch (TokenStoreException e) {
            throw LoginMessages.failure(LoginException.Failure.SAVE_FAILED, e.messageId(), e);
        }
    }

    /** Whether {@code token} was issued by {@code provider}'s server (no location: the default server). */
    private boolean sameServer(OAuthToken token, OAuthProvider provider) {
        return providers.forLocation(token.dataCenter()).map(p -> p.location().equals(provider.location()))
                .orElse(false);
    }

    private static void revokeQuietly(OAuthProvider provider, String refreshToken) {
        if (refreshToken == null) {
            return;
        }
        try {
            provider.revoke(refreshToken);
        } catch (RuntimeException e) {
            // Only the type and ID: a message could quote the server's answer.
            LOG.log(System.Logger.Level.WARNING, LoginMessages.revokeFailed(provider.location(),
                    e instanceof TokenStoreException t ? t.messageId() : e.getClass().getName()));
        }
    }

    private static String hint(String loginHint) {
        if (loginHint == null || loginHint.isBlank() || loginHint.length() > MAX_LOGIN_HINT
                || loginHint.chars().anyMatch(Character::isISOControl)) {
            return null;
        }
        return loginHint.strip();
    }

    private String randomValue() {
        byte[] bytes = new byte[RANDOM_BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    @Override
    public String toString() {
        return "LoginFlow[" + providers + ", " + pending + "]";
    }
}
