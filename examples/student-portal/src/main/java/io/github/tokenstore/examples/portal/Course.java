package io.github.tokenstore.examples.portal;

/** A course of the student in Zylker Classroom. */
public record Course(String code, String title) {
}
