/**
 * Grade and class names in number order — the same rule as the server's org::name_sort_key
 * (src/org/rules.cpp), for the few lists the web app orders itself: 小班 < 中班 < 大班 < 一年级 …
 * 九年级, 初一 = 七年级, 高一 = 十年级, then the rest of the name with numbers (Arabic or Chinese
 * numerals) by value: 一年级(三)班 < 一年级(12)班 < 二年级1班 < 高一(2)班.
 */
type Part = number | string;

const CN_DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const isCnNumeral = (c: string) => c in CN_DIGITS || c === '十' || c === '百';
const arabic = (c: string) => {
  const code = c.codePointAt(0) ?? 0;
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  if (code >= 0xff10 && code <= 0xff19) return code - 0xff10; // full-width ０-９
  return -1;
};

function cnValue(run: string[]): number {
  let total = 0;
  let cur = 0;
  for (const c of run) {
    if (c === '百') (total += (cur || 1) * 100), (cur = 0);
    else if (c === '十') (total += (cur || 1) * 10), (cur = 0);
    else cur = cur * 10 + CN_DIGITS[c];
  }
  return total + cur;
}

/** The sort key of a grade or class name (numbers before text). */
export function nameSortKey(name: string): Part[] {
  const cps = [...name];
  const out: Part[] = [];
  let i = 0;
  const kinder = ['小班', '中班', '大班'].findIndex((w) => name.startsWith(w));
  if (kinder >= 0) {
    out.push(kinder - 3);
    i = 2;
  }
  let offset = 0;
  if (kinder < 0 && cps.length >= 2 && (cps[0] === '初' || cps[0] === '高') && (isCnNumeral(cps[1]) || arabic(cps[1]) >= 0)) {
    offset = cps[0] === '初' ? 6 : 9;
    i = 1;
  }
  let text = '';
  const flush = () => {
    if (text) out.push(text);
    text = '';
  };
  while (i < cps.length) {
    if (arabic(cps[i]) >= 0) {
      let v = 0;
      for (; i < cps.length && arabic(cps[i]) >= 0; i++) v = v * 10 + arabic(cps[i]);
      flush();
      out.push(v + offset);
      offset = 0;
    } else if (isCnNumeral(cps[i])) {
      const run: string[] = [];
      for (; i < cps.length && isCnNumeral(cps[i]); i++) run.push(cps[i]);
      flush();
      out.push(cnValue(run) + offset);
      offset = 0;
    } else {
      text += cps[i++];
    }
  }
  flush();
  return out;
}

function comparePart(a: Part, b: Part): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'number') return -1;
  if (typeof b === 'number') return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Compares two grade or class names by their numbers (ties by the name's code points). */
export function compareClassNames(a: string, b: string): number {
  const ka = nameSortKey(a);
  const kb = nameSortKey(b);
  for (let i = 0; i < Math.min(ka.length, kb.length); i++) {
    const c = comparePart(ka[i], kb[i]);
    if (c) return c;
  }
  return ka.length - kb.length || (a < b ? -1 : a > b ? 1 : 0);
}
