package io.github.tokenstore.examples.portal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.net.URI;
import java.util.Optional;

/**
 * The portal's own settings ({@code portal.*}) and the {@code tokenstore.oauth.*} keys the login page
 * needs to build the authorize URL. All come from MicroProfile Config: the WAR's
 * {@code META-INF/microprofile-config.properties}, overridable by system properties and environment
 * variables.
 */
@ApplicationScoped
public class PortalConfig {

    @Inject
    @ConfigProperty(name = "portal.url")
    String url;

    @Inject
    @ConfigProperty(name = "portal.demo", defaultValue = "false")
    boolean demo;

    @Inject
    @ConfigProperty(name = "portal.scope", defaultValue = "ZohoCRM.modules.contacts.READ")
    String scope;

    @Inject
    @ConfigProperty(name = "portal.remember-me-key")
    String rememberMeKey;

    @Inject
    @ConfigProperty(name = "portal.remember-me-days", defaultValue = "30")
    int rememberMeDays;

    @Inject
    @ConfigProperty(name = "tokenstore.oauth.client-id")
    String clientId;

    @Inject
    @ConfigProperty(name = "tokenstore.oauth.redirect-uri")
    String redirectUri;

    @Inject
    @ConfigProperty(name = "tokenstore.oauth.accounts-url")
    Optional<String> accountsUrl;

    @Inject
    @ConfigProperty(name = "tokenstore.oauth.data-center", defaultValue = "US")
    String dataCenter;

    /** The portal's URL as the browser sees it, without a trailing slash, e.g. {@code http://127.0.0.1:9080/student-portal}. */
    public URI url() {
        return URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
    }

    /** Demo mode: the fake Zoho server under {@code /fake-zoho} is served and is the accounts server. */
    public boolean demo() {
        return demo;
    }

    /** The OAuth scopes the login asks for. */
    public String scope() {
        return scope;
    }

    /** Signs the remember-me cookie; keep it secret and the same across restarts. */
    public String rememberMeKey() {
        return rememberMeKey;
    }

    public int rememberMeDays() {
        return rememberMeDays;
    }

    public String clientId() {
        return clientId;
    }

    public String redirectUri() {
        return redirectUri;
    }

    /** {@code tokenstore.oauth.accounts-url}, if set (demo mode sets it to the fake server). */
    public Optional<String> accountsUrl() {
        return accountsUrl.filter(s -> !s.isBlank());
    }

    public String dataCenter() {
        return dataCenter;
    }
}
