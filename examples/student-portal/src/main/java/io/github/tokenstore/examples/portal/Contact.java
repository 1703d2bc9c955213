package io.github.tokenstore.examples.portal;

/** A CRM contact as the records page shows it. */
public record Contact(String id, String firstName, String lastName, String email, String description) {

    public String name() {
        return (firstName == null ? "" : firstName + " ") + (lastName == null ? "" : lastName);
    }
}
