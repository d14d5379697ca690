// Design tokens at runtime: code that cannot use CSS (ECharts options, canvas drawing) reads the
// custom properties of src/styles/tokens.css here instead of writing colours down again.

/**
 * The value of a CSS custom property (e.g. cssVar('--xa-text-regular')) as computed on the
 * document root, trimmed. Returns `fallback` (default '') when the property is not set or there
 * is no document (server-side code, tests without a DOM).
 */
export function cssVar(name: `--${string}`, fallback = ''): string {
  if (typeof document === 'undefined' || typeof getComputedStyle === 'undefined') return fallback;
  const value = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  return value || fallback;
}

/** Several tokens at once: cssVars({ ok: '--xa-success-vivid' }) → { ok: '#18a058' }. */
export function cssVars<K extends string>(names: Record<K, `--${string}`>): Record<K, string> {
  const out = {} as Record<K, string>;
  for (const key of Object.keys(names) as K[]) out[key] = cssVar(names[key]);
  return out;
}
