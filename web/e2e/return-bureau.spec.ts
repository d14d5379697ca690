import { expect, test } from '@playwright/test';
import { DESKTOP, demoAccount, expectSuccess, fillDate, newPageAs as newPage, pickOption, shoot, signInAs as signIn } from './helpers';

// Bureau pages of the return to school: risk areas (dry run before every write, CSV import with a
// bad row), reopening applications (refused while the school's county has a medium-risk area,
// then county → city approval and the printable notice) and the return overview with drill-down.
//
// The risk area that refuses the school is limited to the school's own street, named by its
// township code (a school matches by its township node, not by its address text), so no pupil's
// declaration is touched, and it is ended (as of yesterday) before the test finishes: later specs
// see the usual data.

const admin = demoAccount('admin');
const lanshan = demoAccount('lanshan');
const principal = demoAccount('principal');
const SCHOOL = '临沂第一实验小学';
const COUNTY = '兰山区';
const TOWN = '兰山街道';
const COUNTY_CODE = '371302';

test.use({ viewport: DESKTOP });

/** The school's township (兰山街道) by its code: an area there blocks the school, no pupil's place. */
const street = '371302001';

test.describe('return to school: bureau', () => {
  test.describe.configure({ mode: 'serial' });
  test.skip(!admin || !lanshan || !principal, 'XIAOAN_DEMO_ACCOUNTS must point at demo-accounts.json');

  test('risk areas: the dry run comes first, then the area is published; CSV import shows its bad row', async ({ page }) => {
    await signIn(page, admin!.username);
    await page.goto('/risk-areas');
    await expect(page.getByTestId('risk-areas-page')).toContainText('风险地区');
    await expect(page.getByTestId('risk-counts')).toBeVisible();

    // Add: a medium-risk area in the county since 2026-11-20 — dry run first.
    await page.getByTestId('risk-add').click();
    const form = page.getByTestId('risk-add-form');
    await expect(form).toBeVisible();
    // The typed code is also offered as itself (codes the region list lacks): either pick is the
    // same area, so the select may show the code alone.
    await pickOption(page, 'risk-region', COUNTY, { search: COUNTY_CODE, partial: true, shown: COUNTY_CODE });
    await page.getByTestId('risk-level-medium').click();
    await fillDate(page, 'risk-start', '2026-11-20');
    await page.getByTestId('risk-add-preview').click();
    const preview = page.getByTestId('risk-preview');
    await expect(preview).toBeVisible();
    await expect(page.getByTestId('risk-preview-what')).toContainText('中风险');
    await expect(preview.getByTestId('return-impact')).toBeVisible();
    // The whole county would stop its schools applying to reopen: the dry run names them.
    await expect(preview.getByTestId('impact-blocked')).toContainText(SCHOOL);
    await shoot(page, 'risk-area-preview', { only: 'desktop' });

    // Too wide: back to the form, narrow it to the school's street, check again and publish.
    await page.getByTestId('risk-preview-back').click();
    await page.getByTestId('risk-street').fill(street);
    await page.getByTestId('risk-note').fill('e2e：学校所在街道');
    await page.getByTestId('risk-add-preview').click();
    await expect(page.getByTestId('risk-preview-what')).toContainText(street);
    await expect(preview.getByTestId('impact-blocked')).toContainText(SCHOOL);
    await page.getByTestId('risk-preview-confirm').click();
    await expectSuccess(page, '风险地区已发布');
    const row = page.getByTestId('risk-table').locator('.el-table__row').filter({ hasText: street }).filter({ hasText: '中风险' }).first();
    await expect(row).toContainText('中风险');
    await expect(row).toContainText('生效中');
    await expect(row).toContainText('2026-11-20 起');

    // CSV import: two rows, one with a level that does not exist.
    await page.getByTestId('risk-import').click();
    const csv = ['地区代码,街道,风险等级,开始日期,结束日期', '650102,,低,2026-11-25,', '650103,,极高,2026-11-25,'].join('\r\n') + '\r\n';
    await page.getByTestId('risk-import-file').setInputFiles({ name: 'areas.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
    await expect(page.getByTestId('risk-import-filename')).toContainText('areas.csv');
    await page.getByTestId('risk-import-check').click();
    const report = page.getByTestId('risk-import-report');
    await expect(report).toContainText('共 2 行');
    await expect(report).toContainText('有效 1 行');
    const errors = page.getByTestId('risk-import-errors');
    await expect(errors).toContainText('第 3 行');
    await expect(errors).toContainText('风险等级');
    await expect(page.getByTestId('risk-import-commit')).toHaveCount(0);
    await shoot(page, 'risk-import-errors', { only: 'desktop' });

    // Take the bad row out, check again, import the valid one.
    await page.getByTestId('risk-import-drop-bad').click();
    await expect(page.getByTestId('risk-import-dropped')).toBeVisible();
    await expect(report).toContainText('共 1 行');
    await expect(page.getByTestId('risk-import-errors')).toHaveCount(0);
    await page.getByTestId('risk-import-commit').click();
    await expect(page.getByTestId('risk-import-done')).toContainText('已导入 1 个风险地区');
    await page.getByTestId('risk-import-close').click();

    // Today's changes: the imported area starts today.
    await expect(page.getByTestId('risk-change-added').filter({ hasText: '天山区' })).toBeVisible();
    await shoot(page, 'risk-areas');
  });

  test('reopening: refused in a risk area; after it ends, county and city approve and the notice prints', async ({ page, browser }) => {
    // The principal is refused while the street is a medium-risk area.
    await signIn(page, principal!.username);
    await page.goto('/reopening');
    await expect(page.getByTestId('reopening-page')).toBeVisible();
    await page.getByTestId('reopen-apply').click();
    await fillDate(page, 'reopen-planned-date', '2026-11-30');
    await page.getByTestId('reopen-plan-input').fill('e2e：高三、初三 11 月 30 日先返校，其余年级分两批；错峰到校、错时就餐，物资与应急预案已落实。');
    await page.getByTestId('reopen-apply-submit').click();
    const blocked = page.getByTestId('reopen-blocked');
    await expect(blocked).toBeVisible();
    await expect(blocked).toContainText('暂不能申请开学');
    await expect(blocked).toContainText(TOWN);
    await shoot(page, 'reopen-blocked', { only: 'desktop' });
    await page.keyboard.press('Escape');

    // The city ends the area as of yesterday (the dry run first).
    const city = await newPage(browser, admin!.username);
    await city.goto('/risk-areas');
    await city.locator('input[data-testid="risk-search"], [data-testid="risk-search"] input').first().fill(street);
    const row = city.getByTestId('risk-table').locator('.el-table__row').filter({ hasText: street }).filter({ hasText: '中风险' }).first();
    await expect(row).toBeVisible();
    await row.getByRole('button', { name: '解除' }).first().click();
    const endInput = city.getByTestId('risk-end-day');
    const endValue = (await endInput.evaluate((e) => e.tagName)) === 'INPUT' ? await endInput.inputValue() : await endInput.locator('input').first().inputValue();
    expect(endValue).toBe('2026-11-24');
    await city.getByTestId('risk-end-preview').click();
    await expect(city.getByTestId('risk-preview-what')).toContainText('解除');
    await city.getByTestId('risk-preview-confirm').click();
    await expectSuccess(city, '风险地区已解除');
    await city.getByTestId('risk-state').getByText('已解除').click();
    await expect(city.getByTestId('risk-table').locator('.el-table__row').filter({ hasText: street }).filter({ hasText: '中风险' }).first()).toContainText('2026-11-20 ～ 2026-11-24');
    await expect(city.getByTestId('risk-change-ended').filter({ hasText: street }).filter({ hasText: '中风险' }).first()).toBeVisible();

    // Now the principal may apply.
    await page.reload();
    await page.getByTestId('reopen-apply').click();
    await fillDate(page, 'reopen-planned-date', '2026-11-30');
    await page.getByTestId('reopen-plan-input').fill('e2e：高三、初三 11 月 30 日先返校，其余年级分两批；错峰到校、错时就餐，物资与应急预案已落实。');
    await page.getByTestId('reopen-apply-submit').click();
    await expectSuccess(page, '开学申请已提交');
    const detail = page.getByTestId('reopen-detail');
    await expect(detail).toBeVisible();
    await expect(page.getByTestId('reopen-detail-status')).toHaveText('审批中');
    await expect(page.getByTestId('reopen-stages')).toContainText('区县教育局');
    await shoot(page, 'reopen-apply-detail', { only: 'desktop' });
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('reopen-apply')).toBeDisabled();

    // The county approves.
    const county = await newPage(browser, lanshan!.username);
    await county.goto('/reopening');
    const countyRow = county.getByTestId('reopen-table').locator('.el-table__row').filter({ hasText: SCHOOL }).first();
    await expect(countyRow).toContainText('等待');
    await countyRow.getByRole('button', { name: '同意' }).first().click();
    await county.getByTestId('reopen-review-comment').fill('准备工作已现场核查，同意上报。');
    await county.getByTestId('reopen-review-submit').click();
    await expectSuccess(county, '已同意');
    await expect(countyRow).toContainText('市教育局');
    await expect(countyRow.getByRole('button', { name: '同意' })).toHaveCount(0);
    await county.context().close();

    // The city approves; the notice prints.
    await city.goto('/reopening');
    const cityRow = city.getByTestId('reopen-table').locator('.el-table__row').filter({ hasText: SCHOOL }).first();
    await expect(city.getByTestId('reopen-to-review')).toBeVisible();
    await shoot(city, 'reopening', { only: 'desktop' });
    await cityRow.getByRole('button', { name: '同意' }).first().click();
    await city.getByTestId('reopen-review-submit').click();
    await expectSuccess(city, '已同意');
    await expect(cityRow.getByTestId('reopen-status')).toHaveText('已批准');
    await cityRow.getByText('开学通知书').first().click();
    await expect(city).toHaveURL(/\/reopening\/\w+\/notice$/);
    const sheet = city.getByTestId('reopen-notice-sheet');
    await expect(sheet).toContainText('开学通知书');
    await expect(city.getByTestId('notice-school')).toHaveText(SCHOOL);
    await expect(city.getByTestId('notice-date')).toContainText('2026年11月30日');
    await expect(city.getByTestId('notice-no')).toContainText(/编号：\S+/);
    const approvals = city.getByTestId('notice-approval');
    await expect(approvals).toHaveCount(2);
    await expect(approvals.nth(0)).toContainText(COUNTY);
    await expect(approvals.nth(0)).toContainText('准备工作已现场核查');
    await expect(approvals.nth(1)).toContainText('市');
    await shoot(city, 'reopen-notice', { only: 'desktop' });
    await city.emulateMedia({ media: 'print' });
    await expect(city.getByTestId('notice-print')).toBeHidden();
    await city.emulateMedia({ media: 'screen' });
    await city.context().close();

    // The principal sees the approval too.
    await page.reload();
    const mine = page.getByTestId('reopen-table').locator('.el-table__row').filter({ hasText: SCHOOL }).first();
    await expect(mine.getByTestId('reopen-status')).toHaveText('已批准');
  });

  test('return overview: counts at every level, the report sentence, drill-down to classes', async ({ page }) => {
    await signIn(page, admin!.username);
    await page.goto('/return-overview');
    const sentence = page.getByTestId('overview-sentence');
    await expect(sentence).toContainText('在册师生');
    await expect(page.getByTestId('overview-not-back')).toContainText(/目前未返回 \d+ 人，其中学生 \d+ 人，教职工 \d+ 人/);
    await expect(page.getByTestId('overview-kpi-enrolled')).toContainText(/\d+/);
    await expect(page.getByTestId('overview-chart-eligibility').locator('canvas')).toBeVisible();
    const table = page.getByTestId('overview-table');
    await expect(table).toContainText(COUNTY);
    await expect(table).toContainText('合计');
    await shoot(page, 'return-overview');

    // City → county → township → school → classes.
    await table.getByText(COUNTY, { exact: true }).first().click();
    await expect(page.getByTestId('overview-breadcrumb')).toContainText(COUNTY);
    await expect(page.getByTestId('overview-table')).toContainText(TOWN);
    await page.getByTestId('overview-table').getByText(TOWN, { exact: true }).first().click();
    await expect(page.getByTestId('overview-table')).toContainText(SCHOOL);
    await page.getByTestId('overview-table').getByText(SCHOOL, { exact: true }).first().click();
    await expect(page.getByTestId('overview-table')).toContainText('一年级1班');
    await expect(page.getByTestId('return-overview')).toContainText('各班情况');
    const enrolled = Number((await page.getByTestId('overview-kpi-enrolled').locator('.v').innerText()).trim());
    expect(enrolled).toBeGreaterThan(0);
    await shoot(page, 'return-overview-school');

    // Back up through the breadcrumb.
    await page.getByTestId('overview-breadcrumb').getByText(COUNTY, { exact: true }).click();
    await expect(page.getByTestId('overview-table')).toContainText(TOWN);
  });
});
