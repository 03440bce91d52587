import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Backoff } from '../../src/backoff.js';

test('waits grow exponentially within [min, max] and start over after reset', () => {
  const top = new Backoff({ minMs: 100, maxMs: 5000, random: () => 0.999999 });
  const waits = Array.from({ length: 8 }, () => top.next());
  assert.deepEqual(waits, [199, 299, 499, 899, 1699, 3299, 5000, 5000]);
  top.reset();
  assert.equal(top.next(), 199);
});

test('the jitter spreads clients: the lowest draw waits the minimum', () => {
  const low = new Backoff({ minMs: 100, maxMs: 5000, random: () => 0 });
  assert.deepEqual([low.next(), low.next(), low.next()], [100, 100, 100]);
});

test('soon() waits under the minimum; nextAtLeast keeps a floor under the cap', () => {
  const b = new Backoff({ minMs: 500, maxMs: 20000, random: () => 0.5 });
  assert.equal(b.soon(), 250);
  assert.ok(b.nextAtLeast(5000) >= 5000);
  assert.equal(new Backoff({ minMs: 1, maxMs: 5, random: () => 0.5 }).nextAtLeast(5000), 5);
});

test('bad delays are refused with a message naming them', () => {
  assert.throws(() => new Backoff({ minMs: 10, maxMs: 5 }), /min 10 ms, max 5 ms/);
});
