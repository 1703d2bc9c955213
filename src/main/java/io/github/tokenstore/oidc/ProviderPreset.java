package io.github.tokenstore.oidc;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * What a well-known provider needs beside the client's own values: its endpoints, issuer and key set, the
 * client authentication it expects, the scopes without which it issues no refresh token, extra parameters of
 * the authorization request, and where its APIs are. A preset only fills in defaults: every endpoint (or
 * issuer) given to the {@link OAuth2Provider.Builder} overrides it; an explicit issuer without explicit
 * endpoints means discovery from that issuer instead of the preset's endpoints (a Salesforce My Domain, a
 * sandbox, a test's fake).
 *
 * <p>The values are those of the providers' public documentation (checked 2026-12-03).
 */
public enum ProviderPreset {

    /**
     * Google (OpenID Connect). A refresh token is issued only with {@code access_type=offline}, and again only
     * with {@code prompt=consent}: both are sent with every login. A refresh answers without a refresh token
     * (the stored one is kept). RFC 7009 revocation at {@code oauth2.googleapis.com/revoke}.
     */
    GOOGLE("google", "https://accounts.google.com", "https://accounts.google.com/o/oauth2/v2/auth",
            "https://oauth2.googleapis.com/token", "https://oauth2.googleapis.com/revoke",
            "https://www.googleapis.com/oauth2/v3/certs", OAuth2Provider.ClientAuth.CLIENT_SECRET_BASIC,
            List.of(), Map.of("access_type", "offline"), true, "https://www.googleapis.com", null),

    /**
     * Microsoft Entra ID (v2.0 endpoints of a tenant, {@link OAuth2Provider.Builder#tenant(String)}, default
     * {@code common}). Scope {@code offline_access} is needed for a refresh token; every refresh answers with
     * a new one (the old one stays valid). No revocation endpoint. ID tokens are checked only for a tenant id
     * or domain: with {@code common}, {@code organizations} or {@code consumers} the issuer is per user.
     */
    MICROSOFT("microsoft", "https://login.microsoftonline.com/{tenant}/v2.0",
            "https://login.microsoftonline.com/{tenant}/oauth2/v2.0/authorize",
            "https://login.microsoftonline.com/{tenant}/oauth2/v2.0/token", null,
            "https://login.microsoftonline.com/{tenant}/discovery/v2.0/keys",
            OAuth2Provider.ClientAuth.CLIENT_SECRET_BASIC, List.of("offline_access"), Map.of(), false,
            "https://graph.microsoft.com", null),

    /**
     * Salesforce ({@code login.salesforce.com}; a sandbox or My Domain through an explicit issuer). Scope
     * {@code refresh_token} is needed for a refresh token; with refresh-token rotation on, every refresh
     * answers a new one and the old one is dead. The API base is each answer's {@code instance_url}; answers
     * carry no {@code expires_in} (the org's session timeout applies: set {@link
     * OAuth2Provider.Builder#defaultExpiresIn(java.time.Duration)} to it or below). Its APIs refuse an invalid
     * access token with 401 {@code INVALID_SESSION_ID}. RFC 7009 revocation at {@code /services/oauth2/revoke}.
     */
    SALESFORCE("salesforce", "https://login.salesforce.com",
            "https://login.salesforce.com/services/oauth2/authorize",
            "https://login.salesforce.com/services/oauth2/token",
            "https://login.salesforce.com/services/oauth2/revoke", "https://login.salesforce.com/id/keys",
            OAuth2Provider.ClientAuth.CLIENT_SECRET_BASIC, List.of("refresh_token"), Map.of(), false, null,
            "instance_url"),

    /**
     * HubSpot (OAuth 2.0, no OpenID Connect): the v3 token endpoint, which takes the client's credentials in
     * the form ({@code client_secret_post}); scope {@code oauth}; access tokens live 30 minutes; its refresh
     * tokens are revoked by a HubSpot-specific call, not RFC 7009, so there is no revocation here.
     */
    HUBSPOT("hubspot", null, "https://app.hubspot.com/oauth/authorize", "https://api.hubapi.com/oauth/v3/token",
            null, null, OAuth2Provider.ClientAuth.CLIENT_SECRET_POST, List.of("oauth"), Map.of(), false,
            "https://api.hubapi.com", null);

    private final String location;
    private final String issuer;
    private final String authorizationEndpoint;
    private final String tokenEndpoint;
    private final String revocationEndpoint;
    private final String jwksUri;
    private final OAuth2Provider.ClientAuth clientAuth;
    private final List<String> requiredScopes;
    private final Map<String, String> authorizationParameters;
    private final boolean alwaysConsent;
    private final String apiBase;
    private final String apiBaseParameter;

    ProviderPreset(String location, String issuer, String authorizationEndpoint, String tokenEndpoint,
                   String revocationEndpoint, String jwksUri, OAuth2Provider.ClientAuth clientAuth,
                   List<String> requiredScopes, Map<String, String> authorizationParameters, boolean alwaysConsent,
                   String apiBase, String apiBaseParameter) {
        this.location = location;
        this.issuer = issuer;
        this.authorizationEndpoint = authorizationEndpoint;
        this.tokenEndpoint = tokenEndpoint;
        this.revocationEndpoint = revocationEndpoint;
        this.jwksUri = jwksUri;
        this.clientAuth = clientAuth;
        this.requiredScopes = requiredScopes;
        this.authorizationParameters = authorizationParameters;
        this.alwaysConsent = alwaysConsent;
        this.apiBase = apiBase;
        this.apiBaseParameter = apiBaseParameter;
    }

    /** The name used in configuration and as the tokens' location, e.g. {@code salesforce}. */
    public String configName() {
        return location;
    }

    /** The preset named {@code name} (as in {@code tokenstore.clients.<name>.provider}), case-insensitive. */
    public static java.util.Optional<ProviderPreset> forName(String name) {
        for (ProviderPreset p : values()) {
            if (p.location.equalsIgnoreCase(name == null ? "" : name.strip())) {
                return java.util.Optional.of(p);
            }
        }
        return java.util.Optional.empty();
    }

    /** The issuer for {@code tenant}, or {@code null} if the provider is not OpenID Connect. */
    public URI issuer(String tenant) {
        return uri(issuer, tenant);
    }

    public URI authorizationEndpoint(String tenant) {
        return uri(authorizationEndpoint, tenant);
    }

    public URI tokenEndpoint(String tenant) {
        return uri(tokenEndpoint, tenant);
    }

    /** The RFC 7009 endpoint, or {@code null} if the provider has none. */
    public URI revocationEndpoint(String tenant) {
        return uri(revocationEndpoint, tenant);
    }

    public URI jwksUri(String tenant) {
        return uri(jwksUri, tenant);
    }

    /** The client authentication the provider expects by default. */
    public OAuth2Provider.ClientAuth clientAuth() {
        return clientAuth;
    }

    /** Scopes added to the configured ones, without which the provider issues no refresh token. */
    public List<String> requiredScopes() {
        return requiredScopes;
    }

    /** Extra parameters of every authorization request (Google: {@code access_type=offline}). */
    public Map<String, String> authorizationParameters() {
        return authorizationParameters;
    }

    /** Whether every login asks for consent again ({@code prompt=consent}), as Google needs for a refresh token. */
    public boolean alwaysConsent() {
        return alwaysConsent;
    }

    /** The API base when the token answer names none, or {@code null}. */
    public URI apiBase() {
        return apiBase == null ? null : URI.create(apiBase);
    }

    /** The token answer's parameter that names the API base (Salesforce: {@code instance_url}), or {@code null}. */
    public String apiBaseParameter() {
        return apiBaseParameter;
    }

    /** Whether ID tokens of {@code tenant} have one fixed issuer (false for Microsoft's multi-tenant names). */
    boolean fixedIssuer(String tenant) {
        return this != MICROSOFT || !List.of("common", "organizations", "consumers").contains(tenant);
    }

    private static URI uri(String template, String tenant) {
        return template == null ? null : URI.create(template.replace("{tenant}", tenant));
    }
}
