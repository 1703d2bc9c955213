package io.github.tokenstore.cdi.internal;

import io.github.tokenstore.UserSignature;
import io.github.tokenstore.spi.TokenUserResolver;

import java.lang.reflect.Method;
import java.security.Principal;
import java.util.Optional;

/**
 * The default {@link TokenUserResolver}: the name of the caller's {@link Principal}, from CDI's built-in
 * {@code Principal} bean (a Jakarta EE server's logged-in caller). Without that bean (Java SE), or when
 * the container cannot say (no security services, no caller), it gives no user.
 */
public final class PrincipalUserResolver implements TokenUserResolver {

    private final Principal principal;

    /** @param principal the built-in bean's instance (it reads the current caller at each call), or null */
    public PrincipalUserResolver(Principal principal) {
        this.principal = principal;
    }

    @Override
    public Optional<UserSignature> resolve(Method method) {
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
