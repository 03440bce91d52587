import { el } from './dom.js';

/**
 * Every error the app meets, shown in the page until dismissed: a request the server answered with `exception`,
 * an `exception` the library reports on its own (a failed background sync), a close it will not retry. Nothing is
 * swallowed: whatever fails lands here, with its status and the field it names.
 */
export class Notices {
  #container;

  constructor(container) {
    this.#container = container;
  }

  /** Shows `error` (a HeraldError, an Error or a string); `doing` says what the app was trying to do. */
  show(error, doing) {
    const text = describe(error);
    const notice = el('div', { class: 'notice', role: 'alert', 'data-status': error?.status ?? '' },
      el('p', {}, doing ? `${doing}: ${text}` : text));
    notice.append(el('button', { type: 'button', onclick: () => notice.remove() }, 'Dismiss'));
    this.#container.append(notice);
    // Keep the list short: the oldest go first.
    while (this.#container.children.length > 5) this.#container.firstElementChild.remove();
    console.warn(`herald: ${doing ?? ''}: ${text}`);
  }

  clear() {
    this.#container.replaceChildren();
  }

  /** Runs an action started by the user and shows its failure, if any; resolves with its result or undefined. */
  async run(doing, action) {
    try {
      return await action();
    } catch (error) {
      this.show(error, doing);
      return undefined;
    }
  }
}

function describe(error) {
  if (error && typeof error === 'object' && 'status' in error) {
    const field = error.field ? ` (field ${error.field})` : '';
    const retry = error.retryAfterMs ? `, retry after ${error.retryAfterMs} ms` : '';
    return `${error.status}: ${error.message}${field}${retry}`;
  }
  return error instanceof Error ? error.message : String(error);
}
