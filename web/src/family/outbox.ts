// Morning reports typed while the phone has no network: kept on the phone (localStorage) with the
// Idempotency-Key of their first attempt, and sent again when the network returns. The server
// answers a repeated key with the first answer (http/mutation.cpp), so an attempt whose answer
// was lost never counts twice.
import type { ReportPayload } from '@/utils/reportForm';

export const OUTBOX_STORAGE_KEY = 'xiaoan.family.outbox';

export interface PendingReport {
  /** Idempotency-Key of every attempt of this report. */
  key: string;
  childId: string;
  body: ReportPayload;
  /** When it was typed (ISO time), shown to the family. */
  savedAt: string;
}

/** What one attempt came to: sent, still no network (keep it), or refused by the server (drop it). */
export type SendResult = { kind: 'sent' } | { kind: 'offline' } | { kind: 'refused'; error: unknown } | { kind: 'signedOut'; error: unknown };

/** A fresh Idempotency-Key (32 hex digits); works on plain http too (crypto.randomUUID does not). */
export function newIdempotencyKey(): string {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

function storage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

function isPending(v: unknown): v is PendingReport {
  if (typeof v !== 'object' || v === null) return false;
  const p = v as Record<string, unknown>;
  return typeof p.key === 'string' && typeof p.childId === 'string' && typeof p.savedAt === 'string' && typeof p.body === 'object' && p.body !== null;
}

export function readOutbox(): PendingReport[] {
  const raw = storage()?.getItem(OUTBOX_STORAGE_KEY);
  if (!raw) return [];
  try {
    const list: unknown = JSON.parse(raw);
    return Array.isArray(list) ? list.filter(isPending) : [];
  } catch {
    return [];
  }
}

function writeOutbox(list: PendingReport[]): void {
  const s = storage();
  if (!s) return;
  if (list.length) s.setItem(OUTBOX_STORAGE_KEY, JSON.stringify(list));
  else s.removeItem(OUTBOX_STORAGE_KEY);
}

/** Keeps a report for later; a newer report of the same child replaces the older one. */
export function enqueue(item: PendingReport): void {
  writeOutbox([...readOutbox().filter((p) => p.childId !== item.childId), item]);
}

export function pendingFor(childId: string): PendingReport | null {
  return readOutbox().find((p) => p.childId === childId) ?? null;
}

/**
 * Sends what is waiting, oldest first, with each report's own key. Stops at the first attempt
 * without network; a report the server refuses is dropped and returned with its error; a signed-out
 * session keeps everything (the family opens its link again).
 */
export async function flushOutbox(
  send: (item: PendingReport) => Promise<SendResult>,
): Promise<{ sent: PendingReport[]; refused: { item: PendingReport; error: unknown }[]; left: number }> {
  const sent: PendingReport[] = [];
  const refused: { item: PendingReport; error: unknown }[] = [];
  for (const item of readOutbox()) {
    const r = await send(item);
    if (r.kind === 'offline' || r.kind === 'signedOut') break;
    writeOutbox(readOutbox().filter((p) => p.key !== item.key));
    if (r.kind === 'sent') sent.push(item);
    else refused.push({ item, error: r.error });
  }
  return { sent, refused, left: readOutbox().length };
}
