package dev.herald.worker.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FailureKindTest {

    @ParameterizedTest
    @CsvSource({
            "22001, REJECTED",      // value too long
            "22021, REJECTED",      // NUL byte in text
            "23502, REJECTED",      // not-null violation
            "08006, TRANSIENT",     // connection failure
            "57P01, TRANSIENT",     // admin shutdown
            "40P01, TRANSIENT",     // deadlock
            "53300, TRANSIENT"})    // too many connections
    void classifiesBySqlStateClass(String sqlState, FailureKind expected) {
        var failure = new DataAccessException("wrapped", new SQLException("x", sqlState));

        assertThat(FailureKind.of(failure)).isEqualTo(expected);
    }

    @Test
    void unknownFailuresAreRetried() {
        assertThat(FailureKind.of(new IllegalStateException("?"))).isEqualTo(FailureKind.TRANSIENT);
        assertThat(FailureKind.of(new DataAccessException("pool",
                new SQLTransientConnectionException("Connection is not available")))).isEqualTo(FailureKind.TRANSIENT);
    }
}
