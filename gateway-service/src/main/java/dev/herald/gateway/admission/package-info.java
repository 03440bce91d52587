/**
 * Who may hold a socket on this gateway, and for how long, before and after sign-in: the cap on sockets per client
 * address that have not signed in ({@code PreauthLimiter}, with the address read through {@code TrustedProxies}),
 * the reserve of file descriptors kept free for the sockets already open ({@code DescriptorReserve}), and the ping
 * and idle timeout of every socket ({@code IdleSweeper}). Plain logic, no Grizzly or Tyrus: the transport applies
 * it to its connections.
 */
@NullMarked
package dev.herald.gateway.admission;

import org.jspecify.annotations.NullMarked;
