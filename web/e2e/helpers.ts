import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { expect, request, test, type Locator, type Page } from '@playwright/test';

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

export const DESKTOP = { width: 1440, height: 900 };
export const PHONE = { width: 375, height: 812 };
export const TABLET = { width: 768, height: 1024 };

const screenshotDir = join(dirname(fileURLToPath(import.meta.url)), 'screenshots');

async function settle(page: Page) {
  await page.waitForLoadState('networkidle').catch(() => undefined);
  await page.waitForTimeout(400);
}

/**
 * Accessibility scan (axe-core, WCAG 2.1 A and AA rules) of every page view `shoot()` screenshots.
 * Serious and critical violations are appended to <output dir>/axe.jsonl; global-teardown prints
 * the total and writes axe-summary.json beside it. XIAOAN_AXE=strict fails the test on any serious
 * or critical violation, =report only records them, =off skips the scan.
 */
export const AXE_MODE = (process.env.XIAOAN_AXE ?? 'report') as 'strict' | 'report' | 'off';
export const AXE_LOG = 'axe.jsonl';

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

export async function scanA11y(page: Page, name: string): Promise<void> {
  if (AXE_MODE === 'off') return;
  const info = test.info();
  const started = Date.now();
  // A toast fading in or out is half transparent: let finite animations and transitions end first.
  await page
    .evaluate(() =>
      Promise.race([
        Promise.all(
          document
            .getAnimations()
            .filter((a) => Number.isFinite(Number(a.effect?.getComputedTiming().endTime)))
            .map((a) => a.finished.catch(() => undefined)),
        ),
        new Promise((resolve) => setTimeout(resolve, 3_000)),
      ]),
    )
    .catch(() => undefined);
  // A page that keeps changing (seen on the gate kiosk under load) can keep axe busy for minutes:
  // give up after 20 s and record the view as not scanned instead of eating the test's budget.
  const analysis = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  analysis.catch(() => undefined);
  const results = await Promise.race([analysis, new Promise<null>((resolve) => setTimeout(() => resolve(null), 20_000))]);
  // The scan's own time is not the test's: a busy machine would otherwise push long specs over their budget.
  info.setTimeout(info.timeout + (Date.now() - started));
  const out = info.project.outputDir;
  mkdirSync(out, { recursive: true });
  if (!results) {
    appendFileSync(join(out, AXE_LOG), JSON.stringify({ page: name, records: [], timedOut: true }) + '\n');
    return;
  }
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
  appendFileSync(join(out, AXE_LOG), JSON.stringify({ page: name, records }) + '\n');
  if (AXE_MODE === 'strict') {
    const text = records.map((r) => `${r.impact} ${r.rule} (${r.count}): ${r.targets.join(', ')}`).join('\n');
    expect(records, `axe on ${name}:\n${text}`).toEqual([]);
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
    await settle(page);
    // The page itself must never scroll sideways at phone or tablet width.
    if (label !== 'desktop') {
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, `${name} overflows horizontally at ${size.width}px`).toBeLessThanOrEqual(1);
    }
    await page.screenshot({ path: join(screenshotDir, `${name}-${label}.png`) });
    await scanA11y(page, `${name}-${label}`);
  }
  await page.setViewportSize(original);
  await settle(page);
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
  const base = process.env.XIAOAN_BASE_URL ?? 'http://127.0.0.1:8080';
  const ctx = await request.newContext({ baseURL: base });
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
    storageState: () => ctx.storageState(),
    get: async (path: string) => checked(await ctx.get(path), `GET ${path}`),
    post: async (path: string, data?: unknown) => checked(await ctx.post(path, { data, headers }), `POST ${path}`),
    put: async (path: string, data: unknown) => checked(await ctx.put(path, { data, headers }), `PUT ${path}`),
    dispose: () => ctx.dispose(),
  };
}
export type Api = Awaited<ReturnType<typeof apiAs>>;
