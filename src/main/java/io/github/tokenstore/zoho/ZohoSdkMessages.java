package io.github.tokenstore.zoho;

/**
 * The messages of the Zoho SDK bridge ({@code TOKENSTORE-0900}–{@code 0949}). No factory takes a secret:
 * messages name operations, types and methods, never token values. For the library's own use.
 */
final class ZohoSdkMessages {

    /** The SDK versions whose public types the bridge was checked against. */
    static final String CHECKED_VERSIONS = "com.zoho.crm:zohocrm-java-sdk-8-0 1.0.0 and 2.0.0,"
            + " com.zoho.crm:zohocrm-java-sdk-7-0 1.0.0 to 6.0.0";

    private ZohoSdkMessages() {
    }

    static IllegalArgumentException nullArgument(String argument) {
        return new IllegalArgumentException("TOKENSTORE-0900: ZohoSdkBridge.tokenStore: " + argument + " is null");
    }

    static IllegalArgumentException notTheSdkStore(Class<?> given) {
        return new IllegalArgumentException("TOKENSTORE-0901: ZohoSdkBridge.tokenStore: " + given.getName()
                + " is not the Zoho SDK's TokenStore interface; pass com.zoho.api.authenticator.store.TokenStore.class");
    }

    static IllegalArgumentException missingMember(String type, String member) {
        return new IllegalArgumentException("TOKENSTORE-0902: ZohoSdkBridge: the Zoho SDK's " + type + " has no "
                + member + "; the bridge was checked against " + CHECKED_VERSIONS
                + " — use one of those, or tell the library's maintainers which SDK version you use");
    }

    static IllegalArgumentException unknownStoreMethod(String method) {
        return new IllegalArgumentException("TOKENSTORE-0903: ZohoSdkBridge: the Zoho SDK's TokenStore declares "
                + method + ", which the bridge does not know; it was checked against " + CHECKED_VERSIONS
                + " — use one of those, or tell the library's maintainers which SDK version you use");
    }

    static String unknownId(String id) {
        return "TOKENSTORE-0904: findTokenById: no token is stored with the id " + printable(id);
    }

    static String storeFailed(String operation, RuntimeException cause) {
        return "TOKENSTORE-0905: " + operation + ": the token store failed: " + cause.getMessage();
    }

    static String tokenRejected(String operation, IllegalArgumentException cause) {
        return "TOKENSTORE-0906: " + operation + ": the library cannot take this SDK token: " + cause.getMessage();
    }

    static String expiryNotMillis(String operation) {
        return "TOKENSTORE-0907: " + operation + ": the SDK token's expiry time (getExpiresIn) is not a whole number"
                + " of epoch milliseconds";
    }

    static String sdkCallFailed(String operation, String member, Throwable cause) {
        return "TOKENSTORE-0908: " + operation + ": calling the Zoho SDK's " + member + " failed: "
                + cause.getClass().getName();
    }

    static String refreshFailed(RuntimeException cause) {
        return "TOKENSTORE-0909: the library could not refresh a user's token for the Zoho SDK, so the SDK gets"
                + " the stored token unchanged and refreshes it itself when it must (logged once until a refresh"
                + " works again): " + cause.getMessage();
    }

    /** An id for a message: ids are not secrets, but one from a caller may hold anything. */
    private static String printable(String id) {
        if (id.length() > 64 || !id.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
            return "(not shown: " + id.length() + " characters, not plain ASCII or too long)";
        }
        return "'" + id + "'";
    }
}
