package dev.herald.gateway.transport;

import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.Grizzly;
import org.glassfish.grizzly.attributes.Attribute;
import org.glassfish.tyrus.container.grizzly.client.TaskProcessor;
import org.jspecify.annotations.Nullable;

/**
 * What Tyrus's Grizzly filter keeps on an upgraded connection, found by the attribute names it registers (Grizzly
 * hands out one attribute per name): the Tyrus connection, set once the upgrade is done, and its task processor,
 * which runs a socket's reads and closes in order.
 */
final class TyrusAttributes {

    private static final String TYRUS_FILTER = "org.glassfish.tyrus.container.grizzly.server.GrizzlyServerFilter";
    private static final Attribute<org.glassfish.tyrus.spi.Connection> TYRUS_CONNECTION =
            Grizzly.DEFAULT_ATTRIBUTE_BUILDER.createAttribute(TYRUS_FILTER + ".Connection");
    private static final Attribute<TaskProcessor> TASK_PROCESSOR =
            Grizzly.DEFAULT_ATTRIBUTE_BUILDER.createAttribute(TaskProcessor.class.getName() + ".TaskProcessor");

    private TyrusAttributes() {
    }

    /** The WebSocket on {@code connection}; null until it has upgraded. */
    static org.glassfish.tyrus.spi.@Nullable Connection upgraded(Connection<?> connection) {
        return TYRUS_CONNECTION.get(connection);
    }

    /** The task processor of an upgraded {@code connection}. */
    static @Nullable TaskProcessor tasks(Connection<?> connection) {
        return TASK_PROCESSOR.get(connection);
    }
}
