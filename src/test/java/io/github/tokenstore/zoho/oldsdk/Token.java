package io.github.tokenstore.zoho.oldsdk;

/** An SDK-like token interface whose {@link OAuthToken} lacks a getter the bridge needs. */
public interface Token {
}
