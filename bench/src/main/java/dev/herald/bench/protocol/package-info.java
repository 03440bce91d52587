/**
 * Server protocols: the sealed {@link dev.herald.bench.protocol.Protocol} with Herald's and the seed stack's
 * frames and tables.
 */
@NullMarked
package dev.herald.bench.protocol;

import org.jspecify.annotations.NullMarked;
