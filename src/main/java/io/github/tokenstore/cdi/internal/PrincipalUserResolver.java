package io.github.tokenstore.cdi.internal;

import io.github.tokenstore.UserSignature;
import io.github.tokenstore.spi.TokenUserResolver;

import java.lang.reflect.Method;
import java.security.Principal;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The default {@link TokenUserResolver}: the name of the caller's {@link Principal}, from CDI's built-in
 * {@code Principal} bean (a Jakarta EE server's logged-in caller); else the user who completed a login through
 * the library's login pages in the caller's HTTP session. Without either (Java SE, no security services, no
 * caller, no login), it gives no user.
 */
public final class PrincipalUserResolver implements TokenUserResolver {

    private final Principal principal;
    private final Supplier<Optional<String>> sessionLogin;

    /** @param principal the built-in bean's instance (it reads the current caller at each call), or null */
    public PrincipalUserResolver(Principal principal) {
        this(principal, Optional::empty);
    }

    /**
     * @param principal    the built-in bean's instance, or null
     * @param sessionLogin the user of the login in the current HTTP session, read at each call
     */
    public PrincipalUserResolver(Principal principal, Supplier<Optional<String>> sessionLogin) {
        this.principal = principal;
        this.sessionLogin = sessionLogin;
    }

    /** WildFly's name for a caller who is not logged in. */
    static final String ANONYMOUS = "anonymous";

    @Override
    public Optional<UserSignature> resolve(Method method) {
        Optional<UserSignature> caller = caller();
        if (caller.isPresent() && !caller.get().name().equals(ANONYMOUS)) {
            return caller;
        }
        Optional<UserSignature> login = sessionLogin.get().map(UserSignature::new);
        return login.isPresent() ? login : caller;
    }

    private Optional<UserSignature> caller() {
        if (principal == null) {
            return Optional.empty();
        }
        String name;
        try {
            name = principal.getName();
        } catch (RuntimeException noCallerOrNoSecurity) {
            return Optional.empty();
        }
        return name == null || name.isBlank() ? Optional.empty() : Optional.of(new UserSignature(name));
    }
}
