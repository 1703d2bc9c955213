package com.zoho.api.authenticator;

import com.zoho.crm.api.exception.SDKException;

/**
 * Test stand-in for the Zoho CRM Java SDK's token interface ({@code zohocrm-java-sdk-8-0} 1.0.0 and 2.0.0),
 * without {@code authenticate(APIHTTPConnector)}, which only the SDK's HTTP layer calls.
 */
public interface Token {

    void generateToken() throws SDKException;

    Boolean revoke(String id) throws SDKException;

    void remove() throws SDKException;

    String getId();
}
