/**
 * An `exception` from the gateway (docs/protocol.md, "ack and exception"), or a request the library
 * refused or could not finish on its own (then `status` says why, as a gRPC status name would).
 */
export class HeraldError extends Error {
  /**
   * @param {{status: string, message: string, field?: string, retryAfterMs?: number}} data
   * @param {string} [event] the request event it answers, when there is one
   */
  constructor(data, event) {
    super(data.message);
    this.name = 'HeraldError';
    this.status = data.status;
    if (data.field !== undefined) this.field = data.field;
    if (data.retryAfterMs !== undefined) this.retryAfterMs = data.retryAfterMs;
    if (event !== undefined) this.event = event;
  }

  /** The reply never came because the socket closed: the request may or may not have been carried out. */
  static connectionLost(event) {
    const error = new HeraldError({
      status: 'UNAVAILABLE',
      message: `connection lost before the reply to ${event} (it may or may not have been carried out)`,
    }, event);
    error.lostConnection = true;
    return error;
  }
}
