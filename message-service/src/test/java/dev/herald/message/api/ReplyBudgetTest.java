package dev.herald.message.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.config.ReplyBound;
import dev.herald.message.inbox.InboxEntry;
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
        List<InboxEntry> entries = entries(10, 100_000);

        Page<ReceivedMessage> page = budget.fit(page(entries, false), InboxMapper::cursor);
        SyncResponse reply = InboxMapper.sync(page, "");

        assertThat(page.items()).hasSize(2);
        assertThat(page.hasMore()).isTrue();
        assertThat(reply.getHasMore()).isTrue();
        assertThat(reply.getNextAfter()).isEqualTo(entries.get(1).message().id().toString());
        assertThat(reply.getSerializedSize()).isLessThanOrEqualTo(BOUND);
        SyncResponse withTheNext = reply.toBuilder().addMessages(InboxMapper.received(entries.get(2))).build();
        assertThat(withTheNext.getSerializedSize()).isGreaterThan(BOUND);
    }

    @Test
    void aMessageLargerThanTheBoundIsAnsweredAlone() {
        List<InboxEntry> entries = new ArrayList<>(entries(1, 400_000));
        entries.addAll(entries(3, 10));

        Page<ReceivedMessage> page = budget.fit(page(entries, false), InboxMapper::cursor);

        assertThat(page.items()).extracting(InboxMapper::cursor)
                .containsExactly(entries.getFirst().message().id().toString());
        assertThat(page.next()).contains(entries.getFirst().message().id().toString());
        assertThat(InboxMapper.sync(page, "").getSerializedSize()).isGreaterThan(BOUND);
    }

    @Test
    void aPageWithinTheBoundIsLeftAsItIs() {
        Page<ReceivedMessage> page = page(entries(50, 1_000), true);

        assertThat(budget.fit(page, InboxMapper::cursor)).isSameAs(page);
        assertThat(budget.fit(page(List.of(), false), InboxMapper::cursor).items()).isEmpty();
    }

    @Test
    void followingTheCursorsReachesEveryMessageOnce() {
        List<InboxEntry> entries = entries(40, 30_000);
        List<String> seen = new ArrayList<>();
        int start = 0;
        boolean more = true;
        while (more) {
            Page<ReceivedMessage> page = budget.fit(page(entries.subList(start, entries.size()), false),
                    InboxMapper::cursor);
            page.items().forEach(item -> seen.add(InboxMapper.cursor(item)));
            start += page.items().size();
            more = page.hasMore();
            assertThat(InboxMapper.sync(page, "").getSerializedSize()).isLessThanOrEqualTo(BOUND);
        }

        assertThat(seen).containsExactlyElementsOf(entries.stream().map(e -> e.message().id().toString()).toList());
    }

    private static Page<ReceivedMessage> page(List<InboxEntry> entries, boolean hasMore) {
        Optional<String> last = entries.isEmpty() ? Optional.empty()
                : Optional.of(entries.getLast().message().id().toString());
        return new Page<>(entries, hasMore, last).map(InboxMapper::received);
    }

    private static List<InboxEntry> entries(int count, int bodyBytes) {
        return IntStream.range(0, count).mapToObj(i -> new InboxEntry(new DirectMessage(UUID.randomUUID(), "alice",
                "Alice", List.of("bob"), "", "x".repeat(bodyBytes), "", Instant.EPOCH, Optional.empty()),
                Optional.empty())).toList();
    }
}
