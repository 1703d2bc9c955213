package io.github.tokenstore.zoho.oldsdk;

/** Like the SDK's token bean, but without {@code getAPIDomain()}: what the bridge's check must name. */
public class OAuthToken implements Token {

    public OAuthToken() {
    }
}
