import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, type Page } from '@playwright/test';

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

export async function logout(page: Page): Promise<void> {
  await page.getByTestId('user-trigger').click();
  await page.getByRole('menuitem', { name: /退出登录|Sign out/ }).click();
  await expect(page).toHaveURL(/\/login/);
}

/** Opens a menu entry on desktop (side menu) or phone (drawer). */
export async function openMenu(page: Page, key: 'home' | 'org' | 'users' | 'audit' | 'tokens' | 'people' | 'import'): Promise<void> {
  const toggle = page.getByTestId('menu-toggle');
  if (await toggle.isVisible()) await toggle.click();
  await page.locator(`[data-testid="menu-${key}"]:visible`).click();
  await expect(page).toHaveURL(new RegExp(key === 'home' ? '/$' : `/${key}`));
}

/** Picks a node in an org tree-select (filterable el-tree-select) by its exact name. */
export async function pickOrg(page: Page, testId: string, name: string): Promise<void> {
  await page.getByTestId(testId).click();
  await page.keyboard.type(name);
  const popper = page.locator('.xa-org-popper:visible');
  await popper.getByText(name, { exact: true }).first().click();
}

/** Picks an option of an el-select by its visible label. */
export async function pickOption(page: Page, testId: string, label: string): Promise<void> {
  await page.getByTestId(testId).click();
  await page.locator('.el-select-dropdown__item:visible').filter({ hasText: new RegExp(`^\\s*${label}\\s*$`) }).first().click();
}
