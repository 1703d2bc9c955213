package io.github.tokenstore.cdi.internal;

import jakarta.enterprise.inject.Instance;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.UserTransaction;

import java.util.function.Supplier;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * Finds the JTA objects the store needs for a JTA {@code @TokenStorage} entity manager: a CDI bean if
 * there is one (EE servers offer {@code UserTransaction} as a built-in bean), else the standard JNDI
 * names. Used only for a JTA entity manager, so Java SE never needs the JTA API at run time.
 */
public final class JtaLookup {

    static final String REGISTRY_JNDI = "java:comp/TransactionSynchronizationRegistry";
    static final String USER_TRANSACTION_JNDI = "java:comp/UserTransaction";

    private JtaLookup() {
    }

    /** Gives the transaction registry; throws if there is none. */
    public static Supplier<TransactionSynchronizationRegistry> registry(Instance<Object> beans) {
        return () -> find(beans, TransactionSynchronizationRegistry.class, REGISTRY_JNDI);
    }

    /** Gives the {@code UserTransaction}; throws if there is none. */
    public static Supplier<UserTransaction> userTransaction(Instance<Object> beans) {
        return () -> find(beans, UserTransaction.class, USER_TRANSACTION_JNDI);
    }

    private static <T> T find(Instance<Object> beans, Class<T> type, String jndiName) {
        Instance<T> bean = beans.select(type);
        if (bean.isResolvable()) {
            return bean.get();
        }
        try {
            InitialContext context = new InitialContext();
            try {
                return type.cast(context.lookup(jndiName));
            } finally {
                context.close();
            }
        } catch (NamingException e) {
            throw new IllegalStateException("no " + type.getSimpleName() + " bean and no " + jndiName, e);
        }
    }
}
