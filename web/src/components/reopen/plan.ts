// Texts of a return plan, shared by the plan card and the family home.
import { i18n } from '@/i18n/core';
import type { ReturnPlan } from '@/utils/declaration';

/** A batch number (1 → 第 1 批). */
export function batchText(batch: ReturnPlan['batch'] | null | undefined): string {
  if (batch === null || batch === undefined) return '';
  return i18n.global.t('declaration.plan.batchN', { n: batch });
}

/** One line: 第 1 批 · 2026-11-28 07:40–07:55 · 东门. */
export function planLine(plan: ReturnPlan | null | undefined): string {
  if (!plan) return '';
  const t = i18n.global.t;
  const parts: string[] = [];
  const b = batchText(plan.batch);
  if (b) parts.push(b);
  const when = [plan.return_date ?? '', plan.window ? t('declaration.plan.range', { start: plan.window.start, end: plan.window.end }) : ''].filter(Boolean).join(' ');
  if (when) parts.push(when);
  if (plan.window?.gate) parts.push(plan.window.gate);
  return parts.join(' · ');
}
