package dev.herald.message.presence;

/** {@code member} is in {@code userId}'s presence audience. */
record AudiencePair(String userId, String member) {}
