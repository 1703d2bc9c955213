package io.github.tokenstore.migrate;

import java.util.Collections;
import java.util.Map;

/**
 * One row of a Zoho SDK token source, its values as the source holds them.
 *
 * @param where  where the row is, for the report: {@code line 3}, {@code row id=7}
 * @param values by canonical column name ({@link ZohoColumns}); a column the source's layout lacks is
 *               absent, a column it has but the row leaves empty maps to {@code null} or {@code ""}
 * @param problem why the row cannot be read at all (e.g. a wrong number of fields), or {@code null}
 */
record SourceRow(String where, Map<String, String> values, IllegalArgumentException problem) {

    SourceRow {
        values = Collections.unmodifiableMap(values);
    }

    static SourceRow unreadable(String where, IllegalArgumentException problem) {
        return new SourceRow(where, Map.of(), problem);
    }

    /** Whether the source's layout has this column at all. */
    boolean has(String column) {
        return values.containsKey(column);
    }

    String get(String column) {
        return values.get(column);
    }
}
