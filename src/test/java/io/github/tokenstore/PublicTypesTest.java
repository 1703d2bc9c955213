package io.github.tokenstore;

import io.github.tokenstore.file.FileTokenStore;
import io.github.tokenstore.jpa.JpaTokenStore;
import io.github.tokenstore.memory.InMemoryTokenStore;
import io.github.tokenstore.spi.RefreshLockTimeoutException;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** What an application sees of the API: the factories' types and the exceptions it may construct. */
class PublicTypesTest {

    @Test
    void everyFactoryOfAStoreReturnsThatStoresClassWithOrWithoutKeys() {
        Map<String, java.util.Set<Class<?>>> returned = Arrays.stream(TokenStores.class.getDeclaredMethods())
                .filter(m -> Modifier.isPublic(m.getModifiers()))
                .collect(Collectors.groupingBy(Method::getName,
                        Collectors.mapping(Method::getReturnType, Collectors.toSet())));

        assertThat(returned).containsOnly(
                Map.entry("inMemory", java.util.Set.of(InMemoryTokenStore.class)),
                Map.entry("file", java.util.Set.of(FileTokenStore.class)),
                Map.entry("jpa", java.util.Set.of(JpaTokenStore.class)));
    }

    @Test
    void anApplicationSaysTheCrmRejectedTheTokenWithTheStatusAlone() {
        InvalidTokenException bare = new InvalidTokenException(401);
        InvalidTokenException named = new InvalidTokenException("https://www.zohoapis.eu", 401);

        assertThat(bare.messageId()).isEqualTo("TOKENSTORE-0262");
        assertThat(bare).hasMessage("TOKENSTORE-0262: the CRM rejected the access token (HTTP 401 INVALID_TOKEN); "
                + "the token is refreshed and the call repeated once");
        assertThat(bare.httpStatus()).hasValue(401);
        assertThat(named).hasMessage("TOKENSTORE-0262: the CRM at https://www.zohoapis.eu rejected the access token "
                + "(HTTP 401 INVALID_TOKEN); the token is refreshed and the call repeated once");
    }

    @Test
    @SuppressWarnings("deprecation")
    void theOldConstructorsStillWorkAndSayNoMoreThanTheyWereGiven() {
        InvalidTokenException invalid = new InvalidTokenException("TOKENSTORE-0262", "TOKENSTORE-0262: rejected");
        AuthorizationRequiredException authorize = new AuthorizationRequiredException("APP-1", "APP-1: log in",
                new UserSignature("ana"));

        assertThat(invalid.httpStatus()).isEmpty();
        assertThat(authorize.reason()).isEqualTo(AuthorizationRequiredException.Reason.OTHER);
    }

    @Test
    void aCustomRefreshLockSaysItTimedOutWithoutAnId() {
        RefreshLockTimeoutException e = new RefreshLockTimeoutException(new UserSignature("ana"), Duration.ofSeconds(2));

        assertThat(e.messageId()).isEqualTo("TOKENSTORE-0271");
        assertThat(e).hasMessage("TOKENSTORE-0271: the refresh lock of user 'ana' was not free within PT2S; another "
                + "JVM holds it for a refresh that takes too long, or the wait is too short");
    }

    @Test
    void theClientQualifierIsAValueWithTheAnnotationsEquality() {
        @OAuthClient("salesforce")
        final class Annotated {
        }
        OAuthClient declared = Annotated.class.getAnnotation(OAuthClient.class);

        assertThat(OAuthClient.Literal.of("salesforce")).isEqualTo(declared).hasSameHashCodeAs(declared);
        assertThat(OAuthClient.Literal.of("zoho")).isNotEqualTo(declared);
        assertThat(OAuthClient.Literal.of("salesforce").value()).isEqualTo("salesforce");
    }

    @Test
    void crmCallNamesItsClientWithoutBindingOnIt() throws NoSuchMethodException {
        Method client = CrmCall.class.getMethod("client");

        assertThat(client.getDefaultValue()).isEqualTo("");
        assertThat(client.isAnnotationPresent(jakarta.enterprise.util.Nonbinding.class)).isTrue();
    }
}
