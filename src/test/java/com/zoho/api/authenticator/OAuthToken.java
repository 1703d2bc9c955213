package com.zoho.api.authenticator;

import com.zoho.crm.api.Initializer;
import com.zoho.crm.api.UserSignature;
import com.zoho.crm.api.exception.SDKException;

/**
 * Test stand-in for the Zoho CRM Java SDK's OAuth token ({@code zohocrm-java-sdk-8-0} 1.0.0 and 2.0.0): a
 * mutable bean with the SDK's public no-argument constructor, getters and setters (their names as the SDK
 * spells them: {@code getRedirectURL}, {@code getAPIDomain}, {@code getExpiresIn} holding epoch milliseconds
 * as text), and {@link #revoke}/{@link #remove} calling the store the way the SDK documents. Getting an
 * access token ({@link #generateToken}) is played by the tests' {@code SdkCaller}.
 */
public class OAuthToken implements Token {

    private String id;
    private UserSignature userSignature;
    private String clientID;
    private String clientSecret;
    private String redirectURL;
    private String grantToken;
    private String refreshToken;
    private String accessToken;
    private String expiresIn;
    private String apiDomain;

    public OAuthToken() {
    }

    @Override
    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public UserSignature getUserSignature() {
        return userSignature;
    }

    public void setUserSignature(UserSignature userSignature) {
        this.userSignature = userSignature;
    }

    public String getClientId() {
        return clientID;
    }

    public void setClientId(String clientID) {
        this.clientID = clientID;
    }

    public String getClientSecret() {
        return clientSecret;
    }

    public void setClientSecret(String clientSecret) {
        this.clientSecret = clientSecret;
    }

    public String getRedirectURL() {
        return redirectURL;
    }

    public void setRedirectURL(String redirectURL) {
        this.redirectURL = redirectURL;
    }

    public String getGrantToken() {
        return grantToken;
    }

    public void setGrantToken(String grantToken) {
        this.grantToken = grantToken;
    }

    public String getRefreshToken() {
        return refreshToken;
    }

    public void setRefreshToken(String refreshToken) {
        this.refreshToken = refreshToken;
    }

    public String getAccessToken() {
        return accessToken;
    }

    public void setAccessToken(String accessToken) {
        this.accessToken = accessToken;
    }

    public String getExpiresIn() {
        return expiresIn;
    }

    public void setExpiresIn(String expiresIn) {
        this.expiresIn = expiresIn;
    }

    public String getAPIDomain() {
        return apiDomain;
    }

    public void setAPIDomain(String apiDomain) {
        this.apiDomain = apiDomain;
    }

    @Override
    public void generateToken() throws SDKException {
        throw new UnsupportedOperationException("the tests' SdkCaller plays the SDK's token generation");
    }

    /** As documented: looks the token up by nothing but its id, and reports whether it had a refresh token. */
    @Override
    public Boolean revoke(String id) throws SDKException {
        OAuthToken byId = new OAuthToken();
        byId.setId(id);
        Initializer.getInitializer().getStore().findToken(byId);
        return byId.getRefreshToken() != null;
    }

    /** As documented: deletes the token by its id. */
    @Override
    public void remove() throws SDKException {
        Initializer.getInitializer().getStore().deleteToken(getId());
    }
}
