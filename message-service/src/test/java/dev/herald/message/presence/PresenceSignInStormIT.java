package dev.herald.message.presence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.message.store.QueryRunner;
import dev.herald.message.testing.BackendExtension;
import dev.herald.message.testing.PresenceLinks;
import dev.herald.message.testing.PresenceLinks.Gateway;
import dev.herald.message.testing.StoredAudience;
import dev.herald.message.testing.TestIdentity;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.impl.DefaultExecuteListenerProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A sign-in storm: thousands of first sockets at once cost a few audience queries per batch, not two per sign-in,
 * and every notice still reaches the online members of each user's audience.
 */
class PresenceSignInStormIT {

    private static final int USERS = 5_000;
    private static final int ROOM_SIZE = 10;

    @RegisterExtension
    static final BackendExtension backend = new BackendExtension();

    @Test
    void aSignInStormIsPushedInBatches() throws Exception {
        StoredAudience audience = new StoredAudience(backend.dsl());
        List<String> users = new ArrayList<>();
        for (int room = 0; room < USERS / ROOM_SIZE; room++) {
            List<String> members = new ArrayList<>();
            for (int i = 0; i < ROOM_SIZE; i++) {
                members.add(BackendExtension.unique("storm-" + room + "-" + i));
            }
            audience.room(ROOM_SIZE, members);
            users.addAll(members);
        }
        AtomicInteger queries = new AtomicInteger();
        QueryRunner counted = new QueryRunner(backend.dsl().configuration()
                .derive(new DefaultExecuteListenerProvider(new ExecuteListener() {
                    @Override
                    public void executeStart(ExecuteContext ctx) {
                        queries.incrementAndGet();
                    }
                })).dsl());
        PresenceTable table = new PresenceTable(Clock.systemUTC());
        ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
        try (TestIdentity identity = TestIdentity.start();
                PresenceNotices notices = new PresenceNotices(
                        new Audiences(counted, backend.consistency(), Clock.systemUTC(), Duration.ofSeconds(30), USERS), new DeliveryRouter(table),
                        backend.publisher(), 100_000);
                PresenceLinks links = PresenceLinks.start(table, new PresenceAnnouncer(table, notices,
                        new RecentLastSeen(Duration.ofMinutes(1), USERS), timers, Duration.ofSeconds(3),
                        Clock.systemUTC()), identity)) {
            Gateway gateway = links.open();
            long started = System.nanoTime();
            gateway.onlineAll(users);
            long signedInMillis = (System.nanoTime() - started) / 1_000_000;
            // Each room's members are pushed each other's onlines: every user but its room's first comer is a
            // recipient of ROOM_SIZE - 1 notices at most; count the notices the gateway got.
            await().atMost(Duration.ofSeconds(60)).until(() -> notices.waiting() == 0
                    && gateway.presenceNotices().size() >= USERS - USERS / ROOM_SIZE);
            long pushedMillis = (System.nanoTime() - started) / 1_000_000;

            System.out.printf("sign-in storm: %d users signed in (acked) in %d ms, %d notices pushed by %d ms, "
                    + "%d audience queries%n", USERS, signedInMillis, gateway.presenceNotices().size(), pushedMillis,
                    queries.get());
            // Unbatched it would be two per sign-in (10,000). Batches grow with the rate: one batch of queries runs
            // at a time, and the sign-ins that come meanwhile make the next one.
            assertThat(queries.get()).as("audience queries: two per batch, not per sign-in").isLessThan(USERS / 2);
        } finally {
            timers.shutdownNow();
        }
    }
}
