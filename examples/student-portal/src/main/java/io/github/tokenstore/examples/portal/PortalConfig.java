package io.github.tokenstore.examples.portal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.net.URI;

/**
 * The portal's own settings ({@code portal.*}). All come from MicroProfile Config: the WAR's
 * {@code META-INF/microprofile-config.properties}, overridable by system properties and environment
 * variables. The login's keys ({@code tokenstore.oauth.*}, {@code tokenstore.login.*}) are the library's.
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
    @ConfigProperty(name = "portal.classroom-api")
    String classroomApi;

    @Inject
    @ConfigProperty(name = "portal.remember-me-key")
    String rememberMeKey;

    @Inject
    @ConfigProperty(name = "portal.remember-me-days", defaultValue = "30")
    int rememberMeDays;

    /** The portal's URL as the browser sees it, without a trailing slash, e.g. {@code http://127.0.0.1:9080/student-portal}. */
    public URI url() {
        return URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
    }

    /** Demo mode: the fake Zoho server under {@code /fake-zoho} is served and is the accounts server. */
    public boolean demo() {
        return demo;
    }

    /** Zylker Classroom's API, where {@code courses} is, e.g. {@code <portal>/fake-classroom/api} in demo mode. */
    public URI classroomApi() {
        return URI.create(classroomApi.endsWith("/") ? classroomApi.substring(0, classroomApi.length() - 1)
                : classroomApi);
    }

    /** Signs the remember-me cookie; keep it secret and the same across restarts. */
    public String rememberMeKey() {
        return rememberMeKey;
    }

    public int rememberMeDays() {
        return rememberMeDays;
    }
}
