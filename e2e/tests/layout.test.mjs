// The layout at desktop widths (1,280 and 1,024 px), in Japanese and in English, for every
// role: each role signs in and visits the pages of its navigation and the pages of one
// offering (the offering, its supply chain, its controls, its checklist), a risk and an
// incident. Each page is photographed into e2e/artifacts/layout-ROLE-LANG-WIDTH-PAGE.png and
// must not scroll sideways, wrap a button's text, put the navigation on a second row, clip a
// table or cut a chain-diagram label (see e2e/lib/layout.mjs). A failure names the page,
// the width, the language and what is wrong.
//
// The administrator must enrol an authenticator at the first sign-in, and the demo's own
// administrator is the subject of signin-mfa.test.mjs; scripts/e2e therefore adds a second
// administrator (ANZEN_E2E_LAYOUT_ADMIN, the demo password, a password change due), which this
// test takes through the password change and the enrolment.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { DEMO, DEMO_ACCOUNTS } from '../lib/demo.mjs';
import {
  ACCOUNTS,
  PASSWORD,
  launchBrowser,
  newPage,
  screenshot,
  submitLogin,
} from '../lib/harness.mjs';
import { extraAdmin } from '../lib/admin.mjs';
import { layoutProblems } from '../lib/layout.mjs';

const WIDTHS = [1280, 1024];
const LANGS = [
  { code: 'ja', locale: 'ja-JP' },
  { code: 'en', locale: 'en-US' },
];

const ROLES = [
  { role: 'admin', login: process.env.ANZEN_E2E_LAYOUT_ADMIN ?? '' },
  { role: 'member', login: ACCOUNTS.member.login },
  { role: 'reviewer', login: DEMO_ACCOUNTS.reviewer.login },
  { role: 'partner', login: 'partner@hinoki-cloud.example' },
  { role: 'auditor', login: 'auditor@audit.example' },
];

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

/** The extra administrator (the demo's own is signin-mfa.test.mjs's). */
const admin = extraAdmin(ROLES[0].login, { suffix: 'layout' });

/** Signs in `login`; the administrator's first sign-in enrols it and changes its password. */
function signInOnce(page, login) {
  return login === admin.login ? admin.signIn(page) : signIn(page, login);
}

/** Signs in a user of the demo (no password change, no authenticator). */
async function signIn(page, login) {
  await submitLogin(page, login, PASSWORD);
  const path = new URL(page.url()).pathname;
  assert.equal(path, '/', `${login} signs in and lands on the dashboard (at ${page.url()})`);
}

/** The first link in `scope` whose path matches `pattern`, preferring the text `prefer`. */
async function firstLink(page, scope, pattern, prefer) {
  const links = await page.locator(`${scope} a[href]`).evaluateAll((as) =>
    as.map((a) => ({ href: a.getAttribute('href'), text: a.textContent.trim() })),
  );
  const matching = links.filter((l) => pattern.test(l.href));
  return (matching.find((l) => l.text === prefer) ?? matching[0])?.href ?? null;
}

/** The pages `login` reaches: its navigation, then one offering's, a risk's, an incident's. */
async function pagesOf(page) {
  await page.goto('/');
  const nav = await page
    .locator('nav.main-nav a[href^="/"]')
    .evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  const pages = [...new Set(nav)].map((path) => ({ path, fromNav: true }));
  const add = (path) => {
    if (path && !pages.some((p) => p.path === path)) pages.push({ path, fromNav: false });
  };
  if (nav.includes('/offerings')) {
    await page.goto('/offerings');
    const offering = await firstLink(page, 'main', /^\/offerings\/[0-9a-f-]{36}$/, DEMO.ehr);
    if (offering) {
      add(offering);
      add(`${offering}/chain`);
      // The chain assessed for an institution: more rows, longer labels.
      await page.goto(`${offering}/chain`);
      const institution = await page
        .locator('select[name="institution"] option')
        .evaluateAll((os) => os.map((o) => o.value).find((v) => v) ?? null);
      if (institution) add(`${offering}/chain?institution=${institution}`);
      add(`${offering}/controls`);
      add(`${offering}/checklist`);
    }
  }
  if (nav.includes('/risks')) {
    await page.goto('/risks');
    add(await firstLink(page, 'main', /^\/risks\/[0-9a-f-]{36}$/, DEMO.risks.shared));
  }
  const incidents = await page.goto('/incidents');
  if (incidents.status() === 200) {
    add('/incidents');
    add(await firstLink(page, 'main', /^\/incidents\/[0-9a-f-]{36}$/));
  }
  return pages;
}

/**
 * Opens each group of the main menu with the keyboard (Tab to its heading, Enter) and checks
 * that its entries show inside the window, that the page still holds, and that Enter closes
 * it again. Returns the problems found.
 */
async function menuProblems(page) {
  const problems = [];
  const groups = page.locator('nav.main-nav details.main-nav__menu');
  const count = await groups.count();
  for (let i = 0; i < count; i += 1) {
    const group = groups.nth(i);
    const summary = group.locator('summary');
    const name = (await summary.textContent()).trim();
    await summary.focus();
    await page.keyboard.press('Enter');
    if (!(await group.evaluate((d) => d.open))) {
      problems.push(`the menu "${name}" does not open with Enter`);
      continue;
    }
    const links = await group.locator('a').evaluateAll((as) =>
      as.map((a) => {
        const r = a.getBoundingClientRect();
        return { text: a.textContent.trim(), left: r.left, right: r.right, height: r.height };
      }),
    );
    const inner = await page.evaluate(() => document.documentElement.clientWidth);
    for (const link of links) {
      if (link.height < 1 || link.left < 0 || link.right > inner + 1) {
        problems.push(`the menu "${name}" shows "${link.text}" outside the window`);
      }
    }
    for (const problem of await layoutProblems(page)) {
      problems.push(`with the menu "${name}" open: ${problem}`);
    }
    await page.keyboard.press('Enter');
    if (await group.evaluate((d) => d.open)) {
      problems.push(`the menu "${name}" does not close with Enter`);
    }
  }
  return problems;
}

const slug = (path) => path.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, 'id').replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '') || 'dashboard';

describe('the layout holds at 1,280 and 1,024 px', { concurrency: 2, timeout: 900_000 }, () => {
  for (const { role, login } of ROLES) {
    for (const lang of LANGS) {
      test(`${role}, ${lang.code}`, { timeout: 300_000 }, async (t) => {
        assert.ok(login, `no login for ${role}: run the browser tests with scripts/e2e`);
        const { context, page } = await newPage(browser, { locale: lang.locale });
        try {
          await signInOnce(page, login);
          assert.equal(await page.locator('html').getAttribute('lang'), lang.code);
          const pages = await pagesOf(page);
          const failures = [];
          for (const { path, fromNav } of pages) {
            for (const width of WIDTHS) {
              await page.setViewportSize({ width, height: 900 });
              const response = await page.goto(path);
              const where = `${path} at ${width}px (${role}, ${lang.code})`;
              if (response.status() !== 200) {
                // A navigation entry always opens; a derived page may be closed to the role.
                if (fromNav) failures.push(`${where}: answered ${response.status()}`);
                else t.diagnostic(`${where}: answered ${response.status()}, not checked`);
                break;
              }
              await screenshot(page, `layout-${role}-${lang.code}-${width}-${slug(path)}`);
              for (const problem of await layoutProblems(page)) {
                failures.push(`${where}: ${problem}`);
              }
              if (path === '/') {
                for (const problem of await menuProblems(page)) {
                  failures.push(`${where}: ${problem}`);
                }
              }
            }
          }
          t.diagnostic(`${pages.length} pages checked: ${pages.map((p) => p.path).join(' ')}`);
          assert.deepEqual(failures, [], `layout problems:\n${failures.join('\n')}`);
        } finally {
          await context.close();
        }
      });
    }
  }
});
