package dev.herald.message.api;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.MessageLite;
import dev.herald.config.ReplyBound;
import dev.herald.message.page.Page;
import java.util.function.Function;

/**
 * Keeps a paged reply within {@code HERALD_MAX_REPLY_BYTES}, measured as gRPC sends it: the reply's serialized
 * protobuf size. A page stops before the item that would take the reply past the bound, but always keeps its first
 * item (a message larger than the bound is answered alone, within {@link ReplyBound#grpcMaxMessageBytes()}); a page
 * that was cut has more, and continues after the last item kept. Rows are cut here, after the query, because the
 * size of an item is known only once it is encoded (receivers, receipts, escaping aside).
 */
final class ReplyBudget {

    /**
     * Room for a reply's fields other than its list: a cursor (a message id, a sync cursor, or a user id of up to
     * 255 characters in 4-byte UTF-8) and {@code has_more}, with their tags and lengths.
     */
    static final int OTHER_FIELDS_BYTES = 1_040;

    private final int maxReplyBytes;

    ReplyBudget(ReplyBound bound) {
        this.maxReplyBytes = bound.maxReplyBytes();
    }

    /**
     * The page cut to the bound.
     *
     * @param cursorOf the cursor that continues after an item (its id)
     */
    <P extends MessageLite> Page<P> fit(Page<P> page, Function<P, String> cursorOf) {
        return fit(page, item -> item, cursorOf);
    }

    /**
     * The page cut to the bound, for items that carry their cursor beside the reply's element.
     *
     * @param element the item as the reply's element, whose size counts
     * @param cursorOf the cursor that continues after an item
     */
    <T> Page<T> fit(Page<T> page, Function<T, ? extends MessageLite> element, Function<T, String> cursorOf) {
        long bytes = OTHER_FIELDS_BYTES;
        int kept = 0;
        for (T item : page.items()) {
            // As an element of the reply's repeated field 1: its tag, its length and its bytes.
            bytes += CodedOutputStream.computeMessageSize(1, element.apply(item));
            if (bytes > maxReplyBytes && kept > 0) {
                return page.firstItems(kept, cursorOf);
            }
            kept++;
        }
        return page;
    }
}
