package io.github.tokenstore.login;

import java.net.URI;
import java.util.Objects;

/**
 * A started login: where to send the browser (a 303 to the provider's authorize page) and the value of the
 * login cookie that binds the login to that browser (set it, {@code HttpOnly}, {@code Secure} on https,
 * {@code SameSite=Lax}, before redirecting).
 *
 * <p>{@link #toString()} shows neither the URI (it holds the state) nor the cookie.
 *
 * @param redirect   the authorize URI
 * @param browserKey the login cookie's value
 */
public record LoginStart(URI redirect, String browserKey) {

    public LoginStart {
        Objects.requireNonNull(redirect, "redirect");
        Objects.requireNonNull(browserKey, "browserKey");
    }

    @Override
    public String toString() {
        return "LoginStart[redirect=" + redirect.getScheme() + "://" + redirect.getRawAuthority()
                + redirect.getRawPath() + "?…, browserKey=****]";
    }
}
