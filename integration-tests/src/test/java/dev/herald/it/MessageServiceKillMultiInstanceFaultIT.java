package dev.herald.it;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Fault matrix, row b with two instances of each: one of two message-services (child processes, both behind two
 * child gateways) is killed with SIGKILL under load, the other serves on, and the killed one is started again on its
 * port. Each acked message must be stored once and reach every socket of its receivers once, live or by
 * {@code sync} after the gateway's {@code resync} (dedupe by id): deliveries the killed instance had not yet
 * written to a link are the ones found by sync.
 */
@Tag("faults")
class MessageServiceKillMultiInstanceFaultIT {

    @Test
    void killingOneOfTwoMessageServicesUnderDirectLoadLosesNoAckedMessage() throws Exception {
        try (MultiInstanceStack stack = MultiInstanceStack.start();
             TrackedLoad direct = TrackedLoad.start(stack.gatewayUris(), stack::token,
                     TrackedLoad.Shape.standard())) {
            direct.awaitMoreAcked(300);
            stack.messageService(0).kill();
            direct.awaitMoreAcked(300); // the other instance serves on
            stack.messageService(0).start();
            direct.awaitMoreAcked(300);
            direct.finish("message-service-kill-1-of-2", stack::sql).printAndCheck();
        }
    }

    @Test
    void killingOneOfTwoMessageServicesUnderRoomAndDirectLoadLosesNoAckedMessage() throws Exception {
        try (MultiInstanceStack stack = MultiInstanceStack.start();
             TrackedLoad direct = TrackedLoad.start(stack.gatewayUris(), stack::token,
                     TrackedLoad.Shape.standard());
             TrackedRoomLoad room = TrackedRoomLoad.start(stack)) {
            room.awaitMoreAcked(300);
            stack.messageService(0).kill();
            room.awaitMoreAcked(300);
            direct.awaitMoreAcked(100);
            stack.messageService(0).start();
            room.awaitMoreAcked(300);
            FaultReport roomReport = room.finish("message-service-kill-1-of-2-room", stack::sql);
            direct.finish("message-service-kill-1-of-2-direct", stack::sql).printAndCheck();
            roomReport.printAndCheck();
        }
    }
}
