// The scope wizard, one question at a time, answered for the cloud-EHR example
// (examples/scope-profiles/cloud-ehr.json), until the verdict.
//
// Markup contract of /scope/wizard:
//   - the form is form#wizard, its submit button #wizard-next;
//   - the first step has input#wizard-service (the offering's name);
//   - every later step has one fieldset[data-question=FIELD] (FIELD as in the scope profile,
//     e.g. "contract.provision") with radio inputs name="answer" whose values are the
//     profile's value spellings ("true"/"false", or enum codes such as "provider_judgement");
//   - the verdict is section#verdict[data-in-scope="true"|"false"] with
//     li.verdict-category[data-code=CODE] and reasons .reason containing .reason-ref ("FAQ 1").

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

// The cloud EHR: provided under contract, receives and stores medical information. Its
// deployment is the profile's default (outside the institution: a cloud service).
const CLOUD_EHR = {
  'contract.provision': 'true',
  handles_medical_information: 'true',
  stores_medical_information: 'true',
  deployment: 'outside_institution',
};

/** The answer for FIELD among the offered VALUES: the example's, else "false"/"none", else the first. */
function answerFor(field, values) {
  const wanted = CLOUD_EHR[field];
  if (wanted !== undefined && values.includes(wanted)) return wanted;
  for (const fallback of ['false', 'none']) if (values.includes(fallback)) return fallback;
  return values[0];
}

const MAX_STEPS = 40;

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

test('the wizard, answered for a cloud EHR, finds a contracted provider (FAQ 1)', async (t) => {
  const { context, page } = await newPage(browser);
  try {
    await signInWithoutMfa(page, ACCOUNTS.member);
    const start = await page.goto('/scope/wizard');
    assert.equal(start.status(), 200, '/scope/wizard');

    const asked = [];
    const verdict = page.locator('section#verdict');
    for (let i = 0; (await verdict.count()) === 0; i += 1) {
      assert.ok(i < MAX_STEPS, `no verdict after ${MAX_STEPS} steps; asked: ${asked.join(', ')}`);
      const form = page.locator('form#wizard');
      assert.equal(await form.count(), 1, `step ${i}: form#wizard (at ${page.url()})`);

      const service = form.locator('input#wizard-service');
      if ((await service.count()) > 0) {
        await service.fill('e2e クラウド型電子カルテ');
        asked.push('service');
      } else {
        const questions = form.locator('fieldset[data-question]');
        assert.equal(await questions.count(), 1, `step ${i}: one question per step`);
        const field = await questions.getAttribute('data-question');
        const values = await questions
          .locator('input[type="radio"][name="answer"]')
          .evaluateAll((inputs) => inputs.map((input) => input.value));
        assert.ok(values.length >= 2, `${field}: radio options, got ${JSON.stringify(values)}`);
        assert.ok(
          asked.filter((f) => f === field).length < 2,
          `${field} asked a third time (an answer refused?); asked: ${asked.join(', ')}`,
        );
        const answer = answerFor(field, values);
        await questions.locator(`input[name="answer"][value="${answer}"]`).check();
        asked.push(field);
        t.diagnostic(`${field} → ${answer} (of ${values.join('/')})`);
      }
      const response = await clickAndWait(page, form.locator('#wizard-next'));
      assert.ok(response.status() < 400, `step ${i}: the wizard answered ${response.status()}`);
    }
    t.diagnostic(`${asked.length} steps: ${asked.join(', ')}`);

    assert.equal(await verdict.getAttribute('data-in-scope'), 'true');
    assert.ok(
      (await page.locator('li.verdict-category[data-code="contracted_provider"]').count()) >= 1,
      'the category contracted_provider',
    );
    const refs = (await page.locator('.reason .reason-ref').allTextContents()).map((s) => s.trim());
    assert.ok(
      refs.some((ref) => ref.startsWith('FAQ')),
      `a reason cites the FAQ; refs: ${JSON.stringify(refs)}`,
    );
    await screenshot(page, 'scope-wizard-verdict');
  } finally {
    await context.close();
  }
});
