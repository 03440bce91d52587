/** Unary calls to the message-service on behalf of an authenticated socket. */
@NullMarked
package dev.herald.gateway.backend;

import org.jspecify.annotations.NullMarked;
