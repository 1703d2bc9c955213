package io.github.tokenstore.examples.testsupport;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

import java.util.Set;

/**
 * Test support for the integration tests, under {@code /test-support}: looks at the token table of the
 * server's default datasource with plain JDBC, past the library. Not part of the portal: served only
 * with {@code portal.test-support=true}, which the pom sets for the servers it tests; otherwise 404.
 * Answers never carry a token, only the digests the table keeps.
 */
@ApplicationPath("test-support")
public class TestSupportApplication extends Application {

    @Override
    public Set<Class<?>> getClasses() {
        return Set.of(TokenTableResource.class, TestSupportOnly.class);
    }
}
