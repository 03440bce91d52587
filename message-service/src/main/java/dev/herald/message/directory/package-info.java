/** The user directory: which user ids are known receivers. */
@NullMarked
package dev.herald.message.directory;

import org.jspecify.annotations.NullMarked;
