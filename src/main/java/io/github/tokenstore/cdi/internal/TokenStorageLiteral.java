package io.github.tokenstore.cdi.internal;

import io.github.tokenstore.TokenStorage;
import jakarta.enterprise.util.AnnotationLiteral;

/** An instance of {@link TokenStorage}, for selecting the application's entity manager. */
public final class TokenStorageLiteral extends AnnotationLiteral<TokenStorage> implements TokenStorage {

    private static final long serialVersionUID = 1L;

    /** The one instance. */
    public static final TokenStorage INSTANCE = new TokenStorageLiteral();

    private TokenStorageLiteral() {
    }
}
