package com.zoho.crm.api;

import com.zoho.crm.api.exception.SDKException;

/**
 * Test stand-in for the Zoho CRM Java SDK's user name (public API of {@code zohocrm-java-sdk-8-0} 1.0.0 and
 * 2.0.0): a constructor that refuses only {@code null}, and {@link #getName()}.
 */
public class UserSignature {

    private final String name;

    public UserSignature(String name) throws SDKException {
        if (name == null) {
            throw new SDKException("MANDATORY VALUE ERROR", "Value missing or null for mandatory key(s) - name");
        }
        this.name = name;
    }

    public String getName() {
        return name;
    }
}
