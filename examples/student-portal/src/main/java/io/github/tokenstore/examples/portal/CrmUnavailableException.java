package io.github.tokenstore.examples.portal;

/** Zoho CRM could not be reached or failed; the message names the API domain and the status, nothing secret. */
public class CrmUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public CrmUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
