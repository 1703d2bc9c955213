package io.github.tokenstore;

import jakarta.enterprise.util.AnnotationLiteral;
import jakarta.inject.Qualifier;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Objects;

/**
 * Selects the bean of one named OAuth client: the {@code io.github.tokenstore.oauth.TokenService} of the client
 * that the {@code tokenstore.clients.<name>.*} keys configure (or, for {@code "zoho"}, the
 * {@code tokenstore.oauth.*} keys).
 * <pre>{@code
 * @Inject @OAuthClient("salesforce") TokenService salesforce;
 * }</pre>
 * The default client's service is also the {@code @Default} bean, so {@code @Inject TokenService} keeps working.
 * A name that no client has leaves the injection point unsatisfied: the container's deployment error names it.
 */
@Qualifier
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.FIELD, ElementType.PARAMETER})
public @interface OAuthClient {

    /** The client's name, e.g. {@code salesforce}. */
    String value();

    /** The qualifier as a value, for {@code Instance.select(OAuthClient.Literal.of("salesforce"))}. */
    final class Literal extends AnnotationLiteral<OAuthClient> implements OAuthClient {

        private static final long serialVersionUID = 1L;

        private final String value;

        private Literal(String value) {
            this.value = value;
        }

        /**
         * The qualifier of one client.
         *
         * @throws NullPointerException if {@code name} is null
         */
        public static Literal of(String name) {
            return new Literal(Objects.requireNonNull(name, "name"));
        }

        @Override
        public String value() {
            return value;
        }
    }
}
