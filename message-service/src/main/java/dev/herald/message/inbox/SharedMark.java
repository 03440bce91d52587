package dev.herald.message.inbox;

import java.util.UUID;

/** A room message or an announcement the caller sees, and whether the caller read it. */
record SharedMark(UUID messageId, boolean announcement, boolean read) {}
