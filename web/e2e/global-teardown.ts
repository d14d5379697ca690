// Sums up the accessibility scans of the run (see scanA11y in helpers.ts): prints
// "axe: N serious/critical violations on M page views" and writes axe-summary.json (counts per
// rule and per page view) into the output directory.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FullConfig } from '@playwright/test';
import { AXE_LOG, AXE_MODE, type AxeRecord } from './helpers';

export default function globalTeardown(config: FullConfig): void {
  const out = config.projects[0]?.outputDir;
  if (!out || AXE_MODE === 'off') return;
  const file = join(out, AXE_LOG);
  const views = existsSync(file)
    ? readFileSync(file, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as { page: string; records: AxeRecord[] })
    : [];
  const byRule: Record<string, { impact: string; elements: number; views: number }> = {};
  const byPage: Record<string, Record<string, number>> = {};
  let violations = 0;
  for (const v of views) {
    for (const r of v.records) {
      violations += 1;
      const rule = (byRule[r.rule] ??= { impact: r.impact, elements: 0, views: 0 });
      rule.elements += r.count;
      rule.views += 1;
      (byPage[v.page] ??= {})[r.rule] = r.count;
    }
  }
  writeFileSync(
    join(out, 'axe-summary.json'),
    JSON.stringify({ mode: AXE_MODE, pageViews: views.length, violations, byRule, byPage, details: views }, null, 2),
  );
  console.log(`axe: ${violations} serious/critical violations on ${views.length} page views (${AXE_MODE} mode; ${join(out, 'axe-summary.json')})`);
  for (const [rule, r] of Object.entries(byRule)) console.log(`axe:   ${rule} (${r.impact}): ${r.views} page views, ${r.elements} elements`);
}
