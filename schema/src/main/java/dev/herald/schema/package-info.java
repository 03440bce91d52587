/** The database schema shared by the message-service (reads) and the persistence-worker (writes). */
@NullMarked
package dev.herald.schema;

import org.jspecify.annotations.NullMarked;
