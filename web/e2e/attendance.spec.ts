import { expect, test, type Page } from '@playwright/test';
import { DESKTOP, demoAccounts, login, shoot } from './helpers';

// Issue 16: attendance is counted, not assumed. At the pinned school morning (07:10) before the
// morning checks, the county dashboard and the school's daily report show arrivals only from
// checks and gate passes and "not yet checked" as its own figure; the report lists the classes
// still to check; 一键提醒 asks first and says which schools are not late yet. Nothing here
// writes: the bureau spec submits the report and sends the reminders.

const accounts = demoAccounts();
const account = (username: string) => accounts.find((a) => a.username === username);
const lanshan = account('lanshan');
const principal = account('principal');
const SCHOOL = '临沂第一实验小学';

test.use({ viewport: DESKTOP });

async function kpi(page: Page, key: string): Promise<number> {
  const text = await page.getByTestId(`kpi-${key}`).locator('.v').innerText();
  return Number(text.replace(/[^\d.]/g, ''));
}

async function figure(page: Page, key: string): Promise<number> {
  return Number((await page.getByTestId(`figure-${key}`).first().innerText()).trim());
}

test.describe('attendance', () => {
  test.skip(!lanshan || !principal, 'XIAOAN_DEMO_ACCOUNTS must point at demo-accounts.json');

  test('county dashboard: arrivals from evidence, not yet checked, check completeness', async ({ page }) => {
    await login(page, lanshan!.username, lanshan!.password);
    await page.getByTestId('menu-dashboard').click();
    await expect(page).toHaveURL(/\/dashboard$/);
    await expect(page.getByTestId('kpi-notChecked')).toBeVisible();
    await expect(page.getByTestId('kpi-checks')).toBeVisible();
    await expect.poll(() => kpi(page, 'enrolled')).toBeGreaterThan(0);
    const enrolled = await kpi(page, 'enrolled');
    const present = await kpi(page, 'present');
    const notChecked = await kpi(page, 'notChecked');
    // 到校 is never 在册 before the checks: most of the county is not yet checked.
    expect(present).toBeLessThan(enrolled);
    expect(notChecked).toBeGreaterThan(0);
    expect(present + notChecked).toBeLessThanOrEqual(enrolled);
    await expect(page.getByTestId('kpi-checks')).toContainText(/\d+\/\d+ 个班/);
    await expect(page.getByTestId('children-table').getByTestId('col-not-checked').first()).toBeVisible();

    // 一键提醒 asks first: how many schools, and that none is late before the 10:00 deadline.
    await page.getByTestId('remind-all').click();
    const dialog = page.getByTestId('remind-dialog');
    await expect(dialog.getByTestId('remind-summary')).toContainText(/\d+ 所学校尚未提交今日日报告：0 所已过截止时间，\d+ 所尚未到截止时间/);
    await expect(dialog.getByTestId('remind-not-late')).toContainText('10:00 前仍可按时提交');
    await expect(dialog.getByTestId('remind-not-late')).toContainText(SCHOOL);
    await expect(dialog.getByTestId('remind-late')).toHaveCount(0);
    await expect(dialog.getByTestId('remind-confirm-all')).toBeVisible();
    await shoot(page, 'attendance-remind-dialog', { only: 'desktop' });
    await dialog.getByRole('button', { name: '取消' }).click();
    await expect(dialog.getByTestId('remind-summary')).toBeHidden();
    await shoot(page, 'attendance-county-dashboard', { only: 'desktop' });
  });

  test('daily report: not yet checked and the classes still to check', async ({ page }) => {
    await login(page, principal!.username, principal!.password);
    await page.getByTestId('menu-dailyReport').click();
    await expect(page).toHaveURL(/\/daily-report/);
    await expect(page.getByTestId('report-school')).toHaveText(SCHOOL);
    await expect(page.getByTestId('figure-not_checked')).toBeVisible();
    await expect.poll(() => figure(page, 'enrolled')).toBeGreaterThan(0);
    const enrolled = await figure(page, 'enrolled');
    const present = await figure(page, 'present');
    const notChecked = await figure(page, 'not_checked');
    expect(present).toBeLessThan(enrolled);
    expect(notChecked).toBeGreaterThan(0);
    expect(present + notChecked).toBeLessThanOrEqual(enrolled);
    const classes = await figure(page, 'classes');
    const checked = await figure(page, 'classes_checked');
    expect(classes).toBeGreaterThan(checked);
    // Submitting now warns (default policy) and names the classes not yet checked.
    const warn = page.getByTestId('report-unchecked');
    await expect(warn).toContainText(`还有 ${classes - checked} 个班级未完成晨检`);
    await expect(page.getByTestId('report-unchecked-classes')).toContainText('一年级1班');
    await expect(warn).toContainText('仍可提交');
    await shoot(page, 'attendance-daily-report', { tablet: true, only: 'desktop' });
  });
});
