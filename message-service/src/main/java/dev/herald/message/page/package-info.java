/**
 * Keyset paging shared by every list (inbox, outbox, admin messages and users): the request's limit and cursor,
 * time bounds as message-id bounds, and {@link dev.herald.message.page.Page}, which turns the rows a query fetched
 * with one extra into a page, whether there is more, and its cursor.
 */
@NullMarked
package dev.herald.message.page;

import org.jspecify.annotations.NullMarked;
