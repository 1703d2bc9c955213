package io.github.tokenstore.jpa;

import io.github.tokenstore.TokenStoreException;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.UserTransaction;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The store on a JTA entity manager: joins the caller's JTA transaction, begins and commits one of its own
 * when there is none, never works in a transaction that is doomed. The JTA objects are recording fakes; the
 * entity manager is JTA because {@code getTransaction()} throws, as the JPA specification says.
 */
class SharedUnitOfWorkTest {

    private final List<String> calls = new ArrayList<>();
    private int status = Status.STATUS_NO_TRANSACTION;

    private final EntityManager jtaEntityManager = (EntityManager) Proxy.newProxyInstance(
            getClass().getClassLoader(), new Class<?>[] {EntityManager.class}, (proxy, method, args) -> {
                switch (method.getName()) {
                    case "getTransaction":
                        calls.add("getTransaction");
                        throw new IllegalStateException("a JTA EntityManager cannot use getTransaction()");
                    case "joinTransaction":
                        calls.add("joinTransaction");
                        return null;
                    default:
                        throw new UnsupportedOperationException(method.getName());
                }
            });

    private final TransactionSynchronizationRegistry registry = new TransactionSynchronizationRegistry() {
        @Override
        public Object getTransactionKey() {
            return null;
        }

        @Override
        public void putResource(Object key, Object value) {
        }

        @Override
        public Object getResource(Object key) {
            return null;
        }

        @Override
        public void registerInterposedSynchronization(Synchronization sync) {
        }

        @Override
        public int getTransactionStatus() {
            return status;
        }

        @Override
        public void setRollbackOnly() {
        }

        @Override
        public boolean getRollbackOnly() {
            return status == Status.STATUS_MARKED_ROLLBACK;
        }
    };

    private final UserTransaction userTransaction = new UserTransaction() {
        @Override
        public void begin() {
            calls.add("begin");
        }

        @Override
        public void commit() {
            calls.add("commit");
        }

        @Override
        public void rollback() {
            calls.add("rollback");
        }

        @Override
        public void setRollbackOnly() {
        }

        @Override
        public int getStatus() {
            return status;
        }

        @Override
        public void setTransactionTimeout(int seconds) {
        }
    };

    private final SharedUnitOfWork unit = new SharedUnitOfWork(jtaEntityManager, () -> registry, () -> userTransaction);

    @Test
    void joinsTheCallersActiveTransactionAndLeavesItOpen() {
        status = Status.STATUS_ACTIVE;

        String result = unit.run("saveToken", em -> {
            calls.add("work");
            return "saved";
        });

        assertThat(result).isEqualTo("saved");
        // Never getTransaction() in a JTA transaction: Open Liberty marks the transaction for rollback.
        assertThat(calls).containsExactly("joinTransaction", "work");
    }

    @Test
    void beginsAndCommitsATransactionWhenNoneIsActive() {
        unit.run("saveToken", em -> calls.add("work"));

        assertThat(calls).containsExactly("getTransaction", "begin", "joinTransaction", "work", "commit");
    }

    @Test
    void rollsBackItsOwnTransactionWhenTheWorkFails() {
        assertThatThrownBy(() -> unit.run("saveToken", em -> {
            throw new PersistenceException("constraint");
        })).isInstanceOf(PersistenceException.class).hasMessage("constraint");

        assertThat(calls).containsExactly("getTransaction", "begin", "joinTransaction", "rollback");
    }

    @Test
    void refusesATransactionMarkedForRollback_0116() {
        status = Status.STATUS_MARKED_ROLLBACK;

        assertThatThrownBy(() -> unit.run("saveToken", em -> calls.add("work")))
                .isInstanceOfSatisfying(TokenStoreException.class, e -> {
                    assertThat(e.messageId()).isEqualTo("TOKENSTORE-0116");
                    assertThat(e.getMessage()).isEqualTo("TOKENSTORE-0116: saveToken: the current JTA transaction is "
                            + "not active (jakarta.transaction.Status 1, e.g. marked for rollback); the token store "
                            + "cannot join it");
                });
        assertThat(calls).isEmpty();
    }

    @Test
    void withoutATransactionRegistryAJtaEntityManagerCannotBeUsed_0117() {
        SharedUnitOfWork noRegistry = new SharedUnitOfWork(jtaEntityManager, () -> {
            throw new IllegalStateException("no TransactionSynchronizationRegistry bean and no JNDI name");
        }, () -> userTransaction);

        assertThatThrownBy(() -> noRegistry.run("getTokens", em -> calls.add("work")))
                .isInstanceOfSatisfying(TokenStoreException.class, e -> {
                    assertThat(e.messageId()).isEqualTo("TOKENSTORE-0117");
                    assertThat(e.getMessage()).isEqualTo("TOKENSTORE-0117: getTokens: the @TokenStorage EntityManager "
                            + "is a JTA entity manager, but no TransactionSynchronizationRegistry is available "
                            + "(IllegalStateException); run in a Jakarta EE server or produce a resource-local "
                            + "EntityManager");
                });
        assertThat(calls).containsExactly("getTransaction");
    }

    @Test
    void aFailureInTheCallersTransactionIsNotRetried() {
        status = Status.STATUS_ACTIVE;

        assertThat(unit.inCallersTransaction()).isTrue();
        status = Status.STATUS_NO_TRANSACTION;
        assertThat(unit.inCallersTransaction()).isFalse();
    }
}
