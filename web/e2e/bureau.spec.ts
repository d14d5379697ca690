import { expect, test, type Page } from '@playwright/test';
import { DESKTOP, apiAs, demoAccount, expectSuccess, login, newPageAs as newPage, orgId, shoot } from './helpers';

// Bureau pages: county dashboard, school daily report (submit → reopen → notification), policy
// (tighten at the county, loosening refused at a school) and alerts.

const account = (username: string) => demoAccount(username);
const lanshan = account('lanshan');
const admin = account('admin');
const principal = account('principal');
const doctor = account('doctor');
const headteacher = account('headteacher');
const SCHOOL = '临沂第一实验小学';
const COUNTY = '兰山区';

test.use({ viewport: DESKTOP });

/** Picks a node in the header's org switcher by its exact name. */
async function pickHeaderOrg(page: Page, name: string): Promise<void> {
  await page.getByTestId('org-switcher').locator('.el-select__wrapper').click();
  await page.keyboard.type(name);
  await page.locator('.xa-org-popper:visible').getByText(name, { exact: true }).first().click();
}

test.describe('bureau', () => {
  test.describe.configure({ mode: 'serial' });
  test.skip(!lanshan || !admin || !principal || !doctor || !headteacher, 'XIAOAN_DEMO_ACCOUNTS must point at demo-accounts.json');

  test('county dashboard: KPIs, drill-down, trends, missing schools and the one-click reminder', async ({ page }) => {
    await login(page, lanshan!.username, lanshan!.password);
    await page.getByTestId('menu-dashboard').click();
    await expect(page).toHaveURL(/\/dashboard$/);

    await expect(page.getByTestId('kpi-expected')).toBeVisible();
    await expect(page.getByTestId('kpi-expected')).toContainText(/\d+/);
    for (const k of ['submitted', 'onTime', 'zero', 'missing', 'completeness', 'enrolled', 'present', 'absentSick', 'fever', 'isolation'])
      await expect(page.getByTestId(`kpi-${k}`)).toBeVisible();
    await expect(page.getByTestId('dashboard-updated')).toContainText(/数据更新于 \d\d:\d\d:\d\d/);

    const table = page.getByTestId('children-table');
    await expect(table.locator('.el-table__row').first()).toBeVisible();
    await expect(table).toContainText('兰山街道');
    await expect(page.getByTestId('trend-completeness').locator('canvas')).toBeVisible();
    await expect(page.getByTestId('trend-health').locator('canvas')).toBeVisible();
    await expect(page.getByTestId('missing-school').first()).toBeVisible();
    await expect(page.getByTestId('missing-schools')).toContainText(SCHOOL);

    // 一键提醒 asks first (issue 16): how many schools, which are not late yet.
    await page.getByTestId('remind-all').click();
    await expect(page.getByTestId('remind-summary')).toContainText(/\d+ 所学校尚未提交今日日报告/);
    await page.getByTestId('remind-confirm-all').click();
    await expectSuccess(page, /已提醒 \d+ 所学校/);
    await shoot(page, 'county-dashboard');

    // Drill down: township → school (classes) → class roster; the breadcrumb leads back.
    await table.getByText('兰山街道', { exact: true }).click();
    await expect(page.getByTestId('dashboard-breadcrumb')).toContainText('兰山街道');
    await expect(page.getByTestId('children-table')).toContainText(SCHOOL);
    await page.getByTestId('children-table').getByText(SCHOOL, { exact: true }).click();
    await expect(page.getByTestId('children-table')).toContainText('一年级1班');
    await expect(page.getByTestId('dashboard-breadcrumb')).toContainText(SCHOOL);
    await page.getByTestId('dashboard-breadcrumb').getByText(COUNTY, { exact: true }).click();
    await expect(page.getByTestId('children-table')).toContainText('兰山街道');
    await page.getByTestId('children-table').getByText('兰山街道', { exact: true }).click();
    await page.getByTestId('children-table').getByText(SCHOOL, { exact: true }).click();
    await page.getByTestId('children-table').getByText('一年级1班', { exact: true }).click();
    await expect(page).toHaveURL(/\/classes\/\w+$/);
  });

  test('school daily report: principal submits, the county sends it back, the principal is told', async ({ page, browser }) => {
    await login(page, principal!.username, principal!.password);
    await page.getByTestId('menu-dailyReport').click();
    await expect(page).toHaveURL(/\/daily-report/);
    await expect(page.getByTestId('report-school')).toHaveText(SCHOOL);
    await expect(page.getByTestId('figures-table')).toContainText('在册学生');
    await expect(page.getByTestId('figures-table')).toContainText('因病缺勤');
    await expect(page.getByTestId('figures-table')).toContainText('咳嗽');

    const tag = page.getByTestId('report-status-tag');
    await expect(tag).toBeVisible();
    if ((await tag.innerText()).trim() !== '已提交') {
      await page.getByTestId('report-recompile').click();
      await expectSuccess(page, '已按最新数据重新汇总');
      const blocked = page.getByTestId('report-zero-blocked');
      if (await blocked.isVisible()) {
        // Something abnormal today: the zero report is not offered, a normal report is.
        await expect(page.getByTestId('report-kind-zero').locator('input')).toBeDisabled();
        await page.getByTestId('report-kind-normal').click();
      } else {
        await page.getByTestId('report-kind-zero').click();
      }
      await page.getByTestId('report-note').fill('e2e：晨检已完成，情况正常。');
      await page.getByTestId('report-submit').click();
      await page.locator('.el-message-box__btns .el-button--primary').click();
      await expectSuccess(page, '日报告已提交');
    }
    await expect(tag).toHaveText('已提交');
    await expect(page.getByTestId('report-submitted-info')).toContainText('principal');
    await shoot(page, 'school-report');

    // Print view.
    await page.getByTestId('report-print').click();
    await expect(page).toHaveURL(/\/schools\/\w+\/daily-reports\/\d{4}-\d{2}-\d{2}\/print$/);
    const [, schoolId, day] = /\/schools\/(\w+)\/daily-reports\/([\d-]+)\/print$/.exec(page.url())!;
    const sheet = page.getByTestId('daily-report-sheet');
    await expect(sheet).toContainText('学校传染病防控日报告');
    await expect(sheet).toContainText(SCHOOL);
    await expect(sheet).toContainText('负责人签字');
    await expect(page.getByTestId('print-button')).toBeVisible();
    await shoot(page, 'daily-report-print', { only: 'desktop' });
    await page.emulateMedia({ media: 'print' });
    await expect(page.getByTestId('print-button')).toBeHidden();
    await page.emulateMedia({ media: 'screen' });

    // The county sends it back with a reason.
    const county = await newPage(browser, lanshan!.username);
    await county.goto(`/daily-report?school=${schoolId}&day=${day}`);
    await expect(county.getByTestId('report-status-tag')).toHaveText('已提交');
    await county.getByTestId('report-reopen').click();
    await county.getByTestId('reopen-confirm').click();
    await expect(county.locator('.el-dialog').getByText('请填写退回原因')).toBeVisible();
    await county.getByTestId('reopen-reason').fill('因病缺勤人数与晨检记录不符，请核对后重新提交');
    await county.getByTestId('reopen-confirm').click();
    await expectSuccess(county, '已退回');
    await expect(county.getByTestId('report-status-tag')).toHaveText('已退回');
    await county.context().close();

    // The principal sees it sent back, with the reason, and a notification.
    await page.goto('/daily-report');
    await expect(page.getByTestId('report-status-tag')).toHaveText('已退回');
    await expect(page.getByTestId('report-reopened')).toContainText('因病缺勤人数与晨检记录不符');
    await expect(page.getByTestId('report-submit')).toBeVisible();
    const badge = page.getByTestId('notification-count').locator('.el-badge__content');
    await expect(badge).toBeVisible();
    expect(Number((await badge.innerText()).replace('+', ''))).toBeGreaterThan(0);
    await page.getByTestId('notification-bell').click();
    const item = page.getByTestId('notification-item').filter({ hasText: '日报告已被退回' }).first();
    await expect(item).toBeVisible();
    await item.click();
    await expect(page).toHaveURL(/\/daily-report/);
    await page.goto('/notifications');
    await expect(page.getByTestId('notification-row').filter({ hasText: '日报告已被退回' }).first()).toBeVisible();
  });

  test('policy: the city tightens the county, a school cannot loosen it', async ({ page }) => {
    await login(page, admin!.username, admin!.password);
    await expect(page.getByTestId('user-trigger')).toBeVisible();
    await pickHeaderOrg(page, COUNTY);
    await page.getByTestId('menu-policy').click();
    await expect(page).toHaveURL(/\/policy/);
    await expect(page.getByTestId('policy-page')).toContainText(`防控策略 · ${COUNTY}`);
    await expect(page.getByTestId('policy-row-fever_threshold')).toContainText('发热阈值（腋温）');
    await expect(page.getByTestId('policy-row-fever_threshold')).toContainText('只能调严：更低');
    await expect(page.getByTestId('policy-section-alert')).toContainText('班级因病缺勤预警（小学）');

    await page.getByTestId('policy-edit').click();
    const input = page.getByTestId('policy-input-fever_threshold').locator('input');
    await input.fill('37.2');
    await input.press('Tab');
    await page.getByTestId('policy-preview-btn').click();
    await expect(page.getByTestId('policy-preview')).toBeVisible();
    await page.getByTestId('policy-note').fill('e2e：流感高发季，发热阈值调严');
    const change = page.getByTestId('policy-change').filter({ hasText: '发热阈值（腋温）' });
    await expect(change).toContainText('37.3');
    await expect(change).toContainText('37.2');
    await shoot(page, 'policy');
    await page.getByTestId('policy-save').click();
    await expectSuccess(page, /已保存为 v\d+/);
    await expect(page.getByTestId('policy-value-fever_threshold')).toHaveText('37.2');
    await expect(page.getByTestId('policy-row-fever_threshold')).toContainText(COUNTY);
    await expect(page.getByTestId('policy-history')).toContainText('流感高发季');

    // A school below may not loosen what the county set: the field says why.
    await pickHeaderOrg(page, SCHOOL);
    await expect(page.getByTestId('policy-page')).toContainText(`防控策略 · ${SCHOOL}`);
    await expect(page.getByTestId('policy-value-fever_threshold')).toHaveText('37.2');
    await page.getByTestId('policy-edit').click();
    const schoolInput = page.getByTestId('policy-input-fever_threshold').locator('input');
    await schoolInput.fill('37.5');
    await schoolInput.press('Tab');
    await expect(page.getByTestId('policy-row-fever_threshold')).toContainText('比上级（37.2）宽松');
    await page.getByTestId('policy-preview-btn').click();
    const err = page.getByTestId('policy-error-fever_threshold');
    await expect(err).toBeVisible();
    await expect(err).toContainText('37.2');
    await expect(err).toContainText('发热阈值');
    await expect(page.getByTestId('policy-preview')).toBeHidden();
    await page.getByTestId('policy-cancel').click();

    // Put the county back to the defaults so later specs see the usual 37.3.
    const s = await apiAs(admin!);
    const county = await orgId(s, COUNTY);
    const res = await s.api.put('/api/policy', {
      headers: { 'X-CSRF-Token': s.csrf },
      data: { org_id: county, values: {}, note: 'e2e：恢复默认' },
    });
    expect(res.ok()).toBe(true);
    await s.api.dispose();
  });

  test('alerts: a fever in a class raises an alert with its evidence', async ({ page }) => {
    // The head teacher's noon check marks one pupil with 38.5 °C: the class_fever rule fires at 1.
    const ht = await apiAs(headteacher!);
    const tree = (await (await ht.api.get('/api/org/tree')).json()) as { nodes: { id: string; kind: string }[] };
    const cls = tree.nodes.find((n) => n.kind === 'class')!;
    const check = (await (await ht.api.get(`/api/classes/${cls.id}/check?session=noon`)).json()) as {
      roster: { id: string; name: string }[];
    };
    const pupil = check.roster[check.roster.length - 1];
    const saved = await ht.api.put(`/api/classes/${cls.id}/check`, {
      headers: { 'X-CSRF-Token': ht.csrf },
      data: { session: 'noon', marks: [{ person_id: pupil.id, status: 'abnormal', temperature: 38.5 }] },
    });
    expect(saved.ok(), await saved.text()).toBe(true);
    await ht.api.dispose();

    await login(page, doctor!.username, doctor!.password);
    await page.getByTestId('menu-alerts').click();
    await expect(page).toHaveURL(/\/alerts$/);
    const alert = page.getByTestId('alert-item').filter({ hasText: '班级发热' }).filter({ hasText: '一年级1班' }).first();
    await expect(alert).toBeVisible();
    await expect(alert.getByTestId('alert-status')).toHaveText('待处置');
    await expect(alert).toContainText('阈值 1');
    await alert.getByTestId('alert-evidence-toggle').click();
    await expect(alert.getByTestId('alert-evidence')).toContainText(pupil.name);
    await expect(alert.getByTestId('alert-evidence')).toContainText('38.5');
    await expect(alert.getByTestId('alert-evidence')).toContainText('午检');
    await expect(alert.getByTestId('alert-ack')).toBeVisible();
    await shoot(page, 'alerts');

    // Closing needs a conclusion (the alert stays open: other specs may use it).
    await alert.getByTestId('alert-close').click();
    await page.getByTestId('alert-close-confirm').click();
    await expect(page.locator('.el-dialog').getByText('请填写处置结论')).toBeVisible();
    await page.locator('.el-dialog').getByRole('button', { name: '取消' }).click();

    // The dashboard of the school lists it among the open alerts.
    await page.getByTestId('menu-dashboard').click();
    await expect(page.getByTestId('open-alerts')).toContainText('班级发热');
  });
});
