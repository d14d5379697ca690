import { expect, test, type APIRequestContext, type Browser } from '@playwright/test';
import { DESKTOP, PHONE, TABLET, demoAccounts, login, shoot } from './helpers';

// The daily health loop's front line: the family morning report (phone), the head teacher's
// class check (tablet), staff checks, and a staff member's own report.
const accounts = demoAccounts();
const account = (username: string, role: string) => accounts.find((a) => a.username === username) ?? accounts.find((a) => a.role === role);
const principal = account('principal', 'school_admin');
const headteacher = account('headteacher', 'head_teacher');
const canteen = account('canteen', 'canteen_manager');
const teacher = account('teacher', 'teacher');
const SCHOOL = '临沂第一实验小学';
const CLASS = '一年级1班';

test.use({ viewport: DESKTOP });

/** Signs a request context in through the API; returns the CSRF token for writes. */
async function apiLogin(request: APIRequestContext, username: string, password: string): Promise<string> {
  const res = await request.post('/api/auth/login', { data: { username, password } });
  expect(res.ok(), await res.text()).toBeTruthy();
  return ((await res.json()) as { csrf_token: string }).csrf_token;
}

/** A family link of one pupil of 一年级1班 (the 5th on the list: other specs use the first). */
async function familyLinkOfClassPupil(request: APIRequestContext): Promise<{ url: string; name: string }> {
  const csrf = await apiLogin(request, principal!.username, principal!.password);
  const me = (await (await request.get('/api/auth/me')).json()) as { user: { grants: { org_id: string; org_kind: string; org_name: string }[] } };
  const school = me.user.grants.find((g) => g.org_kind === 'school' && g.org_name === SCHOOL);
  expect(school, 'principal has a grant on the school').toBeTruthy();
  const detail = (await (await request.get(`/api/schools/${school!.org_id}`)).json()) as { grades: { classes: { id: string; name: string }[] }[] };
  const cls = detail.grades.flatMap((g) => g.classes).find((c) => c.name === CLASS);
  expect(cls, `${CLASS} exists`).toBeTruthy();
  const people = (await (await request.get(`/api/people?org_id=${cls!.id}&limit=5`)).json()) as { items: { id: string; name: string }[] };
  expect(people.items.length).toBeGreaterThan(0);
  const pupil = people.items[people.items.length - 1];
  const link = await request.post(`/api/people/${pupil.id}/family-link`, { headers: { 'X-CSRF-Token': csrf } });
  expect(link.ok(), await link.text()).toBeTruthy();
  return { url: ((await link.json()) as { url: string }).url, name: pupil.name };
}

async function phoneContext(browser: Browser) {
  return browser.newContext({ viewport: PHONE, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
}

test.describe('daily checks', () => {
  test.describe.configure({ mode: 'serial' });
  test.skip(!principal || !headteacher || !canteen || !teacher, 'XIAOAN_DEMO_ACCOUNTS must point at demo-accounts.json');

  test('family: morning report from the phone in one tap, then a correction the server refuses', async ({ browser, request }) => {
    const { url, name } = await familyLinkOfClassPupil(request);
    expect(url).toMatch(/\/f\/\S+$/);
    const ctx = await phoneContext(browser);
    const page = await ctx.newPage();
    await page.goto(new URL(url).pathname);

    const child = page.getByTestId('family-child').filter({ hasText: name });
    await expect(child).toBeVisible({ timeout: 30_000 });
    await expect(child.getByTestId('family-report-status')).toContainText('未打卡');
    await child.getByTestId('family-report-open').click();

    // The usual answers are filled in, the temperature is not: it is measured every morning, so
    // an untouched form sends nothing and says which field is missing.
    const form = page.getByTestId('report-form');
    await expect(form).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId('report-temperature-input')).toHaveValue('');
    await expect(page.getByTestId('report-color-green')).toHaveAttribute('aria-checked', 'true');
    await expect(page.getByTestId('report-attending-yes')).toHaveAttribute('aria-checked', 'true');
    let puts = 0;
    page.on('request', (r) => {
      if (r.method() === 'PUT' && r.url().includes('/report')) puts++;
    });
    await page.getByTestId('report-submit').click();
    await expect(page.getByTestId('report-error-temperature')).toContainText('请填写今天测量的体温');
    await expect(page.getByTestId('family-outbox')).toHaveCount(0);
    expect(puts).toBe(0);
    await shoot(page, 'family-report-needs-temperature', { only: 'phone' });
    await page.getByTestId('report-temperature-input').fill('36.5');
    await page.getByTestId('report-submit').click();
    const done = page.getByTestId('report-done');
    await expect(done).toBeVisible();
    await expect(done).toContainText('打卡成功');
    await expect(page.getByTestId('report-sent-at')).toContainText(/\d\d:\d\d 提交/);
    await expect(page.getByTestId('report-late')).toHaveCount(0);
    await expect(page.getByTestId('report-summary-temperature')).toContainText('36.5');
    await shoot(page, 'family-report-done', { only: 'phone' });

    // Correct it with 43.0 ℃: the server's message appears next to the temperature.
    await page.getByTestId('report-correct').click();
    await page.getByTestId('report-symptom-cough').click();
    await page.getByTestId('report-temperature-input').fill('43.0');
    await page.getByTestId('report-submit').click();
    const err = page.getByTestId('report-error-temperature');
    await expect(err).toBeVisible();
    await expect(err).toContainText('35.0');
    await expect(page.getByTestId('report-done')).toHaveCount(0);
    await page.evaluate(() => window.scrollTo(0, 0));
    await shoot(page, 'family-report', { only: 'phone' });

    // Back home: today's report shows as done.
    await page.getByTestId('report-cancel').click();
    await expect(page.getByTestId('report-summary-temperature')).toContainText('36.5');
    await page.getByTestId('family-report-bar').locator('.van-nav-bar__left').click();
    await expect(child.getByTestId('family-report-status')).toContainText('已打卡');
    await shoot(page, 'family-report-home', { only: 'phone' });
    await ctx.close();
  });

  test('head teacher: class check on a tablet, two absent and one with a fever', async ({ browser }) => {
    const ctx = await browser.newContext({ viewport: TABLET, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const page = await ctx.newPage();
    await login(page, headteacher!.username, headteacher!.password);
    await expect(page).toHaveURL(/\/$/);
    await page.goto('/checks');
    await expect(page.getByTestId('classcheck-class')).toContainText(CLASS, { timeout: 30_000 });
    const tiles = page.getByTestId('classcheck-tile');
    await expect(tiles.first()).toBeVisible({ timeout: 30_000 });
    const enrolled = await tiles.count();
    expect(enrolled).toBeGreaterThan(10);
    await expect(page.getByTestId('classcheck-enrolled')).toHaveText(String(enrolled));
    await expect(page.getByTestId('classcheck-absent-count')).toHaveText('0');

    const started = Date.now();
    // Absent, reason unknown: one tap on the pupil, one on 缺勤.
    await tiles.nth(10).click();
    await page.getByTestId('classcheck-absent').click();
    await expect(tiles.nth(10)).toHaveAttribute('data-status', 'absent');
    // Absent and sick.
    await tiles.nth(11).click();
    await page.getByTestId('classcheck-absent').click();
    await page.getByTestId('classcheck-reason-sick').click();
    await expect(tiles.nth(11)).toContainText('病假');
    // Unwell with 38.2 ℃.
    await tiles.nth(12).click();
    await page.getByTestId('classcheck-abnormal').click();
    await page.getByTestId('classcheck-temp-input').fill('38.2');
    await expect(tiles.nth(12)).toContainText('38.2');
    await expect(page.getByTestId('classcheck-absent-count')).toHaveText('2');
    await expect(page.getByTestId('classcheck-abnormal-count')).toHaveText('1');
    await expect(page.getByTestId('classcheck-present-count')).toHaveText(String(enrolled - 2));

    await expect(page.getByTestId('classcheck-submit')).toHaveText(/提交晨检/);
    await page.getByTestId('classcheck-submit').click();
    await expect(page.getByTestId('classcheck-saved')).toContainText('晨检已于');
    expect(Date.now() - started).toBeLessThan(60_000);

    // Saved state survives a reload; re-submitting is offered.
    await page.reload();
    await expect(page.getByTestId('classcheck-saved')).toBeVisible();
    await expect(page.getByTestId('classcheck-absent-count')).toHaveText('2');
    await expect(page.getByTestId('classcheck-abnormal-count')).toHaveText('1');
    await expect(tiles.nth(12)).toHaveAttribute('data-status', 'abnormal');
    await expect(page.getByTestId('classcheck-submit')).toHaveText(/重新提交晨检/);
    await tiles.nth(12).click();
    await expect(page.getByTestId('classcheck-temp-input')).toHaveValue('38.2');
    await shoot(page, 'class-check', { tablet: true });
    await ctx.close();
  });

  test('canteen manager: records a staff check', async ({ page }) => {
    await login(page, canteen!.username, canteen!.password);
    await expect(page).toHaveURL(/\/$/);
    await page.goto('/staff-checks');
    await expect(page.getByTestId('staffchecks-short')).toContainText('未满 3 次', { timeout: 30_000 });
    const row = page.getByTestId('staffchecks-row').filter({ has: page.getByTestId('staffchecks-short-tag') }).first();
    await expect(row).toBeVisible();
    const name = await row.getAttribute('data-name');
    expect(name).toBeTruthy();
    await row.getByTestId('staffchecks-temp').fill('36.6');
    await row.getByTestId('staffchecks-record').click();
    await expect(page.locator('.el-message').filter({ hasText: '已记录' })).toBeVisible();
    const same = page.locator(`[data-testid="staffchecks-row"][data-name="${name}"]`);
    await expect(same.getByTestId('staffchecks-readings')).toContainText('36.6℃');
    await expect(same.getByTestId('staffchecks-short-tag')).toContainText('未满 3 次');
    // Out of range: the server's message under the row.
    await same.getByTestId('staffchecks-temp').fill('43');
    await same.getByTestId('staffchecks-record').click();
    await expect(same.getByTestId('staffchecks-error')).toContainText('35.0');
    await shoot(page, 'staff-checks');
  });

  test('teacher: own morning report (or the not-linked notice)', async ({ page }) => {
    await login(page, teacher!.username, teacher!.password);
    await expect(page).toHaveURL(/\/$/);
    await page.goto('/my-report');
    const form = page.getByTestId('report-form');
    const notLinked = page.getByTestId('report-not-linked');
    await expect(form.or(notLinked)).toBeVisible({ timeout: 30_000 });
    if (await notLinked.isVisible()) {
      await expect(notLinked).toContainText('未关联教职工档案');
      await shoot(page, 'my-report');
      return;
    }
    await expect(page.getByTestId('report-person')).not.toBeEmpty();
    await expect(page.getByTestId('report-attending-yes')).toContainText('到岗');
    await page.getByTestId('report-temperature-plus').click();
    await expect(page.getByTestId('report-temperature-input')).toHaveValue('36.6');
    await page.getByTestId('report-submit').click();
    await expect(page.getByTestId('report-done')).toContainText('打卡成功');
    await expect(page.getByTestId('report-summary-temperature')).toContainText('36.6');
    await expect(page.getByTestId('report-correct')).toBeVisible();
    await shoot(page, 'my-report');
  });
});
