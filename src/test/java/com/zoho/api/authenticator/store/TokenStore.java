package com.zoho.api.authenticator.store;

import com.zoho.api.authenticator.Token;
import com.zoho.crm.api.exception.SDKException;

import java.util.List;

/**
 * Test stand-in for the Zoho CRM Java SDK's custom token store interface, as documented for
 * {@code zohocrm-java-sdk-8-0} 1.0.0 and 2.0.0 (the two versions have the same six methods).
 */
public interface TokenStore {

    Token findToken(Token token) throws SDKException;

    Token findTokenById(String id) throws SDKException;

    void saveToken(Token token) throws SDKException;

    void deleteToken(String id) throws SDKException;

    List<Token> getTokens() throws SDKException;

    void deleteTokens() throws SDKException;
}
