package dev.herald.message.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.config.ReplyBound;
import dev.herald.message.api.InboxMapper.SyncedMessage;
import dev.herald.message.inbox.InboxEntry;
import dev.herald.message.inbox.SyncCursor;
import dev.herald.message.model.DirectMessage;
import dev.herald.message.page.Page;
import dev.herald.proto.v1.ReceivedMessage;
import dev.herald.proto.v1.SyncResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Pages cut to HERALD_MAX_REPLY_BYTES, measured on the reply gRPC sends. */
class ReplyBudgetTest {

    private static final int BOUND = 256 * 1024;
    private final ReplyBudget budget = new ReplyBudget(new ReplyBound(BOUND));

    @Test
    void aPageStopsBeforeTheMessageThatWouldPassTheBoundAndSaysThereIsMore() {
        List<SyncedMessage> synced = synced(10, 100_000);

        Page<SyncedMessage> page = fit(page(synced, false));
        SyncResponse reply = InboxMapper.sync(page, Optional.empty());

        assertThat(page.items()).hasSize(2);
        assertThat(page.hasMore()).isTrue();
        assertThat(reply.getHasMore()).isTrue();
        assertThat(reply.getNextAfter()).isEqualTo(synced.get(1).cursor());
        assertThat(reply.getSerializedSize()).isLessThanOrEqualTo(BOUND);
        SyncResponse withTheNext = reply.toBuilder().addMessages(synced.get(2).message()).build();
        assertThat(withTheNext.getSerializedSize()).isGreaterThan(BOUND);
    }

    @Test
    void aMessageLargerThanTheBoundIsAnsweredAlone() {
        List<SyncedMessage> synced = new ArrayList<>(synced(1, 400_000));
        synced.addAll(synced(3, 10));

        Page<SyncedMessage> page = fit(page(synced, false));

        assertThat(page.items()).containsExactly(synced.getFirst());
        assertThat(page.next()).contains(synced.getFirst().cursor());
        assertThat(InboxMapper.sync(page, Optional.empty()).getSerializedSize()).isGreaterThan(BOUND);
    }

    @Test
    void aPageWithinTheBoundIsLeftAsItIs() {
        Page<ReceivedMessage> list = new Page<>(synced(50, 1_000), true, Optional.of("last"))
                .map(SyncedMessage::message);

        assertThat(budget.fit(list, InboxMapper::cursor)).isSameAs(list);
        Page<SyncedMessage> empty = page(List.of(), false);
        assertThat(fit(empty)).isSameAs(empty);
    }

    @Test
    void followingTheCursorsReachesEveryMessageOnce() {
        List<SyncedMessage> synced = synced(40, 30_000);
        List<SyncedMessage> seen = new ArrayList<>();
        int start = 0;
        boolean more = true;
        while (more) {
            Page<SyncedMessage> page = fit(page(synced.subList(start, synced.size()), false));
            seen.addAll(page.items());
            start += page.items().size();
            more = page.hasMore();
            assertThat(InboxMapper.sync(page, Optional.empty()).getSerializedSize()).isLessThanOrEqualTo(BOUND);
        }

        assertThat(seen).containsExactlyElementsOf(synced);
    }

    private Page<SyncedMessage> fit(Page<SyncedMessage> page) {
        return budget.fit(page, SyncedMessage::message, SyncedMessage::cursor);
    }

    private static Page<SyncedMessage> page(List<SyncedMessage> synced, boolean hasMore) {
        return new Page<>(synced, hasMore,
                synced.isEmpty() ? Optional.empty() : Optional.of(synced.getLast().cursor()));
    }

    /** Messages in publish order, each with its cursor. */
    private static List<SyncedMessage> synced(int count, int bodyBytes) {
        return IntStream.range(0, count).mapToObj(i -> {
            UUID id = UUID.randomUUID();
            InboxEntry entry = new InboxEntry(new DirectMessage(id, "alice", "Alice", List.of("bob"), "",
                    "x".repeat(bodyBytes), "", Instant.EPOCH, Optional.empty()), Optional.empty());
            return new SyncedMessage(InboxMapper.received(entry), new SyncCursor(i + 1, id).encode());
        }).toList();
    }
}
