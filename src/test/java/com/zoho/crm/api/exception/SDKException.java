package com.zoho.crm.api.exception;

/**
 * Test stand-in for the Zoho CRM Java SDK's checked exception, with the public constructors and getters
 * of {@code com.zoho.crm:zohocrm-java-sdk-8-0} 1.0.0 and 2.0.0 (written from its public API, not its code).
 */
public class SDKException extends Exception {

    private final String code;

    public SDKException(String code, String message) {
        this(code, message, null);
    }

    public SDKException(String code, String message, Exception cause) {
        super(message, cause);
        this.code = code;
    }

    public SDKException(Exception cause) {
        this(null, cause.getMessage(), cause);
    }

    /** The SDK's error code, e.g. {@code TOKEN_STORE}. */
    public String getCode() {
        return code;
    }
}
