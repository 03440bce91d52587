package dev.herald.message.room;

import java.time.Instant;

/**
 * A current member of a room as listed.
 *
 * @param name the directory's display name; empty when it holds none
 * @param online signed in on any gateway right now
 */
public record MemberEntry(String userId, String name, boolean owner, Instant joinedAt, boolean online) {}
