package io.github.tokenstore.login;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** A login's {@code return}: only a path of this application; an open-redirect corpus goes to the root. */
class ReturnPathsTest {

    @ParameterizedTest
    @ValueSource(strings = {"/", "/home", "/students/42", "/students/42/", "/a-b_c.d~e", "/search?q=smith&page=2",
        "/crm:contacts", "/@me", "/a/b/c?x=y/z", "/..a", "/.well/known"})
    void aPathOfTheApplicationIsKept(String path) {
        assertThat(ReturnPaths.sanitize(path)).isEqualTo(path);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {
        "//evil.example",
        "//evil.example/path",
        "///evil.example",
        "/\\evil.example",
        "\\\\evil.example",
        "\\/evil.example",
        "https://evil.example",
        "http://evil.example",
        "https:evil.example",
        "https:/evil.example",
        "javascript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "evil.example",
        "home",
        "./home",
        "../home",
        "/%2F%2Fevil.example",
        "/%2fevil.example",
        "%2F%2Fevil.example",
        "/%5Cevil.example",
        "/%5cevil.example",
        "/%09/evil.example",
        "/\t/evil.example",
        "/\n/evil.example",
        "/\r\nLocation: https://evil.example",
        "/ /evil.example",
        " //evil.example",
        "/home#//evil.example",
        "/..//evil.example",
        "/../evil.example",
        "/./evil.example",
        "/a/../../evil.example",
        "/a//evil.example",
        "/home?next=https%3A%2F%2Fevil.example",
        "/home?x=\\evil",
        "/\u3002evil.example",
        "/ｅvil",
        "/\u0000",
    })
    void anythingElseGoesToTheRoot(String value) {
        assertThat(ReturnPaths.sanitize(value)).isEqualTo("/");
    }

    @ParameterizedTest
    @ValueSource(ints = {1024, 1025})
    void aReturnPathLongerThanTheLimitGoesToTheRoot(int length) {
        String path = "/" + "a".repeat(length - 1);
        assertThat(ReturnPaths.sanitize(path)).isEqualTo(length <= ReturnPaths.MAX_LENGTH ? path : "/");
    }
}
