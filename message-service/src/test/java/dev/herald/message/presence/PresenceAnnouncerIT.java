package dev.herald.message.presence;

import static dev.herald.message.testing.BackendExtension.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.message.testing.BackendExtension;
import dev.herald.message.testing.PresenceLinks;
import dev.herald.message.testing.PresenceLinks.Gateway;
import dev.herald.message.testing.StoredAudience;
import dev.herald.message.testing.TestIdentity;
import dev.herald.message.wire.Timestamps;
import dev.herald.proto.v1.Delivery;
import dev.herald.proto.v1.PresenceNotice;
import dev.herald.proto.v1.StreamEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The announcing instance pushes a user's presence to its audience's gateways: once when the first socket anywhere
 * opens, and once, after the debounce, when the last one closed and stayed closed. Real links (in-process gRPC),
 * a real database for the audiences and a real stream for UserLastSeen.
 */
class PresenceAnnouncerIT {

    @RegisterExtension
    static final BackendExtension backend = new BackendExtension();

    static TestIdentity identity;
    static ScheduledExecutorService timers;

    private final StoredAudience audience = new StoredAudience(backend.dsl());
    private PresenceNotices notices;
    private PresenceLinks links;
    private String alice;
    private String bob;
    private String carol;

    @BeforeAll
    static void identity() {
        identity = TestIdentity.start();
        timers = Executors.newSingleThreadScheduledExecutor();
    }

    @AfterAll
    static void stop() {
        identity.close();
        timers.shutdownNow();
    }

    @BeforeEach
    void users() {
        alice = unique("alice");
        bob = unique("bob");
        carol = unique("carol");
        audience.room(alice, bob, carol);
    }

    @AfterEach
    void close() throws InterruptedException {
        links.close();
        notices.close();
    }

    @Test
    void aFirstSocketIsPushedOnceToTheAudienceOnOtherGatewaysAndToNoStranger() throws Exception {
        start(Duration.ofMillis(300));
        String stranger = unique("stranger");
        Gateway others = links.open();
        others.online(bob);
        others.online(stranger);

        links.open().online(alice);

        await().atMost(Duration.ofSeconds(5)).until(() -> others.noticesAbout(alice).size() == 1);
        Delivery delivery = others.presenceNotices().stream()
                .filter(d -> d.getPresence().getUserId().equals(alice)).findFirst().orElseThrow();
        assertThat(delivery.getRecipientIdsList()).containsExactly(bob);
        assertThat(delivery.getPresence().getOnline()).isTrue();
        assertThat(delivery.getPresence().hasLastSeen()).isFalse();
        assertThat(others.presenceNotices()).allSatisfy(d -> assertThat(d.getRecipientIdsList())
                .doesNotContain(stranger));
    }

    @Test
    void aUserOnTwoGatewaysIsPushedOnlineOnce() throws Exception {
        start(Duration.ofMillis(300));
        Gateway bobs = links.open();
        bobs.online(bob);

        links.open().online(alice);
        links.open().online(alice);
        // Notices go out in order: once carol's is there, a second one of alice's would be too.
        links.open().online(carol);

        await().atMost(Duration.ofSeconds(5)).until(() -> bobs.noticesAbout(carol).size() == 1);
        assertThat(bobs.noticesAbout(alice)).hasSize(1);
    }

    @Test
    void aReconnectWithinTheDebounceDoesNotFlap() throws Exception {
        start(Duration.ofSeconds(1));
        Gateway bobs = links.open();
        bobs.online(bob);
        Gateway alices = links.open();
        alices.online(alice);
        await().atMost(Duration.ofSeconds(5)).until(() -> bobs.noticesAbout(alice).size() == 1);

        alices.offline(alice);
        alices.online(alice);

        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3))
                .until(() -> bobs.noticesAbout(alice).size() == 1);
    }

    @Test
    void theLastSocketClosingIsPushedAfterTheDebounceWithLastSeenAndPublished() throws Exception {
        Duration debounce = Duration.ofMillis(400);
        start(debounce);
        Gateway bobs = links.open();
        bobs.online(bob);
        Gateway alices = links.open();
        alices.online(alice);
        Gateway alicesOther = links.open();
        alicesOther.online(alice);
        await().atMost(Duration.ofSeconds(5)).until(() -> bobs.noticesAbout(alice).size() == 1);

        alices.offline(alice); // still on the other gateway: nothing to push
        Instant before = Instant.now();
        alicesOther.offline(alice);
        Instant after = Instant.now();

        await().atMost(Duration.ofSeconds(5)).until(() -> bobs.noticesAbout(alice).size() == 2);
        Instant pushedBy = Instant.now();
        PresenceNotice offline = bobs.noticesAbout(alice).getLast();
        assertThat(offline.getOnline()).isFalse();
        Instant lastSeen = Timestamps.toInstant(offline.getLastSeen());
        assertThat(lastSeen).isBetween(before, after);
        assertThat(Duration.between(before, pushedBy)).isGreaterThanOrEqualTo(debounce);
        await().atMost(Duration.ofSeconds(5)).until(() -> lastSeenEvents(alice).size() == 1);
        assertThat(Timestamps.toInstant(lastSeenEvents(alice).getFirst().getUserLastSeen().getLastSeenAt()))
                .isEqualTo(lastSeen);
    }

    @Test
    void aGatewayThatVanishesHasItsUsersPushedOfflineAfterTheDebounce() throws Exception {
        Duration debounce = Duration.ofMillis(300);
        start(debounce);
        Gateway bobs = links.open();
        bobs.online(bob);
        Gateway alices = links.open();
        alices.online(alice);
        await().atMost(Duration.ofSeconds(5)).until(() -> bobs.noticesAbout(alice).size() == 1);

        alices.cut();

        // The link ends at once here (in-process); over the network keepalive finds it within its interval
        // plus its timeout, and the push follows after the debounce.
        await().atMost(debounce.plusSeconds(2)).until(() -> bobs.noticesAbout(alice).size() == 2);
        assertThat(bobs.noticesAbout(alice).getLast().getOnline()).isFalse();
    }

    @Test
    void anInstanceTakingOverAUserPushesNoOnlineButTheLaterOffline() throws Exception {
        start(Duration.ofMillis(200));
        Gateway bobs = links.open();
        bobs.online(bob);
        Gateway alices = links.open();
        alices.handOver(alice); // online here, announced by another instance
        alices.handOver(carol);

        Gateway alicesRelinked = links.open(alice); // the announcer died: this instance takes alice over
        alices.offline(carol); // not announced here: another instance pushes it

        alicesRelinked.offline(alice);
        alices.offline(alice);
        await().atMost(Duration.ofSeconds(5)).until(() -> bobs.noticesAbout(alice).size() == 1);
        assertThat(bobs.noticesAbout(alice).getFirst().getOnline()).isFalse();
        assertThat(bobs.noticesAbout(carol)).isEmpty();
    }

    @Test
    void aUserHandedOverIsNoLongerPushedHere() throws Exception {
        start(Duration.ofMillis(200));
        Gateway bobs = links.open();
        bobs.online(bob);
        Gateway alices = links.open();
        alices.online(alice);
        await().atMost(Duration.ofSeconds(5)).until(() -> bobs.noticesAbout(alice).size() == 1);

        alices.handOver(alice); // the gateway's choice moved to another instance
        alices.offline(alice);
        links.open().online(carol); // a later notice: alice's offline would have come before it

        await().atMost(Duration.ofSeconds(5)).until(() -> bobs.noticesAbout(carol).size() == 1);
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
                .until(() -> bobs.noticesAbout(alice).size() == 1);
    }

    private void start(Duration debounce) throws Exception {
        PresenceTable table = new PresenceTable(Clock.systemUTC());
        Audiences audiences = new Audiences(backend.queries(), backend.consistency(), Clock.systemUTC(), Duration.ofSeconds(30), 1000);
        notices = new PresenceNotices(audiences, new DeliveryRouter(table), backend.publisher(), 1000);
        PresenceAnnouncer announcer = new PresenceAnnouncer(table, notices,
                new RecentLastSeen(Duration.ofMinutes(1), 1000), timers, debounce, Clock.systemUTC());
        links = PresenceLinks.start(table, announcer, identity);
    }

    private static List<StreamEvent> lastSeenEvents(String userId) throws Exception {
        return backend.events().all("user").stream()
                .filter(e -> e.hasUserLastSeen() && e.getUserLastSeen().getUserId().equals(userId)).toList();
    }
}
