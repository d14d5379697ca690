import { expect, request, test } from '@playwright/test';
import { DESKTOP, demoAccounts, login, pickOption, shoot } from './helpers';

// Issue 16, "Each role sees its own work": the bureau admin's policy page names every setting and
// gives each value the editor its type needs; the audit page names actor, org and action, and
// filters by picking. The city's own policy is restored afterwards (one demo DB for all specs).
const admin = demoAccounts().find((a) => a.username === 'admin');
const BASE = process.env.XIAOAN_BASE_URL ?? 'http://127.0.0.1:8080';
const CITY = '临沂市';

test.describe('policy and audit pages (bureau admin, desktop)', () => {
  test.skip(!admin, 'demo accounts not configured');
  test.use({ viewport: DESKTOP, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });

  let cityId = '';
  let ownBefore: Record<string, unknown> | null = null;

  test.afterAll(async () => {
    if (!cityId || ownBefore === null) return;
    const api = await request.newContext({ baseURL: BASE });
    const res = await api.post('/api/auth/login', { data: { username: admin!.username, password: admin!.password } });
    const { csrf_token } = (await res.json()) as { csrf_token: string };
    const put = await api.put('/api/policy', {
      headers: { 'X-CSRF-Token': csrf_token },
      data: { org_id: cityId, values: ownBefore, note: 'e2e：恢复' },
    });
    expect(put.ok(), await put.text()).toBe(true);
    await api.dispose();
  });

  test('policy: named settings, a switch and a list saved and reloaded; the audit names it', async ({ page }) => {
    await login(page, admin!.username, admin!.password);
    await expect(page.getByTestId('user-trigger')).toBeVisible();
    const loaded = page.waitForResponse((r) => r.url().includes('/api/policy?') && r.request().method() === 'GET');
    await page.getByTestId('menu-policy').click();
    const doc = (await (await loaded).json()) as { org: { id: string; name: string }; own: Record<string, unknown>; schema: Record<string, unknown> };
    expect(doc.org.name).toBe(CITY);
    cityId = doc.org.id;
    ownBefore = doc.own;
    const keys = Object.keys(doc.schema);
    expect(keys.length).toBeGreaterThanOrEqual(42);

    // Every row and every section is named, none is a raw key.
    const labels = page.getByTestId('policy-label');
    await expect(labels).toHaveCount(keys.length);
    for (const text of await labels.allTextContents()) expect(text.trim()).not.toMatch(/^[a-z_]+$/);
    const headings = await page.getByTestId('policy-section-title').allTextContents();
    expect(headings.length).toBeGreaterThanOrEqual(8);
    for (const h of headings) expect(h.trim()).not.toMatch(/^[a-z_ ]+$/);
    await expect(page.getByTestId('policy-section-reopen')).toContainText('开学审批与错峰安排');
    await expect(page.getByTestId('policy-row-return_health_code')).toContainText('须健康码绿码');
    await expect(page.getByTestId('policy-value-return_health_code')).toHaveText('开启');
    await expect(page.getByTestId('policy-value-daily_report_block_unchecked')).toHaveText('关闭');
    await expect(page.getByTestId('policy-value-return_risk_levels')).toHaveText('高风险、中风险');
    await shoot(page, 'policy-audit-policy');

    // Edit: a boolean is a switch, a list is a multi-select.
    await page.getByTestId('policy-edit').click();
    const sw = page.getByTestId('policy-input-daily_report_block_unchecked');
    await expect(sw).toHaveClass(/el-switch/);
    await sw.click();
    await expect(sw).toHaveClass(/is-checked/);
    await pickOption(page, 'policy-input-return_risk_levels', '低风险', { shown: '低风险' });
    await page.keyboard.press('Escape');
    await shoot(page, 'policy-audit-policy-edit', { only: 'desktop' });
    await page.getByTestId('policy-preview-btn').click();
    await expect(page.getByTestId('policy-preview')).toBeVisible();
    await expect(page.getByTestId('policy-change').filter({ hasText: '未完成晨检不许提交日报告' })).toContainText('开启');
    await expect(page.getByTestId('policy-change').filter({ hasText: '须审核的风险地区等级' })).toContainText('低风险');
    await page.getByTestId('policy-note').fill('e2e：策略页开关与列表');
    const saved = page.waitForResponse((r) => r.url().endsWith('/api/policy') && r.request().method() === 'PUT');
    await page.getByTestId('policy-save').click();
    expect((await saved).ok()).toBe(true);

    await page.reload();
    await expect(page.getByTestId('policy-value-daily_report_block_unchecked')).toHaveText('开启');
    await expect(page.getByTestId('policy-value-return_risk_levels')).toHaveText('高风险、中风险、低风险');

    // The audit page: localised action, the actor's name and the org's name.
    const first = page.waitForResponse((r) => r.url().includes('/api/audit?') && r.ok());
    await page.goto('/audit');
    await first;
    const table = page.getByTestId('audit-table');
    const row = table.locator('.el-table__row').filter({ hasText: '保存防控策略' }).first();
    await expect(row).toBeVisible();
    await expect(row.getByTestId('audit-actor-cell')).toContainText('admin');
    await expect(row.getByTestId('audit-org-cell')).toHaveText(CITY);
    await expect(table).not.toContainText('org_node #');
    await expect(table).not.toContainText('policy.save');
    const allRows = await table.getByTestId('audit-action-cell').count();
    const kinds = new Set((await table.getByTestId('audit-action-cell').allTextContents()).map((s) => s.trim()));
    expect(kinds.size).toBeGreaterThan(1);

    // Filter by picking the localised action.
    const filtered = page.waitForResponse((r) => r.url().includes('action=policy.save') && r.ok());
    await pickOption(page, 'audit-action', '保存防控策略', { search: '保存防控' });
    await filtered;
    await expect(table.getByTestId('audit-action-cell').first()).toHaveText('保存防控策略');
    const actions = (await table.getByTestId('audit-action-cell').allTextContents()).map((s) => s.trim());
    expect(new Set(actions)).toEqual(new Set(['保存防控策略']));
    expect(actions.length).toBeLessThan(allRows);

    // A reversed date range is refused with a message.
    await page.getByTestId('audit-from').locator('input').fill('2026-11-25');
    await page.getByTestId('audit-from').locator('input').press('Enter');
    await page.getByTestId('audit-to').locator('input').fill('2026-11-20');
    await page.getByTestId('audit-to').locator('input').press('Enter');
    await expect(page.getByTestId('audit-range-error')).toHaveText('开始日期不能晚于结束日期');
    await shoot(page, 'policy-audit-audit', { only: 'desktop' });
  });
});
