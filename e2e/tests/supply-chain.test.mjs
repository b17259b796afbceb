// The supply chain (GL 2.2, FAQ 2.1, 6.1): the chain diagram of the cloud EHR as an SVG with
// each party's role, also assessed for one institution; the device ledger refusing a device
// without its serial number (nothing created) and taking it with one; and change
// notifications reaching the institution that contracts the changed offering — and only it.
//
// What the tests create (devices, notifications) carries a unique label, so the tests can
// run again against the same server and alongside the other files.
//
// Markup contract used here:
//   /offerings/{id}: a#chain-diagram-link;
//   /offerings/{id}/chain: figure#chain-diagram > svg#chain-svg (role=img, <title>) with
//     g.chain-box.chain-box--{offering,application,platform,infrastructure,institution}
//     and path.chain-edge; table#chain-components tr.chain-component[data-code]; the form
//     form#chain-institution-form (select[name=institution]); #provision-form[data-form];
//   /devices/new: form#device-form (kind, model, serial, location, holder, …), errors
//     #field-NAME-error, the summary's links to #field-NAME; /devices: tr.device[data-serial];
//   /notifications/new: form#announce-form (kind, offering, summary); /notifications:
//     table#notifications tr.notification with .notification__summary, #unacknowledged-count.

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
import { DEMO, DEMO_ACCOUNTS, findOfferingId, screenshotOnFailure, uniqueLabel } from '../lib/demo.mjs';

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

const path = (page) => new URL(page.url()).pathname;
const text = async (locator) => ((await locator.textContent()) ?? '').trim();
/** The lines drawn in an SVG box (its <text> elements, not the <title> tooltip). */
const drawn = async (box) => (await box.locator('text').allTextContents()).map((s) => s.trim());

test('the chain diagram shows the parties of the cloud EHR with their roles', async (t) => {
  const { context, page } = await newPage(browser);
  try {
    await screenshotOnFailure(t, 'supply-chain-diagram', () => ({ page }), async () => {
      await signInWithoutMfa(page, ACCOUNTS.member);
      const ehr = await findOfferingId(page, DEMO.ehr);
      assert.equal((await page.goto(`/offerings/${ehr}`)).status(), 200);
      const opened = await clickAndWait(page, page.locator('a#chain-diagram-link'));
      assert.equal(opened.status(), 200);
      assert.equal(path(page), `/offerings/${ehr}/chain`);
      assert.equal(await text(page.locator('main h1')), `サプライチェーン図: ${DEMO.ehr}`);

      // The SVG is drawn and visible, with an accessible name.
      const svg = page.locator('figure#chain-diagram svg#chain-svg');
      assert.ok(await svg.isVisible(), 'the diagram is visible');
      const size = await svg.boundingBox();
      assert.ok(size && size.width > 100 && size.height > 100, `drawn at ${JSON.stringify(size)}`);
      assert.equal(await svg.getAttribute('role'), 'img');
      assert.match(await text(svg.locator('title#chain-svg-title')), new RegExp(DEMO.ehr));

      // The offering with its provider in the role of provider A …
      const offering = svg.locator('g.chain-box--offering');
      assert.equal(await offering.count(), 1);
      assert.deepEqual(await drawn(offering), [DEMO.ehr, DEMO.provider, '対象事業者（事業者A）']);
      // … and its two components, each supplier in the role of a component's supplier.
      const application = svg.locator('g.chain-box--application');
      const infrastructure = svg.locator('g.chain-box--infrastructure');
      assert.equal(await application.count(), 1, 'one application component (A2)');
      assert.equal(await infrastructure.count(), 1, 'one infrastructure component (I1)');
      const a2 = await drawn(application);
      assert.match(a2[0], /^A2/);
      assert.ok(a2.includes(DEMO.devSubcontractor), `A2's supplier: ${JSON.stringify(a2)}`);
      assert.ok(a2.includes('構成要素を提供する事業者'), `A2's role: ${JSON.stringify(a2)}`);
      const i1 = await drawn(infrastructure);
      assert.match(i1[0], /^I1/);
      assert.ok(i1.includes(DEMO.iaas), `I1's supplier: ${JSON.stringify(i1)}`);
      assert.ok(i1.includes('構成要素を提供する事業者'), `I1's role: ${JSON.stringify(i1)}`);
      assert.equal(await svg.locator('g.chain-box--institution').count(), 0, 'no institution chosen');
      // One edge per component, labelled with who selected and who contracts.
      const edges = svg.locator('path.chain-edge');
      assert.equal(await edges.count(), 2);
      for (const title of await edges.locator('title').allTextContents()) {
        assert.match(title, new RegExp(`選定: ${DEMO.provider} / 契約: ${DEMO.provider}`));
      }
      // The same content as a table.
      const codes = await page
        .locator('table#chain-components tr.chain-component')
        .evaluateAll((trs) => trs.map((tr) => tr.dataset.code).sort());
      assert.deepEqual(codes, ['A2', 'I1']);
      await screenshot(page, 'supply-chain-diagram');

      // Assessed for the hospital: the institution joins the diagram, and the provision
      // form is "several providers" (GL 2.2.2).
      const form = page.locator('form#chain-institution-form');
      await form.locator('select[name="institution"]').selectOption({ label: DEMO.hospital });
      const assessed = await clickAndWait(page, form.locator('button[type="submit"]'));
      assert.equal(assessed.status(), 200);
      const institution = svg.locator('g.chain-box--institution');
      assert.equal(await institution.count(), 1, 'the institution is drawn');
      const hospital = await drawn(institution);
      assert.ok(hospital.includes(DEMO.hospital), `the institution box: ${JSON.stringify(hospital)}`);
      assert.ok(hospital.includes('医療機関等'), `its role: ${JSON.stringify(hospital)}`);
      assert.equal(await page.locator('#provision-form').getAttribute('data-form'), 'several_providers');
      assert.match(await text(svg.locator('g.chain-box--infrastructure')), /リスク管理: 事業者A/);
    });
  } finally {
    await context.close();
  }
});

test('a device without its serial number is refused and not created', async (t) => {
  const { context, page } = await newPage(browser);
  try {
    await screenshotOnFailure(t, 'supply-chain-device', () => ({ page }), async () => {
      await signInWithoutMfa(page, ACCOUNTS.member);
      const model = uniqueLabel('e2e 機器');
      const serial = uniqueLabel('SN');

      assert.equal((await page.goto('/devices/new')).status(), 200);
      const form = page.locator('form#device-form');
      await form.locator('select[name="kind"]').selectOption('dedicated_pc');
      await form.locator('input[name="model"]').fill(model);
      await form.locator('select[name="institution"]').selectOption({ label: DEMO.hospital });
      await form.locator('input[name="location"]').fill('みなと総合病院 放射線科 読影室');
      await form.locator('input[name="holder"]').fill(DEMO.provider);
      await form.locator('input[name="serial"]').fill('');

      // The browser itself holds the form back: the serial is the one required field missing.
      const invalid = await form.evaluate((f) =>
        [...f.elements].filter((e) => e.willValidate && !e.checkValidity()).map((e) => e.name),
      );
      assert.deepEqual(invalid, ['serial'], 'only the serial number is missing');

      // Without the browser's check, the server refuses it and names the serial field.
      await form.evaluate((f) => {
        f.noValidate = true;
      });
      const refused = await clickAndWait(page, form.locator('button[type="submit"]'));
      assert.equal(refused.status(), 422, 'the form is shown again with the error');
      assert.equal(path(page), '/devices');
      const error = page.locator('#field-serial-error');
      assert.ok(await error.isVisible(), 'an error next to the serial field');
      assert.match(await text(error), /シリアル番号/, 'the message names the serial number');
      assert.equal(await page.locator('#field-serial').getAttribute('aria-invalid'), 'true');
      const summaryLink = page.locator('.error-summary a[href="#field-serial"]');
      assert.equal(await summaryLink.count(), 1, 'the error summary links to the serial field');
      assert.equal(await page.locator('.field__error').count(), 1, 'only the serial is at fault');
      assert.equal(await page.locator('#field-model').inputValue(), model, 'the typed values are kept');
      await screenshot(page, 'supply-chain-device-refused');

      // Nothing was created.
      assert.equal((await page.goto('/devices')).status(), 200);
      assert.equal(
        await page.locator('tr.device', { hasText: model }).count(),
        0,
        'no device with that model in the ledger',
      );

      // With the serial number it is created (the check above would have seen it).
      assert.equal((await page.goto('/devices/new')).status(), 200);
      await form.locator('select[name="kind"]').selectOption('dedicated_pc');
      await form.locator('input[name="model"]').fill(model);
      await form.locator('input[name="serial"]').fill(serial);
      await form.locator('select[name="institution"]').selectOption({ label: DEMO.hospital });
      await form.locator('input[name="location"]').fill('みなと総合病院 放射線科 読影室');
      await form.locator('input[name="holder"]').fill(DEMO.provider);
      const created = await clickAndWait(page, form.locator('button[type="submit"]'));
      assert.equal(created.status(), 200);
      assert.equal(path(page), '/devices');
      const row = page.locator(`tr.device[data-serial="${serial}"]`);
      assert.equal(await row.count(), 1, 'the device is in the ledger');
      assert.match(await text(row), new RegExp(DEMO.hospital));
      assert.equal(await page.locator('tr.device', { hasText: model }).count(), 1, 'once');
    });
  } finally {
    await context.close();
  }
});

test('a change to the cloud EHR is listed in the institution’s notifications, another offering’s is not', async (t) => {
  const provider = await newPage(browser);
  let institution;
  try {
    await screenshotOnFailure(
      t,
      'supply-chain-notifications',
      () => ({ provider: provider.page, institution: institution?.page }),
      async () => {
        const p = provider.page;
        await signInWithoutMfa(p, ACCOUNTS.member);
        const ehr = await findOfferingId(p, DEMO.ehr);
        const care = await findOfferingId(p, DEMO.careRecords);

        /** Announces a change of `offering`; returns the number of organisations notified. */
        const announce = async (offering, summary) => {
          assert.equal((await p.goto('/notifications/new')).status(), 200);
          const form = p.locator('form#announce-form');
          await form.locator('select[name="kind"]').selectOption('offering');
          await form.locator('select[name="offering"]').selectOption(offering);
          await form.locator('textarea[name="summary"]').fill(summary);
          const sent = await clickAndWait(p, form.locator('button[type="submit"]'));
          assert.equal(sent.status(), 200, 'the change is announced');
          assert.equal(path(p), '/notifications');
          const flash = await text(p.locator('.flash .flash__message'));
          assert.match(flash, /変更を通知しました/);
          return Number(flash.match(/(\d+)\s*$/)?.[1]);
        };
        const ehrChange = `${uniqueLabel('e2e 変更通知')}: バックアップの保存先リージョンを追加します`;
        const careChange = `${uniqueLabel('e2e 変更通知')}: 介護記録クラウドの画面を更新します`;
        const ehrNotified = await announce(ehr, ehrChange);
        assert.ok(ehrNotified >= 2, `the EHR's change reaches its institutions, got ${ehrNotified}`);
        await announce(care, careChange);

        institution = await newPage(browser);
        const q = institution.page;
        await signInWithoutMfa(q, DEMO_ACCOUNTS.reviewer);
        assert.equal((await q.goto('/notifications')).status(), 200);
        assert.equal(await text(q.locator('main h1')), '変更通知');
        const rows = q.locator('table#notifications tr.notification');
        assert.ok((await rows.count()) >= 1, 'the institution has notifications');
        const summaries = (await rows.locator('.notification__summary').allTextContents()).map((s) =>
          s.trim(),
        );
        assert.ok(summaries.includes(ehrChange), `the EHR's change is listed: ${JSON.stringify(summaries)}`);
        assert.ok(
          !summaries.includes(careChange),
          'the change of an offering the hospital does not contract is not listed',
        );
        const row = rows.filter({ hasText: ehrChange });
        assert.equal(await row.count(), 1);
        const cells = row.locator('td');
        assert.equal(await text(cells.nth(1)), DEMO.provider, 'from the provider');
        assert.match(await text(cells.nth(2)), new RegExp(DEMO.ehr));
        const reasons = (await row.locator('li.reason').allTextContents()).map((s) => s.trim());
        assert.ok(
          reasons.includes('影響を受ける提供サービスを契約する医療機関等'),
          `why the hospital is told: ${JSON.stringify(reasons)}`,
        );
        assert.ok(await row.evaluate((tr) => tr.classList.contains('notification--new')), 'not acknowledged');
        assert.ok(Number(await text(q.locator('#unacknowledged-count'))) >= 1);
        await screenshot(q, 'supply-chain-notifications');

        // The notification leads the institution to the changed offering's chain diagram.
        const link = row.locator(`a[href="/offerings/${ehr}/chain"]`);
        assert.equal(await link.count(), 1, 'a link to the chain diagram');
        const chain = await clickAndWait(q, link);
        assert.equal(chain.status(), 200);
        assert.ok(await q.locator('svg#chain-svg').isVisible(), 'the institution sees the diagram');
      },
    );
  } finally {
    await provider.context.close();
    await institution?.context.close();
  }
});
