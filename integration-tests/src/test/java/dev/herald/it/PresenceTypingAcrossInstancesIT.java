package dev.herald.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Presence and typing cross instances: the watcher and the watched are on different gateways and served by different
 * message-services (chosen by rendezvous, as the gateways choose), so each notice has to cross both.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PresenceTypingAcrossInstancesIT {

    private MultiInstanceStack stack;

    @BeforeAll
    void start() throws Exception {
        stack = MultiInstanceStack.start();
    }

    @AfterAll
    void stop() throws Exception {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void aRoomMemberSeesAnotherGoOnlineAndOfflineOnTheOtherGatewayAndInstance() {
        String alice = stack.userServedBy("alice", 0);
        String bob = stack.userServedBy("bob", 1);
        stack.online(bob, 1).close(); // bob is a known user, offline, before he is added to the room
        try (ChatClient aliceSocket = stack.online(alice, 0)) {
            aliceSocket.createRoom("presence", List.of(bob));
            // bob's close counts once the offline debounce passed: a socket opened within it is a reconnect, not news.
            await().pollDelay(MultiInstanceStack.OFFLINE_DEBOUNCE.multipliedBy(3)).atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(aliceSocket.presenceOf(List.of(bob))).containsEntry(bob, "STATE_OFFLINE"));

            ChatClient bobSocket = stack.online(bob, 1);
            aliceSocket.awaitPresence(bob, true);
            aliceSocket.awaitPresenceState(bob, "STATE_ONLINE");

            bobSocket.close();
            assertThat(aliceSocket.awaitPresence(bob, false).path("lastSeen").asText()).isNotEmpty();
            aliceSocket.awaitPresenceState(bob, "STATE_OFFLINE");
        }
    }

    @Test
    void typingInARoomAndInADirectConversationReachesTheOtherGatewayAndInstance() {
        String alice = stack.userServedBy("alice", 0);
        String bob = stack.userServedBy("bob", 1);
        try (ChatClient aliceSocket = stack.online(alice, 0);
             ChatClient bobSocket = stack.online(bob, 1)) {
            String room = aliceSocket.createRoom("typing", List.of(bob));
            bobSocket.typingInRoom(room);
            aliceSocket.awaitTyping(bob, room);

            aliceSocket.sendDirect(bob, "hello"); // a direct conversation: typing to bob is allowed
            aliceSocket.typingTo(bob);
            bobSocket.awaitTyping(alice, "");
        }
    }
}
