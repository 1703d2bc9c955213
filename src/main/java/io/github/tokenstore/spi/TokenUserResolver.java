package io.github.tokenstore.spi;

import io.github.tokenstore.UserSignature;

import java.lang.reflect.Method;
import java.util.Optional;

/**
 * Says whose token a {@code @CrmCall} method uses when neither a {@code @TokenUser} parameter nor
 * {@code @CrmCall(user = …)} names one. Implement it as a CDI bean of the application (any scope) to
 * replace the default, which takes the name of the caller's {@link java.security.Principal} when the
 * container knows one. If the resolver gives no user, the configuration key {@code tokenstore.user} is
 * the last resort.
 *
 * <p>Called on the caller's thread at every such call: keep it fast. A deployment problem
 * ({@code TOKENSTORE-0508}) occurs if the application has two resolver beans that are not alternatives.
 */
@FunctionalInterface
public interface TokenUserResolver {

    /**
     * The user of the call in progress.
     *
     * @param method the {@code @CrmCall} method being called
     * @return the user, or empty to fall through to {@code tokenstore.user}
     */
    Optional<UserSignature> resolve(Method method);
}
