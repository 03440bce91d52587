package dev.herald.it;

import dev.herald.gateway.GatewayConfig;
import dev.herald.gateway.GatewayServer;
import dev.herald.message.MessageServer;
import dev.herald.message.MessageServiceConfig;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Fault matrix, row g: two message-services whose clocks are 2 s apart ({@code HERALD_CLOCK_OFFSET_MS}, development
 * mode), each gateway linked to both and sending through them in turn, so message ids (UUIDv7, time-ordered) from
 * one instance run 2 s behind the other's. Receivers poll with {@code sync} from the last {@code nextAfter}; every
 * acked message must be stored once and synced exactly once.
 */
class ClockSkewFaultIT {

    @Test
    void instancesWithClocksTwoSecondsApartLoseNothingToSync() throws Exception {
        try (HeraldStack stack = HeraldStack.start(Map.of())) {
            Map<String, String> behind = new HashMap<>(stack.env);
            behind.putAll(Map.of("HERALD_DEV_MODE", "true", "HERALD_CLOCK_OFFSET_MS", "-2000",
                    "HERALD_GRPC_PORT", "0"));
            try (MessageServer lagging = MessageServer.start(MessageServiceConfig.fromEnv(behind))) {
                Map<String, String> gatewayEnv = new HashMap<>(stack.env);
                gatewayEnv.put("HERALD_MESSAGE_SERVICE_TARGETS",
                        "127.0.0.1:" + stack.grpcPort() + ",127.0.0.1:" + lagging.port());
                try (GatewayServer first = GatewayServer.start(GatewayConfig.fromEnv(gatewayEnv));
                     GatewayServer second = GatewayServer.start(GatewayConfig.fromEnv(gatewayEnv));
                     TrackedLoad load = TrackedLoad.start(List.of(socketUri(first), socketUri(second)),
                             id -> stack.token(id, id), TrackedLoad.Shape.polling())) {
                    load.awaitMoreAcked(600);
                    load.finish("clock-skew", stack::sql).printAndCheck();
                }
            }
        }
    }

    private static URI socketUri(GatewayServer gateway) {
        return URI.create("ws://127.0.0.1:" + gateway.port() + "/ws");
    }
}
