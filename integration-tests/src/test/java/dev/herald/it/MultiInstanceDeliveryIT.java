package dev.herald.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Two gateways, two message-services (child processes): every message reaches every socket of its receivers once,
 * whichever gateway each socket is on and whichever instance serves sender and receiver. A duplicate would arrive
 * after the first copy, so each sender ends with a marker message: a socket is checked once it has its sender's
 * marker, which the same instance's ordered link pushed after any copy of the earlier messages.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MultiInstanceDeliveryIT {

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
    void aUserWithSocketsOnBothGatewaysGetsEachDirectMessageOncePerSocket() {
        String sender = stack.userServedBy("dm-sender", 0);
        String receiver = stack.userServedBy("dm-receiver", 1);
        try (ChatClient receiverOnFirst = stack.online(receiver, 0);
             ChatClient receiverOnSecond = stack.online(receiver, 1);
             ChatClient senderSocket = stack.online(sender, 0)) {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                ids.add(senderSocket.sendDirect(receiver, "direct " + i));
            }
            String marker = senderSocket.sendDirect(receiver, "marker");

            for (ChatClient socket : List.of(receiverOnFirst, receiverOnSecond)) {
                socket.awaitDelivered(marker);
                ids.forEach(id -> assertThat(socket.timesDelivered(id)).as("deliveries of %s", id).isEqualTo(1));
                assertThat(socket.liveMessages()).hasSize(ids.size() + 1);
            }
        }
    }

    @Test
    void roomMessagesReachMembersOnBothGatewaysOncePerSocket() {
        String alice = stack.userServedBy("alice", 0);
        String bob = stack.userServedBy("bob", 1);
        String carol = stack.userServedBy("carol", 0);
        try (ChatClient aliceOnFirst = stack.online(alice, 0);
             ChatClient bobOnSecond = stack.online(bob, 1);
             ChatClient carolOnFirst = stack.online(carol, 0);
             ChatClient carolOnSecond = stack.online(carol, 1)) {
            String room = aliceOnFirst.createRoom("both gateways", List.of(bob, carol));
            List<String> fromAlice = new ArrayList<>();
            List<String> fromBob = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                fromAlice.add(aliceOnFirst.sendToRoom(room, "alice " + i));
                fromBob.add(bobOnSecond.sendToRoom(room, "bob " + i));
            }
            String aliceMarker = aliceOnFirst.sendToRoom(room, "alice marker");
            String bobMarker = bobOnSecond.sendToRoom(room, "bob marker");

            assertEveryOnce(List.of(bobOnSecond, carolOnFirst, carolOnSecond), fromAlice, aliceMarker);
            assertEveryOnce(List.of(aliceOnFirst, carolOnFirst, carolOnSecond), fromBob, bobMarker);
            for (ChatClient socket : List.of(bobOnSecond, carolOnFirst, carolOnSecond)) {
                assertThat(socket.liveMessages()).allSatisfy(m -> assertThat(ChatClient.roomOf(m)).isEqualTo(room));
            }
        }
    }

    /** Each socket got each of {@code ids} exactly once, checked after it got {@code marker}. */
    private static void assertEveryOnce(List<ChatClient> sockets, List<String> ids, String marker) {
        for (ChatClient socket : sockets) {
            socket.awaitDelivered(marker);
            ids.forEach(id -> assertThat(socket.timesDelivered(id)).as("deliveries of %s", id).isEqualTo(1));
        }
    }
}
