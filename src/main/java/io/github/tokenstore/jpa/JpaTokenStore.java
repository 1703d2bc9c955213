package io.github.tokenstore.jpa;

import io.github.tokenstore.EncryptionKeys;
import io.github.tokenstore.OAuthToken;
import io.github.tokenstore.TokenStore;
import io.github.tokenstore.TokenStoreException;
import io.github.tokenstore.core.CoreMessages;
import io.github.tokenstore.UserSignature;
import io.github.tokenstore.core.ChangeFeedMessages;
import io.github.tokenstore.core.TokenChanges;
import io.github.tokenstore.core.TokenCipher;
import io.github.tokenstore.core.TokenHashes;
import io.github.tokenstore.core.TokenIds;
import io.github.tokenstore.core.TokenMatch;
import io.github.tokenstore.spi.IdleTokens;
import jakarta.persistence.EntityExistsException;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.LockModeType;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.Query;
import jakarta.persistence.TypedQuery;
import jakarta.persistence.spi.PersistenceProvider;
import jakarta.persistence.spi.PersistenceProviderResolverHolder;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.UserTransaction;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * A {@link TokenStore} on a JPA {@link EntityManagerFactory} with resource-local transactions: each
 * operation is one transaction, on Hibernate or EclipseLink, on any database with the
 * {@code tokenstore_token} table ({@link TokenEntity}). A store made by {@link #sharing} works on an
 * application's {@code EntityManager} inside the application's transactions instead.
 *
 * <p>Queries are parameterized JPQL only. A save that collides with a concurrent save of the same token
 * (a unique-key violation, an optimistic-lock failure or a deadlock) is retried in a fresh transaction,
 * where it finds and updates the other save's row: concurrent saves never create a duplicate, and the
 * last one wins. Thread-safe.
 *
 * <p>With {@link EncryptionKeys} ({@link #open(DataSource, SchemaAction, String, AutoCloseable,
 * EncryptionKeys)}) the client secret and the tokens are stored AES-GCM encrypted and looked up by keyed
 * digests ({@link TokenCipher}); {@link #reencryptAll()} moves every row to the active key. The store
 * records when each token was last saved or read ({@link IdleTokens}), for the clean-up of idle tokens: a
 * save in its own transaction; a read at most once an hour per token, and off the read path (a thread of
 * the store's writes the reads' uses in batches, {@link LastUseRecorder}) except on an application's
 * {@code EntityManager}, where it is part of the read's transaction.
 *
 * <p>Reads run without a transaction on the store's own factory: one statement, one round trip.
 *
 * <p>A store made by {@link #open} on a database with the table {@value TokenChanges#TABLE} (schema V6) adds a
 * row to it in the same transaction as every save and delete of a user's token ({@link TokenChanges}): the feed
 * through which the other JVMs of a cluster forget the tokens they cached. A store on an application's factory
 * or entity manager records no changes: its schema is the application's.
 */
public final class JpaTokenStore implements TokenStore, IdleTokens, TokenChanges {

    /** Attempts of one save before its collision is reported. */
    private static final int SAVE_ATTEMPTS = 16;
    /** SQL states of failures that another attempt can get past: unique key, serialization, deadlock. */
    private static final Set<String> RETRYABLE_SQL_STATES = Set.of("23505", "23000", "40001", "40P01");
    /** A read records its time at most this often per token, so reads rarely write. */
    static final long TOUCH_INTERVAL_MILLIS = 3_600_000L;
    /** Rows re-encrypted per transaction by {@link #reencryptAll()}. */
    private static final int REENCRYPT_BATCH = 100;

    private final UnitOfWork unitOfWork;
    private final AutoCloseable resources;
    private final String description;
    private final Clock clock;
    /** Encrypts the secret columns; {@code null}: plaintext. */
    private final TokenCipher cipher;
    /** Writes the reads' uses off the read path; {@code null}: a read writes its use itself. */
    private final LastUseRecorder lastUses;
    /** Whether saves and deletes add rows to {@link TokenChanges#TABLE}. */
    private final boolean recordsChanges;

    /**
     * A store on an application's resource-local {@code EntityManagerFactory}, whose persistence unit
     * lists {@link TokenEntity}. The store does not close the factory.
     *
     * @throws IllegalArgumentException if {@code emf} is null
     */
    public JpaTokenStore(EntityManagerFactory emf) {
        this(emf, Clock.systemUTC());
    }

    /**
     * As {@link #JpaTokenStore(EntityManagerFactory)}, reading the time of saves and uses from {@code clock}.
     *
     * @throws IllegalArgumentException if an argument is null
     */
    public JpaTokenStore(EntityManagerFactory emf, Clock clock) {
        this(emf, null, "the JPA token store", requireClock("JpaTokenStore", clock));
    }

    /**
     * @param resources   closed with the store (the factory and the pool it owns), or {@code null}
     * @param description names the store in messages; never holds a password
     */
    JpaTokenStore(EntityManagerFactory emf, AutoCloseable resources, String description, Clock clock) {
        this(emf, resources, description, clock, null, false);
    }

    /**
     * @param keys           encrypt the secret columns, or {@code null} to store them in plaintext
     * @param recordsChanges whether saves and deletes add rows to {@link TokenChanges#TABLE}
     */
    JpaTokenStore(EntityManagerFactory emf, AutoCloseable resources, String description, Clock clock,
                  EncryptionKeys keys, boolean recordsChanges) {
        if (emf == null) {
            throw CoreMessages.nullArgument("JpaTokenStore", "emf");
        }
        this.unitOfWork = new FactoryUnitOfWork(emf);
        this.resources = resources;
        this.description = description;
        this.clock = clock;
        this.cipher = keys == null ? null : new TokenCipher(keys);
        this.lastUses = new LastUseRecorder(this::writeLastUses, clock, description);
        this.recordsChanges = recordsChanges;
    }

    /**
     * Opens a store on {@code dataSource} with the library's own persistence unit (no
     * {@code persistence.xml} needed), after applying {@code schema} to the database.
     *
     * @param providerClassName the {@code PersistenceProvider} class to use, or {@code null} for the first
     *                          one on the class path
     * @param owned             closed with the store after the factory (e.g. the pool behind the data
     *                          source), or {@code null}
     * @throws TokenStoreException if the schema action fails or no JPA provider is found
     */
    public static JpaTokenStore open(DataSource dataSource, SchemaAction schema, String providerClassName,
                                     AutoCloseable owned) {
        return open(dataSource, schema, providerClassName, owned, null);
    }

    /**
     * As {@link #open(DataSource, SchemaAction, String, AutoCloseable)}, with the client secret and the
     * tokens stored encrypted with {@code keys}. Rows stored in plaintext before are still read, and
     * encrypted by their next save or {@link #reencryptAll()}.
     *
     * @param keys the encryption keys, or {@code null} to store in plaintext (rows encrypted by another
     *             store then fail to read with {@code TOKENSTORE-0313})
     * @throws TokenStoreException if the schema action fails or no JPA provider is found
     */
    public static JpaTokenStore open(DataSource dataSource, SchemaAction schema, String providerClassName,
                                     AutoCloseable owned, EncryptionKeys keys) {
        return open(dataSource, schema, providerClassName, owned, keys, Clock.systemUTC());
    }

    /**
     * As {@link #open(DataSource, SchemaAction, String, AutoCloseable, EncryptionKeys)}, reading the time of
     * saves and uses from {@code clock} (the CDI layer passes its {@code Clock} bean; tests a clock they move).
     *
     * @throws IllegalArgumentException if {@code dataSource} or {@code clock} is null
     * @throws TokenStoreException      if the schema action fails or no JPA provider is found
     */
    public static JpaTokenStore open(DataSource dataSource, SchemaAction schema, String providerClassName,
                                     AutoCloseable owned, EncryptionKeys keys, Clock clock) {
        if (dataSource == null) {
            throw CoreMessages.nullArgument("JpaTokenStore.open", "dataSource");
        }
        requireClock("JpaTokenStore.open", clock);
        String database = JpaSchema.apply(dataSource, schema == null ? SchemaAction.CREATE : schema);
        boolean changes = JpaSchema.hasChangeTable(dataSource);
        PersistenceProvider provider = provider(providerClassName);
        EntityManagerFactory emf = provider.createContainerEntityManagerFactory(
                new TokenStorePersistenceUnit(provider.getClass().getName(), dataSource), Map.of());
        AutoCloseable resources = () -> {
            try {
                emf.close();
            } finally {
                if (owned != null) {
                    owned.close();
                }
            }
        };
        return new JpaTokenStore(emf, resources, "the JPA token store (" + database + ")", clock, keys, changes);
    }

    /**
     * A store on an application's {@code EntityManager} (its persistence unit lists {@link TokenEntity}),
     * working inside the application's transactions: an operation joins the active transaction (the
     * entity manager's resource-local one, or the JTA transaction for a JTA entity manager) and otherwise
     * runs in a transaction of its own, which it commits. The store does not close the entity manager.
     *
     * <p>The entity manager must be safe to share between threads as a container-managed or normal-scoped
     * CDI reference is; one operation must not run on two threads at once on a plain resource-local one.
     *
     * @param entityManager        the application's entity manager
     * @param transactionRegistry  gives the JTA transaction registry; asked once, and a supplier that throws
     *                             or gives null means there is none (Java SE)
     * @param userTransaction      gives a {@code UserTransaction}; asked only for a JTA entity manager when no
     *                             transaction is active
     * @throws IllegalArgumentException if an argument is null
     */
    public static JpaTokenStore sharing(EntityManager entityManager,
                                        Supplier<TransactionSynchronizationRegistry> transactionRegistry,
                                        Supplier<UserTransaction> userTransaction) {
        return sharing(entityManager, transactionRegistry, userTransaction, null);
    }

    /**
     * As {@link #sharing(EntityManager, Supplier, Supplier)}, with the client secret and the tokens stored
     * encrypted with {@code keys} ({@code null}: plaintext).
     *
     * @throws IllegalArgumentException if an argument but {@code keys} is null
     */
    public static JpaTokenStore sharing(EntityManager entityManager,
                                        Supplier<TransactionSynchronizationRegistry> transactionRegistry,
                                        Supplier<UserTransaction> userTransaction, EncryptionKeys keys) {
        return sharing(entityManager, transactionRegistry, userTransaction, keys, Clock.systemUTC());
    }

    /**
     * As {@link #sharing(EntityManager, Supplier, Supplier, EncryptionKeys)}, reading the time of saves and
     * uses from {@code clock}.
     *
     * @throws IllegalArgumentException if an argument but {@code keys} is null
     */
    public static JpaTokenStore sharing(EntityManager entityManager,
                                        Supplier<TransactionSynchronizationRegistry> transactionRegistry,
                                        Supplier<UserTransaction> userTransaction, EncryptionKeys keys, Clock clock) {
        requireClock("JpaTokenStore.sharing", clock);
        if (entityManager == null) {
            throw CoreMessages.nullArgument("JpaTokenStore.sharing", "entityManager");
        }
        if (transactionRegistry == null || userTransaction == null) {
            throw CoreMessages.nullArgument("JpaTokenStore.sharing",
                    transactionRegistry == null ? "transactionRegistry" : "userTransaction");
        }
        return new JpaTokenStore(new SharedUnitOfWork(entityManager, transactionRegistry, userTransaction),
                "the JPA token store (the application's @TokenStorage EntityManager)", keys, clock);
    }

    private JpaTokenStore(UnitOfWork unitOfWork, String description, EncryptionKeys keys, Clock clock) {
        this.unitOfWork = unitOfWork;
        this.resources = null;
        this.description = description;
        this.clock = clock;
        this.cipher = keys == null ? null : new TokenCipher(keys);
        // The application's entity manager may be bound to its threads and transactions: no thread of ours.
        this.lastUses = null;
        // Its schema is the application's, which may lack the V6 table: a missing table would fail every save.
        this.recordsChanges = false;
    }

    private static Clock requireClock(String method, Clock clock) {
        if (clock == null) {
            throw CoreMessages.nullArgument(method, "clock");
        }
        return clock;
    }

    private static PersistenceProvider provider(String className) {
        List<PersistenceProvider> providers =
                PersistenceProviderResolverHolder.getPersistenceProviderResolver().getPersistenceProviders();
        return providers.stream()
                .filter(p -> className == null || p.getClass().getName().equals(className))
                .findFirst()
                .orElseThrow(() -> JpaMessages.noJpaProvider(className));
    }

    @Override
    public Optional<OAuthToken> findToken(OAuthToken token) {
        TokenMatch match = TokenMatch.forFind(token);
        return read("findToken", em -> find(em, match, LockModeType.NONE).map(row -> {
            touch(em, row);
            return row.toToken(cipher);
        }));
    }

    @Override
    public OAuthToken saveToken(OAuthToken token) {
        Optional<TokenMatch> match = TokenMatch.forSave(token);
        for (int attempt = 1; ; attempt++) {
            try {
                return unitOfWork.run("saveToken", em -> save(em, token, match));
            } catch (RuntimeException e) {
                // In the caller's transaction a failure dooms it: report the failure itself, retry nothing.
                if (attempt >= SAVE_ATTEMPTS || !retryable(e) || unitOfWork.inCallersTransaction()) {
                    throw failure("saveToken", e);
                }
                pause(attempt);
            }
        }
    }

    @Override
    public void deleteToken(String id) {
        TokenMatch.checkId("deleteToken", id);
        inTransaction("deleteToken", em -> {
            TokenEntity row = recordsChanges ? em.find(TokenEntity.class, id) : null;
            int deleted = em.createQuery("delete from TokenstoreToken t where t.id = :id")
                    .setParameter("id", id)
                    .executeUpdate();
            if (deleted > 0 && row != null) {
                recordChange(em, row.userName(), row.client(), Kind.DELETED);
            }
            return deleted;
        });
    }

    @Override
    public List<OAuthToken> getTokens() {
        return read("getTokens", em -> em
                .createQuery("select t from TokenstoreToken t order by t.createdAt, t.id", TokenEntity.class)
                .getResultList().stream().map(row -> row.toToken(cipher)).toList());
    }

    @Override
    public long countTokens() {
        return read("countTokens", em -> em
                .createQuery("select count(t) from TokenstoreToken t", Long.class).getSingleResult());
    }

    @Override
    public void deleteTokens() {
        inTransaction("deleteTokens", em -> {
            if (recordsChanges) {
                // One change per user's token, in the same statement as the rows are read: every row deleted next.
                em.createNativeQuery("insert into " + TokenChanges.TABLE + " (user_name, client_name, kind, changed_at)"
                                + " select user_name, client_name, ?1, ?2 from " + JpaSchema.TABLE
                                + " where user_name is not null")
                        .setParameter(1, Kind.DELETED.name())
                        .setParameter(2, clock.millis())
                        .executeUpdate();
            }
            return em.createQuery("delete from TokenstoreToken t").executeUpdate();
        });
    }

    @Override
    public Optional<OAuthToken> findTokenById(String id) {
        TokenMatch.checkId("findTokenById", id);
        return read("findTokenById",
                em -> Optional.ofNullable(em.find(TokenEntity.class, id)).map(row -> row.toToken(cipher)));
    }

    /**
     * Encrypts every row that is in plaintext or under another key than the active one with the active
     * key, in transactions of {@value #REENCRYPT_BATCH} rows that lock their rows; concurrent saves go on.
     * Run it after putting a new key first; afterwards the older keys can be removed.
     *
     * @return the number of rows encrypted again
     * @throws IllegalStateException {@code TOKENSTORE-0314} if the store has no encryption keys
     * @throws TokenStoreException   if the database fails or a row cannot be decrypted (rows done before
     *                               stay done; run it again after fixing the keys)
     */
    public int reencryptAll() {
        if (cipher == null) {
            throw CoreMessages.reencryptWithoutKeys(description);
        }
        List<String> ids = inTransaction("reencryptAll", em -> em.createQuery("select t.id from TokenstoreToken t"
                        + " where t.encryptionKeyId is null or t.encryptionKeyId <> :active order by t.id", String.class)
                .setParameter("active", cipher.activeKeyId())
                .getResultList());
        int done = 0;
        for (int from = 0; from < ids.size(); from += REENCRYPT_BATCH) {
            List<String> batch = ids.subList(from, Math.min(ids.size(), from + REENCRYPT_BATCH));
            done += inTransaction("reencryptAll", em -> {
                int changed = 0;
                for (String id : batch) {
                    TokenEntity row = em.find(TokenEntity.class, id, LockModeType.PESSIMISTIC_WRITE);
                    if (row != null && row.reencrypt(cipher)) {
                        changed++;
                    }
                }
                return changed;
            });
        }
        return done;
    }

    /** {@inheritDoc} Rows from before schema V2 count as used when they were last updated. */
    @Override
    public List<OAuthToken> idleTokens(Instant unusedSince, int limit) {
        long cutoff = unusedSince.toEpochMilli();
        flushLastUses();
        return read("idleTokens", em -> em.createQuery("select t from TokenstoreToken t where "
                        + IDLE + " order by t.id", TokenEntity.class)
                .setParameter("cutoff", cutoff)
                .setMaxResults(limit)
                .getResultList().stream().map(row -> row.toToken(cipher)).toList());
    }

    @Override
    public boolean deleteIfIdle(String id, Instant unusedSince) {
        TokenMatch.checkId("deleteIfIdle", id);
        long cutoff = unusedSince.toEpochMilli();
        flushLastUses();
        return inTransaction("deleteIfIdle", em -> {
            TokenEntity row = recordsChanges ? em.find(TokenEntity.class, id) : null;
            int deleted = em.createQuery("delete from TokenstoreToken t where t.id = :id and " + IDLE)
                    .setParameter("id", id)
                    .setParameter("cutoff", cutoff)
                    .executeUpdate();
            if (deleted > 0 && row != null) {
                recordChange(em, row.userName(), row.client(), Kind.DELETED);
            }
            return deleted;
        }) > 0;
    }

    /**
     * Writes the uses of reads still pending, then closes the factory and pool this store opened itself; a
     * store on an application's factory closes nothing else.
     */
    @Override
    public void close() {
        if (lastUses != null) {
            lastUses.close();
        }
        if (resources != null) {
            try {
                resources.close();
            } catch (Exception e) {
                throw failure("close", e);
            }
        }
    }

    @Override
    public String toString() {
        return description;
    }

    private OAuthToken save(EntityManager em, OAuthToken token, Optional<TokenMatch> match) {
        // Row locks serialize concurrent saves of one token, so they queue instead of failing on @Version.
        TokenEntity row = match.flatMap(m -> find(em, m, LockModeType.PESSIMISTIC_WRITE)).orElse(null);
        if (row == null && token.id() != null) {
            // The token's own row, if it is still the same user's and client's (or no client's): never hand one
            // user's row to another, nor one client's.
            TokenEntity byId = em.find(TokenEntity.class, token.id(), LockModeType.PESSIMISTIC_WRITE);
            if (byId != null && TokenMatch.ownRow(byId.userName(), byId.client(), token)) {
                row = byId;
            }
        }
        long now = clock.millis();
        String previousUser = null;
        String previousClient = null;
        if (row == null) {
            row = new TokenEntity(TokenIds.newId(), now);
            row.apply(token, now, cipher);
            em.persist(row);
        } else {
            previousUser = row.userName();
            previousClient = row.client();
            row.apply(token, now, cipher);
        }
        em.flush();
        if (recordsChanges) {
            // Last in the transaction: the change's position is taken as late as can be before the commit.
            recordChange(em, row.userName(), row.client(), Kind.SAVED);
            if (previousUser != null && !(previousUser.equals(row.userName())
                    && Objects.equals(previousClient, row.client()))) {
                recordChange(em, previousUser, previousClient, Kind.SAVED);
            }
        }
        return row.toToken(cipher);
    }

    /** Adds a change of {@code user}'s token to the feed, in the operation's transaction; none without a user. */
    private void recordChange(EntityManager em, String user, String client, Kind kind) {
        if (user == null) {
            return;
        }
        em.createNativeQuery("insert into " + TokenChanges.TABLE + " (user_name, client_name, kind, changed_at)"
                        + " values (?1, ?2, ?3, ?4)")
                .setParameter(1, user)
                .setParameter(2, TokenEntity.clientColumn(client))
                .setParameter(3, kind.name())
                .setParameter(4, clock.millis())
                .executeUpdate();
    }

    @Override
    public boolean recordsChanges() {
        return recordsChanges;
    }

    @Override
    public long latestChange() {
        requireChanges("latestChange");
        return read("latestChange", em -> {
            Object max = em.createNativeQuery("select max(id) from " + TokenChanges.TABLE).getSingleResult();
            return max == null ? 0L : ((Number) max).longValue();
        });
    }

    @Override
    public List<Change> changesAfter(long position, int limit) {
        requireChanges("changesAfter");
        if (limit < 1) {
            throw ChangeFeedMessages.limitNotPositive("changesAfter", limit);
        }
        return read("changesAfter", em -> changes(em.createNativeQuery("select " + CHANGE_COLUMNS + " from "
                        + TokenChanges.TABLE + " where id > ?1 order by id")
                .setParameter(1, position)
                .setMaxResults(limit)
                .getResultList()));
    }

    @Override
    public List<Change> changesAt(Collection<Long> positions) {
        requireChanges("changesAt");
        if (positions.isEmpty()) {
            return List.of();
        }
        // Bound one by one: a list parameter in a native query is not portable between Hibernate and EclipseLink.
        List<Long> ids = List.copyOf(positions);
        StringBuilder in = new StringBuilder();
        for (int i = 1; i <= ids.size(); i++) {
            in.append(i == 1 ? "?" : ", ?").append(i);
        }
        return read("changesAt", em -> {
            Query query = em.createNativeQuery("select " + CHANGE_COLUMNS + " from " + TokenChanges.TABLE
                    + " where id in (" + in + ") order by id");
            for (int i = 0; i < ids.size(); i++) {
                query.setParameter(i + 1, ids.get(i));
            }
            return changes(query.getResultList());
        });
    }

    @Override
    public int pruneChanges(Instant cutoff) {
        requireChanges("pruneChanges");
        return inTransaction("pruneChanges", em -> em.createNativeQuery("delete from " + TokenChanges.TABLE
                        + " where changed_at < ?1")
                .setParameter(1, cutoff.toEpochMilli())
                .executeUpdate());
    }

    private static final String CHANGE_COLUMNS = "id, user_name, client_name, kind, changed_at";

    private static List<Change> changes(List<?> rows) {
        return rows.stream().map(r -> {
            Object[] row = (Object[]) r;
            String client = (String) row[2];
            return new Change(((Number) row[0]).longValue(), new UserSignature((String) row[1]),
                    client == null || client.isEmpty() ? null : client, Kind.valueOf((String) row[3]),
                    Instant.ofEpochMilli(((Number) row[4]).longValue()));
        }).toList();
    }

    private void requireChanges(String operation) {
        if (!recordsChanges) {
            throw ChangeFeedMessages.feedUnavailable(operation, description);
        }
    }

    private Optional<TokenEntity> find(EntityManager em, TokenMatch match, LockModeType lock) {
        if (match instanceof TokenMatch.ById m) {
            return Optional.ofNullable(em.find(TokenEntity.class, m.id(), lock));
        }
        TypedQuery<TokenEntity> query;
        if (match instanceof TokenMatch.ByUser m) {
            query = em.createQuery("select t from TokenstoreToken t where t.userName = :name and t.clientName = :client",
                            TokenEntity.class)
                    .setParameter("name", m.userName())
                    .setParameter("client", TokenEntity.clientColumn(m.client()));
        } else if (match instanceof TokenMatch.ByAccessToken m) {
            List<String> digests = digests("access_token", m.accessToken());
            query = em.createQuery("select t from TokenstoreToken t where " + isOneOf("accessTokenHash", digests)
                    + " order by t.updatedAt desc, t.id", TokenEntity.class);
            setDigests(query, digests);
        } else if (match instanceof TokenMatch.ByGrantToken m) {
            query = byTokenAndClient(em, "grantTokenHash", digests("grant_token", m.grantToken()), m.clientId());
        } else if (match instanceof TokenMatch.ByRefreshToken m) {
            query = byTokenAndClient(em, "refreshTokenHash", digests("refresh_token", m.refreshToken()),
                    m.clientId());
        } else {
            throw new IllegalStateException("unknown rule " + match.getClass());
        }
        // The digest finds the rows; the value itself decides, so even a digest collision cannot mismatch.
        // No setMaxResults: EclipseLink writes "FOR UPDATE LIMIT ?" for H2, which H2 rejects.
        return query.setLockMode(lock).getResultList().stream()
                .filter(row -> match.matches(row.toToken(cipher)))
                .findFirst();
    }

    /** The digests a row holding {@code value} in {@code column} may carry (several during a key rotation). */
    private List<String> digests(String column, String value) {
        return cipher == null ? List.of(TokenHashes.of(value)) : cipher.lookupDigests(column, value);
    }

    private static TypedQuery<TokenEntity> byTokenAndClient(EntityManager em, String hashField, List<String> digests,
                                                            String clientId) {
        String client = clientId == null ? "t.clientId is null" : "t.clientId = :client";
        TypedQuery<TokenEntity> query = em.createQuery("select t from TokenstoreToken t where "
                + isOneOf(hashField, digests) + " and " + client + " order by t.updatedAt desc, t.id", TokenEntity.class);
        setDigests(query, digests);
        if (clientId != null) {
            query.setParameter("client", clientId);
        }
        return query;
    }

    /**
     * The condition on a digest column: {@code = :hash} for the usual one digest, {@code in :hashes} only
     * during a key rotation. A list parameter costs Hibernate a new SQL translation on every execution.
     */
    private static String isOneOf(String hashField, List<String> digests) {
        return digests.size() == 1 ? "t." + hashField + " = :hash" : "t." + hashField + " in :hashes";
    }

    private static void setDigests(TypedQuery<?> query, List<String> digests) {
        if (digests.size() == 1) {
            query.setParameter("hash", digests.get(0));
        } else {
            query.setParameter("hashes", digests);
        }
    }

    private <T> T read(String operation, Function<EntityManager, T> work) {
        try {
            return unitOfWork.read(operation, work);
        } catch (RuntimeException e) {
            throw failure(operation, e);
        }
    }

    private <T> T inTransaction(String operation, Function<EntityManager, T> work) {
        try {
            return unitOfWork.run(operation, work);
        } catch (RuntimeException e) {
            throw failure(operation, e);
        }
    }

    /** A token unused since {@code :cutoff}; rows from before schema V2 have no last use but their update. */
    private static final String IDLE = "(t.lastUsedAt < :cutoff or (t.lastUsedAt is null and t.updatedAt < :cutoff))";

    /**
     * Records a read as a use, at most once per {@link #TOUCH_INTERVAL_MILLIS}: noted for the recorder's
     * thread, or, on an application's entity manager, written in the read's transaction.
     */
    private void touch(EntityManager em, TokenEntity row) {
        long now = clock.millis();
        Long last = row.lastUsedAt();
        if (last != null && now - last < TOUCH_INTERVAL_MILLIS) {
            return;
        }
        if (lastUses != null) {
            lastUses.record(row.id());
        } else {
            markUsed(em, List.of(row.id()), now);
        }
    }

    /** The recorder's writer: one transaction per batch of ids. */
    private void writeLastUses(List<String> ids, long now) {
        inTransaction("recordLastUse", em -> markUsed(em, ids, now));
    }

    /**
     * A bulk update, so it neither bumps the row version nor collides with a concurrent save's optimistic
     * lock; a later time already recorded (by a save) stays.
     */
    private static int markUsed(EntityManager em, List<String> ids, long now) {
        return em.createQuery("update TokenstoreToken t set t.lastUsedAt = :now where t.id in :ids"
                        + " and (t.lastUsedAt is null or t.lastUsedAt < :now)")
                .setParameter("now", now)
                .setParameter("ids", ids)
                .executeUpdate();
    }

    /** Writes the uses of this JVM's reads that are still pending, so that idle means idle here too. */
    private void flushLastUses() {
        if (lastUses != null) {
            lastUses.flush();
        }
    }

    private TokenStoreException failure(String operation, Exception e) {
        if (e instanceof TokenStoreException t) {
            return t;
        }
        return CoreMessages.storeFailed(operation, description, e);
    }

    private static boolean retryable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof OptimisticLockException || t instanceof EntityExistsException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && RETRYABLE_SQL_STATES.contains(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** A short, growing, jittered pause, so colliding savers do not collide again in step. */
    private static void pause(int attempt) {
        try {
            // Exponential, capped at 200 ms: MariaDB deadlocks among many concurrent savers need room to clear.
            Thread.sleep((long) (Math.random() * Math.min(200, 5L << Math.min(attempt, 6))));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
