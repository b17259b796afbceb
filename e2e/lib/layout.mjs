// Layout checks for the browser tests: what a page must hold at a desktop width (no
// sideways scrolling of the page, buttons on one line, the main navigation on one row,
// tables that fit or scroll as a whole, chain-diagram labels inside their boxes). Each
// check runs in the page and returns a list of problems in words, empty when all is well.

/**
 * Runs every layout check on the page as it is now and returns the problems found
 * (strings naming the element), empty when the layout holds.
 */
export async function layoutProblems(page) {
  return page.evaluate(() => {
    const problems = [];
    const doc = document.documentElement;
    const viewport = doc.clientWidth;

    const describe = (el) => {
      let s = el.tagName.toLowerCase();
      if (el.id) s += `#${el.id}`;
      const cls = typeof el.className === 'string' ? el.className.trim() : '';
      if (cls) s += `.${cls.split(/\s+/).slice(0, 2).join('.')}`;
      const text = (el.textContent || '').trim().replace(/\s+/g, ' ');
      if (text) s += ` "${text.slice(0, 40)}"`;
      return s;
    };
    const visible = (el) => {
      const r = el.getBoundingClientRect();
      if (r.width < 2 || r.height < 2) return false;
      const cs = getComputedStyle(el);
      return cs.visibility !== 'hidden' && cs.display !== 'none';
    };
    // The nearest ancestor that clips or scrolls sideways (null: the page itself).
    const sidewaysBox = (el) => {
      for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
        const ox = getComputedStyle(a).overflowX;
        if (ox !== 'visible') return a;
      }
      return null;
    };
    // How many lines the text of `el` takes (distinct line boxes of its text).
    const lineCount = (el) => {
      const range = document.createRange();
      range.selectNodeContents(el);
      const tops = [];
      for (const r of range.getClientRects()) {
        if (r.width < 1 || r.height < 1) continue;
        if (!tops.some((t) => Math.abs(t - r.bottom) < r.height / 2)) tops.push(r.bottom);
      }
      return tops.length;
    };

    // 1. The page does not scroll sideways.
    const widest = Math.max(doc.scrollWidth, document.body.scrollWidth);
    if (widest > viewport + 1) {
      const culprits = [];
      for (const el of document.body.querySelectorAll('*')) {
        if (!visible(el) || sidewaysBox(el)) continue;
        if (el.getBoundingClientRect().right > viewport + 1) culprits.push(el);
      }
      // Report the outermost culprits only.
      const outer = culprits.filter((el) => !culprits.some((o) => o !== el && o.contains(el)));
      problems.push(
        `the page is ${widest}px wide in a ${viewport}px window (too wide: ${outer
          .slice(0, 4)
          .map(describe)
          .join('; ')})`,
      );
    }

    // 2. No button's text wraps: a button is no taller than one line of its text.
    for (const el of document.querySelectorAll(
      'button, .button, input[type="submit"], input[type="button"]',
    )) {
      if (!visible(el)) continue;
      const cs = getComputedStyle(el);
      const fontSize = parseFloat(cs.fontSize);
      const lineHeight = cs.lineHeight === 'normal' ? fontSize * 1.3 : parseFloat(cs.lineHeight);
      const box = el.getBoundingClientRect();
      const content =
        box.height -
        parseFloat(cs.paddingTop) -
        parseFloat(cs.paddingBottom) -
        parseFloat(cs.borderTopWidth) -
        parseFloat(cs.borderBottomWidth);
      const wrapped = el.tagName === 'INPUT' ? content > lineHeight * 1.5 : lineCount(el) > 1;
      if (wrapped || content > Math.max(lineHeight * 1.5, parseFloat(cs.minHeight) || 0)) {
        problems.push(
          `a button's text wraps: ${describe(el)} is ${Math.round(box.height)}px high for ${Math.round(
            lineHeight,
          )}px lines`,
        );
      }
    }

    // 3. The main navigation takes one row and does not overflow.
    const nav = document.querySelector('nav.main-nav');
    if (nav) {
      const items = [...nav.querySelectorAll('.main-nav__list > li')].filter(visible);
      const rows = new Set(items.map((li) => Math.round(li.getBoundingClientRect().top)));
      if (rows.size > 1) {
        problems.push(`the navigation takes ${rows.size} rows (${items.length} entries)`);
      }
      const list = nav.querySelector('.main-nav__list');
      if (list && list.scrollWidth > list.clientWidth + 1) {
        problems.push(
          `the navigation is ${list.scrollWidth}px wide in ${list.clientWidth}px and is cut off`,
        );
      }
    }

    // 4. Tables fit, or scroll as a whole inside a scroll container; never clipped.
    for (const table of document.querySelectorAll('main table')) {
      if (!visible(table)) continue;
      const box = sidewaysBox(table);
      const width = table.getBoundingClientRect().width;
      if (box) {
        const ox = getComputedStyle(box).overflowX;
        if ((ox === 'hidden' || ox === 'clip') && width > box.clientWidth + 1) {
          problems.push(`a table is clipped: ${describe(table)} in ${describe(box)}`);
        }
      }
      // Narrow columns (numbers, '#', 項番) keep to one line.
      for (const cell of table.querySelectorAll('th.numeric, td.numeric, .nowrap')) {
        if (visible(cell) && lineCount(cell) > 1) {
          problems.push(`a narrow column wraps: ${describe(cell)} in ${describe(table)}`);
          break;
        }
      }
      for (const th of table.querySelectorAll('thead th')) {
        if (visible(th) && lineCount(th) > 1) {
          problems.push(`a column heading wraps: ${describe(th)}`);
          break;
        }
      }
    }

    // 5. The chain diagram: shown whole at the page's width, every text inside its box.
    for (const svg of document.querySelectorAll('main svg.chain-svg')) {
      const canvas = svg.parentElement;
      const shown = svg.getBoundingClientRect().width;
      if (shown > canvas.clientWidth + 1) {
        problems.push(
          `the chain diagram is ${Math.round(shown)}px wide in a ${canvas.clientWidth}px frame`,
        );
      }
      const vb = svg.viewBox.baseVal;
      const scale = vb && vb.width ? shown / vb.width : 1;
      if (scale < 0.75) {
        problems.push(`the chain diagram is shrunk to ${Math.round(scale * 100)}%: labels unreadable`);
      }
      for (const group of svg.querySelectorAll('g.chain-box, g.chain-label')) {
        const frame = group.querySelector('rect');
        if (!frame) continue;
        const f = frame.getBBox();
        for (const text of group.querySelectorAll('text')) {
          const b = text.getBBox();
          const cut = text.textContent.endsWith('…');
          if (cut || b.x < f.x - 0.5 || b.x + b.width > f.x + f.width + 0.5) {
            problems.push(
              `a chain-diagram label does not fit its box: "${text.textContent}" (${Math.round(
                b.width,
              )} of ${Math.round(f.width)} units${cut ? ', shortened' : ''})`,
            );
          }
        }
      }
      if (vb && vb.width) {
        const all = svg.getBBox();
        if (all.x < vb.x - 0.5 || all.x + all.width > vb.x + vb.width + 0.5) {
          problems.push('the chain diagram draws outside its viewBox');
        }
      }
    }
    return problems;
  });
}
