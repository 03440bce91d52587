/** Domain errors and their mapping to gRPC status. */
@NullMarked
package dev.herald.message.error;

import org.jspecify.annotations.NullMarked;
