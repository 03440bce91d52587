/**
 * Operations on a batch of message ids (mark read, delete, recall, admin delete): the ids a request names and the
 * changed/unknown answer every such operation gives.
 */
@NullMarked
package dev.herald.message.batch;

import org.jspecify.annotations.NullMarked;
