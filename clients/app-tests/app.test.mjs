// End-to-end tests of the browser app the gateway serves, in headless Chromium (Debian's chromium, driven by
// playwright-core: no browser is downloaded), with axe-core. Run by integration-tests' BrowserAppIT against a
// whole stack; by hand against deploy/local/run.sh:
//   HERALD_APP_URL=http://127.0.0.1:8080/ HERALD_SCREENSHOT_DIR=/tmp/shots node app.test.mjs
// Prints one line per scenario ("ok - ..." or "not ok - ..."), the axe findings of each main view and the
// screenshot paths; exits 1 when any scenario failed.
import { mkdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { chromium } from 'playwright-core';

const appUrl = required('HERALD_APP_URL');
const shots = process.env.HERALD_SCREENSHOT_DIR ?? path.resolve('target', 'app-screenshots');
const executablePath = process.env.HERALD_CHROMIUM ?? '/usr/bin/chromium';
const WAIT = 15_000;
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 375, height: 740 };
const run = Math.random().toString(36).slice(2, 8);
const alice = `alice-${run}`;
const bob = `bob-${run}`;
const root = `root-${run}`;
const room = `Lunch ${run}`;

const axeSource = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
await mkdir(shots, { recursive: true });
const browser = await chromium.launch({
  executablePath,
  headless: true,
  // As root (CI containers) Chromium's sandbox cannot start.
  args: process.getuid?.() === 0 ? ['--no-sandbox'] : [],
});
const results = [];
const axeFindings = [];

try {
  const a = await newUser(alice, 'Alice');
  const b = await newUser(bob, 'Bob');

  await scenario('sign-in view: axe and screenshots', async () => {
    const page = await (await browser.newContext({ viewport: DESKTOP })).newPage();
    await page.goto(appUrl);
    await page.getByLabel('User name').waitFor();
    await axe(page, 'sign-in');
    await screenshots(page, 'sign-in');
    await page.context().close();
  });

  await scenario('two users sign in by name', async () => {
    await b.signIn();
    await a.signIn();
  });

  await scenario('direct chat: live delivery, unread badge, read ticks per receiver, typing', async () => {
    await a.startDirect(bob);
    await a.send('hello bob');
    const badge = b.page.locator(`button[data-key="u:${alice}"] .badge`);
    await badge.waitFor({ timeout: WAIT });
    await axe(b.page, 'conversation list');
    await screenshots(b.page, 'conversation-list');
    await b.open(`u:${alice}`);
    await b.seesOnce('hello bob');
    await a.page.locator(`li.message:has-text("hello bob") [data-receiver="${bob}"][data-read="true"]`)
      .waitFor({ timeout: WAIT });
    await b.page.locator('#composer-body').pressSequentially('typing something', { delay: 20 });
    await a.page.locator('#typing', { hasText: 'is typing' }).waitFor({ timeout: WAIT });
    await b.page.locator('#composer-body').press('Enter');
    await a.seesOnce('typing something');
    await axe(a.page, 'direct conversation');
    await screenshots(a.page, 'direct-conversation');
  });

  await scenario('room: create with a member, both chat in it', async () => {
    await a.page.getByRole('button', { name: 'New room' }).click();
    await a.page.getByLabel('Name', { exact: true }).fill(room);
    await a.page.getByLabel('Members (user ids, comma-separated)', { exact: true }).fill(bob);
    await a.page.getByRole('button', { name: 'Create' }).click();
    await a.page.locator('#conversation-title', { hasText: room }).waitFor({ timeout: WAIT });
    const roomButton = b.page.locator('#conversation-list button', { hasText: room });
    await roomButton.waitFor({ timeout: WAIT });
    await a.send('room hello');
    await roomButton.locator('.badge').waitFor({ timeout: WAIT });
    await roomButton.click();
    await b.seesOnce('room hello');
    await b.send('room reply');
    await a.seesOnce('room reply');
    await b.page.getByRole('button', { name: 'Members' }).click();
    await b.page.locator('#member-list li', { hasText: 'Alice' }).waitFor({ timeout: WAIT });
    await axe(b.page, 'room conversation');
    await screenshots(b.page, 'room-conversation');
  });

  await scenario('offline: a network cut shows offline, messages sent meanwhile arrive once each', async () => {
    await a.open(`u:${bob}`);
    await b.open(`u:${alice}`);
    await b.context.setOffline(true);
    await b.page.locator('#state:not([data-state="online"])').waitFor({ timeout: WAIT });
    const shown = await b.page.locator('#state').textContent();
    console.log(`  offline state shown: "${shown}"`);
    await screenshots(b.page, 'offline');
    for (const n of [1, 2, 3]) await a.send(`while away ${n}`);
    await b.context.setOffline(false);
    await b.page.locator('#state[data-state="online"]').waitFor({ timeout: 30_000 });
    for (const n of [1, 2, 3]) await b.seesOnce(`while away ${n}`);
    // A later message as a barrier: whatever sync or live delivery would repeat has arrived before it.
    await a.send('after the cut');
    await b.seesOnce('after the cut');
    for (const n of [1, 2, 3]) await b.seesOnce(`while away ${n}`);
  });

  await scenario('recall and delete for me', async () => {
    await a.send('to be recalled');
    await b.seesOnce('to be recalled');
    await a.message('to be recalled').getByRole('button', { name: 'Recall' }).click();
    await b.message('to be recalled').waitFor({ state: 'detached', timeout: WAIT });
    await a.message('to be recalled').waitFor({ state: 'detached', timeout: WAIT });
    await a.send('delete just for bob');
    await b.seesOnce('delete just for bob');
    await b.message('delete just for bob').getByRole('button', { name: 'Delete for me' }).click();
    await b.message('delete just for bob').waitFor({ state: 'detached', timeout: WAIT });
    if (await a.message('delete just for bob').count() !== 1) throw new Error('the sender lost a message the receiver deleted for itself');
  });

  await scenario('admin: search all messages, delete one, it disappears', async () => {
    const marker = `secret-${run}`;
    await a.send(`please delete ${marker}`);
    await b.seesOnce(`please delete ${marker}`);
    const admin = await newUser(root, 'Root', { admin: true });
    await admin.signIn();
    await admin.page.getByRole('button', { name: 'Admin' }).click();
    await admin.page.getByLabel('Text', { exact: true }).fill(marker);
    await admin.page.getByRole('button', { name: 'Search' }).click();
    const row = admin.page.locator('#admin-results tbody tr', { hasText: marker });
    await row.waitFor({ timeout: WAIT });
    await admin.page.locator('#admin-count', { hasText: '1 matching message' }).waitFor({ timeout: WAIT });
    await axe(admin.page, 'admin');
    await screenshots(admin.page, 'admin');
    await row.getByRole('button', { name: /^Delete/ }).click();
    await row.waitFor({ state: 'detached', timeout: WAIT });
    // The worker applies the deletion a moment later: search until it is gone from the store.
    await poll(async () => {
      await admin.page.getByRole('button', { name: 'Search' }).click();
      return (await admin.page.locator('#admin-count').textContent()).startsWith('0 matching');
    }, 'the deleted message still matches');
    if (await admin.page.locator('.notice').count()) throw new Error(`admin notices: ${await admin.page.locator('.notice').allTextContents()}`);
    await b.page.reload();
    await b.page.locator('#state[data-state="online"]').waitFor({ timeout: WAIT });
    await b.open(`u:${alice}`);
    await b.seesOnce('after the cut');
    if (await b.message(`please delete ${marker}`).count() !== 0) throw new Error('the deleted message is still shown to its receiver');
  });

  await scenario('a non-admin asking for the admin events gets PERMISSION_DENIED, shown in the page', async () => {
    await a.page.evaluate(() => document.getElementById('open-admin').hidden = false);
    await a.page.getByRole('button', { name: 'Admin' }).click();
    await a.page.getByRole('button', { name: 'Search' }).click();
    await a.page.locator('.notice[data-status="PERMISSION_DENIED"]').first().waitFor({ timeout: WAIT });
  });

  await scenario('no page showed an unexpected error', async () => {
    // Expected, and shown as they should be: the non-admin's refusals, the token endpoint unreachable while the
    // network was cut, a sign-in that outlived the gateway's auth timeout on a cold stack (the library retried).
    const expected = /PERMISSION_DENIED|getToken failed: Failed to fetch|authentication timed out/;
    for (const user of [a, b]) {
      const unexpected = user.pageErrors.filter((e) => !expected.test(e));
      if (unexpected.length) throw new Error(`${user.id}: ${unexpected.join(' | ')}`);
    }
  });
} finally {
  await browser.close();
}

console.log('\naxe-core findings (all impacts) per view:');
for (const { view, violations } of axeFindings) {
  console.log(`  ${view}: ${violations.length ? violations.map((v) => `${v.id} (${v.impact}, ${v.nodes.length} nodes)`).join(', ') : 'none'}`);
}
const failed = results.filter((r) => !r.ok);
console.log(`\n${results.length - failed.length}/${results.length} scenarios passed; screenshots in ${shots}`);
process.exit(failed.length ? 1 : 0);

// --- helpers ---------------------------------------------------------------------------------------------------

async function scenario(name, body) {
  const started = Date.now();
  try {
    await body();
    results.push({ name, ok: true });
    console.log(`ok - ${name} (${Date.now() - started} ms)`);
  } catch (error) {
    results.push({ name, ok: false });
    console.log(`not ok - ${name}: ${error.stack ?? error}`);
  }
}

/** A user in a browser context of its own, signing in by name through the dev token endpoint. */
async function newUser(id, name, { admin = false } = {}) {
  const context = await browser.newContext({ viewport: DESKTOP });
  const page = await context.newPage();
  const user = { id, context, page, pageErrors: [] };
  page.on('pageerror', (error) => user.pageErrors.push(String(error)));
  page.on('console', (message) => {
    if (message.type() === 'warning' && message.text().startsWith('herald:')) user.pageErrors.push(message.text());
  });
  user.signIn = async () => {
    await page.goto(appUrl);
    await page.getByLabel('User name').fill(id);
    await page.getByLabel('Display name (optional)').fill(name);
    if (admin) await page.getByLabel('Admin', { exact: true }).check();
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    // The first sign-in of a cold stack may take a while (JIT, first connections).
    await page.locator('#state[data-state="online"]').waitFor({ timeout: 3 * WAIT });
    await page.locator('#me', { hasText: name }).waitFor({ timeout: WAIT });
  };
  user.startDirect = async (peer) => {
    await page.getByLabel('Message a user').fill(peer);
    await page.getByRole('button', { name: 'Start' }).click();
    await page.locator('#conversation-title', { hasText: peer }).waitFor({ timeout: WAIT });
  };
  user.open = async (key) => {
    if (await page.locator('#back').isVisible()) await page.locator('#back').click();
    await page.locator(`#conversation-list button[data-key="${key}"]`).click({ timeout: WAIT });
  };
  user.send = async (text) => {
    await page.locator('#composer-body').fill(text);
    await page.locator('#composer-body').press('Enter');
    await page.locator('li.message.mine', { hasText: text }).locator('.ticks:has-text("Sending")').waitFor({ state: 'detached', timeout: WAIT });
    await user.message(text).waitFor({ timeout: WAIT });
  };
  user.message = (text) => page.locator('#message-list li.message', { has: page.locator('.body', { hasText: new RegExp(`^${escape(text)}$`) }) });
  user.seesOnce = async (text) => {
    await user.message(text).first().waitFor({ timeout: WAIT });
    const count = await user.message(text).count();
    if (count !== 1) throw new Error(`${id} sees "${text}" ${count} times`);
  };
  return user;
}

/** Runs axe-core on the page; records every finding, fails on serious or critical ones. */
async function axe(page, view) {
  if (!await page.evaluate(() => 'axe' in window)) await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  axeFindings.push({ view, violations: result.violations });
  const serious = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  if (serious.length) {
    throw new Error(`axe on ${view}: ${serious.map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join('; ')}`).join(' | ')}`);
  }
}

/** The page at desktop and at 375 px wide, each written under the screenshot directory. */
async function screenshots(page, name) {
  for (const [label, size] of [['desktop', DESKTOP], ['375px', PHONE]]) {
    await page.setViewportSize(size);
    const file = path.join(shots, `${name}-${label}.png`);
    await page.screenshot({ path: file, fullPage: false });
    console.log(`  screenshot ${file}`);
  }
  await page.setViewportSize(DESKTOP);
}

async function poll(check, message, timeout = WAIT) {
  const deadline = Date.now() + timeout;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(message);
}

function escape(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function required(name) {
  const value = process.env[name];
  if (!value) {
    console.error(`${name} is not set: the URL of the app the gateway serves, e.g. http://127.0.0.1:8080/`);
    process.exit(2);
  }
  return value;
}
