package io.github.tokenstore;

import jakarta.enterprise.util.Nonbinding;
import jakarta.interceptor.InterceptorBinding;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method that calls the CRM (on a class: every business method of the bean). Around each call
 * the library finds whose token it is, makes a valid access token available through {@link CurrentToken}
 * (refreshed if needed, saved through the {@link TokenStore} in use), and if the method throws
 * {@link InvalidTokenException} refreshes the token and calls the method once more.
 *
 * <p>Whose token, first rule that gives a user: the parameter annotated {@link TokenUser}; else
 * {@link #user()} on the method, else on the class; else the application's
 * {@link io.github.tokenstore.spi.TokenUserResolver} (by default the caller's
 * {@link java.security.Principal}); else the configuration key {@code tokenstore.user}. If none gives a
 * user the call fails with {@code TOKENSTORE-0520}, naming the method.
 *
 * <p>Which client's token, first that names one: {@link #client()} on the method, else on the class, else the
 * default client ({@code tokenstore.default-client}; see docs/configuration.md, "Named clients"). A name that
 * no configured client has is a deployment problem ({@code TOKENSTORE-1120}) naming the method or class.
 *
 * <p>The interceptor is enabled application-wide by its priority,
 * {@code io.github.tokenstore.cdi.CrmCallInterceptor.PRIORITY}: inside {@code @Transactional}.
 */
@InterceptorBinding
@Inherited
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface CrmCall {

    /**
     * A fixed user whose token the method uses (a service account), unless a {@link TokenUser} parameter
     * names one; empty (the default) for none.
     */
    @Nonbinding
    String user() default "";

    /**
     * The name of the OAuth client whose token the method uses, e.g. {@code salesforce}; empty (the default)
     * for the class's, else the default client.
     */
    @Nonbinding
    String client() default "";
}
