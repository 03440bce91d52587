/** Thin gRPC transports over the features. */
@NullMarked
package dev.herald.message.api;

import org.jspecify.annotations.NullMarked;
