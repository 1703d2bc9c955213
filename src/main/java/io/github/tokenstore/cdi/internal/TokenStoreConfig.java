package io.github.tokenstore.cdi.internal;

import io.github.tokenstore.EncryptionKeys;
import io.github.tokenstore.TokenStoreException;
import io.github.tokenstore.UserSignature;
import io.github.tokenstore.core.CoreMessages;
import io.github.tokenstore.core.RejectedArgumentException;
import io.github.tokenstore.file.FileIdMessages;
import io.github.tokenstore.file.FileTokenStore;
import io.github.tokenstore.jpa.PooledDataSources;
import io.github.tokenstore.jpa.SchemaAction;
import io.github.tokenstore.oauth.TokenCleanup;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The {@code tokenstore.*} configuration, read and converted in one go: every value that is wrong
 * becomes a {@linkplain #problems() problem} (a {@link TokenStoreException} with its ID), so a
 * deployment reports all of them at once. Plain Java: the source of values is a function, MicroProfile
 * Config in a container, a map in a test. Immutable.
 */
public final class TokenStoreConfig {

    /** {@code jpa} (default), {@code file} or {@code memory}. */
    public static final String STORE = "tokenstore.store";
    /** The directory of the default file and H2 database; default the working directory. */
    public static final String DIRECTORY = "tokenstore.directory";
    /** The file store's CSV file; relative paths are resolved against {@link #DIRECTORY}. */
    public static final String FILE_PATH = "tokenstore.file.path";
    /**
     * How the file store makes new ids: {@code uuid} (default) or {@code numeric} (decimal ids the Zoho SDK's
     * own {@code FileStore} can add to), case ignored.
     */
    public static final String FILE_IDS = "tokenstore.file.ids";
    /** The JNDI name of the JPA store's datasource. */
    public static final String JPA_DATASOURCE = "tokenstore.jpa.datasource";
    /** The JPA store's JDBC URL, instead of a datasource. */
    public static final String JPA_URL = "tokenstore.jpa.url";
    /** The user for {@link #JPA_URL}. */
    public static final String JPA_USER = "tokenstore.jpa.user";
    /** The password for {@link #JPA_URL}; never shown in a message. */
    public static final String JPA_PASSWORD = "tokenstore.jpa.password";
    /** {@code create} (default), {@code validate} or {@code none}. */
    public static final String JPA_SCHEMA = "tokenstore.jpa.schema";
    /** The most connections of the pool for {@link #JPA_URL}. */
    public static final String JPA_POOL_SIZE = "tokenstore.jpa.pool-size";
    /** The {@code PersistenceProvider} class name; default the first one on the class path. */
    public static final String JPA_PROVIDER = "tokenstore.jpa.provider";

    /** The user of {@code @CrmCall} methods for which nothing else names one. */
    public static final String USER = "tokenstore.user";

    /**
     * The AES-256 keys of the JPA and file stores, {@code <id>:<base64>[,…]}, the first active
     * ({@link EncryptionKeys#parse}); a secret, never shown.
     */
    public static final String ENCRYPTION_KEYS = "tokenstore.encryption.keys";

    /**
     * Whether {@code TokenService.delete} revokes the token at the accounts server first; {@code true} or
     * {@code false} (default), case ignored.
     */
    public static final String REVOKE_ON_DELETE = "tokenstore.revoke-on-delete";

    /** ISO-8601 duration of at least {@code PT1H}: delete (and revoke) tokens unused this long; unset: no clean-up. */
    public static final String CLEANUP_IDLE_AFTER = "tokenstore.cleanup.idle-after";
    /** ISO-8601 duration between clean-up sweeps; default {@link #DEFAULT_CLEANUP_INTERVAL}. */
    public static final String CLEANUP_INTERVAL = "tokenstore.cleanup.interval";
    /** Time between clean-up sweeps unless {@link #CLEANUP_INTERVAL} says otherwise. */
    public static final Duration DEFAULT_CLEANUP_INTERVAL = Duration.ofHours(6);

    /** Every key the CDI layer reads; the table in docs/configuration.md lists each (ReadmeTest). */
    public static final List<String> KEYS = Stream.concat(Stream.of(STORE, DIRECTORY, FILE_PATH, FILE_IDS, JPA_DATASOURCE,
            JPA_URL, JPA_USER, JPA_PASSWORD, JPA_SCHEMA, JPA_POOL_SIZE, JPA_PROVIDER, USER, ENCRYPTION_KEYS,
            REVOKE_ON_DELETE, CLEANUP_IDLE_AFTER, CLEANUP_INTERVAL),
            Stream.concat(OAuthConfig.KEYS.stream(), Stream.concat(ClientsConfig.KEYS.stream(),
                    CacheSyncConfig.KEYS.stream()))).toList();

    /** The datasource a Jakarta EE server must offer, used when no key names another. */
    public static final String DEFAULT_DATASOURCE = "java:comp/DefaultDataSource";
    /** The file store's file name in {@link #DIRECTORY}: the Zoho Java SDK's. */
    public static final String DEFAULT_FILE = "sdk_tokens.txt";
    /** The H2 database's name in {@link #DIRECTORY} (files {@code tokenstore.mv.db}…) outside a server. */
    public static final String DEFAULT_H2_DATABASE = "tokenstore";
    static final String DEFAULT_H2_USER = "sa";

    /** The store kinds {@link #STORE} names. */
    public enum Store {
        /** The JPA store (default). */
        JPA,
        /** The CSV file store. */
        FILE,
        /** The in-memory store. */
        MEMORY
    }

    private final Store store;
    private final Path directory;
    private final Path filePath;
    private final FileTokenStore.Ids fileIds;
    private final String datasource;
    private final String url;
    private final String user;
    private final String password;
    private final SchemaAction schema;
    private final int poolSize;
    private final String provider;
    private final UserSignature configuredUser;
    private final OAuthConfig oauth;
    private final ClientsConfig clients;
    private final EncryptionKeys encryptionKeys;
    private final boolean revokeOnDelete;
    private final Duration cleanupIdleAfter;
    private final Duration cleanupInterval;
    private final List<TokenStoreException> problems;

    private TokenStoreConfig(Reader r) {
        store = r.store;
        directory = r.directory;
        filePath = r.filePath;
        fileIds = r.fileIds;
        datasource = r.datasource;
        url = r.url;
        user = r.user;
        password = r.password;
        schema = r.schema;
        poolSize = r.poolSize;
        provider = r.provider;
        configuredUser = r.configuredUser;
        oauth = r.oauth;
        clients = r.clients;
        encryptionKeys = r.encryptionKeys;
        revokeOnDelete = r.revokeOnDelete;
        cleanupIdleAfter = r.cleanupIdleAfter;
        cleanupInterval = r.cleanupInterval;
        problems = List.copyOf(r.problems);
    }

    /**
     * Reads every key from {@code source}.
     *
     * @param source           the value of a key, empty if it is not set
     * @param workingDirectory where relative defaults live unless {@link #DIRECTORY} says otherwise
     * @return the configuration; check {@link #problems()} before using it
     */
    public static TokenStoreConfig read(Function<String, Optional<String>> source, Path workingDirectory) {
        return read(source, workingDirectory, false);
    }

    /**
     * Reads every key from {@code source}, for an application that produces its own {@code TokenService}
     * if {@code ownTokenService}: {@link #REVOKE_ON_DELETE} then configures no service, so it needs no OAuth
     * client (no TOKENSTORE-0702).
     */
    public static TokenStoreConfig read(Function<String, Optional<String>> source, Path workingDirectory,
                                        boolean ownTokenService) {
        return read(source, List.of(), workingDirectory, ownTokenService);
    }

    /**
     * Reads every key from {@code source}, and the named OAuth clients ({@code tokenstore.clients.<name>.*}) that
     * {@code names} shows.
     *
     * @param names the names of the keys that are set, e.g. MicroProfile Config's property names
     */
    public static TokenStoreConfig read(Function<String, Optional<String>> source, Iterable<String> names,
                                        Path workingDirectory, boolean ownTokenService) {
        Reader reader = new Reader(source, names, workingDirectory.toAbsolutePath());
        reader.ownTokenService = ownTokenService;
        return new TokenStoreConfig(reader.read());
    }

    /** The configured store kind. */
    public Store store() {
        return store;
    }

    /** The directory of the defaults, absolute. */
    public Path directory() {
        return directory;
    }

    /** The file store's file, absolute. */
    public Path filePath() {
        return filePath;
    }

    /** How the file store makes new ids ({@link #FILE_IDS}). */
    public FileTokenStore.Ids fileIds() {
        return fileIds;
    }

    /** The datasource's JNDI name, if {@link #JPA_DATASOURCE} is set. */
    public Optional<String> datasource() {
        return Optional.ofNullable(datasource);
    }

    /** The JDBC URL, if {@link #JPA_URL} is set. */
    public Optional<String> url() {
        return Optional.ofNullable(url);
    }

    /** The JDBC user, if {@link #JPA_USER} is set. */
    public Optional<String> user() {
        return Optional.ofNullable(user);
    }

    /** The JDBC password, if {@link #JPA_PASSWORD} is set. Never log it. */
    public Optional<String> password() {
        return Optional.ofNullable(password);
    }

    /** The JDBC URL of the default H2 file database in {@link #directory()}. */
    public String defaultH2Url() {
        return "jdbc:h2:file:" + directory.resolve(DEFAULT_H2_DATABASE);
    }

    /** The user of the default H2 database. */
    public String defaultH2User() {
        return DEFAULT_H2_USER;
    }

    /** The schema action. */
    public SchemaAction schema() {
        return schema;
    }

    /** The most connections of a pool the store opens itself. */
    public int poolSize() {
        return poolSize;
    }

    /** The JPA provider class name, if {@link #JPA_PROVIDER} is set. */
    public Optional<String> provider() {
        return Optional.ofNullable(provider);
    }

    /** The user of {@link #USER}, if set. */
    public Optional<UserSignature> configuredUser() {
        return Optional.ofNullable(configuredUser);
    }

    /** The {@code tokenstore.oauth.*} client's settings (the client named {@code zoho}), if its keys are set (and valid). */
    public Optional<OAuthConfig> oauth() {
        return Optional.ofNullable(oauth);
    }

    /** Every OAuth client: the {@code tokenstore.oauth.*} one and the named ones; {@link ClientsConfig#NONE} if none. */
    public ClientsConfig clients() {
        return clients;
    }

    /**
     * The keys of {@link #ENCRYPTION_KEYS}, if set (and valid): the JPA and file stores encrypt with them;
     * the in-memory store keeps nothing at rest and ignores them.
     */
    public Optional<EncryptionKeys> encryptionKeys() {
        return Optional.ofNullable(encryptionKeys);
    }

    /** Whether {@code TokenService.delete} revokes first ({@link #REVOKE_ON_DELETE}); default false. */
    public boolean revokeOnDelete() {
        return revokeOnDelete;
    }

    /** How long a token may go unused before the clean-up deletes it, if {@link #CLEANUP_IDLE_AFTER} is set. */
    public Optional<Duration> cleanupIdleAfter() {
        return Optional.ofNullable(cleanupIdleAfter);
    }

    /** The time between clean-up sweeps ({@link #CLEANUP_INTERVAL}, default six hours). */
    public Duration cleanupInterval() {
        return cleanupInterval;
    }

    /** Every problem found, in key order; empty if the configuration is usable. */
    public List<TokenStoreException> problems() {
        return problems;
    }

    /** Names the store and where it keeps tokens; never a password. */
    @Override
    public String toString() {
        return "TokenStoreConfig[store=" + store.name().toLowerCase(Locale.ROOT) + ", directory=" + directory
                + ", filePath=" + filePath + ", datasource=" + datasource
                + ", url=" + (url == null ? null : PooledDataSources.redact(url)) + ", user=" + user
                + ", password=" + (password == null ? null : "(hidden)") + ", schema=" + schema
                + ", poolSize=" + poolSize + ", provider=" + provider + ", crmCallUser=" + configuredUser + ", oauth=" + oauth
                + (clients.named().isEmpty() ? "" : ", clients=" + clients.named().values() + ", defaultClient="
                + clients.defaultClient())
                + ", encryptionKeys=" + encryptionKeys + ", revokeOnDelete=" + revokeOnDelete
                + ", cleanupIdleAfter=" + cleanupIdleAfter + ", cleanupInterval=" + cleanupInterval
                + ", problems=" + problems.size() + "]";
    }

    /** One pass over the keys; collects problems instead of throwing. */
    private static final class Reader {

        private final Function<String, Optional<String>> source;
        private final Iterable<String> names;
        private final Path workingDirectory;
        private final List<TokenStoreException> problems = new ArrayList<>();

        private Store store = Store.JPA;
        private Path directory;
        private Path filePath;
        private FileTokenStore.Ids fileIds = FileTokenStore.Ids.UUID;
        private String datasource;
        private String url;
        private String user;
        private String password;
        private SchemaAction schema = SchemaAction.CREATE;
        private int poolSize = PooledDataSources.DEFAULT_POOL_SIZE;
        private String provider;
        private UserSignature configuredUser;
        private OAuthConfig oauth;
        private ClientsConfig clients = ClientsConfig.NONE;
        private EncryptionKeys encryptionKeys;
        private boolean revokeOnDelete;
        private boolean ownTokenService;
        private Duration cleanupIdleAfter;
        private Duration cleanupInterval = DEFAULT_CLEANUP_INTERVAL;

        Reader(Function<String, Optional<String>> source, Iterable<String> names, Path workingDirectory) {
            this.source = source;
            this.names = names;
            this.workingDirectory = workingDirectory;
        }

        Reader read() {
            value(STORE).ifPresent(v -> {
                try {
                    store = Store.valueOf(v.strip().toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    problems.add(CdiMessages.unknownStore(v));
                }
            });
            directory = workingDirectory;
            value(DIRECTORY).ifPresent(v -> {
                Path dir = path(v);
                if (dir == null || !Files.isDirectory(dir)) {
                    problems.add(CdiMessages.directoryMissing(v));
                } else {
                    directory = dir.toAbsolutePath();
                }
            });
            readFilePath();
            value(FILE_IDS).ifPresent(v -> {
                switch (v.strip().toLowerCase(Locale.ROOT)) {
                    case "uuid" -> fileIds = FileTokenStore.Ids.UUID;
                    case "numeric" -> fileIds = FileTokenStore.Ids.NUMERIC;
                    default -> problems.add(FileIdMessages.invalidIds(FILE_IDS, v));
                }
            });
            datasource = value(JPA_DATASOURCE).orElse(null);
            url = value(JPA_URL).orElse(null);
            user = value(JPA_USER).orElse(null);
            password = value(JPA_PASSWORD).orElse(null);
            if (datasource != null && url != null) {
                problems.add(CdiMessages.datasourceAndUrl(datasource, PooledDataSources.redact(url)));
            }
            if (url == null && user != null) {
                problems.add(CdiMessages.credentialsWithoutUrl(JPA_USER, user));
            }
            if (url == null && password != null) {
                problems.add(CdiMessages.credentialsWithoutUrl(JPA_PASSWORD, "(hidden)"));
            }
            value(JPA_SCHEMA).ifPresent(v -> {
                try {
                    schema = SchemaAction.valueOf(v.strip().toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    problems.add(CdiMessages.unknownSchemaAction(v));
                }
            });
            value(JPA_POOL_SIZE).ifPresent(v -> {
                try {
                    poolSize = Integer.parseInt(v.strip());
                } catch (NumberFormatException e) {
                    poolSize = 0;
                }
                if (poolSize < 1) {
                    problems.add(CdiMessages.badPoolSize(v));
                    poolSize = PooledDataSources.DEFAULT_POOL_SIZE;
                }
            });
            provider = value(JPA_PROVIDER).map(String::strip).orElse(null);
            value(USER).ifPresent(v -> {
                try {
                    configuredUser = new UserSignature(v);
                } catch (IllegalArgumentException e) {
                    problems.add(CdiMessages.invalidConfiguredUser(e.getMessage()));
                }
            });
            value(ENCRYPTION_KEYS).ifPresent(v -> {
                try {
                    encryptionKeys = EncryptionKeys.parse(v);
                } catch (RejectedArgumentException e) {
                    // 0300-0303: entries by position, keys by id; the value itself is never shown.
                    problems.add(CdiMessages.deploymentProblem(e));
                }
            });
            clients = ClientsConfig.read(this::value, names, problems);
            oauth = clients.zoho();
            value(REVOKE_ON_DELETE).map(String::strip).ifPresent(v -> {
                if (v.equalsIgnoreCase("true")) {
                    revokeOnDelete = true;
                } else if (!v.equalsIgnoreCase("false")) {
                    problems.add(CdiMessages.revokeOnDeleteNotBoolean(v));
                }
            });
            // Only the token service revokes, and it needs the client; an invalid OAuth key is its own problem.
            if (revokeOnDelete && !ownTokenService && OAuthConfig.KEYS.stream().map(this::value).allMatch(Optional::isEmpty)
                    && clients.named().isEmpty()) {
                problems.add(CdiMessages.revokeOnDeleteWithoutClient());
            }
            readCleanup();
            return this;
        }

        private void readCleanup() {
            value(CLEANUP_IDLE_AFTER).ifPresent(v -> {
                Duration d;
                try {
                    d = Duration.parse(v.strip());
                } catch (DateTimeParseException e) {
                    problems.add(CdiMessages.deploymentProblem(CoreMessages.cleanupIdleAfterInvalid(v)));
                    return;
                }
                if (d.compareTo(TokenCleanup.MIN_IDLE_AFTER) < 0) {
                    problems.add(CdiMessages.deploymentProblem(CoreMessages.cleanupIdleAfterInvalid(v)));
                } else {
                    cleanupIdleAfter = d;
                }
            });
            Optional<String> interval = value(CLEANUP_INTERVAL);
            interval.ifPresent(v -> {
                try {
                    cleanupInterval = Duration.parse(v.strip());
                } catch (DateTimeParseException e) {
                    problems.add(CdiMessages.durationUnparsable(CLEANUP_INTERVAL, v));
                    cleanupInterval = DEFAULT_CLEANUP_INTERVAL;
                    return;
                }
                if (cleanupInterval.isNegative() || cleanupInterval.isZero()) {
                    problems.add(CdiMessages.durationOutOfRange(CLEANUP_INTERVAL, v, "it must be positive"));
                    cleanupInterval = DEFAULT_CLEANUP_INTERVAL;
                }
            });
            if (interval.isPresent() && value(CLEANUP_IDLE_AFTER).isEmpty()) {
                problems.add(CdiMessages.cleanupIntervalWithoutIdleAfter(interval.get()));
            }
        }

        private void readFilePath() {
            Optional<String> configured = value(FILE_PATH);
            filePath = directory.resolve(DEFAULT_FILE);
            if (configured.isEmpty()) {
                return;
            }
            String v = configured.get();
            Path file;
            try {
                file = directory.resolve(Path.of(v)).toAbsolutePath();
            } catch (InvalidPathException e) {
                problems.add(CdiMessages.invalidFilePath(v, e.getReason()));
                return;
            }
            filePath = file;
            // Where the file must be only matters when the file store is the one in use.
            if (store != Store.FILE) {
                return;
            }
            if (Files.isDirectory(file)) {
                problems.add(CdiMessages.filePathIsDirectory(v));
            } else if (file.getParent() == null || !Files.isDirectory(file.getParent())) {
                problems.add(CdiMessages.fileDirectoryMissing(v, file.getParent()));
            }
        }

        private Path path(String v) {
            try {
                return workingDirectory.resolve(Path.of(v));
            } catch (InvalidPathException e) {
                return null;
            }
        }

        /** A set, non-blank value. */
        private Optional<String> value(String key) {
            return source.apply(key).filter(v -> !v.isBlank());
        }
    }
}
