// FAQ 5.1 / 5.2 in the browser: the provider's risk register and heat map; then a risk the
// provider accepts (a level that allows accepting) is shown to the institution's reviewer
// with its explanation, who agrees with the keyboard alone; the provider's page of the risk
// then shows that institution's consent (and the other institution still missing).
//
// The demo's own accepted risk is left untouched (it is only checked to be listed as
// awaiting consent): the consent test accepts a risk of its own with a unique title, so it
// can run again against the same server and alongside the other test files.
//
// Markup contract used here:
//   /risks: table#risks tr.risk-row[data-status] (title link), #risks-total, the search form
//     form#risk-filters with input[name=q], the link #risks-heat-map;
//   /risks/heat-map: table#heat-inherent and table#heat-residual, each cell td.heat with
//     .heat__count, and a caption ending in the total;
//   /risks/new: form#risk-form (offering, title, threat, vulnerability, confidentiality…,
//     radios impact-N / likelihood-N); the risk page #risk-status[data-status], #risk-treat,
//     ul#institutions li.institution[data-consent], table#consents tr.consent-row;
//   /risks/{id}/treatment: form#treatment-form (radio option-accept, rationale,
//     options_considered, radios residual_impact-N / residual_likelihood-N, explanation),
//     #treatment-save;
//   the institution's /risks/{id}: #explanation, #treatment, form#consent-form with
//     button#consent-confirm; once agreed #agreed and #consent-done, no form.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import {
  ACCOUNTS,
  clickAndWait,
  launchBrowser,
  newPage,
  screenshot,
  signInWithoutMfa,
} from '../lib/harness.mjs';
import {
  DEMO,
  DEMO_ACCOUNTS,
  findOfferingId,
  screenshotOnFailure,
  tabTo,
  uniqueLabel,
} from '../lib/demo.mjs';

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

const path = (page) => new URL(page.url()).pathname;
const text = async (locator) => ((await locator.textContent()) ?? '').trim();
const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
// Who agreed is recorded by the reviewer's login id (the principal's name); accept the
// display name too.
const REVIEWER = new RegExp(
  `${escape(DEMO_ACCOUNTS.reviewer.login)}|${escape(DEMO_ACCOUNTS.reviewer.name)}`,
);

/** The counts of a heat-map table: { 'IMPACT×LIKELIHOOD': count } by the row/column labels' numbers. */
async function heatCounts(table) {
  return table.evaluate((t) => {
    const columns = [...t.querySelectorAll('thead th')].slice(1).map((th) => th.textContent.trim().split(/\s/)[0]);
    const out = {};
    for (const tr of t.querySelectorAll('tbody tr')) {
      const impact = tr.querySelector('th').textContent.trim().split(/\s/)[0];
      [...tr.querySelectorAll('td')].forEach((td, i) => {
        const n = td.querySelector('.heat__count')?.textContent.trim() ?? '';
        out[`${impact}×${columns[i]}`] = { count: Number(n), level: td.className };
      });
    }
    return out;
  });
}

test('the provider sees the register, searches it, and the heat map counts the risks', async (t) => {
  const { context, page } = await newPage(browser);
  try {
    await screenshotOnFailure(t, 'risk-register', () => ({ page }), async () => {
      await signInWithoutMfa(page, ACCOUNTS.member);
      const list = await page.goto('/risks');
      assert.equal(list.status(), 200, '/risks');
      assert.equal(await text(page.locator('main h1')), 'リスク対応一覧');

      const rows = page.locator('table#risks tr.risk-row');
      const total = Number(await text(page.locator('#risks-total')));
      assert.ok(total >= 3, `the demo's three risks at least, got ${total}`);
      const titles = (await rows.locator('td:first-child a').allTextContents()).map((s) => s.trim());
      for (const title of Object.values(DEMO.risks)) {
        assert.ok(titles.includes(title), `the register lists ${title}; got ${JSON.stringify(titles)}`);
      }
      // The demo's accepted risk waits for the institutions (FAQ 5.1: the provider alone
      // never makes accepting effective).
      const accepted = rows.filter({ hasText: DEMO.risks.accepted });
      assert.equal(await accepted.getAttribute('data-status'), 'awaiting_consent');
      assert.match(await text(accepted), /リスク受容/);

      // The keyword search narrows the list to the matching risk.
      const filters = page.locator('form#risk-filters');
      await filters.locator('input[name="q"]').fill('バックアップからの復旧');
      const searched = await clickAndWait(page, filters.locator('button[type="submit"]'));
      assert.equal(searched.status(), 200);
      assert.equal(new URL(page.url()).searchParams.get('q'), 'バックアップからの復旧');
      assert.deepEqual(
        (await rows.locator('td:first-child a').allTextContents()).map((s) => s.trim()),
        [DEMO.risks.accepted],
        'only the matching risk is listed',
      );

      // The heat map, reached from the register's link (it keeps the filters: clear them).
      const heat = await page.goto('/risks');
      assert.equal(heat.status(), 200);
      const heatMap = await clickAndWait(page, page.locator('a#risks-heat-map'));
      assert.equal(heatMap.status(), 200);
      assert.equal(path(page), '/risks/heat-map');
      assert.equal(await text(page.locator('main h1')), 'ヒートマップ');
      const inherent = page.locator('table#heat-inherent');
      const residual = page.locator('table#heat-residual');
      assert.ok(await inherent.isVisible(), 'the inherent heat map is shown');
      assert.ok(await residual.isVisible(), 'the residual heat map is shown');

      const before = await heatCounts(inherent);
      assert.equal(Object.keys(before).length, 25, 'a 5×5 grid');
      const sum = (cells) => Object.values(cells).reduce((n, c) => n + c.count, 0);
      const captionTotal = async (table) =>
        Number((await text(table.locator('caption'))).match(/(\d+)）?$/)[1]);
      assert.equal(await captionTotal(inherent), sum(before), 'the caption total is the sum of the cells');
      assert.ok(sum(before) >= 3, `at least the demo's three risks, got ${sum(before)}`);
      // Demo risks: 4×4 (A), 3×2 (C), 5×3 (A).
      for (const [cell, level] of [['4×4', 'level--a'], ['3×2', 'level--c'], ['5×3', 'level--a']]) {
        assert.ok(before[cell].count >= 1, `cell ${cell} counts a demo risk`);
        assert.ok(before[cell].level.includes(level), `cell ${cell} is ${level}: ${before[cell].level}`);
      }
      const after = await heatCounts(residual);
      assert.equal(await captionTotal(residual), sum(after));
      assert.ok(sum(after) >= 2, `the two treated demo risks have a residual, got ${sum(after)}`);
      await screenshot(page, 'risk-heat-map');
    });
  } finally {
    await context.close();
  }
});

test('the institution agrees to an accepted risk with the keyboard and the provider sees it', async (t) => {
  const provider = await newPage(browser);
  let institution;
  try {
    await screenshotOnFailure(
      t,
      'risk-consent',
      () => ({ provider: provider.page, institution: institution?.page }),
      async () => {
        const p = provider.page;
        await signInWithoutMfa(p, ACCOUNTS.member);
        const ehr = await findOfferingId(p, DEMO.ehr);

        // 1. The provider identifies a risk of level C (impact 3 × likelihood 2) on the EHR.
        const title = uniqueLabel('e2e 同意テスト リスク');
        const explanation = `${uniqueLabel('e2e 説明')}: 夜間の一括処理が遅れる可能性があります。この残存リスクの受容にご同意ください。`;
        assert.equal((await p.goto(`/risks/new?offering=${ehr}`)).status(), 200);
        const form = p.locator('form#risk-form');
        await form.locator('select[name="offering"]').selectOption(ehr);
        await form.locator('input[name="title"]').fill(title);
        await form.locator('textarea[name="threat"]').fill('夜間バッチの処理遅延');
        await form.locator('textarea[name="vulnerability"]').fill('処理量の急増を想定していない');
        await form.locator('input[name="availability"]').check();
        await form.locator('input#impact-3').check();
        await form.locator('input#likelihood-2').check();
        const created = await clickAndWait(p, form.locator('button[type="submit"]'));
        assert.equal(created.status(), 200, 'the risk is created');
        const riskPath = path(p);
        assert.match(riskPath, /^\/risks\/[0-9a-f-]{36}$/);
        assert.equal(await text(p.locator('main h1')), title);
        assert.equal(await p.locator('#risk-status').getAttribute('data-status'), 'open');

        // 2. … and decides to accept it, with the explanation for the institutions.
        const treatPage = await clickAndWait(p, p.locator('a#risk-treat'));
        assert.equal(treatPage.status(), 200);
        assert.equal(path(p), `${riskPath}/treatment`);
        const treatment = p.locator('form#treatment-form');
        await treatment.locator('input#option-accept').check();
        await treatment.locator('textarea[name="rationale"]').fill('顕在化率が低く、追加の基盤費用に見合わない');
        await treatment
          .locator('textarea[name="options_considered"]')
          .fill('低減（処理基盤の増強）と比較した');
        await treatment.locator('input#residual_impact-3').check();
        await treatment.locator('input#residual_likelihood-2').check();
        await treatment.locator('textarea[name="explanation"]').fill(explanation);
        const treated = await clickAndWait(p, treatment.locator('#treatment-save'));
        assert.equal(treated.status(), 200, 'the treatment is saved');
        assert.equal(path(p), riskPath);
        assert.equal(await p.locator('#risk-status').getAttribute('data-status'), 'awaiting_consent');
        const hospitalRow = p.locator('ul#institutions li.institution', { hasText: DEMO.hospital });
        assert.equal(await hospitalRow.getAttribute('data-consent'), 'missing');

        // 3. The hospital's reviewer finds it in the register and opens it.
        institution = await newPage(browser);
        const q = institution.page;
        await signInWithoutMfa(q, DEMO_ACCOUNTS.reviewer);
        assert.equal((await q.goto(`/risks?q=${encodeURIComponent(title)}`)).status(), 200);
        const row = q.locator('table#risks tr.risk-row', { hasText: title });
        assert.equal(await row.count(), 1, 'the institution sees the risk in its register');
        assert.equal(await row.getAttribute('data-status'), 'awaiting_consent');
        const opened = await clickAndWait(q, row.locator(`a[href="${riskPath}"]`));
        assert.equal(opened.status(), 200);
        assert.equal(path(q), riskPath);

        // The consent screen: the risk, the option, why, the options weighed, the residual
        // risk and the explanation, and a plain form (no script on the page).
        assert.equal(await text(q.locator('main h1')), 'リスク対応の確認と同意');
        assert.equal(await text(q.locator('main p.lead')), title);
        assert.equal(await text(q.locator('#explanation')), explanation);
        const shownTreatment = await text(q.locator('#treatment'));
        assert.match(shownTreatment, /リスク受容/);
        assert.match(shownTreatment, /医療機関等の同意が必要/);
        assert.match(shownTreatment, /追加の基盤費用に見合わない/);
        assert.match(shownTreatment, /処理基盤の増強/);
        assert.match(await text(q.locator('#residual')), /C/);
        assert.equal(await q.locator('#agreed').count(), 0, 'not agreed yet');
        const consentForm = q.locator('form#consent-form');
        assert.equal(await consentForm.getAttribute('method'), 'post');
        assert.equal(await consentForm.getAttribute('action'), `${riskPath}/consent`);
        assert.equal(await q.locator('script').count(), 0, 'the page has no JavaScript');

        // 4. Agree with the keyboard alone: Tab to the button, press Enter.
        const presses = await tabTo(q, '#consent-confirm');
        t.diagnostic(`#consent-confirm reached after ${presses} presses of Tab`);
        const navigation = q.waitForNavigation({ waitUntil: 'load' });
        await q.keyboard.press('Enter');
        const agreed = await navigation;
        assert.equal(agreed.status(), 200);
        assert.equal(path(q), riskPath, 'back on the risk');
        assert.equal(await text(q.locator('.flash .flash__message')), '同意を記録しました。');
        assert.match(await text(q.locator('#agreed')), REVIEWER);
        assert.equal(await q.locator('#consent-done').count(), 1);
        assert.equal(await q.locator('form#consent-form').count(), 0, 'no second agreement');
        await screenshot(q, 'risk-consent-institution');

        // 5. The provider's page of the risk shows the hospital's consent; the clinic (also
        // contracting the EHR) has not agreed, so accepting is not yet in effect.
        assert.equal((await p.reload()).status(), 200);
        assert.equal(await hospitalRow.getAttribute('data-consent'), 'agreed');
        const clinicRow = p.locator('ul#institutions li.institution', { hasText: DEMO.clinic });
        assert.equal(await clinicRow.getAttribute('data-consent'), 'missing');
        assert.equal(await p.locator('#risk-status').getAttribute('data-status'), 'awaiting_consent');
        const consents = p.locator('table#consents tr.consent-row');
        assert.equal(await consents.count(), 1, 'one consent recorded');
        const consent = await text(consents);
        assert.match(consent, new RegExp(DEMO.hospital));
        assert.match(consent, REVIEWER);
        assert.match(consent, /現在の内容/);
        await screenshot(p, 'risk-consent-provider');
      },
    );
  } finally {
    await provider.context.close();
    await institution?.context.close();
  }
});
