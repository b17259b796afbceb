// An extra provider administrator for a browser test (scripts/e2e adds one per test that needs
// it, with the demo password and a password change due): its first sign-in goes through the
// password change and the authenticator enrolment, later ones answer the code from the secret
// enrolled. Sign-ins of one administrator run one at a time (a code is used once).

import assert from 'node:assert/strict';

import { PASSWORD, clickAndWait, freshCode, submitLogin } from './harness.mjs';

/** The administrator `login` (its password: the demo's), signed in by `signIn(page)`. */
export function extraAdmin(login, { suffix = 'e2e' } = {}) {
  let secret = null;
  let step = -Infinity;
  let password = PASSWORD;
  let turn = Promise.resolve();

  async function signInNow(page) {
    await submitLogin(page, login, password);
    for (let steps = 0; steps < 4; steps += 1) {
      const path = new URL(page.url()).pathname;
      if (path === '/login/mfa') {
        assert.ok(secret, `${login} asks for a code, but no authenticator was enrolled here`);
        const next = await freshCode(secret, { afterStep: step });
        step = next.step;
        const form = page.locator('form[action="/login/mfa"]');
        await form.locator('input[name="code"]').fill(next.code);
        await clickAndWait(page, form.locator('button[type="submit"]'));
      } else if (path === '/login/mfa/enrol') {
        secret = (await page.locator('#mfa-secret').textContent()).trim();
        const first = await freshCode(secret);
        step = first.step;
        const form = page.locator('form[action="/login/mfa/enrol"]');
        await form.locator('input[name="code"]').fill(first.code);
        await clickAndWait(page, form.locator('button[type="submit"]'));
        await clickAndWait(page, page.locator('main a.button--primary'));
      } else if (path === '/account/password') {
        const fresh = `${PASSWORD}-${suffix}`;
        const form = page.locator('form#password-form');
        await form.locator('input[name="current_password"]').fill(password);
        await form.locator('input[name="new_password"]').fill(fresh);
        await form.locator('input[name="confirm_password"]').fill(fresh);
        await clickAndWait(page, form.locator('button[type="submit"]'));
        password = fresh;
        await page.goto('/');
      } else {
        break;
      }
    }
    const path = new URL(page.url()).pathname;
    assert.equal(path, '/', `${login} signs in and lands on the dashboard (at ${page.url()})`);
  }

  return {
    login,
    /** Signs the administrator in on `page`, after any sign-in of it still running. */
    signIn(page) {
      const mine = turn.then(() => signInNow(page));
      turn = mine.catch(() => {});
      return mine;
    },
  };
}
