package dev.herald.gateway.link;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.proto.v1.Hello;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** How the roster reconciles its links with each answer (links made here are never opened). */
class LinkRosterTest {

    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    private final List<LinkConnection> made = new ArrayList<>();
    private final LinkRoster roster = new LinkRoster();

    @AfterEach
    void stop() {
        made.forEach(link -> link.channel().shutdownNow());
        timers.shutdownNow();
    }

    @Test
    void newInstancesGetALinkAndKnownOnesKeepTheirs() {
        LinkRoster.Change first = roster.reconcile(targets("10.0.0.1:9090"), this::connect);
        LinkRoster.Change second = roster.reconcile(targets("10.0.0.1:9090", "10.0.0.2:9090"), this::connect);

        assertThat(first.added()).extracting(LinkConnection::target).containsExactly("10.0.0.1:9090");
        assertThat(second.added()).extracting(LinkConnection::target).containsExactly("10.0.0.2:9090");
        assertThat(second.removed()).isEmpty();
        assertThat(roster.view().activeLinks()).containsExactly(first.added().getFirst(), second.added().getFirst());
        assertThat(made).hasSize(2);
    }

    @Test
    void theSameAnswerChangesNothing() {
        roster.reconcile(targets("10.0.0.1:9090", "10.0.0.2:9090"), this::connect);
        LinkRoster.View before = roster.view();

        assertThat(roster.reconcile(targets("10.0.0.2:9090", "10.0.0.1:9090"), this::connect).isEmpty()).isTrue();
        assertThat(roster.view()).isSameAs(before);
    }

    @Test
    void aGoneInstanceDrainsUntilRetired() {
        roster.reconcile(targets("10.0.0.1:9090", "10.0.0.2:9090"), this::connect);

        LinkRoster.Change change = roster.reconcile(targets("10.0.0.2:9090"), this::connect);

        LinkConnection gone = change.removed().getFirst();
        assertThat(gone.target()).isEqualTo("10.0.0.1:9090");
        assertThat(roster.view().active()).containsOnlyKeys("10.0.0.2:9090");
        assertThat(roster.view().draining()).containsExactly(gone);
        assertThat(roster.view().all()).hasSize(2);
        assertThat(roster.view().choice().ranked("user")).containsExactly("10.0.0.2:9090");
        assertThat(roster.find("10.0.0.1:9090")).contains(gone);

        assertThat(roster.retire(gone)).isTrue();
        assertThat(roster.view().draining()).isEmpty();
        assertThat(roster.find("10.0.0.1:9090")).isEmpty();
    }

    @Test
    void anInstanceBackWhileDrainingGetsItsLinkBack() {
        roster.reconcile(targets("10.0.0.1:9090", "10.0.0.2:9090"), this::connect);
        LinkConnection gone = roster.reconcile(targets("10.0.0.2:9090"), this::connect).removed().getFirst();

        LinkRoster.Change back = roster.reconcile(targets("10.0.0.1:9090", "10.0.0.2:9090"), this::connect);

        assertThat(back.added()).containsExactly(gone);
        assertThat(made).hasSize(2);
        assertThat(roster.view().draining()).isEmpty();
        assertThat(roster.retire(gone)).as("no longer draining: not retired").isFalse();
        assertThat(roster.view().active()).containsKeys("10.0.0.1:9090", "10.0.0.2:9090");
    }

    private static List<LinkTarget> targets(String... addresses) {
        return Arrays.stream(addresses).map(address -> new LinkTarget(address, "ms.herald.test:9090"))
                .toList();
    }

    private LinkConnection connect(LinkTarget target) {
        LinkConnection link = new LinkConnection(target.address(),
                Grpc.newChannelBuilder(target.address(), InsecureChannelCredentials.create()).build(), "secret",
                new Object(), address -> Hello.getDefaultInstance(), delivery -> { }, () -> { }, () -> { }, () -> { }, timers);
        made.add(link);
        return link;
    }
}
