import { expect, request, test, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { BASE_URL as BASE, DESKTOP, apiAs, demoAccount, fillDate, newPageAs as newPage, orgId, type Api } from './helpers';

// Reopening rules hold (issue 16), as each role sees them on the e2e clock (Wed 2026-11-25):
// - the street rule matches the school by its county code and township node (兰山街道, code
//   371302001), not by the text of its address: a high-risk area named by the township's code
//   blocks 临沂第一实验小学 although its address does not contain the code;
// - the county approver sees every rule's result and cannot approve while the school lies in a
//   high-risk area (the application is sent back instead);
// - a pupil still living in a medium-risk street (罗庄区盛庄街道, seeded) is told they live there and
//   when they can come back, not that they "left" it today.
// Shared demo data stays as it was: the application is rejected, the area is ended as of yesterday
// (it starts yesterday, so it never covers a pupil's stay: no pupil's place names a code), and
// the family pupil is only read. The return-bureau spec uses a medium-risk area on the same
// street; this one is high-risk so the two rows stay apart.

const admin = demoAccount('admin');
const lanshan = demoAccount('lanshan');
const principal = demoAccount('principal');
const SCHOOL = '临沂第一实验小学';
const TOWN = '兰山街道';
const TOWN_CODE = '371302001';
const PLANNED = '2026-12-07';
const TODAY = '2026-11-25';
const YESTERDAY = '2026-11-24';
const FAMILY_SCHOOL = '盛庄小学';
const PHONE_360 = { width: 360, height: 740 };
const SHOTS = 'e2e/screenshots';

test.use({ viewport: DESKTOP });

async function cityId(s: Api): Promise<string> {
  const nodes = ((await s.get('/api/org/tree')) as { nodes: { id: string; kind: string }[] }).nodes;
  const n = nodes.find((x) => x.kind === 'city');
  expect(n, 'the city').toBeTruthy();
  return n!.id;
}

/** Ends a risk area as of yesterday (the day it started: not in force for anyone from today) and signs out. */
async function endArea(city: Api, areaId: string) {
  const ended = await city.api.post(`/api/risk-areas/${areaId}/end`, {
    headers: { 'X-CSRF-Token': city.csrf },
    data: { end_date: YESTERDAY },
  });
  expect(ended.status(), await ended.text()).toBe(200);
  await city.dispose();
}

/** A screenshot at the page's own size, failing when the page scrolls sideways. */
async function snap(page: Page, name: string) {
  mkdirSync(SHOTS, { recursive: true });
  await page.waitForLoadState('networkidle').catch(() => undefined);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${name} overflows horizontally`).toBeLessThanOrEqual(1);
  const size = page.viewportSize()!;
  await page.screenshot({ path: `${SHOTS}/${name}-${size.width}x${size.height}.png` });
}

test.describe('reopening rules hold', () => {
  test.describe.configure({ mode: 'serial' });
  test.skip(!admin || !lanshan || !principal, 'XIAOAN_DEMO_ACCOUNTS must point at demo-accounts.json');

  test('the street rule: the school is matched by its township node; approvers see every rule and cannot approve', async ({ browser }) => {
    const city = await apiAs(admin!);
    const cityNode = await cityId(city);

    // The principal applies while no area covers the school: every rule shown, the risk area met.
    const school = await newPage(browser, principal!.username);
    await school.goto('/reopening');
    await expect(school.getByTestId('reopening-page')).toBeVisible();
    await expect(school.getByTestId('reopen-apply')).toBeEnabled();
    await school.getByTestId('reopen-apply').click();
    await expect(school.getByTestId('reopen-attached-plan')).toHaveAttribute('data-loaded', 'true');
    await fillDate(school, 'reopen-planned-date', PLANNED);
    await school.getByTestId('reopen-plan-input').fill('e2e：开学规则核验，分批返校。');
    await school.getByTestId('reopen-apply-submit').click();
    const detail = school.getByTestId('reopen-detail');
    await expect(detail).toBeVisible();
    await expect(detail.getByTestId('reopen-check-risk_area')).toHaveAttribute('data-ok', 'true');
    await expect(detail.getByTestId('reopen-check-planned_date')).toHaveAttribute('data-ok', 'true');
    await expect(detail.getByTestId('reopen-check-return_plan')).toBeVisible();
    await school.keyboard.press('Escape');

    // The city lists the school's street as a high-risk area by the township's statistical code.
    const added = await city.api.post('/api/risk-areas', {
      headers: { 'X-CSRF-Token': city.csrf },
      data: { org_id: cityNode, region_code: '371302', street: TOWN_CODE, level: 'high', start_date: YESTERDAY, note: 'e2e：开学规则' },
    });
    expect(added.status(), await added.text()).toBe(201);
    const areaId = ((await added.json()) as { id: string }).id;

    try {
      // The county opens the application: the risk-area rule fails, approving is refused.
      const county = await newPage(browser, lanshan!.username);
      await county.goto('/reopening');
      const row = county.getByTestId('reopen-table').locator('.el-table__row').filter({ hasText: SCHOOL }).filter({ hasText: PLANNED }).first();
      await expect(row).toContainText('等待');
      await row.getByRole('button', { name: '同意' }).first().click();
      const risk = county.getByTestId('reopen-check-risk_area').last();
      await expect(risk).toHaveAttribute('data-ok', 'false');
      await expect(risk).toContainText('高风险');
      await expect(risk).toContainText(TOWN);
      await expect(county.getByTestId('reopen-review-blocked')).toBeVisible();
      await expect(county.getByTestId('reopen-review-submit')).toBeDisabled();
      await snap(county, 'reopen-rules-county-blocked');
      await county.keyboard.press('Escape');
      await expect(county.getByTestId('reopen-review-blocked')).toBeHidden();
      // Sent back instead.
      await row.getByRole('button', { name: '退回' }).first().click();
      await county.getByTestId('reopen-review-comment').fill('学校所在街道为高风险地区，退回。');
      await county.getByTestId('reopen-review-submit').click();
      await expect(county.locator('.el-message--success').first()).toBeVisible();
      await expect(row.getByTestId('reopen-status')).toHaveText('已退回');
      await county.context().close();

      // The city sees the same rules on the application it did not get to approve.
      const cityPage = await newPage(browser, admin!.username);
      await cityPage.goto('/reopening');
      const cityRow = cityPage.getByTestId('reopen-table').locator('.el-table__row').filter({ hasText: SCHOOL }).filter({ hasText: PLANNED }).first();
      await cityRow.getByRole('link', { name: SCHOOL }).click();
      const cityDetail = cityPage.getByTestId('reopen-detail');
      await expect(cityDetail.getByTestId('reopen-check-risk_area')).toHaveAttribute('data-ok', 'false');
      await expect(cityDetail.getByTestId('reopen-checks')).toContainText('错峰返校方案');
      await snap(cityPage, 'reopen-rules-city-detail');
      await cityPage.context().close();

      // The principal applies again: refused, naming the school's street.
      await school.reload();
      await expect(school.getByTestId('reopen-apply')).toBeEnabled();
      await school.getByTestId('reopen-apply').click();
      await fillDate(school, 'reopen-planned-date', PLANNED);
      await school.getByTestId('reopen-plan-input').fill('e2e：开学规则核验，分批返校。');
      await school.getByTestId('reopen-apply-submit').click();
      const blocked = school.getByTestId('reopen-blocked');
      await expect(blocked).toBeVisible();
      await expect(blocked).toContainText('暂不能申请开学');
      await expect(blocked).toContainText(TOWN);
      await snap(school, 'reopen-rules-principal-blocked');
      await school.context().close();
    } finally {
      await endArea(city, areaId);
    }
  });

  test('a family still living in a risk street is told so, and when they can come back', async ({ browser }) => {
    const city = await apiAs(admin!);
    const cityNode = await cityId(city);
    const schoolId = await orgId(city, FAMILY_SCHOOL);
    const detail = (await city.get(`/api/schools/${schoolId}`)) as { grades: { classes: { id: string }[] }[] };
    const classes = detail.grades.flatMap((g) => g.classes);
    expect(classes.length).toBeGreaterThan(0);
    // A pupil of a 罗庄区 school no other spec uses: the last class's third pupil.
    const cls = classes[classes.length - 1];
    const people = (await city.get(`/api/people?org_id=${cls.id}&limit=3`)) as { items: { id: string; name: string }[] };
    expect(people.items.length).toBeGreaterThan(0);
    const pupil = people.items[people.items.length - 1];
    const link = await city.api.post(`/api/people/${pupil.id}/family-link`, { headers: { 'X-CSRF-Token': city.csrf } });
    expect(link.ok(), await link.text()).toBeTruthy();
    const url = ((await link.json()) as { url: string }).url;

    // 盛庄街道 is a medium-risk street since yesterday, with no end date yet.
    const added = await city.api.post('/api/risk-areas', {
      headers: { 'X-CSRF-Token': city.csrf },
      data: { org_id: cityNode, region_code: '371311', street: '盛庄街道', level: 'medium', start_date: YESTERDAY, note: 'e2e：仍居住' },
    });
    expect(added.status(), await added.text()).toBe(201);
    const areaId = ((await added.json()) as { id: string }).id;

    try {
      // The family has declared: at home in 盛庄街道 for the last 14 days, up to today.
      const family = await request.newContext({ baseURL: BASE });
      const session = await family.post('/api/family/session', { data: { token: url.split('/f/')[1] } });
      expect(session.ok(), await session.text()).toBeTruthy();
      const csrf = ((await session.json()) as { csrf_token: string }).csrf_token;
      const days: string[] = [];
      for (let d = 12; d <= 25; d++) days.push(`2026-11-${String(d).padStart(2, '0')}`);
      const saved = await family.put(`/api/family/children/${pupil.id}/declaration`, {
        headers: { 'X-CSRF-Token': csrf },
        data: {
          residence: [{ region_code: '371311', place: '罗庄区盛庄街道', from: days[0], to: TODAY }],
          daily: days.map((day) => ({ day, temperature: 36.5, symptoms: [] })),
          code_color: 'green',
        },
      });
      expect(saved.ok(), await saved.text()).toBeTruthy();
      await family.dispose();

      const ctx = await browser.newContext({ viewport: PHONE_360, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
      const page = await ctx.newPage();
      await page.goto(new URL(url).pathname);
      const child = page.getByTestId('family-child').filter({ hasText: pupil.name });
      await expect(child).toBeVisible({ timeout: 30_000 });
      await child.getByTestId('family-declaration-open').click();
      await expect(page).toHaveURL(/\/family\/children\/[^/]+\/declaration$/);
      const reason = page.getByTestId('decision-reason').filter({ hasText: '盛庄街道' }).first();
      await expect(reason).toBeVisible({ timeout: 30_000 });
      await expect(reason).toContainText('现居住在');
      await expect(reason).toContainText('解除后满 14 天');
      await expect(reason).not.toContainText('离开');
      await expect(page.getByTestId('decision-status')).toContainText('暂不能返校');
      await reason.scrollIntoViewIfNeeded();
      await snap(page, 'reopen-rules-family-lives');
      await ctx.close();
    } finally {
      await endArea(city, areaId);
    }
  });
});
