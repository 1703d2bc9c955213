package io.github.tokenstore;

import jakarta.inject.Qualifier;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the {@code EntityManager} the JPA token store should use instead of its own persistence unit.
 *
 * <p>Produce one from the application's persistence unit, which must list
 * {@link io.github.tokenstore.jpa.TokenEntity}:
 * <pre>{@code
 * @Produces @TokenStorage @PersistenceContext(unitName = "app")
 * EntityManager tokenStorage;
 * }</pre>
 * The store then works inside the application's transactions: it joins the caller's transaction
 * (JTA, or the entity manager's own resource-local transaction) and starts and commits one of its own
 * when none is active. The store obtains the entity manager once, as an {@code @ApplicationScoped} bean
 * injecting it would: produce a container-managed ({@code @PersistenceContext}) or normal-scoped one.
 */
@Qualifier
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.FIELD, ElementType.PARAMETER})
public @interface TokenStorage {
}
