import { expect, test, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { demoAccounts, login, pickFromMenu } from './helpers';

// Issue 16, "Each role sees its own work", four smaller defects:
//  1. 承诺书签订 threw `TypeError … 'indexOf'` for bureau roles and showed an empty page;
//  2. the English 晨检 panel cut its labels and clipped the submit button;
//  3. classes were listed 一, 三, 二, 五, 六, 四 instead of by their number;
//  4. the risk-area region picker offered the typed text as its first option.
// Nothing here is saved: the language choice lives in the browser context, the class check is not
// submitted and the risk-area form is closed without saving.
const accounts = demoAccounts();
const DESKTOP = { width: 1440, height: 900 };
const TABLET = { width: 1024, height: 768 };
const PHONE = { width: 375, height: 812 };
const shots = join(dirname(fileURLToPath(import.meta.url)), 'screenshots');
const GRADE_NUMBERS = ['一', '二', '三', '四', '五', '六'];

function account(username: string) {
  const a = accounts.find((x) => x.username === username);
  test.skip(!a, 'demo accounts not configured');
  return a!;
}

async function signIn(page: Page, username: string) {
  const a = account(username);
  await login(page, a.username, a.password);
  await expect(page.getByTestId('home-welcome')).toBeVisible();
}

/** Script errors and errors Vue logs to the console (a component that throws while mounting). */
function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`script error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && /TypeError|ReferenceError|Unhandled error/.test(m.text())) errors.push(m.text().split('\n')[0]);
  });
  return errors;
}

async function shot(page: Page, name: string) {
  mkdirSync(shots, { recursive: true });
  await page.screenshot({ path: join(shots, `${name}.png`) });
}

/** The grade number a class or grade name starts with (一 … 六), or -1. */
function gradeIndex(name: string): number {
  return GRADE_NUMBERS.findIndex((n) => name.trim().startsWith(n));
}

// ---------- 1. commitments for bureau roles ----------

for (const username of ['admin', 'lanshan', 'viewer']) {
  test(`承诺书签订 for ${username}: signing per school, no script error (desktop)`, async ({ page }) => {
    await page.setViewportSize(DESKTOP);
    const errors = watchErrors(page);
    await signIn(page, username);
    const letters = page.waitForResponse((r) => /\/api\/schools\/\d+\/letters$/.test(new URL(r.url()).pathname));
    await page.goto('/commitments');
    expect((await letters).status()).toBe(200);
    // The region's schools, each with its completion; not an empty page.
    await expect(page.getByTestId('cm-region')).toBeVisible();
    const rows = page.locator('[data-testid="cm-schools"] .el-table__body tr');
    await expect(rows.first()).toBeVisible();
    expect(await rows.count()).toBeGreaterThan(1);
    await expect(rows.first()).toContainText('/');
    await expect(page.getByTestId('cm-none')).toHaveCount(0);
    await shot(page, `role-fixes-commitments-${username}-desktop`);
    // A school opens its classes (the header switcher moves to it).
    const school = (await rows.first().locator('td').first().innerText()).trim();
    await rows.first().click();
    await expect(page.getByTestId('cm-school')).toBeVisible();
    await expect(page.getByTestId('cm-scope')).toContainText(school);
    await expect(page.locator('[data-testid="cm-classes"] .el-table__body tr').first()).toBeVisible();
    expect(errors, `${username}: errors on 承诺书签订`).toEqual([]);
  });
}

// ---------- 2. the English class check ----------

/** Every label of the check panel shows its whole text, and the submit button is inside the viewport. */
async function expectPanelFits(page: Page, where: string) {
  const cut = await page.evaluate(() => {
    const sel = '.tile-badge, [data-testid="classcheck-dock"] .row-label, [data-testid="classcheck-dock"] .opt, [data-testid="classcheck-dock"] .chip, [data-testid="classcheck-dock"] .count .l, [data-testid="classcheck-submit"] > span';
    return [...document.querySelectorAll<HTMLElement>(sel)]
      .filter((e) => e.offsetParent !== null && e.scrollWidth > e.clientWidth)
      .map((e) => `${e.className}: "${e.textContent?.trim()}" ${e.scrollWidth} > ${e.clientWidth}`);
  });
  expect(cut, `${where}: cut labels`).toEqual([]);
  const submit = page.getByTestId('classcheck-submit');
  await expect(submit).toBeVisible();
  const box = (await submit.boundingBox())!;
  const vp = page.viewportSize()!;
  expect(box.x, `${where}: submit left`).toBeGreaterThanOrEqual(0);
  expect(box.y, `${where}: submit top`).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width, `${where}: submit right`).toBeLessThanOrEqual(vp.width);
  expect(box.y + box.height, `${where}: submit bottom`).toBeLessThanOrEqual(vp.height);
}

for (const [device, size] of [['tablet', TABLET], ['phone', PHONE]] as const) {
  test(`English 晨检 panel: no cut label, submit in view (${device} ${size.width}x${size.height})`, async ({ page }) => {
    await page.setViewportSize(size);
    // English from the sign-in page's language switch (kept in this browser context only).
    await page.goto('/login');
    await pickFromMenu(page, 'lang-trigger', 'English', (timeout) => expect(page.getByTestId('lang-trigger')).toContainText('English', { timeout }));
    await signIn(page, 'headteacher');
    await page.goto('/checks');
    const tile = page.locator('[data-testid="classcheck-grid"] .tile').first();
    await expect(tile).toBeVisible();
    await expect(page.getByTestId('classcheck-submit')).toContainText('Submit');
    await tile.click();
    await page.getByTestId('classcheck-abnormal').click();
    await expect(page.getByTestId('classcheck-editor')).toContainText('Temperature');
    await expectPanelFits(page, `${device} unwell`);
    await shot(page, `role-fixes-check-en-unwell-${device}`);
    await page.getByTestId('classcheck-absent').click();
    await expect(page.getByTestId('classcheck-editor')).toContainText('Reason');
    await expectPanelFits(page, `${device} absent`);
    await shot(page, `role-fixes-check-en-absent-${device}`);
    // Nothing is submitted: the class's check stays as it was for the specs after this one.
    await page.getByTestId('classcheck-present').click();
  });
}

// ---------- 3. classes by their number ----------

test('classes are listed by grade number: 一, 二, 三, 四, 五, 六 (desktop)', async ({ page }) => {
  await page.setViewportSize(DESKTOP);
  await signIn(page, 'principal');
  await page.goto('/commitments');
  const names = page.locator('[data-testid="cm-classes"] .el-table__body tr td:first-child');
  await expect(names.first()).toBeVisible();
  const list = (await names.allInnerTexts()).map((s) => s.trim());
  const grades = list.map(gradeIndex);
  expect(grades.every((g) => g >= 0), list.join(', ')).toBe(true);
  expect([...new Set(grades)], list.join(', ')).toEqual([0, 1, 2, 3, 4, 5]);
  expect(grades, list.join(', ')).toEqual([...grades].sort((a, b) => a - b));
  await shot(page, 'role-fixes-classes-principal-desktop');

  // The same order from the API the class pickers use, and the roll-up of the school.
  const school = await page.request.get('/api/org/tree').then((r) => r.json());
  const id = (school.nodes as { id: string; kind: string }[]).find((n) => n.kind === 'school')!.id;
  const detail = await page.request.get(`/api/schools/${id}`).then((r) => r.json());
  expect((detail.grades as { name: string }[]).map((g) => gradeIndex(g.name))).toEqual([0, 1, 2, 3, 4, 5]);
  const summary = await page.request.get(`/api/reopen/summary?org_id=${id}`);
  expect(summary.status()).toBe(200);
  const rows = ((await summary.json()).rows ?? []) as { name: string }[];
  const idx = rows.map((r) => gradeIndex(r.name));
  expect(idx.length, 'class rows of the school').toBeGreaterThan(5);
  expect(idx, rows.map((r) => r.name).join(', ')).toEqual([...idx].sort((a, b) => a - b));
});

// ---------- 4. the risk-area region picker ----------

test('risk-area region picker offers only real regions and picks the chosen one (desktop)', async ({ page }) => {
  await page.setViewportSize(DESKTOP);
  await signIn(page, 'lanshan');
  await page.goto('/risk-areas');
  await page.getByTestId('risk-add').click();
  const select = page.getByTestId('risk-region');
  await expect(select).toBeVisible();
  await select.click();
  await page.keyboard.type('兰山');
  // The options are the regions whose name holds the text (not the text itself).
  const items = page.locator('.el-select-dropdown__item:visible');
  await expect(items.first()).toContainText('兰山区');
  await expect(items.filter({ hasText: /^\s*兰山\s*$/ })).toHaveCount(0);
  await shot(page, 'role-fixes-risk-options-desktop');
  await items.first().click();
  await expect(select).toContainText('兰山区');
  await expect(select).toContainText('371302');
  await expect(page.getByTestId('risk-add-form')).not.toContainText('请选择地区');
  await shot(page, 'role-fixes-risk-picked-desktop');

  // A text that matches no region says so and offers nothing to pick.
  await select.click();
  await page.keyboard.type('没有这个地方');
  await expect(page.locator('.el-select-dropdown__empty:visible')).toHaveText('没有匹配的地区');
  await expect(items).toHaveCount(0);
  await shot(page, 'role-fixes-risk-nomatch-desktop');
  await page.keyboard.press('Escape');
});
