import { expect, test, type APIRequestContext, type Browser, type Page } from '@playwright/test';
import { DESKTOP, demoAccounts, login, settle, shoot } from './helpers';

// Return to school on the phone (SPEC §3): a family declares a pupil's last 14 days (一人一表),
// sees the decision with its reasons, uploads the document asked for and signs the commitment
// letter; a teacher does the same for themself on the staff app.
const accounts = demoAccounts();
const account = (username: string, role: string) => accounts.find((a) => a.username === username) ?? accounts.find((a) => a.role === role);
const principal = account('principal', 'school_admin');
const teacher = account('teacher', 'teacher');
const SCHOOL = '临沂第一实验小学';
/** The e2e clock: Wednesday 2026-11-25 (see global-setup). */
const TODAY = '2026-11-25';
const PHONE_360 = { width: 360, height: 780 };
/** A 1×1 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

test.use({ viewport: DESKTOP });

/** Signs a request context in through the API; returns the CSRF token for writes. */
async function apiLogin(request: APIRequestContext, username: string, password: string): Promise<string> {
  const res = await request.post('/api/auth/login', { data: { username, password } });
  expect(res.ok(), await res.text()).toBeTruthy();
  return ((await res.json()) as { csrf_token: string }).csrf_token;
}

type SchoolDetail = { id: string; grades: { classes: { id: string; name: string }[] }[] };

/** The demo school as the principal sees it. */
async function school(request: APIRequestContext): Promise<{ csrf: string; detail: SchoolDetail; schoolId: string }> {
  const csrf = await apiLogin(request, principal!.username, principal!.password);
  const me = (await (await request.get('/api/auth/me')).json()) as { user: { grants: { org_id: string; org_kind: string; org_name: string }[] } };
  const grant = me.user.grants.find((g) => g.org_kind === 'school' && g.org_name === SCHOOL);
  expect(grant, 'principal has a grant on the school').toBeTruthy();
  const detail = (await (await request.get(`/api/schools/${grant!.org_id}`)).json()) as SchoolDetail;
  return { csrf, detail, schoolId: grant!.org_id };
}

/**
 * A family link of a pupil nobody else uses: the 4th pupil of the school's second class (other
 * specs take pupils of 一年级1班).
 */
async function familyLink(request: APIRequestContext): Promise<{ url: string; name: string; personId: string; schoolId: string; csrf: string }> {
  const { csrf, detail, schoolId } = await school(request);
  const classes = detail.grades.flatMap((g) => g.classes);
  expect(classes.length).toBeGreaterThan(0);
  const cls = classes[1] ?? classes[0];
  const people = (await (await request.get(`/api/people?org_id=${cls.id}&limit=4`)).json()) as { items: { id: string; name: string }[] };
  expect(people.items.length).toBeGreaterThan(0);
  const pupil = people.items[people.items.length - 1];
  const link = await request.post(`/api/people/${pupil.id}/family-link`, { headers: { 'X-CSRF-Token': csrf } });
  expect(link.ok(), await link.text()).toBeTruthy();
  return { url: ((await link.json()) as { url: string }).url, name: pupil.name, personId: pupil.id, schoolId, csrf };
}

const TEMPLATES: Record<string, { title: string; body: string }> = {
  school_family: {
    title: '返校安全承诺书（家长）',
    body: '{school}：\n本人是{class}{name}的监护人{guardian}，承诺如实申报孩子近14天的行程和健康状况，每天按时健康打卡。\n\n{date}',
  },
  school_staff: {
    title: '返岗安全承诺书（教职工）',
    body: '{school}：\n本人{name}承诺如实申报近14天的行程和健康状况，每天按时健康打卡，服从学校防控安排。\n\n{date}',
  },
};

/** Makes sure the school has a letter template of a level (the demo may already have one). */
async function ensureTemplate(request: APIRequestContext, schoolId: string, csrf: string, level: 'school_family' | 'school_staff'): Promise<void> {
  const res = await request.get(`/api/letters/templates?org_id=${schoolId}`);
  expect(res.ok(), await res.text()).toBeTruthy();
  const list = (await res.json()) as { level: string; active?: boolean }[];
  if (list.some((t) => t.level === level && t.active !== false)) return;
  const created = await request.post('/api/letters/templates', {
    headers: { 'X-CSRF-Token': csrf },
    data: { org_id: schoolId, level, ...TEMPLATES[level] },
  });
  expect(created.status(), await created.text()).toBe(201);
}

async function phoneContext(browser: Browser) {
  return browser.newContext({ viewport: PHONE_360, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
}

/** A full-page screenshot at 360 px, failing when the page scrolls sideways. */
async function shoot360(page: Page, name: string) {
  await page.setViewportSize(PHONE_360);
  await settle(page, PHONE_360.width);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${name} overflows horizontally at 360px`).toBeLessThanOrEqual(1);
  await page.screenshot({ path: `e2e/screenshots/${name}-360.png`, fullPage: true });
}

/** Picks a county in a region picker by its code. */
async function pickRegion(page: Page, testid: string, code: string) {
  await page.getByTestId(testid).click();
  const sheet = page.getByTestId(`${testid}-sheet`);
  await expect(sheet).toBeVisible();
  await sheet.locator('input').fill(code);
  await page.getByTestId(`region-option-${code}`).click();
  await expect(sheet).toBeHidden();
}

test.describe('return to school: family and staff declarations', () => {
  test.describe.configure({ mode: 'serial' });
  test.skip(!principal || !teacher, 'XIAOAN_DEMO_ACCOUNTS must point at demo-accounts.json');

  test('family: declares from 济南 on a 360 px phone, uploads the trajectory report, signs the letter', async ({ browser, request }) => {
    const { url, name, schoolId, csrf } = await familyLink(request);
    await ensureTemplate(request, schoolId, csrf, 'school_family');
    const ctx = await phoneContext(browser);
    const page = await ctx.newPage();
    await page.goto(new URL(url).pathname);

    // Home: the child with the declaration entry, not declared yet.
    const child = page.getByTestId('family-child').filter({ hasText: name });
    await expect(child).toBeVisible({ timeout: 30_000 });
    await expect(child.getByTestId('family-declaration-status')).toContainText('未申报');
    await shoot(page, 'return-family-home', { only: 'phone' });
    await child.getByTestId('family-declaration-open').click();
    await expect(page).toHaveURL(/\/family\/children\/[^/]+\/declaration$/);
    await expect(page.getByTestId('declaration-child')).toHaveText(name);

    const form = page.getByTestId('declaration-form');
    await expect(form).toBeVisible({ timeout: 30_000 });
    await expect(form).toContainText('2026-11-12 至 2026-11-25');
    // 14 compact daily rows, the first and today's.
    await expect(page.locator('[data-testid^="decl-day-"]')).toHaveCount(14);
    await expect(page.getByTestId('decl-day-2026-11-12')).toBeVisible();
    await expect(page.getByTestId(`decl-day-${TODAY}`)).toContainText('今天');

    // Place 1: 济南市历下区 from the 12th to the 20th; place 2: 兰山区 since.
    await pickRegion(page, 'decl-res-0-region', '370102');
    await expect(page.getByTestId('decl-res-0-region')).toContainText('山东省 济南市 历下区');
    await page.getByTestId('decl-res-0-place').fill('泉城路街道');
    await expect(page.getByTestId('decl-res-0-from')).toHaveValue('2026-11-12');
    await page.getByTestId('decl-res-0-to').fill('2026-11-20');
    await expect(page.getByTestId('decl-gaps')).toContainText('11-21');
    await page.getByTestId('decl-res-add').click();
    await expect(page.getByTestId('decl-res-1-from')).toHaveValue('2026-11-20');
    await expect(page.getByTestId('decl-res-1-to')).toHaveValue(TODAY);
    await pickRegion(page, 'decl-res-1-region', '371302');
    await page.getByTestId('decl-res-1-place').fill('金雀山街道');
    await expect(page.getByTestId('decl-gaps')).toHaveCount(0);

    // A date error is shown next to its field, before anything is sent.
    await page.getByTestId('decl-res-1-from').fill('2026-11-24');
    await page.getByTestId('decl-res-1-to').fill('2026-11-22');
    await page.getByTestId('declaration-submit').click();
    await expect(page.getByTestId('decl-res-1').getByTestId('decl-field-error')).toContainText('结束日期不能早于开始日期');
    await expect(page.getByTestId('declaration-error')).toBeVisible();
    await page.getByTestId('decl-res-1-from').fill('2026-11-20');
    await page.getByTestId('decl-res-1-to').fill(TODAY);
    await expect(page.getByTestId('decl-res-1').getByTestId('decl-field-error')).toHaveCount(0);

    // Temperatures: all normal in one tap; one day with a cough, then taken back.
    await page.getByTestId('decl-all-normal').click();
    await expect(page.getByTestId('decl-temp-2026-11-12')).toHaveValue('36.5');
    await expect(page.getByTestId('decl-missing-temps')).toHaveCount(0);
    await page.getByTestId('decl-sym-2026-11-15').click();
    await page.getByTestId('decl-sym-cough').click();
    await page.getByTestId('decl-sym-done').click();
    await expect(page.getByTestId('decl-sym-2026-11-15')).toContainText('咳嗽');
    await page.getByTestId('decl-sym-2026-11-15').click();
    await page.getByTestId('decl-sym-none').click();
    await page.getByTestId('decl-sym-done').click();
    await expect(page.getByTestId('decl-sym-2026-11-15')).toContainText('无症状');

    await expect(page.getByTestId('decl-color-green')).toHaveAttribute('aria-checked', 'true');
    await page.getByTestId('decl-test-negative').click();
    await page.getByTestId('decl-test-date').fill('2026-11-23');
    await shoot(page, 'return-family-declaration', { only: 'phone' });
    await shoot360(page, 'return-family-declaration');

    // Sent: conditional — back from another city, a trajectory report is needed.
    await page.getByTestId('declaration-submit').click();
    const decision = page.getByTestId('decision');
    await expect(decision).toBeVisible({ timeout: 30_000 });
    await expect(decision).toHaveAttribute('data-status', 'conditional');
    await expect(page.getByTestId('decision-status')).toHaveText('需补充材料');
    const reason = page.locator('[data-testid="decision-reason"][data-rule="outside_city"]');
    await expect(reason).toBeVisible();
    await expect(reason).toContainText('外市来返');
    await expect(reason).not.toHaveText(/^\s*外市来返\s*$/); // the server's text follows the rule name
    const need = page.getByTestId('doc-need-trajectory_report');
    await expect(need).toHaveAttribute('data-status', 'missing');
    await expect(need).toContainText('个人活动轨迹报告');
    await expect(page.getByTestId('declaration-summary')).toContainText('济南市');

    // Upload a photo of the report: pending review.
    await page.getByTestId('doc-input-trajectory_report').setInputFiles({ name: 'trajectory.png', mimeType: 'image/png', buffer: PNG });
    const row = page.getByTestId('doc-row').filter({ hasText: 'trajectory.png' });
    await expect(row).toBeVisible({ timeout: 30_000 });
    await expect(row).toHaveAttribute('data-status', 'pending');
    await expect(row.getByTestId('doc-status')).toHaveText('待审核');
    await expect(need).toHaveAttribute('data-status', 'pending');
    await shoot(page, 'return-family-decision', { only: 'phone' });
    await shoot360(page, 'return-family-decision');

    // The document is served back to the family.
    const href = await row.locator('a').getAttribute('href');
    expect(href).toMatch(/^\/api\/family\/children\/[^/]+\/documents\/[^/]+\/file$/);
    const file = await page.request.get(href!);
    expect(file.ok(), await file.text()).toBeTruthy();

    // The letter: read, type the name, tick, sign.
    await page.getByTestId('declaration-to-letters').click();
    await expect(page).toHaveURL(/\/family\/children\/[^/]+\/letters$/);
    const letter = page.locator('[data-testid="letter-card"][data-signed="0"]').first();
    await expect(letter).toBeVisible({ timeout: 30_000 });
    await expect(letter.getByTestId('letter-body')).not.toBeEmpty();
    await expect(letter.getByTestId('letter-body')).not.toContainText('{name}');
    await letter.getByTestId('letter-name').fill('');
    await letter.getByTestId('letter-sign').click();
    await expect(letter.getByTestId('letter-name-error')).toBeVisible();
    await letter.getByTestId('letter-name').fill('王建国');
    await letter.getByTestId('letter-sign').click();
    await expect(letter.getByTestId('letter-error')).toContainText('请先勾选');
    await letter.getByTestId('letter-agree').click();
    await shoot(page, 'return-family-letter', { only: 'phone' });
    const template = await letter.getAttribute('data-template');
    await letter.getByTestId('letter-sign').click();
    const signed = page.locator(`[data-testid="letter-card"][data-template="${template}"]`);
    await expect(signed.getByTestId('letter-signed')).toContainText('王建国', { timeout: 30_000 });
    await expect(signed.getByTestId('letter-signed')).toContainText(/\d{4}-\d\d-\d\d \d\d:\d\d/);
    await expect(signed.getByTestId('letter-hash')).toHaveText(/^[0-9a-f]{6,}$/i);
    await expect(signed.getByTestId('letter-state')).toContainText('已签署');
    await shoot(page, 'return-family-letter-signed', { only: 'phone' });
    await shoot360(page, 'return-family-letter-signed');

    // Back home: the status tag follows the decision.
    await page.getByTestId('letters-bar').locator('.van-nav-bar__left').click();
    await page.goto('/f');
    const again = page.getByTestId('family-child').filter({ hasText: name });
    await expect(again.getByTestId('family-declaration-status')).toContainText('需补充材料', { timeout: 30_000 });
    await shoot(page, 'return-family-home-declared', { only: 'phone' });
    await ctx.close();
  });

  test('teacher: own declaration and letter on the staff app', async ({ page, request }) => {
    const { csrf, schoolId } = await school(request);
    await ensureTemplate(request, schoolId, csrf, 'school_staff');
    await login(page, teacher!.username, teacher!.password);
    await expect(page).toHaveURL(/\/$/);
    await page.goto('/my-declaration');
    await expect(page.getByTestId('my-declaration-title')).toHaveText('返校健康申报');
    const form = page.getByTestId('declaration-form');
    const decision = page.getByTestId('decision');
    const notLinked = page.getByTestId('declaration-not-linked');
    await expect(form.or(decision).or(notLinked)).toBeVisible({ timeout: 30_000 });
    if (await notLinked.isVisible()) {
      await expect(notLinked).toContainText('没有关联教职工档案');
      await shoot(page, 'return-my-declaration');
      return;
    }
    if (await decision.isVisible()) await page.getByTestId('declaration-edit').click();
    await expect(form).toBeVisible();
    await pickRegion(page, 'decl-res-0-region', '371302');
    await page.getByTestId('decl-res-0-place').fill('兰山区金雀山街道');
    await page.getByTestId('decl-res-0-from').fill('2026-11-12');
    await page.getByTestId('decl-res-0-to').fill(TODAY);
    await page.getByTestId('decl-all-normal').click();
    await page.getByTestId('decl-test-negative').click();
    await page.getByTestId('decl-test-date').fill('2026-11-24');
    await shoot(page, 'return-my-declaration-form');
    await page.getByTestId('declaration-submit').click();
    await expect(decision).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId('decision-status')).toHaveText(/可以返校|需补充材料|暂不能返校/);
    await shoot(page, 'return-my-declaration');

    // Letters tab: the school–staff letter, signed with the typed name.
    await page.getByRole('tab', { name: '承诺书' }).click();
    await expect(page).toHaveURL(/tab=letters/);
    const root = page.getByTestId('letters-root');
    await expect(root).toBeVisible({ timeout: 30_000 });
    const unsigned = page.locator('[data-testid="letter-card"][data-signed="0"]').first();
    const empty = page.getByTestId('letters-empty');
    await expect(unsigned.or(empty).or(page.locator('[data-testid="letter-card"][data-signed="1"]').first())).toBeVisible({ timeout: 30_000 });
    if (await unsigned.isVisible()) {
      const template = await unsigned.getAttribute('data-template');
      // Prefilled with the account's name; type one when it is not.
      const nameBox = unsigned.getByTestId('letter-name');
      if ((await nameBox.inputValue()).trim().length < 2) await nameBox.fill('张老师');
      const typed = (await nameBox.inputValue()).trim();
      await unsigned.getByTestId('letter-agree').click();
      await unsigned.getByTestId('letter-sign').click();
      const card = page.locator(`[data-testid="letter-card"][data-template="${template}"]`);
      await expect(card.getByTestId('letter-signed')).toContainText(typed, { timeout: 30_000 });
    }
    await shoot(page, 'return-my-letters');
  });
});
