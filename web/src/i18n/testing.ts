// Helpers of the message tests (used by *.test.ts only): every area's zh-CN and en files are
// checked the same way for the same keys, the same {placeholders}, no empty message and no
// character vue-i18n would compile as syntax.

export type MessageTree = { [k: string]: string | MessageTree };

/** A message tree as "a.b.c" → message. */
export function flattenMessages(tree: object, prefix = '', out = new Map<string, string>()): Map<string, string> {
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else if (v && typeof v === 'object') flattenMessages(v, key, out);
  }
  return out;
}

/** The {named} placeholders of a message, sorted. */
export function placeholders(msg: string): string[] {
  return (msg.match(/\{\w+\}/g) ?? []).sort();
}

export const HAN = /[\u4e00-\u9fff]/;

/**
 * What breaks the pairing of two languages' messages, one line a problem (none: []): a key in one
 * language only, an empty message, other placeholders than zh-CN's, or a character of `special`
 * (vue-i18n's @ and |, by default) in either language.
 */
export function messageParityProblems(zhTree: object, enTree: object, special: RegExp = /[@|]/): string[] {
  const zh = flattenMessages(zhTree);
  const en = flattenMessages(enTree);
  const problems: string[] = [];
  for (const k of zh.keys()) if (!en.has(k)) problems.push(`${k}: only in zh-CN`);
  for (const k of en.keys()) if (!zh.has(k)) problems.push(`${k}: only in en`);
  for (const [k, z] of zh) {
    const e = en.get(k);
    if (e === undefined) continue;
    if (z.trim() === '') problems.push(`${k}: empty in zh-CN`);
    if (e.trim() === '') problems.push(`${k}: empty in en`);
    if (placeholders(e).join() !== placeholders(z).join()) problems.push(`${k}: placeholders ${placeholders(z).join()} in zh-CN, ${placeholders(e).join()} in en`);
    if (special.test(z) || special.test(e)) problems.push(`${k}: a character of ${special.source}`);
  }
  return problems;
}

/** The English messages that hold Chinese, as "key: message". */
export function chineseIn(tree: object): string[] {
  return [...flattenMessages(tree)].filter(([, msg]) => HAN.test(msg)).map(([k, msg]) => `${k}: ${msg}`);
}
