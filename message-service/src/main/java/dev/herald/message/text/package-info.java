/** What the schema can store, checked before anything is acked. */
@NullMarked
package dev.herald.message.text;

import org.jspecify.annotations.NullMarked;
