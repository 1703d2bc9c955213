package io.github.tokenstore.migrate;

import java.util.List;

/**
 * Token values for the tests, each secret unique and recognizable, so a test can show that no output
 * holds any of them.
 */
final class SdkTokens {

    static final String CLIENT = "1000.CLIENTIDZYLKER";
    static final long EXPIRY = 1_900_000_000_000L;

    private SdkTokens() {
    }

    static String secret(String user) {
        return "csecret-" + user + "-7f3a";
    }

    static String refresh(String user) {
        return "1000.rtok-" + user + "-91bc";
    }

    static String access(String user) {
        return "1000.atok-" + user + "-55de";
    }

    /** Every secret the tests' sources hold for these users. */
    static List<String> secretsOf(String... users) {
        List<String> all = new java.util.ArrayList<>();
        for (String u : users) {
            all.add(secret(u));
            all.add(refresh(u));
            all.add(access(u));
            all.add("rtok-" + u);
            all.add("atok-" + u);
        }
        return all;
    }
}
