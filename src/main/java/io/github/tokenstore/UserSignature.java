package io.github.tokenstore;

import io.github.tokenstore.core.CoreMessages;

/**
 * Whose token it is: the application's name for a user, usually an e-mail address (the Zoho SDKs'
 * {@code UserSignature}).
 *
 * <p>Names are compared exactly: case, spaces and Unicode normalisation all count.
 *
 * @param name the user's name; not blank, at most {@value OAuthToken#MAX_NAME_LENGTH} characters,
 *             without NUL characters or unpaired surrogates
 * @throws IllegalArgumentException if the name breaks one of these rules; the message names the rule
 */
public record UserSignature(String name) {

    public UserSignature {
        if (name == null || name.isBlank()) {
            throw CoreMessages.blankUserName();
        }
        OAuthToken.checkText("userSignature.name", name, OAuthToken.MAX_NAME_LENGTH);
    }

    @Override
    public String toString() {
        return "UserSignature[" + name + "]";
    }
}
