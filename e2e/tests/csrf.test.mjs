// A form posted without its CSRF token is refused (403) and changes nothing: the sign-out
// form, copied without its csrf_token field, leaves the user signed in.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import {
  ACCOUNTS,
  badgeName,
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

test('signing out without the CSRF token is refused and the session stays', async () => {
  const { context, page } = await newPage(browser);
  try {
    const member = ACCOUNTS.member;
    await signInWithoutMfa(page, member);
    assert.equal(await badgeName(page), member.name);

    // A copy of the sign-out form without its hidden csrf_token input.
    await page.evaluate(() => {
      const original = document.querySelector('form[action="/logout"]');
      const copy = original.cloneNode(true);
      copy.id = 'logout-without-token';
      copy.querySelector('input[name="csrf_token"]').remove();
      original.after(copy);
    });
    const copy = page.locator('#logout-without-token');
    assert.equal(await copy.locator('input[name="csrf_token"]').count(), 0);
    const refused = await clickAndWait(page, copy.locator('button[type="submit"]'));
    assert.equal(refused.status(), 403, 'the server refuses the post');

    // Still signed in.
    const home = await page.goto('/');
    assert.equal(home.status(), 200);
    assert.equal(new URL(page.url()).pathname, '/');
    assert.equal(await badgeName(page), member.name, 'still signed in');

    // The genuine form (with its token) still signs out.
    await clickAndWait(page, page.locator('form[action="/logout"] button[type="submit"]'));
    assert.equal(new URL(page.url()).pathname, '/login');
    assert.equal(await badgeName(page), '');
  } finally {
    await context.close();
  }
});
