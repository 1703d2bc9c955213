package io.github.tokenstore.login;

import java.time.Instant;
import java.util.Objects;

/**
 * A login that was started and not yet completed: what its callback is checked against. Kept by {@link
 * PendingLogins} for at most {@link LoginFlow#STATE_LIFETIME}.
 *
 * <p>{@link #toString()} shows neither the nonce nor the login hint.
 *
 * @param stateHash    the SHA-256 (hex) of the {@code state} sent to the provider: the key
 * @param browserHash  the SHA-256 (hex) of the browser's login cookie
 * @param nonce        the nonce the ID token must carry
 * @param returnPath   the checked path to send the browser to afterwards
 * @param loginHint    the login hint sent, or {@code null}
 * @param consentRound whether this is the second round, with {@code prompt=consent}
 * @param createdAt    when the login was started
 */
public record PendingLogin(String stateHash, String browserHash, String nonce, String returnPath, String loginHint,
                           boolean consentRound, Instant createdAt) {

    public PendingLogin {
        Objects.requireNonNull(stateHash, "stateHash");
        Objects.requireNonNull(browserHash, "browserHash");
        Objects.requireNonNull(nonce, "nonce");
        Objects.requireNonNull(returnPath, "returnPath");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    @Override
    public String toString() {
        return "PendingLogin[state=" + stateHash.substring(0, Math.min(8, stateHash.length())) + "…, returnPath="
                + returnPath + ", consentRound=" + consentRound + ", createdAt=" + createdAt + "]";
    }
}
