package dev.herald.bench.scenario;

/** What a message body carries: when it was sent ({@link System#nanoTime()} of the sending process) and its seq. */
public record Stamp(long sendNanos, long seq) {}
