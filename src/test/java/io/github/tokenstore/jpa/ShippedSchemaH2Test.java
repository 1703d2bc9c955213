package io.github.tokenstore.jpa;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link ShippedSchemaContract} on H2, and the scripts' form: Flyway names, plain statements. */
class ShippedSchemaH2Test extends ShippedSchemaContract {

    @TempDir
    Path dir;

    @Override
    protected DataSource emptySchema() {
        // A pool, not a bare JdbcDataSource: H2 closes a file database when its last connection closes, and a
        // store's background last-use write reopening it while a read closes it made H2 lose columns at random.
        return pool("jdbc:h2:file:" + dir.resolve("schema-" + UUID.randomUUID()).toAbsolutePath(), "sa", "");
    }

    @Override
    protected JpaSchema.Database database() {
        return JpaSchema.Database.H2;
    }

    @Test
    void hibernatesValidationCatchesAColumnOfAnotherType() throws Exception {
        DataSource ds = emptySchema();
        runScripts(ds);
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("ALTER TABLE tokenstore_token ALTER COLUMN expiry_time VARCHAR(20)");
        }

        assertThatThrownBy(() -> hibernateValidates(ds)).cause()
                .hasMessage("Schema-validation: wrong column type encountered in column [expiry_time] in table "
                        + "[tokenstore_token]; found [character varying (Types#VARCHAR)], but expecting [bigint (Types#BIGINT)]");
    }

    @Test
    void everyDatabaseFolderHoldsTheSameFlywayNamedScriptsOfPlainStatements() throws Exception {
        for (JpaSchema.Database db : JpaSchema.Database.values()) {
            List<String> names;
            try (Stream<Path> files = Files.list(folder(db))) {
                names = files.map(p -> p.getFileName().toString()).sorted().toList();
            }
            assertThat(names).as(db + " scripts").isEqualTo(JpaSchema.SCRIPTS);
            for (String name : names) {
                assertThat(name).as(db + " " + name).matches("V[1-9][0-9]*__[a-z0-9_]+\\.sql");
                String text = Files.readString(folder(db).resolve(name), StandardCharsets.UTF_8);
                // Flyway and Liquibase's sqlFile split on ';' by default: no DELIMITER, no $$ bodies, no GO.
                assertThat(text).as(db + " " + name).doesNotContainIgnoringCase("delimiter")
                        .doesNotContain("$$").doesNotContainPattern("(?im)^\\s*go\\s*$");
                assertThat(text.strip()).as(db + " " + name + " ends with a ;").endsWith(";");
                assertThat(JpaSchema.statements(db.script(name))).allSatisfy(
                        st -> assertThat(st).doesNotContain(";"));
            }
        }
    }

    private static Path folder(JpaSchema.Database db) throws URISyntaxException, IOException {
        var url = ShippedSchemaH2Test.class.getClassLoader().getResource(db.script(JpaSchema.SCRIPTS.get(0)));
        assertThat(url).isNotNull();
        return Path.of(url.toURI()).getParent();
    }
}
