/** Accepting a direct message: validation, ids, publish, route. */
@NullMarked
package dev.herald.message.send;

import org.jspecify.annotations.NullMarked;
