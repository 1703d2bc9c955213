package io.github.tokenstore.zoho;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The Zoho SDK's public types as the bridge uses them, found by name in the SDK's own class loader and
 * checked once per SDK {@code TokenStore} interface: the six store methods, the token bean's getters and
 * setters, the user signature and the SDK's exception. Nothing of the SDK is linked at compile time.
 * Immutable and thread-safe.
 */
final class SdkTypes {

    /** The store methods the bridge serves, with their parameter counts. */
    enum StoreMethod {
        FIND_TOKEN("findToken", 1),
        FIND_TOKEN_BY_ID("findTokenById", 1),
        SAVE_TOKEN("saveToken", 1),
        DELETE_TOKEN("deleteToken", 1),
        GET_TOKENS("getTokens", 0),
        DELETE_TOKENS("deleteTokens", 0);

        final String sdkName;
        final int parameters;

        StoreMethod(String sdkName, int parameters) {
            this.sdkName = sdkName;
            this.parameters = parameters;
        }
    }

    /** The token bean's text properties, by the SDK's spelling of their getters and setters. */
    enum Property {
        ID("Id"),
        CLIENT_ID("ClientId"),
        CLIENT_SECRET("ClientSecret"),
        REDIRECT_URL("RedirectURL"),
        GRANT_TOKEN("GrantToken"),
        REFRESH_TOKEN("RefreshToken"),
        ACCESS_TOKEN("AccessToken"),
        /** Epoch milliseconds as text, despite the name. */
        EXPIRES_IN("ExpiresIn"),
        API_DOMAIN("APIDomain");

        final String sdkName;

        Property(String sdkName) {
            this.sdkName = sdkName;
        }
    }

    private static final String OAUTH_TOKEN = "OAuthToken";
    private static final String SDK_ERROR_CODE = "TOKEN_STORE";

    private static final ClassValue<SdkTypes> CHECKED = new ClassValue<>() {
        @Override
        protected SdkTypes computeValue(Class<?> storeInterface) {
            return new SdkTypes(storeInterface);
        }
    };

    final Class<?> storeInterface;
    /** The SDK's {@code Token} interface: what {@code findToken} takes. */
    final Class<?> tokenInterface;
    /** The SDK's {@code OAuthToken} bean. */
    final Class<?> tokenClass;
    private final Map<Method, StoreMethod> storeMethods = new HashMap<>();
    private final Constructor<?> newToken;
    private final Map<Property, Method> getters = new EnumMap<>(Property.class);
    private final Map<Property, Method> setters = new EnumMap<>(Property.class);
    private final Method getUserSignature;
    private final Method setUserSignature;
    private final Constructor<?> newUserSignature;
    private final Method getName;
    private final Constructor<?> newException;

    private SdkTypes(Class<?> storeInterface) {
        if (!storeInterface.isInterface()) {
            throw ZohoSdkMessages.notTheSdkStore(storeInterface);
        }
        this.storeInterface = storeInterface;
        Map<StoreMethod, Method> found = new EnumMap<>(StoreMethod.class);
        for (Method m : storeInterface.getMethods()) {
            if (m.isDefault() || Modifier.isStatic(m.getModifiers())) {
                continue;
            }
            StoreMethod known = known(m);
            if (known == null) {
                throw ZohoSdkMessages.unknownStoreMethod(m.toGenericString());
            }
            found.put(known, m);
            storeMethods.put(m, known);
        }
        for (StoreMethod m : StoreMethod.values()) {
            if (!found.containsKey(m)) {
                throw ZohoSdkMessages.missingMember("TokenStore", "method " + m.sdkName + " taking " + m.parameters
                        + (m.parameters == 1 ? " argument" : " arguments"));
            }
        }
        Method findToken = found.get(StoreMethod.FIND_TOKEN);
        tokenInterface = findToken.getParameterTypes()[0];
        requireParameter(found.get(StoreMethod.SAVE_TOKEN), tokenInterface);
        requireParameter(found.get(StoreMethod.FIND_TOKEN_BY_ID), String.class);
        requireParameter(found.get(StoreMethod.DELETE_TOKEN), String.class);
        if (!List.class.isAssignableFrom(found.get(StoreMethod.GET_TOKENS).getReturnType())) {
            throw ZohoSdkMessages.missingMember("TokenStore", "method getTokens() returning a List");
        }

        Class<? extends Exception> exception = sdkException(findToken);
        newException = constructor(exception, "SDKException", String.class, String.class, Exception.class);

        String tokenName = tokenInterface.getPackageName() + "." + OAUTH_TOKEN;
        try {
            tokenClass = Class.forName(tokenName, false, tokenInterface.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw ZohoSdkMessages.missingMember("package " + tokenInterface.getPackageName(), "class " + OAUTH_TOKEN);
        }
        if (!tokenInterface.isAssignableFrom(tokenClass)) {
            throw ZohoSdkMessages.missingMember(OAUTH_TOKEN, "implementation of " + tokenInterface.getName());
        }
        newToken = constructor(tokenClass, OAUTH_TOKEN);
        for (Property p : Property.values()) {
            getters.put(p, method(tokenClass, OAUTH_TOKEN, "get" + p.sdkName, String.class));
            setters.put(p, method(tokenClass, OAUTH_TOKEN, "set" + p.sdkName, void.class, String.class));
        }
        getUserSignature = method(tokenClass, OAUTH_TOKEN, "getUserSignature", null);
        Class<?> userClass = getUserSignature.getReturnType();
        setUserSignature = method(tokenClass, OAUTH_TOKEN, "setUserSignature", void.class, userClass);
        newUserSignature = constructor(userClass, "UserSignature", String.class);
        getName = method(userClass, "UserSignature", "getName", String.class);
    }

    /**
     * The checked types of {@code storeInterface}, checked on first use.
     *
     * @throws IllegalArgumentException naming what is missing if the SDK's types do not fit
     */
    static SdkTypes of(Class<?> storeInterface) {
        return CHECKED.get(storeInterface);
    }

    /** The store method {@code m} of the proxied interface is, or {@code null} for another method. */
    StoreMethod storeMethod(Method m) {
        return storeMethods.get(m);
    }

    /** A new, empty SDK {@code OAuthToken}. */
    Object newToken(String operation) throws Exception {
        return invoke(operation, "OAuthToken()", () -> newToken.newInstance());
    }

    String get(String operation, Object token, Property p) throws Exception {
        Method getter = getters.get(p);
        return (String) invoke(operation, getter.getName() + "()", () -> getter.invoke(token));
    }

    void set(String operation, Object token, Property p, String value) throws Exception {
        Method setter = setters.get(p);
        invoke(operation, setter.getName() + "(String)", () -> setter.invoke(token, value));
    }

    /** The name in the token's user signature, or {@code null} if it has none. */
    String userName(String operation, Object token) throws Exception {
        Object user = invoke(operation, "getUserSignature()", () -> getUserSignature.invoke(token));
        return user == null ? null : (String) invoke(operation, "UserSignature.getName()", () -> getName.invoke(user));
    }

    void setUserName(String operation, Object token, String name) throws Exception {
        Object user = invoke(operation, "UserSignature(String)", () -> newUserSignature.newInstance(name));
        invoke(operation, "setUserSignature(UserSignature)", () -> setUserSignature.invoke(token, user));
    }

    /** The SDK's own exception, as its stores throw it, with the message (which starts with its ID). */
    Exception exception(String message, Exception cause) {
        try {
            return (Exception) newException.newInstance(SDK_ERROR_CODE, message, cause);
        } catch (ReflectiveOperationException | RuntimeException e) {
            // The constructor was checked; should it fail all the same, the message still reaches the caller.
            IllegalStateException fallback = new IllegalStateException(message, cause);
            fallback.addSuppressed(e);
            return fallback;
        }
    }

    @FunctionalInterface
    private interface Call {
        Object call() throws ReflectiveOperationException;
    }

    private Object invoke(String operation, String member, Call call) throws Exception {
        try {
            return call.call();
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            throw exception(ZohoSdkMessages.sdkCallFailed(operation, member, cause),
                    cause instanceof Exception ex ? ex : null);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw exception(ZohoSdkMessages.sdkCallFailed(operation, member, e), e);
        }
    }

    private static StoreMethod known(Method m) {
        for (StoreMethod s : StoreMethod.values()) {
            if (s.sdkName.equals(m.getName()) && s.parameters == m.getParameterCount()) {
                return s;
            }
        }
        return null;
    }

    private static void requireParameter(Method m, Class<?> type) {
        if (m.getParameterTypes()[0] != type) {
            throw ZohoSdkMessages.missingMember("TokenStore", "method " + m.getName() + "(" + type.getSimpleName() + ")");
        }
    }

    @SuppressWarnings("unchecked")
    private static Class<? extends Exception> sdkException(Method findToken) {
        for (Class<?> type : findToken.getExceptionTypes()) {
            if (Exception.class.isAssignableFrom(type) && !RuntimeException.class.isAssignableFrom(type)) {
                return (Class<? extends Exception>) type;
            }
        }
        throw ZohoSdkMessages.missingMember("TokenStore", "method findToken declaring its SDKException");
    }

    private static Constructor<?> constructor(Class<?> type, String typeName, Class<?>... parameters) {
        try {
            Constructor<?> c = type.getConstructor(parameters);
            if (Modifier.isAbstract(type.getModifiers())) {
                throw ZohoSdkMessages.missingMember(typeName, "public constructor (it is abstract)");
            }
            return c;
        } catch (NoSuchMethodException e) {
            throw ZohoSdkMessages.missingMember(typeName, "public constructor " + typeName + signature(parameters));
        }
    }

    /** A public method; {@code returns} null accepts any return type. */
    private static Method method(Class<?> type, String typeName, String name, Class<?> returns, Class<?>... parameters) {
        try {
            Method m = type.getMethod(name, parameters);
            if (returns != null && m.getReturnType() != returns) {
                throw ZohoSdkMessages.missingMember(typeName, "method " + name + signature(parameters) + " returning "
                        + returns.getSimpleName());
            }
            return m;
        } catch (NoSuchMethodException e) {
            throw ZohoSdkMessages.missingMember(typeName, "public method " + name + signature(parameters));
        }
    }

    private static String signature(Class<?>... parameters) {
        StringBuilder s = new StringBuilder("(");
        for (int i = 0; i < parameters.length; i++) {
            s.append(i == 0 ? "" : ", ").append(parameters[i].getSimpleName());
        }
        return s.append(')').toString();
    }
}
