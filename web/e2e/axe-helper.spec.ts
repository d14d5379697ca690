import { expect, test } from '@playwright/test';
import { AXE_MODE, scanA11y, settle } from './helpers';

// The accessibility scan itself: it must finish on a page whose fake clock a spec has paused for
// its screenshots (axe's own queue runs on timers: it used to hang there and the views went
// unscanned), and in strict mode fail with the page view, the rule and the element.
test.describe('axe scan helper', () => {
  test.skip(AXE_MODE !== 'strict', 'runs in strict mode (the default)');

  test('finishes under a paused clock and names the page view, rule and element of a violation', async ({ page }) => {
    await page.clock.install({ time: Date.parse('2026-11-25T07:10:00+08:00') });
    await page.goto('/login');
    await expect(page.getByTestId('login-username')).toBeVisible();
    await page.evaluate(() => {
      const select = document.createElement('select');
      select.id = 'axe-selfcheck';
      select.add(new Option('a'));
      document.querySelector('main, #app')!.appendChild(select);
      // A page that keeps ticking: its timers stop with the clock below.
      setInterval(() => (document.title = String(Date.now())), 100);
    });
    await page.clock.pauseAt(Date.parse('2026-11-25T07:10:05+08:00'));
    await settle(page, page.viewportSize()?.width);
    const error = await scanA11y(page, 'axe-selfcheck', { log: false }).then(
      () => null,
      (e: Error) => e,
    );
    expect(error?.message).toMatch(/page view axe-selfcheck/);
    expect(error?.message).toMatch(/critical select-name/);
    expect(error?.message).toContain('#axe-selfcheck');

    // Without the violation the same paused page scans clean.
    await page.evaluate(() => document.getElementById('axe-selfcheck')!.remove());
    await scanA11y(page, 'axe-selfcheck-clean', { log: false });
  });
});
