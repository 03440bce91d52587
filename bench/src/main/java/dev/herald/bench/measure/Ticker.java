package dev.herald.bench.measure;

/** A monotonic nanosecond clock: {@link System#nanoTime()} in a run, a fake one in tests. */
@FunctionalInterface
public interface Ticker {

    long nanos();

    static Ticker system() {
        return System::nanoTime;
    }
}
