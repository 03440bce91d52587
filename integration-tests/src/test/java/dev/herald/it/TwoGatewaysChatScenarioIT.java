package dev.herald.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.proto.v1.AnnounceRequest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 14's "done when", as a new user would try it on {@code HERALD_LOCAL_GATEWAYS=2
 * HERALD_LOCAL_MESSAGE_SERVICES=2}: three users on two gateways create a room and chat; one goes offline, is sent
 * five room messages and an announcement, comes back on the other gateway and finds exactly those with {@code sync},
 * with the right unread counts; presence and typing are seen across the gateways on the way.
 */
class TwoGatewaysChatScenarioIT {

    @Test
    void anOfflineMemberComesBackToExactlyTheRoomMessagesAndTheAnnouncementItMissed() throws Exception {
        try (MultiInstanceStack stack = MultiInstanceStack.start()) {
            String alice = stack.userServedBy("alice", 0);
            String bob = stack.userServedBy("bob", 1);
            String carol = stack.userServedBy("carol", 1);
            try (ChatClient aliceSocket = stack.online(alice, 0);
                 ChatClient bobSocket = stack.online(bob, 1)) {
                ChatClient carolSocket = stack.online(carol, 0);
                String room = aliceSocket.createRoom("team", List.of(bob, carol));

                List<String> chat = List.of(aliceSocket.sendToRoom(room, "hi all"),
                        bobSocket.sendToRoom(room, "hi alice"), carolSocket.sendToRoom(room, "hello"));
                chat.stream().filter(id -> !id.equals(chat.get(2))).forEach(carolSocket::awaitDelivered);
                bobSocket.typingInRoom(room);
                aliceSocket.awaitTyping(bob, room);
                String latest = chat.stream().max(Comparator.naturalOrder()).orElseThrow();
                assertThat(carolSocket.readRoom(room, latest)).as("carol's unread after reading").isZero();
                String carolCursor = carolSocket.syncToEnd("").nextAfter();

                carolSocket.close();
                aliceSocket.awaitPresenceState(carol, "STATE_OFFLINE");
                List<String> missed = new ArrayList<>();
                for (int i = 0; i < 5; i++) {
                    ChatClient sender = i % 2 == 0 ? aliceSocket : bobSocket;
                    missed.add(sender.sendToRoom(room, "while carol is away " + i));
                }
                String announcement = stack.grpc(1, "admin-" + alice, true).admin
                        .announce(AnnounceRequest.newBuilder().setBody("maintenance at noon").build()).getId();
                missed.add(announcement);
                bobSocket.awaitDelivered(announcement);

                try (ChatClient carolBack = stack.online(carol, 1)) {
                    aliceSocket.awaitPresenceState(carol, "STATE_ONLINE");
                    assertThat(carolBack.unreadAtOnline()).as("unreadCount of carol's online ack").isEqualTo(6);
                    ChatClient.SyncPage page = carolBack.syncToEnd(carolCursor);
                    assertThat(page.ids()).as("what carol's sync returns").containsExactlyElementsOf(missed);
                    assertThat(roomsOf(page.messages())).containsExactly(room, room, room, room, room, "");
                    assertThat(ChatClient.isAnnouncement(page.messages().get(5))).as("the last is the announcement").isTrue();
                    assertThat(carolBack.unreadIn(room)).as("carol's unread in the room").isEqualTo(5);
                    assertThat(carolBack.readRoom(room, missed.get(4))).isZero();
                }
            }
        }
    }

    private static List<String> roomsOf(List<JsonNode> messages) {
        return messages.stream().map(ChatClient::roomOf).toList();
    }
}
