package io.github.tokenstore.cdi.internal;

import io.github.tokenstore.TokenStoreException;
import io.github.tokenstore.cdi.internal.ClientsConfig.ClientConfig;
import io.github.tokenstore.cdi.internal.OAuthConfig.RefreshSettings;
import io.github.tokenstore.core.RejectedArgumentException;
import io.github.tokenstore.oauth.DataCenter;
import io.github.tokenstore.oauth.ZohoAccountsClient;
import io.github.tokenstore.oidc.OAuth2Provider;
import io.github.tokenstore.oidc.ProviderPreset;
import io.github.tokenstore.provider.OAuthProviders;
import io.github.tokenstore.zoho.ZohoDataCenters;
import io.github.tokenstore.zoho.ZohoProvider;

import java.time.Clock;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@link OAuthProviders} of every configured OAuth client, by client name: the {@code tokenstore.oauth.*}
 * client (named {@value ClientsConfig#LEGACY_CLIENT}) with its allowed data centers as before, a named Zoho
 * client with its one data center, and every other named client as an {@link OAuth2Provider} (a preset's
 * endpoints, or the given ones, or the issuer's). Building makes no request: an OpenID Connect issuer's
 * discovery document is fetched when the client is first used, never at deployment.
 */
public final class ClientProviders {

    private ClientProviders() {
    }

    /**
     * Every client's providers, in the order of {@link ClientsConfig#names()}.
     *
     * @param clients  the clients, read without problems
     * @param clock    the time for ID-token checks and {@code Retry-After}
     * @param problems where a value the provider's builder refuses goes (the keys were checked already, so
     *                 this is a last line of defence)
     * @return the providers by client name; a client whose provider could not be built is missing
     */
    public static Map<String, OAuthProviders> of(ClientsConfig clients, Clock clock,
                                                 List<TokenStoreException> problems) {
        Map<String, OAuthProviders> all = new LinkedHashMap<>();
        if (clients.zoho() != null) {
            all.put(ClientsConfig.LEGACY_CLIENT, clients.zoho().providers(clock));
        }
        for (ClientConfig client : clients.named().values()) {
            try {
                all.put(client.name(), of(client, clients.settings(), clock));
            } catch (RejectedArgumentException e) {
                problems.add(CdiMessages.deploymentProblem(e));
            } catch (IllegalArgumentException e) {
                problems.add(ClientsMessages.clientUnbuildable(client.name(), client.provider().key(),
                        e.getMessage()));
            }
        }
        return Collections.unmodifiableMap(all);
    }

    /** One named client's providers. */
    static OAuthProviders of(ClientConfig client, RefreshSettings settings, Clock clock) {
        if (client.provider() == ClientsConfig.Provider.ZOHO) {
            DataCenter dc = client.dataCenter();
            ZohoAccountsClient accounts = ZohoAccountsClient.builder().dataCenter(dc).accountsUrl(client.accountsUrl())
                    .clientId(client.clientId()).clientSecret(client.clientSecret()).redirectUri(client.redirectUri())
                    .connectTimeout(settings.connectTimeout()).requestTimeout(settings.requestTimeout()).build();
            return new ZohoDataCenters(dc, Map.of(dc, new ZohoProvider(dc.location(), accounts, client.scopes(),
                    clock)));
        }
        OAuth2Provider.Builder b = client.provider().preset()
                ? OAuth2Provider.builder(ProviderPreset.forName(client.provider().key()).orElseThrow())
                : OAuth2Provider.builder();
        b.issuer(client.issuer())
                .authorizationEndpoint(client.authorizationUrl())
                .tokenEndpoint(client.tokenUrl())
                .revocationEndpoint(client.revocationUrl())
                .clientId(client.clientId())
                .clientSecret(client.clientSecret())
                .clientKey(client.clientKey())
                .clientKeyId(client.clientKeyId())
                .clientCertificate(client.clientCertificate())
                .redirectUri(client.redirectUri())
                .scopes(client.scopes())
                .pkce(client.pkce())
                .connectTimeout(settings.connectTimeout())
                .requestTimeout(settings.requestTimeout())
                .clock(clock);
        switch (client.clientAuth()) {
            case CLIENT_SECRET_BASIC -> b.clientAuth(OAuth2Provider.ClientAuth.CLIENT_SECRET_BASIC);
            case CLIENT_SECRET_POST -> b.clientAuth(OAuth2Provider.ClientAuth.CLIENT_SECRET_POST);
            case NONE -> b.clientAuth(OAuth2Provider.ClientAuth.NONE);
            case PRIVATE_KEY_JWT -> b.clientAuth(OAuth2Provider.ClientAuth.PRIVATE_KEY_JWT);
        }
        return OAuthProviders.single(b.build());
    }
}
