package dev.herald.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.herald.proto.v1.DeadLetter;
import dev.herald.proto.v1.ListDeadLettersRequest;
import dev.herald.proto.v1.ListDeadLettersResponse;
import dev.herald.proto.v1.RetryDeadLettersRequest;
import dev.herald.proto.v1.RetryDeadLettersResponse;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A message the worker cannot store is dead-lettered, not lost: an operator's CHECK constraint rejects it, an admin
 * lists it over gRPC, retries it (dead-lettered again while the constraint stands), drops the constraint, retries
 * again, and the message is stored and the dead letter gone. Nobody else may do any of it.
 */
class DeadLetterRetryIT {

    static final Duration TIMEOUT = Duration.ofSeconds(30);
    static HeraldStack stack;
    static Rows rows;
    static GrpcUser root;

    @BeforeAll
    static void start() throws Exception {
        stack = HeraldStack.start(Map.of());
        rows = new Rows(stack);
        root = stack.grpc("root", true);
    }

    @AfterAll
    static void stop() throws Exception {
        stack.close();
    }

    @Test
    void aRejectedMessageIsDeadLetteredAndStoredOnceRetriedAfterTheFix() throws SQLException {
        GrpcUser alice = stack.knownUser("alice");
        GrpcUser bob = stack.knownUser("bob");
        sql("alter table messages add constraint it_no_quarantine check (body not like '%quarantine%')");
        String rejected = alice.send("this one is for quarantine", bob.id);
        String stored = alice.send("this one is fine", bob.id);

        await().atMost(TIMEOUT).until(() -> rows.count("select count(*) from dead_letters") == 1
                && rows.count("select count(*) from messages where id = ?::uuid", stored) == 1);
        DeadLetter first = onlyDeadLetter();
        assertThat(first.getSqlState()).isEqualTo("23514");
        assertThat(first.getReason()).isEqualTo("PostgreSQL rejected the event: SQLSTATE 23514: new row for relation"
                + " \"messages\" violates check constraint \"it_no_quarantine\"");
        assertThat(first.getSubject()).endsWith(".message");
        assertThat(rows.count("select count(*) from messages where id = ?::uuid", rejected)).isZero();

        // Retried while the constraint stands: published again, rejected again, a new dead letter.
        RetryDeadLettersResponse again = root.admin.retryDeadLetters(RetryDeadLettersRequest.newBuilder()
                .addStreamSequences(first.getStreamSequence()).build());
        assertThat(again.getRetriedList()).hasSize(1);
        long againSequence = again.getRetried(0).getNewStreamSequence();
        assertThat(againSequence).isGreaterThan(first.getStreamSequence());
        await().atMost(TIMEOUT).until(() -> rows.count(
                "select count(*) from dead_letters where stream_sequence = ?", againSequence) == 1);
        DeadLetter second = onlyDeadLetter();
        assertThat(second.getId()).isNotEqualTo(first.getId());
        assertThat(second.getPayload()).isEqualTo(first.getPayload());

        sql("alter table messages drop constraint it_no_quarantine");
        RetryDeadLettersResponse retried = root.admin.retryDeadLetters(RetryDeadLettersRequest.newBuilder()
                .addIds(second.getId()).addIds(first.getId()).build());

        assertThat(retried.getRetriedList()).extracting(r -> r.getId()).containsExactly(second.getId());
        assertThat(retried.getUnknownIdsList()).containsExactly(first.getId());
        await().atMost(TIMEOUT).until(() -> rows.count("select count(*) from messages where id = ?::uuid", rejected) == 1);
        assertThat(rows.hasReceipt(rejected, bob.id)).isTrue();
        assertThat(rows.count("select count(*) from dead_letters")).isZero();
        assertThat(root.admin.listDeadLetters(ListDeadLettersRequest.getDefaultInstance()).getTotalCount()).isZero();
    }

    @Test
    void nobodyButAnAdminListsOrRetriesDeadLetters() {
        GrpcUser mallory = stack.knownUser("mallory");

        assertThatThrownBy(() -> mallory.admin.listDeadLetters(ListDeadLettersRequest.getDefaultInstance()))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED));
        assertThatThrownBy(() -> mallory.admin.retryDeadLetters(RetryDeadLettersRequest.newBuilder().addIds(1).build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED));
        assertThatThrownBy(() -> root.admin.retryDeadLetters(RetryDeadLettersRequest.getDefaultInstance()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                    assertThat(e.getStatus().getDescription()).isEqualTo("name dead letters by ids or streamSequences");
                });
    }

    private static DeadLetter onlyDeadLetter() {
        ListDeadLettersResponse listed = root.admin.listDeadLetters(ListDeadLettersRequest.getDefaultInstance());
        assertThat(listed.getTotalCount()).isEqualTo(1);
        assertThat(listed.getNextCursor()).isZero();
        return listed.getDeadLetters(0);
    }

    private static void sql(String statement) throws SQLException {
        try (Connection c = stack.sql(); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }
}
