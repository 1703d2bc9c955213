/**
 * The JPA token store, the default: {@link io.github.tokenstore.jpa.TokenEntity} on Hibernate 6.6 or
 * EclipseLink 4, with the library's own persistence unit (no {@code persistence.xml}) or the
 * application's, and the shipped DDL for H2, PostgreSQL and MariaDB.
 */
package io.github.tokenstore.jpa;
