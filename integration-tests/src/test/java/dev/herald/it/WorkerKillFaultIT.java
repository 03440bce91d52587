package dev.herald.it;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Fault matrix, row e: the persistence-worker is killed (SIGKILL) under load, mid-batch, and restarted. Sends keep
 * being acked (the message-service never waits for the worker); the batches the dead worker had not acked are
 * redelivered to the new one, whose inserts make the replay a no-op.
 */
class WorkerKillFaultIT {

    @Test
    void killingTheWorkerUnderLoadLosesAndDuplicatesNothing() throws Exception {
        // Small batches keep the worker mid-batch most of the time, so the kill lands inside one.
        Map<String, String> settings = Map.of("HERALD_WORKER_BATCH_SIZE", "10");
        try (HeraldStack stack = HeraldStack.startWithoutWorker(PostgresHandle.testDatabase(), settings);
             ChildService worker = ChildService.worker(stack.env).start();
             TrackedLoad load = TrackedLoad.start(List.of(stack.socketUri()), id -> stack.token(id, id),
                     TrackedLoad.Shape.standard())) {
            load.awaitMoreAcked(300);
            worker.kill();
            load.awaitMoreAcked(300); // acked while no worker runs: only JetStream holds them
            worker.start();
            load.awaitMoreAcked(300);
            load.finish("worker-kill", stack::sql).printAndCheck();
        }
    }
}
