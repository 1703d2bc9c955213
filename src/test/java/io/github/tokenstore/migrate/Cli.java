package io.github.tokenstore.migrate;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Runs the command in this JVM and keeps what it printed. */
record Cli(int exitCode, String out, String err) {

    static Cli run(String... args) {
        return run(Map.of(), args);
    }

    static Cli run(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = TokenMigration.run(args, o, e, env::get);
        }
        return new Cli(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Everything printed, to look for secrets in. */
    String all() {
        return out + err;
    }

    /** The last line of the standard output: the counts. */
    String summary() {
        String[] lines = out.strip().split("\n");
        return lines[lines.length - 1];
    }
}
