/** Building blocks shared by the read and manage APIs: ids, cursors, pages, row mapping, consistency. */
@NullMarked
package dev.herald.message.query;

import org.jspecify.annotations.NullMarked;
