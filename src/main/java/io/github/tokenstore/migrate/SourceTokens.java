package io.github.tokenstore.migrate;

import java.util.List;

/**
 * What a source held.
 *
 * @param description names the source and its layout for the report, never a password
 * @param rows        in the source's order
 */
record SourceTokens(String description, List<SourceRow> rows) {

    SourceTokens {
        rows = List.copyOf(rows);
    }
}
