import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import axeCore from 'axe-core';
import { expect, request, test, type Browser, type Locator, type Page } from '@playwright/test';

export interface DemoAccount {
  username: string;
  password: string;
  role: string;
  scope?: string;
}

/** Accounts written by `xiaoan demo` (path in XIAOAN_DEMO_ACCOUNTS); empty when not configured. */
export function demoAccounts(): DemoAccount[] {
  const file = process.env.XIAOAN_DEMO_ACCOUNTS;
  if (!file || !existsSync(file)) return [];
  const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
  return Array.isArray(parsed) ? (parsed as DemoAccount[]) : [];
}

/** A demo account by its user name (`role` picks any account of that role when the name is missing). */
export function demoAccount(username: string, role?: string): DemoAccount | undefined {
  const accounts = demoAccounts();
  return accounts.find((a) => a.username === username) ?? (role ? accounts.find((a) => a.role === role) : undefined);
}

export const BASE_URL = process.env.XIAOAN_BASE_URL ?? 'http://127.0.0.1:8080';

export const DESKTOP = { width: 1440, height: 900 };
export const PHONE = { width: 375, height: 812 };
export const TABLET = { width: 768, height: 1024 };

const screenshotDir = join(dirname(fileURLToPath(import.meta.url)), 'screenshots');

/**
 * Waits until the page has caught up with a viewport change: the window has the new width, the
 * network is idle and the DOM has not changed for a few rendered frames (resize handlers, Vue's
 * re-render, ECharts' resize). Finite CSS animations and transitions are run to their end state
 * (a toast fading in would be half transparent, a kiosk's countdown bar half way) rather than
 * waited for. It waits on the page's state, never on the clock; frames are counted with the
 * browser's real requestAnimationFrame, so a page whose fake clock a test has paused
 * (page.clock.pauseAt) settles too.
 */
export async function settle(page: Page, width?: number): Promise<void> {
  await page.waitForLoadState('networkidle').catch(() => undefined);
  await page.evaluate(async (w) => {
    type Builtins = { requestAnimationFrame: (cb: () => void) => number };
    const real = (globalThis as { __pwClock?: { builtins: Builtins } }).__pwClock?.builtins ?? window;
    const frame = () => new Promise<void>((resolve) => real.requestAnimationFrame(() => resolve()));
    const finite = () =>
      document.getAnimations().filter((a) => a.playState === 'running' && Number.isFinite(Number(a.effect?.getComputedTiming().endTime)));
    // A page that never stops changing its DOM is screenshotted anyway after this many frames.
    let budget = 600;
    while (w !== null && window.innerWidth !== w && budget-- > 0) await frame();
    let changed = true;
    const observer = new MutationObserver(() => (changed = true));
    observer.observe(document.documentElement, { subtree: true, childList: true, attributes: true, characterData: true });
    for (let round = 0; round < 5; round++) {
      for (const a of finite()) a.finish();
      for (let quiet = 0; quiet < 3 && budget-- > 0; ) {
        changed = false;
        await frame();
        quiet = changed ? 0 : quiet + 1;
      }
      if (finite().length === 0) break;
    }
    observer.disconnect();
  }, width ?? null);
}

/**
 * Accessibility scan (axe-core, WCAG 2.1 A and AA rules) of every page view `shoot()` screenshots.
 * Serious and critical violations are appended to <output dir>/axe.jsonl; global-teardown prints
 * the total and writes axe-summary.json beside it. XIAOAN_AXE=strict (the default) fails the test
 * on any serious or critical violation, naming the page view, the rule and the elements;
 * =report only records them, =off skips the scan.
 */
export const AXE_MODE = (process.env.XIAOAN_AXE ?? 'strict') as 'strict' | 'report' | 'off';
export const AXE_LOG = 'axe.jsonl';

/**
 * axe-core with the browser's real timers. axe runs its rules through a queue driven by
 * setTimeout; a spec that froze the page's fake clock for its screenshots (page.clock.pauseAt, so
 * the gate kiosk's result does not reset and "x minutes ago" stands still) would leave that queue
 * waiting forever. Wrapped in a function whose parameters shadow the timer globals, axe keeps the
 * originals Playwright saved when it installed the clock (__pwClock.builtins), while the page's own
 * timers stay frozen.
 */
const AXE_SOURCE = `(function (setTimeout, clearTimeout, setInterval, clearInterval) {
${axeCore.source}
}).apply(globalThis, (function (b) {
  return [b.setTimeout, b.clearTimeout, b.setInterval, b.clearInterval];
})((globalThis.__pwClock && globalThis.__pwClock.builtins) || {
  setTimeout: globalThis.setTimeout.bind(globalThis),
  clearTimeout: globalThis.clearTimeout.bind(globalThis),
  setInterval: globalThis.setInterval.bind(globalThis),
  clearInterval: globalThis.clearInterval.bind(globalThis),
}));`;

export interface AxeRecord {
  page: string;
  spec: string;
  rule: string;
  impact: string;
  help: string;
  count: number;
  targets: string[];
  html: string[];
}

/** Scans the page as it is; `log: false` leaves the run's axe.jsonl alone (the helper's own test). */
export async function scanA11y(page: Page, name: string, opts: { log?: boolean } = {}): Promise<void> {
  if (AXE_MODE === 'off') return;
  const info = test.info();
  const started = Date.now();
  // Toasts (Element Plus messages, Vant toasts) fade in and out by themselves: caught mid-fade their
  // colours blend with the page (a CI run saw 1.49:1 on "密码已修改"). Their resting colours are the
  // tone pairs tokens.test.ts holds to AA, so the scan leaves them out rather than race their timers.
  const results = await new AxeBuilder({ page, axeSource: AXE_SOURCE })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .exclude('.el-message')
    .exclude('.van-toast')
    .analyze();
  // The scan's own time is not the test's: a busy machine would otherwise push long specs over their budget.
  info.setTimeout(info.timeout + (Date.now() - started));
  const out = info.project.outputDir;
  mkdirSync(out, { recursive: true });
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const records: AxeRecord[] = bad.map((v) => ({
    page: name,
    spec: info.file.split('/').pop() ?? info.file,
    rule: v.id,
    impact: v.impact ?? '',
    help: v.help,
    count: v.nodes.length,
    targets: v.nodes.slice(0, 4).map((n) => n.target.join(' ')),
    html: v.nodes.slice(0, 2).map((n) => `${n.html.slice(0, 160)} ${n.any[0]?.message ?? ''}`.trim()),
  }));
  if (opts.log !== false) appendFileSync(join(out, AXE_LOG), JSON.stringify({ page: name, records }) + '\n');
  if (AXE_MODE === 'strict' && records.length) {
    const text = records
      .map((r) => `  ${r.impact} ${r.rule} — ${r.help} (${r.count} elements): ${r.targets.join(', ')}\n    ${r.html.join('\n    ')}`)
      .join('\n');
    throw new Error(`axe: ${records.length} serious/critical violations on page view ${name} (${page.url()}):\n${text}`);
  }
}

/**
 * Screenshots the current page at phone and desktop size (and tablet when asked):
 * e2e/screenshots/<name>-<phone|tablet|desktop>.png.
 */
export async function shoot(page: Page, name: string, opts: { tablet?: boolean; only?: 'phone' | 'desktop' } = {}): Promise<void> {
  mkdirSync(screenshotDir, { recursive: true });
  const original = page.viewportSize() ?? DESKTOP;
  const sizes: (readonly ['phone' | 'tablet' | 'desktop', { width: number; height: number }])[] = [];
  if (opts.only !== 'desktop') sizes.push(['phone', PHONE]);
  if (opts.tablet) sizes.push(['tablet', TABLET]);
  if (opts.only !== 'phone') sizes.push(['desktop', DESKTOP]);
  for (const [label, size] of sizes) {
    await page.setViewportSize(size);
    await settle(page, size.width);
    // The page itself must never scroll sideways at phone or tablet width.
    if (label !== 'desktop') {
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, `${name} overflows horizontally at ${size.width}px`).toBeLessThanOrEqual(1);
    }
    await page.screenshot({ path: join(screenshotDir, `${name}-${label}.png`) });
    await scanA11y(page, `${name}-${label}`);
  }
  await page.setViewportSize(original);
  await settle(page, original.width);
}

export async function login(page: Page, username: string, password: string): Promise<void> {
  await page.goto('/login');
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
}

/**
 * Opens a dropdown with `open` when `entry` is not showing, clicks `entry` and waits for
 * `done(timeout)`, which must check the pick's effect, not the click. Under load a click can be
 * lost while the dropdown is still opening, or land on a list that a remote search is replacing,
 * so the pick is retried; a retry first looks whether the previous pick took effect after all, so
 * nothing is picked twice.
 */
async function pickWithRetry(
  open: () => Promise<void>,
  entry: Locator,
  done: (timeout: number) => Promise<void>,
): Promise<void> {
  let retry = false;
  await expect(async () => {
    if (retry && (await done(200).then(() => true, () => false))) return;
    retry = true;
    if (!(await entry.isVisible())) await open();
    await entry.click({ timeout: 5_000 });
    await done(3_000);
  }).toPass({ timeout: 30_000 });
}

/** Opens a click-triggered dropdown menu and picks one of its items until `done` holds. */
export async function pickFromMenu(
  page: Page,
  triggerTestId: string,
  item: string | RegExp,
  done: (timeout: number) => Promise<void>,
): Promise<void> {
  const entry = page.getByRole('menuitem', typeof item === 'string' ? { name: item, exact: true } : { name: item });
  await pickWithRetry(() => page.getByTestId(triggerTestId).click({ timeout: 3_000 }), entry, done);
}

export async function logout(page: Page): Promise<void> {
  if (/\/login/.test(page.url())) throw new Error('logout: not signed in');
  await pickFromMenu(page, 'user-trigger', /退出登录|Sign out/, (timeout) => expect(page).toHaveURL(/\/login/, { timeout }));
}

/** Opens a menu entry on desktop (side menu) or phone (drawer). */
export async function openMenu(page: Page, key: 'home' | 'org' | 'users' | 'audit' | 'tokens' | 'people' | 'import'): Promise<void> {
  const toggle = page.getByTestId('menu-toggle');
  if (await toggle.isVisible()) await toggle.click();
  await page.locator(`[data-testid="menu-${key}"]:visible`).click();
  await expect(page).toHaveURL(new RegExp(key === 'home' ? '/$' : `/${key}`));
}

/** Opens a select, types `search` when given, and picks `option` until the select shows `shown`. */
async function pickUntilShown(page: Page, testId: string, option: Locator, shown: string, search?: string): Promise<void> {
  const select = page.getByTestId(testId);
  const open = async () => {
    await select.click({ timeout: 3_000 });
    if (search) await page.keyboard.type(search);
  };
  await pickWithRetry(open, option, (timeout) => expect(select).toContainText(shown, { timeout }));
}

/** Picks a node in an org tree-select (filterable el-tree-select) by its exact name. */
export async function pickOrg(page: Page, testId: string, name: string): Promise<void> {
  const node = page.locator('.xa-org-popper:visible').getByText(name, { exact: true }).first();
  await pickUntilShown(page, testId, node, name, name);
}

/**
 * Picks an option of an el-select by its label (the whole label, or a part of it with
 * `partial`), typing `search` first for a filterable or remote select. The select must then show
 * `shown` (the label unless told).
 */
export async function pickOption(
  page: Page,
  testId: string,
  label: string,
  opts: { search?: string; partial?: boolean; shown?: string } = {},
): Promise<void> {
  const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const option = page
    .locator('.el-select-dropdown__item:visible')
    .filter({ hasText: opts.partial ? label : new RegExp(`^\\s*${escaped}\\s*$`) })
    .first();
  await pickUntilShown(page, testId, option, opts.shown ?? label, opts.search);
}

// Loose JSON of API answers in specs (many daily schemas are open objects).
type ApiJson = any; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * A signed-in API client for one account (cookie session + CSRF header), for setting up data and
 * reading answers in specs. Sign-ins are rate limited per IP: a 429 is retried until it clears.
 */
export async function apiAs(acc: { username: string; password: string }) {
  const ctx = await request.newContext({ baseURL: BASE_URL });
  const login = () => ctx.post('/api/auth/login', { data: { username: acc.username, password: acc.password } });
  let res = await login();
  await expect
    .poll(
      async () => {
        if (res.status() === 429) res = await login();
        return res.status();
      },
      { timeout: 40_000, intervals: [2500] },
    )
    .not.toBe(429);
  expect(res.ok(), `login ${acc.username}: ${res.status()}`).toBeTruthy();
  const { csrf_token: csrf, user } = (await res.json()) as { csrf_token: string; user: ApiJson };
  const checked = async (r: Awaited<ReturnType<typeof ctx.get>>, what: string): Promise<ApiJson> => {
    const body = await r.text();
    expect(r.ok(), `${what}: ${r.status()} ${body}`).toBeTruthy();
    return body ? (JSON.parse(body) as ApiJson) : {};
  };
  const headers = { 'X-CSRF-Token': csrf };
  return {
    user,
    /** The raw request context and CSRF token, for a spec that checks an exact status itself. */
    api: ctx,
    csrf,
    storageState: () => ctx.storageState(),
    get: async (path: string) => checked(await ctx.get(path), `GET ${path}`),
    post: async (path: string, data?: unknown) => checked(await ctx.post(path, { data, headers }), `POST ${path}`),
    put: async (path: string, data: unknown) => checked(await ctx.put(path, { data, headers }), `PUT ${path}`),
    dispose: () => ctx.dispose(),
  };
}
export type Api = Awaited<ReturnType<typeof apiAs>>;

/** The id of an org node by its exact name. */
export async function orgId(api: Api, name: string): Promise<string> {
  const nodes = ((await api.get('/api/org/tree')) as { nodes: { id: string; name: string }[] }).nodes;
  const n = nodes.find((x) => x.name === name);
  expect(n, `org node ${name}`).toBeTruthy();
  return n!.id;
}

/** Signs a demo account in on `page` and waits for the signed-in shell. */
export async function signInAs(page: Page, username: string): Promise<void> {
  const acc = demoAccount(username);
  expect(acc, `demo account ${username}`).toBeTruthy();
  await login(page, acc!.username, acc!.password);
  await expect(page.getByTestId('user-trigger')).toBeVisible();
}

/** A new browser context (zh-CN, Asia/Shanghai) with a page signed in as a demo account. */
export async function newPageAs(browser: Browser, username: string, viewport = DESKTOP): Promise<Page> {
  const ctx = await browser.newContext({ viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await ctx.newPage();
  await signInAs(page, username);
  return page;
}

/**
 * A browser page signed in with the API client's session (no sign-in of its own, so the rate
 * limit on sign-ins is not spent). With `time`, the page's clock is installed at that time: the
 * server runs on a test clock, and the browser follows it so due times read as they would live.
 */
export async function signedIn(browser: Browser, api: Api, opts: { viewport?: { width: number; height: number }; time?: number } = {}): Promise<Page> {
  const context = await browser.newContext({
    baseURL: BASE_URL,
    viewport: opts.viewport ?? DESKTOP,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    storageState: await api.storageState(),
  });
  const page = await context.newPage();
  if (opts.time) await page.clock.install({ time: opts.time });
  return page;
}

/** The text box of an Element Plus input (the test id lands on the <input> or on its wrapper). */
export function field(page: Page, id: string): Locator {
  const sel = `[data-testid="${id}"]`;
  return page.locator(`input${sel}, textarea${sel}, ${sel} input, ${sel} textarea`).first();
}

/** Types a date into an el-date-picker (the test id sits on the input or its wrapper). */
export async function fillDate(page: Page, testId: string, value: string): Promise<void> {
  const el = page.getByTestId(testId);
  const input = (await el.evaluate((e) => e.tagName)) === 'INPUT' ? el : el.locator('input').first();
  await input.fill(value);
  await input.press('Enter');
}

/** A success toast with `text` shows. */
export async function expectSuccess(page: Page, text: RegExp | string): Promise<void> {
  await expect(page.locator('.el-message--success').filter({ hasText: text }).first()).toBeVisible();
}
