// @herald/client: a browser (and Node) client for Herald's WebSocket protocol (docs/protocol.md). No dependencies:
// the gateway serves this folder as-is under /lib/.
export { HeraldClient } from './client.js';
export { HeraldError } from './herald-error.js';
