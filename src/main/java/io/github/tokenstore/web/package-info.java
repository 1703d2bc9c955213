/**
 * The library's login pages in a web application: {@code GET <context>/tokenstore/login} and {@code GET
 * <context>/tokenstore/callback} ({@link io.github.tokenstore.web.LoginServlet}, registered without {@code
 * web.xml} by {@link io.github.tokenstore.web.LoginInitializer} when the OAuth client is configured), a thin
 * layer over {@link io.github.tokenstore.login.LoginFlow} ({@link io.github.tokenstore.web.LoginPages}).
 * Needs the Jakarta Servlet API (provided by the server); nothing else of the library loads these classes.
 * Internal: the public surface is the URLs, the {@code tokenstore.login.*} keys and the {@code
 * io.github.tokenstore.TokenLogin} event.
 */
package io.github.tokenstore.web;
