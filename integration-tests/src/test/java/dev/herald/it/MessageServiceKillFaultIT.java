package dev.herald.it;

import dev.herald.testing.FreePorts;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Fault matrix, row b: the message-service (a child process behind a child gateway) is killed with SIGKILL under
 * load and started again on its port. Sends in flight and sends while it is down get an {@code exception}, never a
 * false ack; deliveries it had not yet written to the gateway's link are lost live, and the receivers, told by the
 * gateway's {@code resync}, find them with {@code sync}. The restarted instance answers sends before it has applied
 * the gateway's {@code Hello}, routing them to no socket: the gateway's second {@code resync}, once the instance
 * acknowledged the {@code Hello}, has the receivers find those too.
 */
@Tag("faults")
class MessageServiceKillFaultIT {

    @Test
    void killingTheMessageServiceUnderLoadLosesNoAckedMessage() throws Exception {
        try (HeraldStack stack = HeraldStack.start(Map.of())) {
            int port = FreePorts.find();
            try (ChildService messageService = ChildService.messageService(stack.env, port, Map.of()).start();
                 ChildService gateway = ChildService.gateway(stack.env, FreePorts.find(), "127.0.0.1:" + port)
                         .start();
                 TrackedLoad load = TrackedLoad.start(List.of(gateway.socketUri()), id -> stack.token(id, id),
                         TrackedLoad.Shape.standard())) {
                load.awaitMoreAcked(300);
                messageService.kill();
                load.awaitMoreRefused(3);
                messageService.start();
                load.awaitMoreAcked(300);
                load.finish("message-service-kill", stack::sql).printAndCheck();
            }
        }
    }
}
