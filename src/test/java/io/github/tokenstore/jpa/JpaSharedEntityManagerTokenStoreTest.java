package io.github.tokenstore.jpa;

import io.github.tokenstore.TokenStore;
import io.github.tokenstore.testing.DurableTokenStoreContract;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.function.Supplier;

/**
 * The contract on an application's entity manager ({@link JpaTokenStore#sharing}), handed out as a
 * container hands out a {@code @PersistenceContext} one: shared by every thread, with one persistence
 * context per thread that ends with its transaction. Resource-local here
 * ({@link ApplicationPersistenceUnit}) in Java SE: no transaction registry, and no
 * {@code UserTransaction} may be asked for.
 */
class JpaSharedEntityManagerTokenStoreTest extends DurableTokenStoreContract {

    private static EntityManagerFactory emf;

    @BeforeAll
    static void openPersistenceUnit() {
        emf = ApplicationPersistenceUnit.create();
    }

    @AfterAll
    static void closePersistenceUnit() {
        emf.close();
    }

    @Override
    protected TokenStore createStore() {
        return JpaTokenStore.sharing(transactionScoped(emf), () -> {
            throw new IllegalStateException("Java SE: no TransactionSynchronizationRegistry");
        }, noJta(), null, clock);
    }

    @Override
    protected TokenStore reopenStore() {
        return createStore();
    }

    private static <T> Supplier<T> noJta() {
        return () -> {
            throw new AssertionError("a resource-local entity manager needs no UserTransaction");
        };
    }

    /** One entity manager per thread, cleared when its transaction ends, behind one shared proxy. */
    private static EntityManager transactionScoped(EntityManagerFactory emf) {
        ThreadLocal<EntityManager> perThread = ThreadLocal.withInitial(emf::createEntityManager);
        return proxy(EntityManager.class, (proxy, method, args) -> {
            EntityManager em = perThread.get();
            if (!method.getName().equals("getTransaction")) {
                return invoke(em, method, args);
            }
            EntityTransaction tx = em.getTransaction();
            return proxy(EntityTransaction.class, (txProxy, txMethod, txArgs) -> {
                boolean ends = txMethod.getName().equals("commit") || txMethod.getName().equals("rollback");
                try {
                    return invoke(tx, txMethod, txArgs);
                } finally {
                    if (ends) {
                        em.clear();
                    }
                }
            });
        });
    }

    private static <T> T proxy(Class<T> type, InvocationHandler handler) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
