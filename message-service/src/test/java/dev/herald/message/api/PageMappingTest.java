package dev.herald.message.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.message.admin.MessageCriteria;
import dev.herald.message.inbox.InboxEntry;
import dev.herald.message.inbox.SyncCursor;
import dev.herald.message.inbox.SyncPage;
import dev.herald.message.model.DirectMessage;
import dev.herald.message.page.Page;
import dev.herald.message.wire.Timestamps;
import dev.herald.proto.v1.MessageFilter;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** How pages and filters cross the gRPC edge: cursors, absent fields and times. */
class PageMappingTest {

    private final Instant at = Instant.parse("2026-11-25T20:00:00.123Z");
    private final InboxEntry unread = entry(UUID.randomUUID(), Optional.empty());
    private final InboxEntry read = entry(UUID.randomUUID(), Optional.of(at));

    @Test
    void syncResumesAfterTheLastMessageOrWhereTheCallerWasWhenNothingCame() {
        SyncCursor from = new SyncCursor(7, UUID.randomUUID());
        List<SyncPage.Synced> synced = List.of(new SyncPage.Synced(unread, new SyncCursor(9, unread.message().id())),
                new SyncPage.Synced(read, new SyncCursor(8, read.message().id())));
        var page = InboxMapper.sync(Page.of(synced, 5, s -> s.cursor().encode()).map(InboxMapper::synced),
                Optional.of(from));
        var empty = InboxMapper.sync(Page.of(List.<SyncPage.Synced>of(), 5, s -> s.cursor().encode())
                .map(InboxMapper::synced), Optional.of(from));
        var fromStart = InboxMapper.sync(Page.of(List.<SyncPage.Synced>of(), 5, s -> s.cursor().encode())
                .map(InboxMapper::synced), Optional.empty());

        assertThat(page.getMessagesList()).extracting(m -> m.getMessage().getId())
                .containsExactly(unread.message().id().toString(), read.message().id().toString());
        assertThat(page.getNextAfter()).isEqualTo(new SyncCursor(8, read.message().id()).encode());
        assertThat(page.getHasMore()).isFalse();
        assertThat(empty.getNextAfter()).isEqualTo(from.encode());
        assertThat(empty.getMessagesList()).isEmpty();
        assertThat(fromStart.getNextAfter()).isEmpty();
    }

    @Test
    void aListHasANextCursorOnlyWhenMoreFollow() {
        var more = InboxMapper.list(Page.of(List.of(unread, read), 1, e -> e.message().id().toString())
                .map(InboxMapper::received));
        var last = InboxMapper.list(Page.of(List.of(unread), 1, e -> e.message().id().toString())
                .map(InboxMapper::received));

        assertThat(more.getNextBefore()).isEqualTo(unread.message().id().toString());
        assertThat(last.getNextBefore()).isEmpty();
    }

    @Test
    void aReadTimeIsSentOnlyForReadMessages() {
        assertThat(InboxMapper.received(unread).hasReadAt()).isFalse();
        assertThat(InboxMapper.received(read).getReadAt()).isEqualTo(Timestamps.of(at));
    }

    @Test
    void emptyFilterFieldsDoNotFilter() {
        MessageCriteria none = AdminMapper.criteria(MessageFilter.getDefaultInstance());
        MessageCriteria some = AdminMapper.criteria(MessageFilter.newBuilder()
                .setReceiverId("bob").setSince(Timestamps.of(at)).setText("50%").build());

        assertThat(none).isEqualTo(new MessageCriteria(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty()));
        assertThat(some).isEqualTo(new MessageCriteria(Optional.empty(), Optional.of("bob"), Optional.empty(),
                Optional.of(at), Optional.empty(), Optional.of("50%")));
    }

    private InboxEntry entry(UUID id, Optional<Instant> readAt) {
        return new InboxEntry(new DirectMessage(id, "alice", "Alice", List.of("bob"), "", "hi", "text", at,
                Optional.empty()), readAt);
    }
}
