import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { FullConfig } from '@playwright/test';
import { AXE_LOG } from './helpers';

// The e2e server runs with --test-clock: every browser test sees the same school morning
// (Wednesday 2026-11-25, 07:10 in Asia/Shanghai, inside the family report window), whatever
// day and hour the suite runs.
export const E2E_NOW = '2026-11-25T07:10:00+08:00';

export default async function globalSetup(config: FullConfig): Promise<void> {
  // A fresh accessibility log for this run (see scanA11y in helpers.ts).
  const out = config.projects[0]?.outputDir;
  if (out) rmSync(join(out, AXE_LOG), { force: true });
  const base = process.env.XIAOAN_BASE_URL ?? 'http://127.0.0.1:8080';
  const res = await fetch(`${base}/api/test/clock`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ now: E2E_NOW }),
  });
  if (!res.ok) throw new Error(`setting the test clock failed: ${res.status} ${await res.text()}`);
}
