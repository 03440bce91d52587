/**
 * What the gateway does with a client socket, independent of the WebSocket library: the authentication deadline,
 * sign-in and token expiry ({@code Connections}), events waiting for the first sign-in ({@code EarlyEvents}),
 * carrying out client events ({@code EventDispatcher}), the signed-in sockets by user ({@code SessionRegistry}),
 * the bound on what a socket has in flight ({@code OutboundQueue}) and the fan-out of deliveries
 * ({@code DeliveryFanout}). The transport reaches it only through {@link dev.herald.gateway.session.Sessions},
 * {@link dev.herald.gateway.session.Connection} and the {@link dev.herald.gateway.session.ClientSocket} it
 * implements; nothing here imports Tyrus, Grizzly or {@code jakarta.websocket}.
 */
@NullMarked
package dev.herald.gateway.session;

import org.jspecify.annotations.NullMarked;
