package io.github.tokenstore.core;

import io.github.tokenstore.CurrentToken;
import io.github.tokenstore.OAuthToken;
import io.github.tokenstore.UserSignature;

import java.io.Serializable;

/**
 * {@link CurrentToken} read from {@link CrmCallFrames}: stateless, one instance serves every thread.
 * Serializable, so session-scoped beans may hold it.
 */
public final class ThreadCurrentToken implements CurrentToken, Serializable {

    private static final long serialVersionUID = 1L;

    /** The value's prefix in the {@code Authorization} header that Zoho's APIs expect. */
    public static final String SCHEME = "Zoho-oauthtoken ";

    @Override
    public boolean isActive() {
        return CrmCallFrames.current() != null;
    }

    @Override
    public String accessToken() {
        return frame("accessToken()").token().accessToken();
    }

    @Override
    public String apiDomain() {
        return frame("apiDomain()").token().apiDomain();
    }

    @Override
    public String authorizationHeader() {
        CrmCallFrames.Frame f = frame("authorizationHeader()");
        return f.provider() == null ? SCHEME + f.token().accessToken()
                : f.provider().authorizationHeader(f.token().accessToken());
    }

    @Override
    public String client() {
        return frame("client()").client();
    }

    @Override
    public UserSignature user() {
        return frame("user()").user();
    }

    @Override
    public OAuthToken token() {
        return frame("token()").token();
    }

    @Override
    public String toString() {
        CrmCallFrames.Frame f = CrmCallFrames.current();
        return "CurrentToken[" + (f == null ? "no @CrmCall in progress" : f.user().name()) + "]";
    }

    private static CrmCallFrames.Frame frame(String accessor) {
        CrmCallFrames.Frame f = CrmCallFrames.current();
        if (f == null) {
            throw CoreMessages.noCrmCallInProgress("CurrentToken." + accessor);
        }
        return f;
    }
}
