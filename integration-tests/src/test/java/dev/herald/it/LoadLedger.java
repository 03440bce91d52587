package dev.herald.it;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the senders of a tracked load were told: every message by its clientId (which is also its body), with its
 * receiver, and whether it was acked (with the id) or refused (with the status). A send without an answer is retried
 * with the same clientId until it gets one, so every sent message ends acked or refused.
 */
final class LoadLedger {

    private final Map<String, String> receiverOf = new ConcurrentHashMap<>();
    private final Map<String, String> acked = new ConcurrentHashMap<>();
    private final Map<String, String> refused = new ConcurrentHashMap<>();
    private final AtomicInteger retried = new AtomicInteger();

    void sent(String clientId, String receiverId) {
        receiverOf.put(clientId, receiverId);
    }

    void acked(String clientId, String messageId) {
        acked.put(clientId, messageId);
    }

    void refused(String clientId, String status) {
        refused.put(clientId, status);
    }

    void retried() {
        retried.incrementAndGet();
    }

    int sentCount() {
        return receiverOf.size();
    }

    int ackedCount() {
        return acked.size();
    }

    /** clientId → the id its ack carried. */
    Map<String, String> acked() {
        return Map.copyOf(acked);
    }

    String receiverOf(String clientId) {
        return receiverOf.get(clientId);
    }

    int refusedCount() {
        return refused.size();
    }

    /** How many refusals of each status, e.g. {@code {UNAVAILABLE=12}}. */
    Map<String, Integer> refusalsByStatus() {
        Map<String, Integer> counts = new TreeMap<>();
        refused.values().forEach(status -> counts.merge(status, 1, Integer::sum));
        return counts;
    }

    int retriedCount() {
        return retried.get();
    }
}
