package io.github.tokenstore.zoho.oldsdk;

import com.zoho.crm.api.exception.SDKException;

import java.util.List;

/** The SDK's six store methods over a token type whose bean does not fit the bridge. */
public interface TokenStore {

    Token findToken(Token token) throws SDKException;

    Token findTokenById(String id) throws SDKException;

    void saveToken(Token token) throws SDKException;

    void deleteToken(String id) throws SDKException;

    List<Token> getTokens() throws SDKException;

    void deleteTokens() throws SDKException;
}
