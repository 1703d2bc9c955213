package io.github.tokenstore.cdi.internal;

import io.github.tokenstore.UserSignature;
import org.junit.jupiter.api.Test;

import java.security.Principal;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The default resolver: the caller's principal, else the user of the login in the HTTP session. */
class PrincipalUserResolverTest {

    private static final Principal ANA = () -> "ana";
    private static final Principal ANONYMOUS = () -> "anonymous";

    @Test
    void thePrincipalWinsOverTheSessionLogin() {
        assertThat(new PrincipalUserResolver(ANA, () -> Optional.of("ada@school.example")).resolve(null))
                .contains(new UserSignature("ana"));
    }

    @Test
    void withoutPrincipalOrAsAnonymousTheSessionLoginAnswers() {
        assertThat(new PrincipalUserResolver(null, () -> Optional.of("ada@school.example")).resolve(null))
                .contains(new UserSignature("ada@school.example"));
        assertThat(new PrincipalUserResolver(ANONYMOUS, () -> Optional.of("ada@school.example")).resolve(null))
                .contains(new UserSignature("ada@school.example"));
    }

    @Test
    void withoutEitherNoUserOrTheAnonymousPrincipalAsBefore() {
        assertThat(new PrincipalUserResolver(null, Optional::empty).resolve(null)).isEmpty();
        assertThat(new PrincipalUserResolver(ANONYMOUS).resolve(null)).contains(new UserSignature("anonymous"));
    }
}
