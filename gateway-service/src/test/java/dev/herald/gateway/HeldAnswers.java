package dev.herald.gateway;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Answers of one RPC of the {@link TestBackend} that a test keeps back, so that calls stay in flight. */
final class HeldAnswers {

    private volatile boolean holding;
    private final List<Runnable> held = new CopyOnWriteArrayList<>();

    /** From now on answers are kept back until {@link #release}. */
    void hold() {
        holding = true;
    }

    /** Gives the kept answers, in arrival order, and stops holding. */
    void release() {
        holding = false;
        List<Runnable> answers = List.copyOf(held);
        held.clear();
        answers.forEach(Runnable::run);
    }

    /** Keeps {@code answer} back while holding; true if it was kept, false if the caller answers now. */
    boolean keep(Runnable answer) {
        if (!holding) {
            return false;
        }
        held.add(answer);
        return true;
    }
}
