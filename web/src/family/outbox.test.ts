import { beforeEach, describe, expect, it } from 'vitest';
import { OUTBOX_STORAGE_KEY, enqueue, flushOutbox, newIdempotencyKey, pendingFor, readOutbox, type PendingReport, type SendResult } from './outbox';
import type { ReportPayload } from '@/utils/reportForm';

const body: ReportPayload = { temperature: 36.6, symptoms: [], code_color: 'green', household_fever: false, left_city: false, attending: true };
const item = (childId: string, key = newIdempotencyKey()): PendingReport => ({ key, childId, body, savedAt: '2026-11-25T06:40:00+08:00' });

describe('family outbox', () => {
  beforeEach(() => localStorage.clear());

  it('makes distinct 32-hex-digit keys', () => {
    const a = newIdempotencyKey();
    expect(a).toMatch(/^[0-9a-f]{32}$/);
    expect(newIdempotencyKey()).not.toBe(a);
  });

  it('keeps one report per child, the newest', () => {
    enqueue(item('1', 'k1'));
    enqueue(item('2', 'k2'));
    enqueue(item('1', 'k3'));
    expect(readOutbox().map((p) => p.key)).toEqual(['k2', 'k3']);
    expect(pendingFor('1')?.key).toBe('k3');
    expect(pendingFor('9')).toBeNull();
  });

  it('ignores storage it cannot read', () => {
    localStorage.setItem(OUTBOX_STORAGE_KEY, '{not json');
    expect(readOutbox()).toEqual([]);
    localStorage.setItem(OUTBOX_STORAGE_KEY, JSON.stringify([{ key: 1 }, item('3', 'k')]));
    expect(readOutbox().map((p) => p.key)).toEqual(['k']);
  });

  it.each<[string, SendResult[], string[], string[], number]>([
    ['all sent', [{ kind: 'sent' }, { kind: 'sent' }], ['a', 'b'], [], 0],
    ['still offline: nothing lost, later ones not tried', [{ kind: 'offline' }], [], [], 2],
    ['refused: dropped and reported, the next one still sent', [{ kind: 'refused', error: 'x' }, { kind: 'sent' }], ['b'], ['a'], 0],
    ['signed out: kept for when the link is opened again', [{ kind: 'signedOut', error: 'x' }], [], [], 2],
    ['network drops half-way', [{ kind: 'sent' }, { kind: 'offline' }], ['a'], [], 1],
  ])('%s', async (_name, results, sentKeys, refusedKeys, left) => {
    enqueue(item('1', 'a'));
    enqueue(item('2', 'b'));
    const seen: string[] = [];
    const out = await flushOutbox(async (p) => {
      seen.push(p.key);
      return results[seen.length - 1]!;
    });
    expect(out.sent.map((p) => p.key)).toEqual(sentKeys);
    expect(out.refused.map((r) => r.item.key)).toEqual(refusedKeys);
    expect(out.left).toBe(left);
    expect(readOutbox()).toHaveLength(left);
  });
});
