/** Who is calling: bearer-token authentication of gRPC calls. */
@NullMarked
package dev.herald.message.auth;

import org.jspecify.annotations.NullMarked;
