// The provider administrator's first sign-in: password, authenticator enrolment (secret read
// from the page, code computed here), recovery codes, dashboard; then sign out and sign in
// again with a code from a later 30-second window.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import {
  ACCOUNTS,
  badgeName,
  clickAndWait,
  freshCode,
  launchBrowser,
  newPage,
  screenshot,
  submitLogin,
} from '../lib/harness.mjs';

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

test('the administrator enrols an authenticator, then signs in with a code', async (t) => {
  const { context, page } = await newPage(browser);
  try {
    const admin = ACCOUNTS.admin;

    // Password first: an administrator without an authenticator is sent to enrol one.
    await submitLogin(page, admin.login);
    assert.equal(new URL(page.url()).pathname, '/login/mfa/enrol');
    const secret = (await page.locator('#mfa-secret').textContent()).trim();
    assert.match(secret, /^[A-Z2-7]+=*$/i, 'the enrolment page shows a base32 secret');

    const enrol = await freshCode(secret);
    const enrolForm = page.locator('form[action="/login/mfa/enrol"]');
    await enrolForm.locator('input[name="code"]').fill(enrol.code);
    const confirmed = await clickAndWait(page, enrolForm.locator('button[type="submit"]'));
    assert.equal(confirmed.status(), 200, 'the enrolment code is accepted');
    assert.equal(await page.locator('#recovery-codes li').count(), 10, 'ten recovery codes');

    // Continue to the dashboard.
    const dashboard = await clickAndWait(page, page.locator('main a.button--primary'));
    assert.equal(dashboard.status(), 200);
    assert.equal(new URL(page.url()).pathname, '/');
    assert.equal(await badgeName(page), admin.name, 'the user badge names the administrator');

    // Sign out.
    await clickAndWait(page, page.locator('form[action="/logout"] button[type="submit"]'));
    assert.equal(new URL(page.url()).pathname, '/login');
    assert.equal(await badgeName(page), '', 'signed out: no user badge');

    // Sign in again: now a code is asked for. The enrolment's step is spent, so wait for a
    // later window if needed.
    await submitLogin(page, admin.login);
    assert.equal(new URL(page.url()).pathname, '/login/mfa');
    const waitStart = Date.now();
    const second = await freshCode(secret, { afterStep: enrol.step });
    t.diagnostic(`waited ${((Date.now() - waitStart) / 1000).toFixed(1)} s for a new TOTP window`);
    assert.notEqual(second.step, enrol.step);
    const mfaForm = page.locator('form[action="/login/mfa"]');
    await mfaForm.locator('input[name="code"]').fill(second.code);
    const home = await clickAndWait(page, mfaForm.locator('button[type="submit"]'));
    assert.equal(home.status(), 200);
    assert.equal(new URL(page.url()).pathname, '/');
    assert.equal(await badgeName(page), admin.name);

    const shot = await screenshot(page, 'dashboard-admin');
    t.diagnostic(`screenshot: ${shot}`);
  } finally {
    await context.close();
  }
});
