import { expect, test, type Page, type Response } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { demoAccounts, login } from './helpers';
import { MENU_ITEMS } from '../src/utils/permissions';

// Issue 16, "Each role sees its own work": every entry of a role's menu opens a page the server
// lets that account use — no 403/404 behind any item, no error toast, no not-found page.
const accounts = demoAccounts();
const PHONE = { width: 360, height: 780 };
const TABLET = { width: 1024, height: 768 };
const DESKTOP = { width: 1440, height: 900 };
const ROLES: { username: string; device: 'phone' | 'tablet' | 'desktop'; expects: string[]; never: string[] }[] = [
  { username: 'headteacher', device: 'phone', expects: ['checks', 'myReport', 'eligibility'], never: ['returnPlan', 'notReturned', 'dashboard', 'dailyReport'] },
  { username: 'guard', device: 'phone', expects: ['gate', 'staffChecks', 'myReport'], never: ['people', 'dashboard'] },
  { username: 'doctor', device: 'tablet', expects: ['isolation', 'gate', 'checks'], never: ['users', 'webhooks'] },
  { username: 'principal', device: 'desktop', expects: ['dailyReport', 'returnPlan', 'users', 'myReport'], never: ['riskWrite'] },
  { username: 'lanshan', device: 'desktop', expects: ['dashboard', 'users', 'reopening'], never: ['myReport', 'myDeclaration', 'checks', 'gate'] },
  { username: 'viewer', device: 'tablet', expects: ['dashboard', 'people'], never: ['myReport', 'myDeclaration', 'users', 'import'] },
];
const SIZES = { phone: PHONE, tablet: TABLET, desktop: DESKTOP };
const shots = join(dirname(fileURLToPath(import.meta.url)), 'screenshots');

/** The API answers and requests in flight, to wait until a page has loaded and to see refusals. */
function watchApi(page: Page) {
  const failures: string[] = [];
  let inflight = 0;
  // A script error (e.g. a TypeError while loading) leaves an empty page: count it as a failure.
  page.on('pageerror', (e) => failures.push(`script error: ${e.message}`));
  page.on('request', (r) => {
    if (new URL(r.url()).pathname.startsWith('/api/')) inflight++;
  });
  const done = (r: { url(): string }) => {
    if (new URL(r.url()).pathname.startsWith('/api/')) inflight--;
  };
  page.on('requestfinished', done);
  page.on('requestfailed', done);
  page.on('response', (r: Response) => {
    const path = new URL(r.url()).pathname;
    if (path.startsWith('/api/') && [400, 403, 404].includes(r.status())) failures.push(`${r.status()} ${r.request().method()} ${path}`);
  });
  return { failures, inflight: () => inflight };
}

async function menuKeys(page: Page, phone: boolean): Promise<string[]> {
  if (phone) await page.getByTestId('menu-toggle').click();
  const menu = page.locator('[data-testid="side-menu"]:visible');
  await expect(menu).toHaveAttribute('data-ready', 'true');
  // The phone drawer slides in from the left: wait until it is fully in view.
  await expect.poll(() => menu.evaluate((e) => e.getBoundingClientRect().left)).toBeGreaterThanOrEqual(0);
  const keys = await menu.locator('[data-testid^="menu-"]:not([data-testid^="menu-group-"])').evaluateAll((els) =>
    els.map((e) => e.getAttribute('data-testid')!.replace(/^menu-/, '')),
  );
  return keys;
}

for (const role of ROLES) {
  test(`${role.username}: every menu item opens without 403/404 (${role.device})`, async ({ page }) => {
    const account = accounts.find((a) => a.username === role.username);
    test.skip(!account, 'demo accounts not configured');
    const phone = role.device === 'phone';
    await page.setViewportSize(SIZES[role.device]);
    const api = watchApi(page);
    await login(page, account!.username, account!.password);
    await expect(page.getByTestId('home-welcome')).toBeVisible();

    const keys = await menuKeys(page, phone);
    for (const k of role.expects) expect(keys, `${role.username} menu`).toContain(k);
    for (const k of role.never) expect(keys, `${role.username} menu`).not.toContain(k);
    mkdirSync(shots, { recursive: true });
    await page.screenshot({ path: join(shots, `menus-${role.username}-${role.device}.png`) });
    if (phone) {
      await page.keyboard.press('Escape');
      await expect(page.locator('.drawer [data-testid="side-menu"]')).toBeHidden();
    }
    await expect(page.getByTestId('home-tasks')).toBeVisible();
    await page.screenshot({ path: join(shots, `menus-${role.username}-home-${role.device}.png`), fullPage: true });

    const visited: string[] = [];
    for (const key of keys) {
      api.failures.length = 0;
      if (phone) {
        await expect(async () => {
          if (!(await page.locator('.drawer [data-testid="side-menu"]').isVisible())) await page.getByTestId('menu-toggle').click();
          await page.locator(`.drawer [data-testid="menu-${key}"]`).click({ timeout: 3_000 });
        }).toPass();
      } else {
        await page.locator(`[data-testid="menu-${key}"]:visible`).click();
      }
      const path = MENU_ITEMS.find((i) => i.key === key)!.path;
      await expect(page).toHaveURL((u) => u.pathname === path);
      // Loaded: the page is shown and no API request is still open.
      await expect(page.locator('.main > *').first()).toBeVisible();
      await expect.poll(() => api.inflight()).toBe(0);
      await expect(page.locator('.el-message--error'), `${role.username} → ${key}: error toast`).toHaveCount(0);
      await expect(page.locator('.main .el-result .el-result__title').filter({ hasText: /页面不存在|not found/i })).toHaveCount(0);
      expect(api.failures, `${role.username} → ${key}: refused requests`).toEqual([]);
      visited.push(key);
    }
    expect(visited.length).toBe(keys.length);
  });
}

test('a new page opens at its top, not at the previous page’s scroll position', async ({ page }) => {
  const account = accounts.find((a) => a.username === 'principal');
  test.skip(!account, 'demo accounts not configured');
  await page.setViewportSize({ width: 1440, height: 500 });
  await login(page, account!.username, account!.password);
  await expect(page.getByTestId('home-welcome')).toBeVisible();
  await page.locator('[data-testid="menu-policy"]:visible').click();
  await expect(page).toHaveURL(/\/policy$/);
  // Scroll the long policy page down, then open another long page from the menu.
  await expect.poll(() => page.evaluate(() => document.documentElement.scrollHeight - window.innerHeight)).toBeGreaterThan(600);
  await expect
    .poll(() => page.evaluate(() => (window.scrollTo(0, document.documentElement.scrollHeight), window.scrollY)))
    .toBeGreaterThan(600);
  await page.locator('[data-testid="menu-audit"]:visible').click();
  await expect(page).toHaveURL(/\/audit$/);
  await expect(page.getByTestId('audit-table')).toBeVisible();
  await expect.poll(() => page.evaluate(() => document.documentElement.scrollHeight - window.innerHeight)).toBeGreaterThan(600);
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBe(0);
  // Back returns to where the user was on the policy page.
  await page.goBack();
  await expect(page).toHaveURL(/\/policy$/);
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(600);
});
