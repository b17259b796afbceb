// Japanese throughout: each role (the administrator: an extra one that scripts/e2e adds, since
// the demo's own is the MFA test's) signs in with a Japanese browser and opens every page of its main navigation and
// the pages those link to (one level, the same site, no downloads). A page fails when its
// visible text shows a raw code (a dotted lowercase code such as `risk.create`, an actor
// label such as `operator:demo`) or an English sentence (a run of three or more ASCII words),
// outside an allow-list of technical strings: ids, hashes, URLs, e-mail addresses, file names,
// guideline references, product names and control keys.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { ACCOUNTS, launchBrowser, newPage, signInWithoutMfa } from '../lib/harness.mjs';
import { extraAdmin } from '../lib/admin.mjs';
import { DEMO_ACCOUNTS, screenshotOnFailure } from '../lib/demo.mjs';

const admin = extraAdmin(process.env.ANZEN_E2E_I18N_ADMIN ?? '', { suffix: 'i18n' });

const ROLES = {
  admin: { login: admin.login },
  member: ACCOUNTS.member,
  reviewer: DEMO_ACCOUNTS.reviewer,
  partner: { login: 'partner@hinoki-cloud.example', name: '田中 パートナー' },
  auditor: { login: 'auditor@audit.example', name: '伊藤 監査人' },
};

/** At most this many pages a role, the navigation's first. */
const MAX_PAGES = 60;

/** Links not followed: downloads, sign-out and the language switch, forms' targets. */
const SKIP = /\.(csv|pdf|docx|xlsx|json|toml|png)(\?|$)|\/file$|\/download|^\/logout|^\/lang|^\/api\//;

/** Technical strings that may stand in a Japanese page as they are. */
const ALLOWED = [
  /\b[\w.+-]+@[\w-]+(\.[\w-]+)+\b/g, // e-mail addresses
  /\bhttps?:\/\/\S+/g, // URLs
  /\b[\w-]+(\.[\w-]+)*\.(example|jp|com|org|net|csv|pdf|docx|xlsx|toml|json|png|html)\b/g, // hosts, files
  /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, // ids
  /\b[0-9a-f]{12,}\b/gi, // hashes
  /\bISO\/IEC \d+(:\d+)?\b/g,
  /\b(?:ISMS|ISMAP|SOC ?2|JIS Q \d+|PrivacyMark|Privacy Mark)\b/g,
  /\bMicrosoft [A-Z]\w+( [A-Z]\w+)*/g, // product names
  /\bAmazon Web Services\b/g,
  /\bGoogle Cloud( Platform)?\b/g,
  /\bBIZ UDPGothic\b/g,
];

/** The page's visible text, without code, keyboard and form values. */
async function visibleText(page) {
  return page.evaluate(() => {
    const root = document.querySelector('main') ?? document.body;
    const clone = root.cloneNode(true);
    for (const el of clone.querySelectorAll('code, kbd, pre, samp, .mono, script, style, [hidden]')) {
      el.remove();
    }
    const header = document.querySelector('header')?.innerText ?? '';
    // innerText of a detached clone has no layout: textContent with block breaks instead.
    for (const el of clone.querySelectorAll('p, li, td, th, dt, dd, h1, h2, h3, h4, div, option, label, span, a, button, caption, legend, summary')) {
      el.append('\n');
    }
    return `${header}\n${clone.textContent}`;
  });
}

/** What a Japanese page should not show: raw codes and English sentences. */
export function findings(text) {
  let rest = text;
  for (const pattern of ALLOWED) rest = rest.replace(pattern, ' ');
  const found = [];
  for (const m of rest.matchAll(/\b(?:operator|user|system):[\w@.-]+/g)) found.push(`actor label: ${m[0]}`);
  for (const m of rest.matchAll(/(?<![\w.\/-])[a-z][a-z0-9]*_?[a-z0-9_]*(?:\.[a-z][a-z0-9_]*)+(?![\w\/-])/g)) {
    found.push(`code: ${m[0]}`);
  }
  for (const m of rest.matchAll(/\b[A-Za-z][a-z']+(?:[ ,;:-]+[A-Za-z][a-z']*){2,}\b/g)) {
    found.push(`English: ${m[0]}`);
  }
  return found;
}

test('the heuristic finds codes and English, and lets technical strings be', () => {
  assert.deepEqual(findings('監査 risk.create を記録'), ['code: risk.create']);
  assert.deepEqual(findings('実行者 operator:demo'), ['actor label: operator:demo']);
  assert.deepEqual(findings('risk not found in the trail'), ['English: risk not found in the trail']);
  assert.deepEqual(
    findings('admin@sakura-medical.example https://x.example/a b.csv ISO/IEC 27001 FAQ 5.2 GL 3.2 (c) 6a3f09b2c4d1'),
    [],
  );
});

/** The same-site links of the main navigation, then of each page's main content. */
async function links(page, selector) {
  return page.evaluate((sel) => {
    const out = [];
    for (const a of document.querySelectorAll(sel)) {
      const url = new URL(a.getAttribute('href') ?? '', location.href);
      if (url.origin === location.origin) out.push(url.pathname + url.search);
    }
    return out;
  }, selector);
}

for (const [role, account] of Object.entries(ROLES)) {
  test(`every page the ${role} reaches reads in Japanese`, async (t) => {
    const { context, page } = await newPage(browser, { locale: 'ja-JP' });
    try {
      await screenshotOnFailure(t, `japanese-${role}`, () => ({ page }), async () => {
        if (account === ROLES.admin) await admin.signIn(page);
        else await signInWithoutMfa(page, account);
        const nav = await links(page, 'nav.main-nav a');
        assert.ok(nav.length >= 2, `the ${role} has a navigation`);
        const queue = ['/', ...nav];
        const seen = new Set();
        const problems = [];
        for (let i = 0; i < queue.length && seen.size < MAX_PAGES; i += 1) {
          const path = queue[i];
          if (seen.has(path) || SKIP.test(path)) continue;
          seen.add(path);
          const response = await page.goto(path);
          if (!response || response.status() >= 500) {
            problems.push(`${path}: status ${response?.status()}`);
            continue;
          }
          assert.equal(await page.locator('html').getAttribute('lang'), 'ja', path);
          for (const f of findings(await visibleText(page))) problems.push(`${path}: ${f}`);
          // One level below the navigation: the pages this one links to.
          if (i <= nav.length) {
            for (const next of await links(page, 'main a[href]')) {
              if (!seen.has(next) && !queue.includes(next)) queue.push(next);
            }
          }
        }
        t.diagnostic(`${role}: ${seen.size} pages`);
        const unique = [...new Set(problems)];
        assert.deepEqual(unique, [], `raw codes or English in the Japanese UI of the ${role}`);
      });
    } finally {
      await context.close();
    }
  });
}

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});
