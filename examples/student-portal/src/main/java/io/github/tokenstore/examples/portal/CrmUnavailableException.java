package io.github.tokenstore.examples.portal;

/**
 * Zoho CRM (or Zylker Classroom's API) could not be reached or failed; the message names the API and the status,
 * nothing secret.
 */
public class CrmUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public CrmUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
