package dev.herald.it;

import dev.herald.testing.FreePorts;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Fault matrix, row a: one of two gateways (child processes) is killed with SIGKILL under load. Its clients'
 * sockets drop; they reconnect to the other gateway, senders retry an unanswered send with its clientId, receivers
 * {@code sync} from the last message they had seen, and each acked message ends stored and received exactly once.
 */
class GatewayKillFaultIT {

    @Test
    void killingAGatewayUnderLoadLosesAndDuplicatesNothing() throws Exception {
        try (HeraldStack stack = HeraldStack.start(Map.of())) {
            String targets = "127.0.0.1:" + stack.grpcPort();
            try (ChildService doomed = ChildService.gateway(stack.env, FreePorts.find(), targets).start();
                 ChildService survivor = ChildService.gateway(stack.env, FreePorts.find(), targets).start();
                 TrackedLoad load = TrackedLoad.start(List.of(doomed.socketUri(), survivor.socketUri()),
                         id -> stack.token(id, id), TrackedLoad.Shape.standard())) {
                load.awaitMoreAcked(300);
                doomed.kill();
                load.awaitMoreAcked(300);
                load.finish("gateway-kill", stack::sql).printAndCheck();
            }
        }
    }
}
