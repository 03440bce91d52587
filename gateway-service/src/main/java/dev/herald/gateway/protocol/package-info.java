/** The JSON frames of the WebSocket protocol: client events decoded, server events encoded. */
@NullMarked
package dev.herald.gateway.protocol;

import org.jspecify.annotations.NullMarked;
