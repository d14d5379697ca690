import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { BASE_URL as BASE, DESKTOP, TABLET, apiAs, demoAccount, field, pickOption, shoot, signedIn, type Api } from './helpers';

// Return to school, the school's side (SPEC §3): the head teacher's eligibility board on a tablet,
// a family's certificate approved by the school doctor, the principal's staggered return plan, the
// people not back with their reasons, and the commitment letters' completion. Each run creates its
// own pupils (unique student numbers) in the head teacher's class.

const principal = demoAccount('principal', 'school_admin');
const doctor = demoAccount('doctor', 'school_doctor');
const headteacher = demoAccount('headteacher', 'head_teacher');
const CLASS = '一年级1班';

test.use({ viewport: DESKTOP });

// Loose JSON of the return endpoints.
type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Waits for the toasts to go so they do not cover the screenshot. */
async function noToasts(page: Page) {
  await expect(page.locator('.el-message')).toHaveCount(0, { timeout: 10_000 });
}

// Unique pupils of this run, in the head teacher's class.
const tag = Date.now().toString().slice(-6);
const CHARS = '安宁康乐平和顺泰祥瑞';
const given = [...tag.slice(-3)].map((d) => CHARS[Number(d)]).join('');
const pupils = {
  traveller: { name: `蒋${given}`, no: `RS${tag}1`, id: '' },
  away: { name: `沈${given}`, no: `RS${tag}2`, id: '' },
  dropout: { name: `韩${given}`, no: `RS${tag}3`, id: '' },
};
const GUARDIAN = '蒋家长';
let schoolId = '';
let classId = '';
let asPrincipal: Api;
let asDoctor: Api;
let asHeadteacher: Api;
let family: BrowserContext;
let familyCsrf = '';

test.describe('return to school: the school', () => {
  test.describe.configure({ mode: 'serial', timeout: 180_000 });
  test.skip(!principal || !doctor || !headteacher, 'XIAOAN_DEMO_ACCOUNTS must list principal, doctor and headteacher');

  test.beforeAll(async ({ browser }) => {
    asPrincipal = await apiAs(principal!);
    asDoctor = await apiAs(doctor!);
    asHeadteacher = await apiAs(headteacher!);
    schoolId = (asPrincipal.user.grants as Json[]).find((g) => g.org_kind === 'school')!.org_id;
    classId = (asHeadteacher.user.grants as Json[]).find((g) => g.org_kind === 'class')!.org_id;
    for (const p of Object.values(pupils)) {
      const created = await asPrincipal.post('/api/people', { kind: 'student', name: p.name, school_id: schoolId, class_id: classId, gender: 'M', student_no: p.no });
      p.id = created.id;
    }

    // The traveller's family opens its link, declares 14 days in 济南 (outside the city: a
    // trajectory report is needed) and uploads the report as a PNG.
    const link = await asPrincipal.post(`/api/people/${pupils.traveller.id}/family-link`);
    family = await browser.newContext({ baseURL: BASE, viewport: { width: 360, height: 780 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const fp = await family.newPage();
    await fp.goto(new URL(link.url as string).pathname);
    await expect(fp.getByTestId('family-child').filter({ hasText: pupils.traveller.name })).toBeVisible({ timeout: 30_000 });
    const me = await family.request.get('/api/family/me');
    expect(me.ok(), await me.text()).toBeTruthy();
    familyCsrf = ((await me.json()) as { csrf_token: string }).csrf_token;
    const form = await family.request.get(`/api/family/children/${pupils.traveller.id}/declaration`);
    expect(form.ok(), await form.text()).toBeTruthy();
    const days = ((await form.json()) as { days: string[] }).days;
    const declaration = {
      residence: [{ region_code: '370102', place: '济南市历下区泉城路', from: days[0], to: days[days.length - 1] }],
      contacts: { case_contact: false, risk_area_contact: false, note: '' },
      daily: days.map((day) => ({ day, temperature: 36.5, symptoms: [] })),
      code_color: 'green',
      quarantine: { status: 'none', end_date: null },
      abroad: { returned: false, country: '', entry_date: null },
      test: { date: days[days.length - 2], result: 'negative' },
    };
    const saved = await family.request.put(`/api/family/children/${pupils.traveller.id}/declaration`, { data: declaration, headers: { 'X-CSRF-Token': familyCsrf } });
    expect(saved.ok(), await saved.text()).toBeTruthy();
    expect(((await saved.json()) as Json).decision.status).toBe('conditional');

    // A photo of the report: a rendered card, screenshotted as PNG.
    await fp.setContent(
      '<div id="doc" style="width:420px;padding:18px;background:#fff;border:3px solid #1f5fbf;font:18px sans-serif;line-height:1.6">' +
        '<b>个人活动轨迹报告</b><br>' +
        `${days[0]} 至 ${days[days.length - 1]}<br>济南市历下区 → 临沂市兰山区<br>高铁 G1234 · 11月24日</div>`,
    );
    const png = await fp.locator('#doc').screenshot();
    const up = await family.request.post(`/api/family/children/${pupils.traveller.id}/documents?kind=trajectory_report&filename=${encodeURIComponent('轨迹报告.png')}`, {
      data: png,
      headers: { 'X-CSRF-Token': familyCsrf, 'Content-Type': 'image/png' },
    });
    expect(up.status(), await up.text()).toBe(201);
  });

  test.afterAll(async () => {
    await family?.close();
    for (const a of [asPrincipal, asDoctor, asHeadteacher]) await a?.dispose();
  });

  test('head teacher: the class board on a tablet', async ({ browser }) => {
    const page = await signedIn(browser, asHeadteacher, { viewport: TABLET });
    await page.goto('/eligibility');
    await expect(page.getByTestId('elig-scope')).toContainText(CLASS, { timeout: 30_000 });
    const board = page.getByTestId('elig-board');
    await expect(board).toBeVisible({ timeout: 30_000 });
    const tiles = page.getByTestId('elig-tile');
    const total = Number(await page.getByTestId('elig-counts-all').locator('.n').textContent());
    expect(total).toBeGreaterThan(10);
    await expect(tiles).toHaveCount(total);

    // The traveller: documents needed, the trajectory report waiting for review.
    const tile = tiles.filter({ hasText: pupils.traveller.name });
    await expect(tile).toHaveAttribute('data-status', 'conditional');
    await expect(tile.getByTestId('elig-tile-status')).toHaveText('需补材料');
    await expect(tile).toContainText('济南');
    await expect(tile.getByTestId('elig-tile-doc')).toHaveText(/个人活动轨迹报告\s*·\s*待审核/);
    // The new pupils without a declaration.
    await expect(tiles.filter({ hasText: pupils.away.name })).toHaveAttribute('data-status', 'undeclared');

    // Filter by 需补材料: only such tiles.
    const conditional = Number(await page.getByTestId('elig-counts-conditional').locator('.n').textContent());
    expect(conditional).toBeGreaterThanOrEqual(1);
    await page.getByTestId('elig-counts-conditional').click();
    await expect(tiles).toHaveCount(conditional);
    for (const s of await tiles.evaluateAll((els) => els.map((e) => e.getAttribute('data-status')))) expect(s).toBe('conditional');
    await shoot(page, 'return-eligibility-board', { tablet: true });
    await page.getByTestId('elig-counts-all').click();
    await expect(tiles).toHaveCount(total);

    // The detail: the rule, the reason and the uploaded photo.
    await tile.click();
    const detail = page.getByTestId('elig-detail');
    await expect(detail).toBeVisible();
    await expect(detail.getByTestId('elig-detail-reason').first()).toContainText('外市来返');
    await expect(detail.getByTestId('elig-detail-doc')).toHaveCount(1);
    await expect(detail.getByTestId('doc-preview-image')).toBeVisible();
    await expect.poll(() => detail.getByTestId('doc-preview-image').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(100);
    await expect(detail.getByTestId('doc-approve')).toBeVisible();
    await expect(detail.getByTestId('elig-key-switch')).toBeVisible();
    await shoot(page, 'return-eligibility-detail', { tablet: true, only: 'desktop' });
    await page.keyboard.press('Escape');

    // The head teacher's own review queue comes from the class.
    await page.goto('/documents');
    await expect(page.getByTestId('docs-item').filter({ hasText: pupils.traveller.name })).toBeVisible({ timeout: 30_000 });
    await page.context().close();
  });

  test('school doctor: reviews the uploaded report and the pupil may return', async ({ browser }) => {
    const page = await signedIn(browser, asDoctor);
    await page.goto('/documents');
    const item = page.getByTestId('docs-item').filter({ hasText: pupils.traveller.name });
    await expect(item).toBeVisible({ timeout: 30_000 });
    await item.click();
    const pane = page.getByTestId('docs-pane');
    await expect(pane.getByTestId('docs-person')).toHaveText(pupils.traveller.name);
    await expect(pane.getByTestId('docs-kind')).toHaveText('个人活动轨迹报告');
    await expect.poll(() => pane.getByTestId('doc-preview-image').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(100);
    await expect(pane.getByTestId('docs-decision')).toContainText('需补材料');

    // Returning it needs a reason.
    await pane.getByTestId('doc-reject').click();
    await pane.getByTestId('doc-reject-confirm').click();
    await expect(pane.getByTestId('doc-reject-error')).toHaveText('请填写退回原因');
    await shoot(page, 'return-documents-review', { only: 'desktop' });
    await pane.getByRole('button', { name: '取消' }).click();

    await pane.getByTestId('doc-approve').click();
    const after = page.getByTestId('docs-after');
    await expect(after).toContainText(`已通过 ${pupils.traveller.name} 的个人活动轨迹报告`);
    await expect(after.getByTestId('docs-after-status')).toHaveText('可返校');
    await expect(page.getByTestId('docs-item').filter({ hasText: pupils.traveller.name })).toHaveCount(0);
    await noToasts(page);
    await shoot(page, 'return-documents', { only: 'desktop' });

    // Approved documents are listed under 已通过.
    await page.getByTestId('docs-status-approved').click();
    await expect(page.getByTestId('docs-item').filter({ hasText: pupils.traveller.name })).toBeVisible();
    await page.context().close();
  });

  test('principal: generates, checks and saves the staggered return plan', async ({ browser }) => {
    const page = await signedIn(browser, asPrincipal);
    await page.goto('/return-plan');
    await expect(page.getByTestId('plan-editor')).toBeVisible({ timeout: 30_000 });
    // First batch on Monday 16 November: by the 25th every batch of a primary school is back.
    const date = field(page, 'plan-first-date');
    await date.fill('2026-11-16');
    await date.press('Enter');
    await page.getByTestId('plan-generate').click();
    // Another run may have saved a plan already: then the proposal replaces it after a confirmation.
    const confirm = page.locator('.el-message-box').getByRole('button', { name: '生成方案' });
    const proposed = page.getByTestId('plan-state').filter({ hasText: '建议方案（未保存）' });
    await expect(confirm.or(proposed)).toBeVisible();
    if (await confirm.isVisible()) await confirm.click();
    await expect(proposed).toBeVisible();
    const batches = page.getByTestId('plan-batch');
    expect(await batches.count()).toBeGreaterThanOrEqual(2);
    await expect(field(page, 'plan-batch-date-0')).toHaveValue('2026-11-16');
    // Senior grades first: 六年级 in the first batch, 一年级 in a later one.
    await expect(page.getByTestId('plan-slots-0')).toContainText('六年级');
    await expect(page.getByTestId('plan-slots-0')).not.toContainText('一年级');
    await expect(page.getByTestId('plan-tt-batch').first()).toContainText('2026-11-16（周一）');

    // A window that ends before it starts is caught before saving.
    await pickOption(page, 'plan-slot-end-0', '05:00');
    await page.getByTestId('plan-save').click();
    await expect(page.getByTestId('plan-field-error').first()).toHaveText('结束时间须晚于开始时间');
    // Back to the proposal, then save it.
    await page.getByTestId('plan-generate').click();
    await page.locator('.el-message-box').getByRole('button', { name: '生成方案' }).click();
    await expect(page.getByTestId('plan-field-error')).toHaveCount(0);
    await page.getByTestId('plan-save').click();
    await expect(page.locator('.el-message--success').filter({ hasText: '返校方案已保存' }).first()).toBeVisible();
    await expect(page.getByTestId('plan-state')).toHaveText('已保存');

    await page.reload();
    await expect(page.getByTestId('plan-state')).toHaveText('已保存', { timeout: 30_000 });
    const tt = page.getByTestId('plan-timetable');
    await expect(tt).toContainText('2026-11-16（周一）');
    await expect(tt).toContainText('一年级');
    await noToasts(page);
    await shoot(page, 'return-plan', { only: 'desktop' });

    // Everyone may read the plan; only the school admin edits it.
    const doc = await signedIn(browser, asDoctor);
    await doc.goto('/return-plan');
    await expect(doc.getByTestId('plan-timetable')).toContainText('2026-11-16', { timeout: 30_000 });
    await expect(doc.getByTestId('plan-editor')).toHaveCount(0);
    await doc.context().close();
    await page.context().close();
  });

  test('principal: accounts for pupils who are not back', async ({ browser }) => {
    const page = await signedIn(browser, asPrincipal);
    await page.goto('/not-returned');
    const list = page.getByTestId('nr-list');
    await expect(list).toBeVisible({ timeout: 30_000 });
    const row = (name: string) => list.locator('tr').filter({ has: page.locator(`[data-testid="nr-person"][data-name="${name}"]`) });
    await expect(row(pupils.away.name).getByTestId('nr-state')).toHaveText('未返校(未说明)');
    const unaccounted = Number(await page.getByTestId('nr-unaccounted').textContent());
    expect(unaccounted).toBeGreaterThanOrEqual(3);

    // Sick, back on 1 December.
    await row(pupils.away.name).getByTestId('nr-mark').click();
    const dialog = page.getByTestId('nr-dialog');
    await dialog.getByTestId('nr-form-save').click();
    await expect(dialog).toContainText('请选择未返校原因');
    await dialog.getByTestId('nr-form-reason-sick').click();
    const date = field(page, 'nr-form-date');
    await date.fill('2026-12-01');
    await date.press('Enter');
    await field(page, 'nr-form-note').fill('肺炎住院，家长电话说明');
    await dialog.getByTestId('nr-form-save').click();
    await expect(page.locator('.el-message--success').filter({ hasText: `已登记 ${pupils.away.name} 的未返校原因` }).first()).toBeVisible();
    await expect(row(pupils.away.name).getByTestId('nr-state')).toHaveText('未返校(已说明)');
    await expect(row(pupils.away.name).getByTestId('nr-reason')).toHaveText('生病');
    await expect(row(pupils.away.name).getByTestId('nr-expected-date')).toHaveText('2026-12-01');
    await expect(page.getByTestId('nr-unaccounted')).toHaveText(String(unaccounted - 1));

    // A dropout risk links to the 控辍保学 case.
    await row(pupils.dropout.name).getByTestId('nr-mark').click();
    await dialog.getByTestId('nr-form-reason-dropout_risk').click();
    await expect(dialog).toContainText('控辍保学');
    await dialog.getByTestId('nr-form-save').click();
    await expect(row(pupils.dropout.name).getByTestId('nr-reason')).toHaveText('辍学风险');
    await expect(row(pupils.dropout.name).getByTestId('nr-dropout-link')).toBeVisible();
    await expect(page.getByTestId('nr-row-students')).toBeVisible();
    await noToasts(page);
    await page.getByTestId('nr-kind').getByText('学生').click();
    await shoot(page, 'return-not-returned', { only: 'desktop' });
    await row(pupils.dropout.name).getByTestId('nr-dropout-link').click();
    await expect(page).toHaveURL(/\/absences\?tab=dropout/);
    await page.context().close();
  });

  test('commitments: a new letter template, a family signs it, the class shows it', async ({ browser }) => {
    const page = await signedIn(browser, asPrincipal);
    await page.goto('/commitments');
    await expect(page.getByTestId('cm-school')).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId('cm-bureau')).toBeVisible();

    // A school–family template with placeholders, through the form.
    await page.getByRole('tab', { name: '承诺书模板' }).click();
    await page.getByTestId('cm-new-template').click();
    const form = page.getByTestId('cm-form');
    await form.getByTestId('cm-form-level-school_family').click();
    const title = `返校安全承诺书 ${tag}`;
    await field(page, 'cm-form-title').fill(title);
    const body = field(page, 'cm-form-body');
    await body.fill('致');
    await body.press('End');
    await form.getByTestId('cm-ph-school').click();
    await body.press('End');
    await body.pressSequentially('：本人是');
    await form.getByTestId('cm-ph-class').click();
    await form.getByTestId('cm-ph-name').click();
    await body.press('End');
    await body.pressSequentially('的监护人');
    await form.getByTestId('cm-ph-guardian').click();
    await body.press('End');
    await body.pressSequentially('，承诺如实申报孩子的行程和健康状况。');
    await expect(body).toHaveValue('致{school}：本人是{class}{name}的监护人{guardian}，承诺如实申报孩子的行程和健康状况。');
    await expect(form).toContainText('本人是一年级1班张小明的监护人张伟');
    await form.getByTestId('cm-form-save').click();
    await expect(page.locator('.el-message--success').filter({ hasText: '模板已保存' }).first()).toBeVisible();
    await expect(page.getByTestId('cm-template').filter({ hasText: title })).toBeVisible();

    // The traveller's family signs it on the phone (through its API here).
    const letters = await family.request.get(`/api/family/children/${pupils.traveller.id}/letters`);
    expect(letters.ok(), await letters.text()).toBeTruthy();
    const letter = ((await letters.json()) as Json[]).find((l) => l.title === title);
    expect(letter, 'the new template reaches the family').toBeTruthy();
    const signed = await family.request.post(`/api/family/children/${pupils.traveller.id}/letters/${letter.template_id}/sign`, {
      data: { typed_name: GUARDIAN },
      headers: { 'X-CSRF-Token': familyCsrf },
    });
    expect(signed.ok(), await signed.text()).toBeTruthy();

    // The school view: the class has at least one signature; its list shows who signed.
    await page.getByRole('tab', { name: '签订情况' }).click();
    await page.reload();
    const classes = page.getByTestId('cm-classes');
    await expect(classes).toBeVisible({ timeout: 30_000 });
    await noToasts(page);
    await shoot(page, 'return-commitments', { only: 'desktop' });
    await classes.locator('tr').filter({ hasText: CLASS }).first().click();
    const pupilsTable = page.getByTestId('cm-pupils');
    await expect(pupilsTable).toBeVisible({ timeout: 30_000 });
    const mine = pupilsTable.locator(`[data-testid="cm-pupil"][data-name="${pupils.traveller.name}"]`);
    await expect(mine).toHaveAttribute('data-signed', '1');
    await expect(mine).toContainText(GUARDIAN);
    await expect(page.getByTestId('cm-class-summary')).toContainText(title);
    await expect(pupilsTable.locator('[data-testid="cm-pupil"][data-signed="0"]').first()).toBeVisible();
    await shoot(page, 'return-commitments-class', { only: 'desktop' });
    // The print layout hides the app's chrome.
    await page.emulateMedia({ media: 'print' });
    await expect(page.locator('.el-aside')).toBeHidden();
    await expect(page.getByTestId('cm-print')).toBeHidden();
    await expect(pupilsTable).toBeVisible();
    await page.screenshot({ path: 'e2e/screenshots/return-commitments-print.png', fullPage: true });
    await page.emulateMedia({ media: 'screen' });
    await page.context().close();
  });
});
