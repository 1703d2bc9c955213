package io.github.tokenstore;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the parameter of a {@link CrmCall} method that names whose token the call uses: a {@code String}
 * (the user's name, e.g. an e-mail address) or a {@link UserSignature}. It takes precedence over every
 * other rule. A deployment problem ({@code TOKENSTORE-0509}) occurs if it is on a parameter of another
 * type or on two parameters of one method; a null or blank argument fails the call with
 * {@code TOKENSTORE-0521}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface TokenUser {
}
