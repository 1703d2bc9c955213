package io.github.tokenstore.cdi;

import io.github.tokenstore.CrmCall;
import io.github.tokenstore.InvalidTokenException;
import io.github.tokenstore.OAuthToken;
import io.github.tokenstore.UserSignature;
import io.github.tokenstore.cdi.internal.CrmCallSupport;
import io.github.tokenstore.core.CrmCallFrames;
import io.github.tokenstore.oauth.TokenService;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

import java.lang.reflect.Method;

/**
 * The interceptor of {@link CrmCall} methods. Around each call:
 * <ol>
 *   <li>finds whose token it is (see {@link CrmCall}; {@code TOKENSTORE-0520} naming the method if no rule
 *       gives a user);</li>
 *   <li>gets the user's valid token from {@link TokenService#currentToken} (from memory while it is fresh;
 *       refreshed and saved through the {@code TokenStore} in use when needed);</li>
 *   <li>makes it the {@link io.github.tokenstore.CurrentToken} of the calling thread for the call;</li>
 *   <li>if the method throws {@link InvalidTokenException} (also as the cause of another exception, as
 *       JAX-RS clients wrap a filter's exception in a {@code ProcessingException}), gets a new token with
 *       {@link TokenService#refreshRejected} and calls the method once more. A second failure propagates;
 *       there is never a third call.</li>
 * </ol>
 * Enabled for the whole application by {@link #PRIORITY}; the extension registers it, the jar needs no
 * {@code beans.xml}.
 */
@CrmCall
@Interceptor
@Priority(CrmCallInterceptor.PRIORITY)
public class CrmCallInterceptor {

    /**
     * {@code Interceptor.Priority.LIBRARY_BEFORE + 10} (1010). {@code @Transactional}'s interceptor is
     * {@code PLATFORM_BEFORE + 200} (200): lower runs first, so a {@code @Transactional @CrmCall} method's
     * token lookup and its one retry happen inside the transaction.
     */
    public static final int PRIORITY = Interceptor.Priority.LIBRARY_BEFORE + 10;

    /** How deep to look for an {@link InvalidTokenException} among an exception's causes. */
    private static final int CAUSE_DEPTH = 8;

    private final CrmCallSupport support;

    @Inject
    CrmCallInterceptor(CrmCallSupport support) {
        this.support = support;
    }

    @AroundInvoke
    Object crmCall(InvocationContext context) throws Exception {
        Method method = context.getMethod();
        CrmCallSupport.Plan plan = support.plan(context.getTarget().getClass(), method);
        UserSignature user = support.user(plan, method, context.getParameters());
        TokenService service = support.tokenService(plan);
        OAuthToken token = service.currentToken(user);
        CrmCallFrames.Frame frame = CrmCallFrames.enter(user, token, support.clientName(plan),
                support.provider(plan, token));
        try {
            try {
                return context.proceed();
            } catch (Exception e) {
                if (invalidToken(e) == null) {
                    throw e;
                }
                OAuthToken fresh;
                try {
                    fresh = service.refreshRejected(user, frame.token());
                } catch (RuntimeException refreshFailed) {
                    refreshFailed.addSuppressed(e);
                    throw refreshFailed;
                }
                frame.token(fresh);
                return context.proceed();
            }
        } finally {
            CrmCallFrames.leave(frame);
        }
    }

    private static InvalidTokenException invalidToken(Throwable e) {
        Throwable t = e;
        for (int i = 0; i < CAUSE_DEPTH && t != null; i++) {
            if (t instanceof InvalidTokenException invalid) {
                return invalid;
            }
            t = t.getCause();
        }
        return null;
    }
}
