// Helpers for the tests that work on the demo's records (risks, statements, the supply
// chain): the demo's names, unique labels for what a test creates, finding an offering,
// keyboard navigation, a small CSV reader, and a screenshot when a test fails.

import { randomBytes } from 'node:crypto';

import { screenshot } from './harness.mjs';

/** Accounts of `anzen demo` not in harness.ACCOUNTS (no MFA needed for either). */
export const DEMO_ACCOUNTS = {
  /** The institution reviewer of みなと総合病院 (contracts the cloud EHR). */
  reviewer: { login: 'it@minato-hospital.example', name: '高橋 情報システム課' },
};

/** Names in the demo data (crates/anzen-app/src/demo.rs). */
export const DEMO = {
  provider: 'さくらメディカルクラウド株式会社',
  hospital: 'みなと総合病院',
  clinic: 'やまぶき内科クリニック',
  iaas: 'ひのきクラウド基盤株式会社',
  devSubcontractor: 'かえでシステム開発株式会社',
  /** The cloud EHR: contracted by the hospital and the clinic; supplied by I1 and A2. */
  ehr: 'さくらクラウド電子カルテ',
  /** The care-records cloud: contracted by the care provider only. */
  careRecords: 'さくら介護記録クラウド',
  /** The EHR's risks. */
  risks: {
    shared: '共用端末でのパスワード漏えいによるなりすまし',
    accepted: '広域災害時のバックアップからの復旧遅延',
    open: '障害解析のための本番データの持ち出し',
  },
};

/** A label no other test (or earlier run against the same server) uses: `prefix-…`. */
export function uniqueLabel(prefix) {
  return `${prefix}-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
}

/** The id of the offering named exactly `name`, from the offerings list the user sees. */
export async function findOfferingId(page, name) {
  const response = await page.goto(`/offerings?q=${encodeURIComponent(name)}`);
  if (response.status() !== 200) throw new Error(`/offerings answered ${response.status()}`);
  const hrefs = await page
    .locator('table#offerings a[href^="/offerings/"]')
    .evaluateAll(
      (links, wanted) =>
        links.filter((a) => a.textContent.trim() === wanted).map((a) => a.getAttribute('href')),
      name,
    );
  if (hrefs.length !== 1) {
    throw new Error(`expected one offering named ${name}, found ${JSON.stringify(hrefs)}`);
  }
  return hrefs[0].split('/').pop();
}

/**
 * Presses Tab from the top of the page until the focused element matches `selector`
 * (reachable with the keyboard alone); returns how many presses it took.
 */
export async function tabTo(page, selector, { max = 250 } = {}) {
  await page.evaluate(() => {
    if (document.activeElement instanceof HTMLElement) document.activeElement.blur();
    window.scrollTo(0, 0);
  });
  for (let presses = 1; presses <= max; presses += 1) {
    await page.keyboard.press('Tab');
    const there = await page.evaluate(
      (sel) => document.activeElement?.matches(sel) ?? false,
      selector,
    );
    if (there) return presses;
  }
  throw new Error(`${selector} was not reached with ${max} presses of Tab`);
}

/** Reads RFC 4180 CSV (quoted cells, doubled quotes, CRLF or LF, an optional BOM). */
export function parseCsv(text) {
  const rows = [];
  let row = [];
  let cell = '';
  let quoted = false;
  const src = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < src.length; i += 1) {
    const ch = src[i];
    if (quoted) {
      if (ch === '"' && src[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (ch === '"') {
        quoted = false;
      } else {
        cell += ch;
      }
    } else if (ch === '"') {
      quoted = true;
    } else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && src[i + 1] === '\n') i += 1;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else {
      cell += ch;
    }
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

/**
 * Runs `body`; when it throws, saves a screenshot of each page in `pages` (an object
 * name → page) to e2e/artifacts/`name`-failure-NAME.png, then throws again.
 */
export async function screenshotOnFailure(t, name, pages, body) {
  try {
    return await body();
  } catch (error) {
    for (const [which, page] of Object.entries(pages())) {
      if (!page || page.isClosed()) continue;
      try {
        const path = await screenshot(page, `${name}-failure-${which}`);
        t.diagnostic(`failure screenshot: ${path} (at ${page.url()})`);
      } catch (shotError) {
        t.diagnostic(`no failure screenshot of ${which}: ${shotError.message}`);
      }
    }
    throw error;
  }
}
