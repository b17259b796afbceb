// The language switch in the header: Japanese → English → Japanese (html[lang]), before and
// after signing in; the choice is kept across pages.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import {
  ACCOUNTS,
  clickAndWait,
  launchBrowser,
  newPage,
  signInWithoutMfa,
} from '../lib/harness.mjs';

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

const htmlLang = (page) => page.locator('html').getAttribute('lang');

async function switchTo(page, code) {
  const button = page.locator(`form.lang-switch button[name="lang"][value="${code}"]`);
  const path = new URL(page.url()).pathname;
  const response = await clickAndWait(page, button);
  assert.equal(response.status(), 200);
  assert.equal(new URL(page.url()).pathname, path, 'the switch returns to the same page');
  assert.equal(await htmlLang(page), code);
  assert.equal(
    await page.locator(`form.lang-switch button[value="${code}"]`).getAttribute('aria-current'),
    'true',
  );
}

test('the language switch changes the page to English and back', async () => {
  const { context, page } = await newPage(browser, { locale: 'ja-JP' });
  try {
    await page.goto('/login');
    assert.equal(await htmlLang(page), 'ja');
    const headingJa = await page.locator('main h1').textContent();

    await switchTo(page, 'en');
    const headingEn = await page.locator('main h1').textContent();
    assert.notEqual(headingEn, headingJa, 'the heading is translated');
    assert.match(headingEn, /[A-Za-z]/);

    // The choice is kept: signed in, the dashboard is English too.
    await signInWithoutMfa(page, ACCOUNTS.member);
    assert.equal(await htmlLang(page), 'en');

    await switchTo(page, 'ja');
    await page.reload();
    assert.equal(await htmlLang(page), 'ja', 'the choice is kept on the next request');
  } finally {
    await context.close();
  }
});
