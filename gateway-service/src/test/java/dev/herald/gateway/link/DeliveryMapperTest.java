package dev.herald.gateway.link;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Timestamp;
import dev.herald.gateway.protocol.ServerEvent;
import dev.herald.proto.v1.Delivery;
import dev.herald.proto.v1.Message;
import dev.herald.proto.v1.ReadReceipt;
import dev.herald.proto.v1.RecallNotice;
import dev.herald.proto.v1.User;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeliveryMapperTest {

    private static final Timestamp AT = Timestamp.newBuilder().setSeconds(1_795_636_800L).setNanos(123_456_789).build();

    @Test
    void mapsAMessage() {
        Delivery delivery = Delivery.newBuilder().addRecipientIds("bob").setMessage(Message.newBuilder().setId("m-1")
                .setSender(User.newBuilder().setId("alice").setName("Alice")).addReceivers("bob").setBody("hi")
                .setCreatedAt(AT)).build();

        assertThat(DeliveryMapper.toEvent(delivery)).hasValue(new ServerEvent.Delivered("m-1", "alice", "Alice",
                List.of("bob"), "", "hi", "", Instant.parse("2026-11-25T20:00:00.123456789Z")));
    }

    @Test
    void mapsAReadReceipt() {
        Delivery delivery = Delivery.newBuilder().addRecipientIds("alice")
                .setRead(ReadReceipt.newBuilder().setMessageId("m-1").setReaderId("bob").setReadAt(AT)).build();

        assertThat(DeliveryMapper.toEvent(delivery))
                .hasValue(new ServerEvent.ReadReceipt("m-1", "bob", Instant.parse("2026-11-25T20:00:00.123456789Z")));
        assertThat(DeliveryMapper.describe(delivery)).isEqualTo("read m-1");
    }

    @Test
    void mapsARecallNotice() {
        Delivery delivery = Delivery.newBuilder().addRecipientIds("bob")
                .setRecalled(RecallNotice.newBuilder().setMessageId("m-1")).build();

        assertThat(DeliveryMapper.toEvent(delivery)).hasValue(new ServerEvent.Recalled("m-1"));
        assertThat(DeliveryMapper.describe(delivery)).isEqualTo("recalled m-1");
    }

    @Test
    void hasNoEventForADeliveryWithoutPayload() {
        Delivery delivery = Delivery.newBuilder().addRecipientIds("bob").build();

        assertThat(DeliveryMapper.toEvent(delivery)).isEmpty();
        assertThat(DeliveryMapper.describe(delivery)).isEqualTo("without payload");
    }
}
