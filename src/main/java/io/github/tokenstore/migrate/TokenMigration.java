package io.github.tokenstore.migrate;

import com.zaxxer.hikari.HikariDataSource;
import io.github.tokenstore.EncryptionKeys;
import io.github.tokenstore.OAuthToken;
import io.github.tokenstore.TokenStore;
import io.github.tokenstore.TokenStoreException;
import io.github.tokenstore.TokenStores;
import io.github.tokenstore.file.NumericIds;
import io.github.tokenstore.file.TokenCsv;
import io.github.tokenstore.jpa.JpaSchema;
import io.github.tokenstore.jpa.JpaTokenStore;
import io.github.tokenstore.jpa.PooledDataSources;
import io.github.tokenstore.jpa.SchemaAction;
import io.github.tokenstore.jpa.SchemaMissingException;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The token migration command: imports a Zoho SDK's tokens into a store of this library, or exports a
 * store to the SDK's CSV layout.
 *
 * <pre>
 * java -cp tokenstore-cdi.jar:&lt;JPA provider, JDBC drivers&gt; io.github.tokenstore.migrate.TokenMigration --help
 * mvn -q compile exec:java@migrate -Dexec.args="--help"
 * </pre>
 *
 * <p>Exit codes: {@value #OK} done; {@value #ROWS_REJECTED} done, but rows were rejected (each is listed
 * with its reason); {@value #USAGE} wrong arguments; {@value #SOURCE_FAILED} the source cannot be read
 * (nothing was written); {@value #TARGET_FAILED} the target failed (rows listed before the error were
 * written; an import can simply run again). The output never holds a token, a client secret or a password.
 */
public final class TokenMigration {

    public static final int OK = 0;
    public static final int ROWS_REJECTED = 1;
    public static final int USAGE = 2;
    public static final int SOURCE_FAILED = 3;
    public static final int TARGET_FAILED = 4;

    /** Pool size of a JPA store the command opens: it works on one thread. */
    private static final int POOL_SIZE = 2;

    static final String USAGE_TEXT = """
            Usage:
              TokenMigration import SOURCE TARGET [--dry-run]
              TokenMigration export STORE --csv FILE [--overwrite] [--numeric-ids]

            SOURCE, a Zoho SDK's tokens (one of):
              --csv FILE            a FileStore token file (sdk_tokens.txt): the 10-column layout
                                    (id,user_name,...,api_domain) or an older one (9 columns without
                                    api_domain, user_mail instead of user_name; 6 columns), or
                                    this library's file store: the 10 columns and data_center,
                                    account (12), encrypted (11 or 13 columns, the last
                                    encryption_key_id); those two columns are kept
                --csv-keys-env VAR  the environment variable holding the encrypted file's keys,
                                    as tokenstore.encryption.keys: <key-id>:<base64>[,...]
              --db JDBC_URL         a DBStore table, e.g. jdbc:mariadb://127.0.0.1:3306/zohooauth
                --db-user NAME
                --db-password-env VAR   the environment variable holding the password
                --table NAME        the table (default oauthtoken)
              --sqlite FILE         the SQLite zohooauth.db of Zoho's Kaizen #192 article (table
                                    oauthtoken, or --table); opened read only

            TARGET (one of) and STORE (one of), this library's stores:
              --into-file FILE    | --from-file FILE     the file store (Zoho SDK CSV layout, plus
                                                         data_center and account once a token has one)
              --into-jpa JDBC_URL | --from-jpa JDBC_URL   the JPA store (table tokenstore_token)
                --jpa-user NAME
                --jpa-password-env VAR   the environment variable holding the password
                --schema create|validate|none   (default: create for import, validate for export)
                --jpa-provider CLASS     a PersistenceProvider class (default: the first found)
              --into-memory                              a store in memory, gone at the end: a trial

            --dry-run     read the source and the target, report what would happen, write nothing
            --overwrite   let export replace an existing file

            export writes the Zoho SDK's 10 columns: a token's data center and account (this
            library's own columns, which the SDK does not have) are left out.
            --numeric-ids export with decimal ids, as the Zoho SDK's own FileStore needs them: an id
                          that is one is kept, the others are numbered above the largest

            Exit codes: 0 done; 1 done, some rows rejected; 2 wrong arguments;
                        3 the source cannot be read; 4 the target failed.
            """;

    /** Held, so the levels set in main() stay set (the JDK keeps loggers weakly). */
    private static final List<Logger> QUIETED = new ArrayList<>();

    private TokenMigration() {
    }

    public static void main(String[] args) {
        // The JPA provider and the pool log their start at INFO; the command's own report is the output.
        for (String name : List.of("org.hibernate", "com.zaxxer.hikari", "org.eclipse.persistence")) {
            Logger logger = Logger.getLogger(name);
            logger.setLevel(Level.WARNING);
            QUIETED.add(logger);
        }
        int code = run(args, System.out, System.err, System::getenv);
        if (code != OK) {
            System.exit(code);
        }
    }

    /**
     * Runs the command.
     *
     * @param env the environment, for {@code --db-password-env} and {@code --jpa-password-env}
     * @return the exit code
     */
    public static int run(String[] args, PrintStream out, PrintStream err, Function<String, String> env) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return USAGE;
        }
        if (options.help) {
            out.print(USAGE_TEXT);
            return OK;
        }
        try {
            return options.command.equals("import") ? runImport(options, out, err, env) : runExport(options, out, err, env);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return USAGE;
        }
    }

    private static int runImport(Options o, PrintStream out, PrintStream err, Function<String, String> env) {
        SourceTokens source;
        try {
            source = readSource(o, env);
        } catch (TokenStoreException e) {
            err.println(e.getMessage());
            return SOURCE_FAILED;
        }
        out.println("source: " + source.description() + ", " + source.rows().size() + " rows");
        Report report;
        try (TokenStore target = o.dryRun ? openForDryRun(o, env, out)
                : openStore(o, "into", schema(o, SchemaAction.CREATE), env)) {
            out.println("target: " + target + (o.dryRun ? " (dry run: nothing is written)" : ""));
            report = TokenImporter.importTokens(source, target, o.dryRun);
        } catch (TokenStoreException e) {
            err.println(e.getMessage());
            err.println("rows before the failure were written; the import can run again: it skips what is there");
            return TARGET_FAILED;
        }
        int width = report.rows().stream().mapToInt(r -> r.where().length()).max().orElse(0);
        for (Report.Row row : report.rows()) {
            out.println(String.format(Locale.ROOT, "%-" + width + "s  %-8s  %s: %s", row.where(),
                    row.outcome().word(), row.who(), row.detail()));
        }
        out.println(report.counts() + (o.dryRun ? " (dry run: nothing was written)" : ""));
        return report.count(Report.Outcome.REJECTED) > 0 ? ROWS_REJECTED : OK;
    }

    private static int runExport(Options o, PrintStream out, PrintStream err, Function<String, String> env) {
        Path file = Path.of(o.value("--csv"));
        boolean overwrite = o.has("--overwrite");
        List<OAuthToken> tokens;
        String store;
        try {
            TokenExporter.checkTarget(file, overwrite);
        } catch (TokenStoreException e) {
            err.println(e.getMessage());
            return TARGET_FAILED;
        }
        try (TokenStore source = openStore(o, "from", schema(o, SchemaAction.VALIDATE), env)) {
            store = source.toString();
            tokens = source.getTokens();
        } catch (TokenStoreException e) {
            err.println(e.getMessage());
            return SOURCE_FAILED;
        }
        long lastId = 0;
        try {
            if (o.has("--numeric-ids")) {
                NumericIds.Numbered numbered = NumericIds.renumber(tokens, 0);
                lastId = numbered.lastId();
                TokenExporter.write(numbered.tokens(), file, overwrite, lastId);
            } else {
                TokenExporter.write(tokens, file, overwrite);
            }
        } catch (TokenStoreException e) {
            err.println(e.getMessage());
            return TARGET_FAILED;
        }
        out.println("exported " + tokens.size() + " tokens from " + store + " to " + file.toAbsolutePath().normalize()
                + " (10 columns: " + TokenCsv.HEADER + ")"
                + (o.has("--numeric-ids") ? "; numeric ids, the largest " + lastId : ""));
        return OK;
    }

    private static SourceTokens readSource(Options o, Function<String, String> env) {
        String table = o.has("--table") ? o.value("--table") : ZohoSdkTable.DEFAULT_TABLE;
        ZohoSdkTable.checkTableName(table);
        if (o.has("--csv")) {
            return ZohoSdkFile.read(Path.of(o.value("--csv")), keys(o, env));
        }
        if (o.has("--sqlite")) {
            return ZohoSdkTable.readSqlite(Path.of(o.value("--sqlite")), table);
        }
        return ZohoSdkTable.readDatabase(o.value("--db"), o.value("--db-user"),
                password(o, "--db-password-env", env), table);
    }

    /** @param direction {@code into} for an import's target, {@code from} for an export's store */
    private static TokenStore openStore(Options o, String direction, SchemaAction schema,
                                        Function<String, String> env) {
        if (o.has("--" + direction + "-file")) {
            return TokenStores.file(Path.of(o.value("--" + direction + "-file")));
        }
        if (o.has("--into-memory")) {
            return TokenStores.inMemory();
        }
        String password = password(o, "--jpa-password-env", env);
        // As TokenStores.jpa(url, user, password) does, with the schema action and provider of the options.
        HikariDataSource pool = PooledDataSources.create(o.value("--" + direction + "-jpa"), o.value("--jpa-user"),
                password, POOL_SIZE);
        try {
            return JpaTokenStore.open(pool, schema, o.value("--jpa-provider"), pool);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    /**
     * The target of a dry run, which creates nothing: a JPA store's table is only checked ({@code validate}
     * unless {@code --schema} says otherwise); if it does not exist yet, the run compares with an empty
     * store, which is what the real run would start from.
     */
    private static TokenStore openForDryRun(Options o, Function<String, String> env, PrintStream out) {
        if (!o.has("--into-jpa")) {
            return openStore(o, "into", SchemaAction.VALIDATE, env);
        }
        SchemaAction schema = schema(o, SchemaAction.CREATE);
        try {
            return openStore(o, "into", schema == SchemaAction.CREATE ? SchemaAction.VALIDATE : schema, env);
        } catch (SchemaMissingException e) {
            if (schema != SchemaAction.CREATE) {
                throw e;
            }
            out.println("target: the JPA store has no table " + JpaSchema.TABLE + " yet; the dry run compares "
                    + "with an empty store, as the import would start from");
            return TokenStores.inMemory();
        }
    }

    private static SchemaAction schema(Options o, SchemaAction otherwise) {
        if (!o.has("--schema")) {
            return otherwise;
        }
        String value = o.value("--schema");
        try {
            return SchemaAction.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw MigrationMessages.migrationUsage("--schema is '" + Report.printable(value, 40)
                    + "'; it is one of create, validate, none");
        }
    }

    /**
     * The keys of {@code --csv-keys-env}, or null. A key never comes from the command line, where other
     * users and the shell's history see it.
     *
     * @throws IllegalArgumentException 0412 if the variable is not set, 0300-0303 if its value is no keys
     */
    private static EncryptionKeys keys(Options o, Function<String, String> env) {
        String variable = o.value("--csv-keys-env");
        if (variable == null) {
            return null;
        }
        String keys = env.apply(variable);
        if (keys == null) {
            throw MigrationMessages.passwordVariableUnset("--csv-keys-env", variable);
        }
        return EncryptionKeys.parse(keys);
    }

    private static String password(Options o, String option, Function<String, String> env) {
        String variable = o.value(option);
        if (variable == null) {
            return null;
        }
        String password = env.apply(variable);
        if (password == null) {
            throw MigrationMessages.passwordVariableUnset(option, variable);
        }
        return password;
    }

    /** The parsed arguments; checks what goes together. */
    private static final class Options {
        private static final Set<String> FLAGS = Set.of("--dry-run", "--overwrite", "--numeric-ids", "--into-memory", "--help", "-h");
        private static final Set<String> VALUED = Set.of("--csv", "--db", "--sqlite", "--db-user", "--db-password-env",
                "--table", "--csv-keys-env", "--into-file", "--into-jpa", "--from-file", "--from-jpa", "--jpa-user",
                "--jpa-password-env", "--schema", "--jpa-provider");
        private static final List<String> SOURCES = List.of("--csv", "--db", "--sqlite");
        private static final List<String> TARGETS = List.of("--into-file", "--into-jpa", "--into-memory");
        private static final List<String> STORES = List.of("--from-file", "--from-jpa");

        private String command;
        private boolean help;
        private boolean dryRun;
        private final Map<String, String> values = new HashMap<>();

        static Options parse(String[] args) {
            Options o = new Options();
            if (args.length == 0) {
                throw MigrationMessages.migrationUsage("no command given; the commands are import and export");
            }
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if (i == 0 && (a.equals("import") || a.equals("export"))) {
                    o.command = a;
                } else if (FLAGS.contains(a)) {
                    o.values.put(a.equals("-h") ? "--help" : a, "");
                } else if (VALUED.contains(a)) {
                    if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
                        throw MigrationMessages.migrationUsage(a + " needs a value");
                    }
                    if (o.values.put(a, args[++i]) != null) {
                        throw MigrationMessages.migrationUsage(a + " is given twice");
                    }
                } else {
                    // Never echo a stray argument: it may be a password typed in the wrong place.
                    throw MigrationMessages.migrationUsage("argument " + (i + 1) + " is "
                            + (a.startsWith("--") ? "the unknown option " + Report.printable(a, 40) : "not an option")
                            + (i == 0 ? "; the commands are import and export" : ""));
                }
            }
            o.help = o.has("--help");
            o.dryRun = o.has("--dry-run");
            if (o.help) {
                return o;
            }
            schema(o, SchemaAction.NONE); // checks the value before anything is read
            if (o.command == null) {
                throw MigrationMessages.migrationUsage("no command given; the commands are import and export");
            }
            if (o.command.equals("import")) {
                o.exactlyOne(SOURCES, "source");
                o.exactlyOne(TARGETS, "target");
                o.none(STORES, "import");
                o.none(List.of("--overwrite"), "import");
                o.requireWith("--db", "--db-user", "--db-password-env");
                o.requireWith("--csv", "--csv-keys-env");
                o.requireWith("--into-jpa", "--jpa-user", "--jpa-password-env", "--schema", "--jpa-provider");
                if (o.has("--table") && o.has("--csv")) {
                    throw MigrationMessages.migrationUsage("--table goes with --db or --sqlite, not --csv");
                }
            } else {
                o.exactlyOne(STORES, "store to export");
                if (!o.has("--csv")) {
                    throw MigrationMessages.migrationUsage("export needs --csv FILE, the file to write");
                }
                o.none(List.of("--db", "--sqlite", "--table", "--db-user", "--db-password-env", "--dry-run",
                        "--csv-keys-env"), "export");
                o.none(TARGETS, "export");
                o.requireWith("--from-jpa", "--jpa-user", "--jpa-password-env", "--schema", "--jpa-provider");
            }
            return o;
        }

        boolean has(String option) {
            return values.containsKey(option);
        }

        String value(String option) {
            return values.get(option);
        }

        private void exactlyOne(List<String> options, String what) {
            long given = options.stream().filter(this::has).count();
            if (given != 1) {
                throw MigrationMessages.migrationUsage(command + " needs one " + what + " ("
                        + String.join(", ", options) + "); " + (given == 0 ? "none is" : given + " are") + " given");
            }
        }

        private void none(List<String> options, String command) {
            for (String option : options) {
                if (has(option)) {
                    throw MigrationMessages.migrationUsage(option + " does not go with " + command);
                }
            }
        }

        /** Options that only mean something beside {@code main}. */
        private void requireWith(String main, String... dependents) {
            if (has(main)) {
                return;
            }
            for (String dependent : dependents) {
                if (has(dependent)) {
                    throw MigrationMessages.migrationUsage(dependent + " goes with " + main);
                }
            }
        }
    }
}
