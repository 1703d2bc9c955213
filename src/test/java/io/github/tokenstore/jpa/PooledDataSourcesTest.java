package io.github.tokenstore.jpa;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PooledDataSourcesTest {

    @Test
    void mariaDbGetsServerSidePreparedStatementsUnlessTheUrlSaysOtherwise() {
        assertThat(PooledDataSources.driverProperties("jdbc:mariadb://127.0.0.1:3306/tokens"))
                .isEqualTo(Map.of("useServerPrepStmts", "true"));
        assertThat(PooledDataSources.driverProperties("jdbc:mariadb://127.0.0.1:3306/tokens?useServerPrepStmts=false"))
                .isEmpty();
        assertThat(PooledDataSources.driverProperties("jdbc:mariadb://h/t?USESERVERPREPSTMTS=false")).isEmpty();
    }

    @Test
    void otherDatabasesKeepTheirDriversDefaults() {
        assertThat(PooledDataSources.driverProperties("jdbc:postgresql://127.0.0.1:5432/tokens")).isEmpty();
        assertThat(PooledDataSources.driverProperties("jdbc:h2:mem:tokens")).isEmpty();
    }

    @Test
    void theUrlIsShownWithoutItsParameters() {
        assertThat(PooledDataSources.redact("jdbc:postgresql://h/db?password=secret")).isEqualTo("jdbc:postgresql://h/db");
        assertThat(PooledDataSources.redact("jdbc:h2:mem:x;PASSWORD=secret")).isEqualTo("jdbc:h2:mem:x");
    }

    @Test
    void aPoolNeedsAUrlAndAtLeastOneConnection() {
        assertThatThrownBy(() -> PooledDataSources.create(" ", "sa", "", 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PooledDataSources.create("jdbc:h2:mem:x", "sa", "", 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("poolSize is 0; it must be at least 1");
    }
}
