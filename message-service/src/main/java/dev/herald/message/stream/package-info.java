/** The JetStream stream: setup, publishing, and the persistence watermark. */
@NullMarked
package dev.herald.message.stream;

import org.jspecify.annotations.NullMarked;
