/**
 * The WebSocket transport adapter: everything that knows Tyrus or Grizzly. {@code WebSocketFrontend} runs the
 * Tyrus server (the endpoint at {@code /ws}, the browser client at {@code /} via {@code StaticClient});
 * {@code GatewayEndpoint} decodes each text frame and hands the event to the sessions; {@code TyrusSocket} is a
 * Tyrus session as the sessions see their socket, writing pre-encoded frames with {@code RawFrameTransport}. The
 * Grizzly filters {@code UpgradedSocketReads} (upgraded sockets skip the HTTP codec; their bytes pass a
 * {@code FrameSizeGuard}, which refuses oversized messages from their headers) and
 * {@code OpenTcpConnections} (shutdown waits for the close handshakes) are installed through
 * {@code TyrusListener}, and with them the guards of {@code dev.herald.gateway.admission}: {@code PeerSockets}
 * (every TCP connection from accept to close as a {@code PeerSocket}: the open-file reserve, the cap on sockets not
 * signed in per address, activity for the idle sweeper) and {@code ForwardedForGate} (the client behind a trusted
 * proxy, 429 over the cap). Tyrus hides several of these hooks, so each is looked up once and fails at startup if a
 * Tyrus upgrade moves it.
 */
@NullMarked
package dev.herald.gateway.transport;

import org.jspecify.annotations.NullMarked;
