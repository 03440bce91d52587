package dev.herald.message.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.message.inbox.InboxEntry;
import dev.herald.message.model.DirectMessage;
import dev.herald.message.model.MessageWithReceipts;
import dev.herald.message.model.StoredReceipt;
import dev.herald.message.wire.MessageProtos;
import dev.herald.proto.v1.ReceivedMessage;
import dev.herald.proto.v1.SentMessage;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Replies carry the first 100 receivers of a message and how many it has; deliveries carry them all. */
class RepliedReceiversTest {

    private final List<String> receivers = IntStream.range(0, 1000).mapToObj(i -> "user-%04d".formatted(i)).toList();
    private final DirectMessage message = new DirectMessage(UUID.randomUUID(), "alice", "Alice", receivers, "", "hi",
            "", Instant.EPOCH, Optional.empty());

    @Test
    void aReceivedMessageCarriesTheFirstHundredAndTheCount() {
        ReceivedMessage received = InboxMapper.received(new InboxEntry(message, Optional.empty()));

        assertThat(received.getMessage().getReceiversList()).containsExactlyElementsOf(receivers.subList(0, 100));
        assertThat(received.getReceiverCount()).isEqualTo(1000);
    }

    @Test
    void aSentMessageCarriesTheFirstHundredTheCountAndEveryReceipt() {
        List<StoredReceipt> receipts = receivers.stream()
                .map(id -> new StoredReceipt(id, Optional.empty(), Optional.empty())).toList();

        SentMessage sent = MessageProtos.sent(new MessageWithReceipts(message, receipts));

        assertThat(sent.getMessage().getReceiversList()).containsExactlyElementsOf(receivers.subList(0, 100));
        assertThat(sent.getReceiverCount()).isEqualTo(1000);
        assertThat(sent.getReceiptsCount()).isEqualTo(1000);
    }

    @Test
    void aFewReceiversAreAllCarried() {
        DirectMessage two = new DirectMessage(UUID.randomUUID(), "alice", "Alice", List.of("bob", "carol"), "", "hi",
                "", Instant.EPOCH, Optional.empty());

        ReceivedMessage received = InboxMapper.received(new InboxEntry(two, Optional.empty()));

        assertThat(received.getMessage().getReceiversList()).containsExactly("bob", "carol");
        assertThat(received.getReceiverCount()).isEqualTo(2);
    }

    @Test
    void deliveriesAndStreamEventsCarryEveryReceiver() {
        assertThat(MessageProtos.message(message).getReceiversList()).hasSize(1000);
    }
}
