import { byId } from './js/dom.js';
import { Notices } from './js/notices.js';
import { ChatSession, showState } from './js/session.js';
import { SignInView } from './js/signin.js';

/**
 * The Herald browser app, served by the gateway at `/` with the client library at `/lib/` (plain ES modules,
 * no build step). `/config.json`, when the gateway has one (a local stack), names the development token endpoint.
 */
const notices = new Notices(byId('notices'));
window.addEventListener('unhandledrejection', (event) => notices.show(event.reason, 'Unexpected failure'));
window.addEventListener('error', (event) => notices.show(event.error ?? event.message, 'Unexpected error'));

let started = false;
const config = await loadConfig();
const signIn = new SignInView(config, start);
const kept = signIn.kept();
if (kept) start(kept);
else signIn.show();

async function start(tokens) {
  if (started) {
    // A second sign-in in this page: start from a fresh page, which signs in with the choice kept for the tab.
    location.reload();
    return;
  }
  started = true;
  signIn.hide();
  const session = new ChatSession(tokens, notices, (why) => {
    signIn.forget();
    showState('closed');
    // Signed out: a fresh page for the next user, nothing of this one left behind. Refused: the reason stays shown.
    if (why === 'signedOut') location.reload();
    else signIn.show();
  });
  await session.start();
}

async function loadConfig() {
  try {
    const response = await fetch('/config.json', { cache: 'no-store' });
    if (response.status === 404) return {};
    if (!response.ok) throw new Error(`/config.json answered ${response.status}`);
    return await response.json();
  } catch (error) {
    notices.show(error, 'Reading the app configuration');
    return {};
  }
}
