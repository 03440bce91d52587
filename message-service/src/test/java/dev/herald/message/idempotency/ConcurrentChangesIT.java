package dev.herald.message.idempotency;

import static dev.herald.message.testing.BackendExtension.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.message.batch.BatchResult;
import dev.herald.message.inbox.Inbox;
import dev.herald.message.outbox.Outbox;
import dev.herald.message.testing.BackendExtension;
import dev.herald.message.testing.GatewayLinks.Gateway;
import dev.herald.message.testing.StoredRows;
import dev.herald.proto.v1.Delivery;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two instances (each its own inbox, outbox and claims on the shared NATS and PostgreSQL) get the same change of the
 * same message at the same moment, many times over. No worker runs, so PostgreSQL shows every message unchanged to
 * every request: only the claims keep the change single, in the replies, on the stream and on the sockets.
 */
class ConcurrentChangesIT {

    @RegisterExtension
    static final BackendExtension backend = new BackendExtension();

    private static final int ROUNDS = 20;
    private static final int REQUESTS_PER_ROUND = 8;

    private final ExecutorService threads = Executors.newFixedThreadPool(REQUESTS_PER_ROUND);
    private final List<Inbox> inboxes = new ArrayList<>();
    private final List<Outbox> outboxes = new ArrayList<>();
    private StoredRows rows;
    private String alice;
    private String bob;
    private String carol;

    @BeforeEach
    void twoInstances() {
        for (int instance = 0; instance < 2; instance++) {
            FirstClaims claims = backend.firstClaims();
            inboxes.add(new Inbox(backend.queries(), backend.consistency(), backend.publisher(), backend.router(),
                    claims, 10, Clock.systemUTC()));
            outboxes.add(new Outbox(backend.queries(), backend.consistency(), backend.publisher(), backend.router(),
                    claims, 10, Clock.systemUTC()));
        }
        rows = backend.rows();
        alice = unique("alice");
        bob = unique("bob");
        carol = unique("carol");
    }

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    @Test
    void concurrentReadsOfOneMessageChangeItOnceAndSendOneReceipt() throws Exception {
        Gateway alicesGateway = backend.links().open(alice);
        long updatesBefore = backend.events().count("update");
        List<UUID> messages = new ArrayList<>();

        for (int round = 0; round < ROUNDS; round++) {
            UUID message = rows.message(alice).to(bob).store();
            messages.add(message);
            List<BatchResult> results = race(instance -> inboxes.get(instance)
                    .markRead(bob, List.of(message.toString())).thenApply(read -> read.batch()));

            assertThat(results).filteredOn(r -> !r.changed().isEmpty()).as("replies listing it changed").hasSize(1);
            assertThat(results).allSatisfy(r -> assertThat(r.unknown()).isEmpty());
        }

        UUID sentinel = rows.message(alice).to(bob).store();
        inboxes.getFirst().markRead(bob, List.of(sentinel.toString())).join();
        List<Delivery> receipts = deliveriesUntil(alicesGateway,
                d -> d.getRead().getMessageId().equals(sentinel.toString()));
        for (UUID message : messages) {
            assertThat(receipts).filteredOn(d -> d.getRead().getMessageId().equals(message.toString()))
                    .as("read receipts of %s", message).hasSize(1);
        }
        assertThat(backend.events().count("update") - updatesBefore).as("updates published")
                .isEqualTo(ROUNDS + 1);
    }

    @Test
    void concurrentRecallsOfOneMessageChangeItOnceAndTellEachReceiverOnce() throws Exception {
        Gateway receivers = backend.links().open(bob, carol);
        long updatesBefore = backend.events().count("update");
        List<UUID> messages = new ArrayList<>();

        for (int round = 0; round < ROUNDS; round++) {
            UUID message = rows.message(alice).to(bob, carol).store();
            messages.add(message);
            List<BatchResult> results = race(instance -> outboxes.get(instance).recall(alice,
                    List.of(message.toString())));

            assertThat(results).filteredOn(r -> !r.changed().isEmpty()).as("replies listing it changed").hasSize(1);
            assertThat(results).filteredOn(r -> r.unknown().equals(List.of(message.toString())))
                    .as("replies finding it already recalled").hasSize(REQUESTS_PER_ROUND - 1);
        }

        UUID sentinel = rows.message(alice).to(bob, carol).store();
        outboxes.getFirst().recall(alice, List.of(sentinel.toString())).join();
        List<Delivery> notices = deliveriesUntil(receivers,
                d -> d.getRecalled().getMessageId().equals(sentinel.toString()));
        for (UUID message : messages) {
            assertThat(notices).filteredOn(d -> d.getRecalled().getMessageId().equals(message.toString()))
                    .as("recall notices of %s", message).singleElement()
                    .satisfies(d -> assertThat(d.getRecipientIdsList()).containsExactlyInAnyOrder(bob, carol));
        }
        assertThat(backend.events().count("update") - updatesBefore).as("updates published")
                .isEqualTo(ROUNDS + 1);
    }

    @Test
    void concurrentDeletesOfOneMessageChangeItOnce() throws Exception {
        long updatesBefore = backend.events().count("update");

        for (int round = 0; round < ROUNDS; round++) {
            UUID message = rows.message(alice).to(bob).store();
            List<BatchResult> received = race(instance -> inboxes.get(instance).delete(bob,
                    List.of(message.toString())));
            List<BatchResult> sent = race(instance -> outboxes.get(instance).delete(alice,
                    List.of(message.toString())));

            assertThat(received).filteredOn(r -> !r.changed().isEmpty()).as("receiver deletes changing it").hasSize(1);
            assertThat(sent).filteredOn(r -> !r.changed().isEmpty()).as("sender deletes changing it").hasSize(1);
        }

        assertThat(backend.events().count("update") - updatesBefore).as("updates published")
                .isEqualTo(2 * ROUNDS);
    }

    /**
     * Runs the same request {@link #REQUESTS_PER_ROUND} times at once, alternating between the two instances, all
     * released by one gate; returns every reply.
     */
    private List<BatchResult> race(Function<Integer, CompletableFuture<BatchResult>> request) throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        List<Future<BatchResult>> replies = new ArrayList<>();
        for (int i = 0; i < REQUESTS_PER_ROUND; i++) {
            int instance = i % 2;
            replies.add(threads.submit(() -> {
                gate.await();
                return request.apply(instance).get(10, TimeUnit.SECONDS);
            }));
        }
        gate.countDown();
        List<BatchResult> results = new ArrayList<>();
        for (Future<BatchResult> reply : replies) {
            results.add(reply.get(20, TimeUnit.SECONDS));
        }
        return results;
    }

    /**
     * Every delivery the gateway got until the one matching {@code last}: deliveries keep their order on a link, so
     * once that one is there no earlier one is still on its way.
     */
    private static List<Delivery> deliveriesUntil(Gateway gateway, Predicate<Delivery> last) {
        await().atMost(Duration.ofSeconds(10)).until(() -> gateway.deliveries().stream().anyMatch(last));
        return gateway.deliveries();
    }
}
