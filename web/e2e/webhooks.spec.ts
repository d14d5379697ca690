// Group robots: an internal address is refused with the field named, a DingTalk robot is added
// with its signing secret (never shown again), and the test button shows the robot's answer.
import { expect, test, type Page } from '@playwright/test';
import { DESKTOP, demoAccounts, login, shoot } from './helpers';

const lanshan = demoAccounts().find((a) => a.username === 'lanshan');
const COUNTY = '兰山区';
const TOKEN = 'e2e0123456789abcdef0123456789abcd';
const SECRET = 'SECe2e0123456789abcdef0123456789abcdef0123456789abcdef0123456789';

test.use({ viewport: DESKTOP });

async function pickHeaderOrg(page: Page, name: string): Promise<void> {
  await page.getByTestId('org-switcher').locator('.el-select__wrapper').click();
  await page.keyboard.type(name);
  await page.locator('.xa-org-popper:visible').getByText(name, { exact: true }).first().click();
}

test('webhooks: unsafe addresses refused, signed DingTalk robot, test message answer', async ({ page }) => {
  test.skip(!lanshan, 'needs the demo accounts');
  await login(page, lanshan!.username, lanshan!.password);
  await expect(page.getByTestId('user-trigger')).toBeVisible();
  await pickHeaderOrg(page, COUNTY);
  await page.goto('/webhooks');
  await expect(page.getByTestId('webhooks-page')).toBeVisible();
  await expect(page.locator('.xa-page-header')).toContainText(COUNTY);

  // The cloud metadata address is not a robot: refused under the address field, nothing added.
  await page.getByTestId('webhook-url').fill('http://169.254.169.254/latest/meta-data/');
  await page.getByTestId('webhook-add').click();
  await expect(page.locator('.url-item .el-form-item__error')).toContainText('不被允许');
  await expect(page.getByTestId('webhook-row')).toHaveCount(0);

  // A DingTalk robot with 加签: the secret is a password field and is never shown again.
  await expect(page.getByTestId('webhook-secret')).toHaveAttribute('type', 'password');
  await page.getByTestId('webhook-url').fill(`https://oapi.dingtalk.com/robot/send?access_token=${TOKEN}`);
  await page.getByTestId('webhook-secret').fill(SECRET);
  await page.getByTestId('webhook-add').click();
  const row = page.getByTestId('webhook-row').first();
  await expect(row).toBeVisible();
  await expect(row.getByTestId('webhook-signed')).toHaveText('已加签');
  await expect(row.getByTestId('webhook-status')).toHaveText('尚未推送');
  await expect(row).toContainText('access_token=…');
  await expect(page.getByTestId('webhook-secret')).toHaveValue('');
  const html = await page.content();
  expect(html).not.toContain(TOKEN);
  expect(html).not.toContain(SECRET);

  // The test button shows the robot's answer (here: whatever the network lets through).
  await row.getByTestId('webhook-test').click();
  await expect(row.getByTestId('webhook-test-answer')).toContainText(/机器人已收到|机器人拒收|发送失败/);
  await shoot(page, 'webhooks');

  // Clean up for later specs.
  await row.getByTestId('webhook-remove').click();
  await page.locator('.el-message-box').getByRole('button', { name: '删除' }).click();
  await expect(page.getByTestId('webhook-row')).toHaveCount(0);
});
