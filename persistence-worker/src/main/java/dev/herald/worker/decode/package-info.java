/** Stream records (serialized {@code StreamEvent}s) turned into validated events; bad records are rejected here. */
@NullMarked
package dev.herald.worker.decode;

import org.jspecify.annotations.NullMarked;
