"""Controls a reader can see: every control's boundary and every focus indicator at 3:1 or more
against what is around it, in both colour schemes (WCAG 2.2, 1.4.11), measured on the pixels
Chromium draws, not on the style sheet (issue 22).

A control's boundary is the colour that most of its outline is drawn in (the pixels just inside
its edge, or its circle), against the colour most of its surroundings have. A focus indicator
is what focusing changes: the pixels that differ between the control unfocused and focused,
compared one by one, must differ by 3:1 over at least a perimeter's worth of pixels.
"""

from __future__ import annotations

import base64

import pytest

from support import real

pytestmark = pytest.mark.browser
CONTENT = real.loaded().content
CHECKLIST = f"checklists/{CONTENT.checklists[0].id}/"
SCHEMES = ("light", "dark")
PAD = 6  # px of the surroundings taken with each control

# Pixels of a screenshot, read back in the browser; the measures, in the browser too.
MEASURE = """async ([png, png2, shape, pad]) => {
  const read = async (data) => {
    const img = new Image(); img.src = 'data:image/png;base64,' + data; await img.decode();
    const c = document.createElement('canvas'); c.width = img.width; c.height = img.height;
    const g = c.getContext('2d'); g.drawImage(img, 0, 0);
    return [g.getImageData(0, 0, c.width, c.height).data, c.width, c.height];
  };
  const lum = (r, g, b) => {
    const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b); };
  const ratio = (a, b) => {
    const x = lum(...a), y = lum(...b); return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05); };
  const [px, w, h] = await read(png);
  const at = (d, x, y) => { const i = 4 * (y * w + x); return [d[i], d[i + 1], d[i + 2]]; };
  const inner = [pad, pad, w - 2 * pad, h - 2 * pad];  // the control's own box
  const mostCommon = (points, d) => { const n = new Map(); let best = null, most = 0;
    for (const [x, y] of points) {
      const c = at(d, x, y), k = c.join(); const m = (n.get(k) || 0) + 1; n.set(k, m);
      if (m > most) { most = m; best = c; }
    }
    return best; };
  // Around: the ring PAD-2..PAD px outside the box.
  const around = [];
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) {
    const out = Math.max(inner[0] - x, x - (inner[0] + inner[2] - 1), inner[1] - y, y - (inner[1] + inner[3] - 1));
    if (out >= pad - 4 && out <= pad) around.push([x, y]);
  }
  const background = mostCommon(around, px);
  if (!png2) {
    // The outline: the outermost pixels of the box, or those within 1.5 px inside its circle.
    const edge = [], cx = inner[0] + inner[2] / 2, cy = inner[1] + inner[3] / 2, r = Math.min(inner[2], inner[3]) / 2;
    for (let y = inner[1]; y < inner[1] + inner[3]; y++) for (let x = inner[0]; x < inner[0] + inner[2]; x++) {
      const d = shape === 'circle' ? r - Math.hypot(x + 0.5 - cx, y + 0.5 - cy)
        : Math.min(x - inner[0], y - inner[1], inner[0] + inner[2] - 1 - x, inner[1] + inner[3] - 1 - y);
      if (d >= 0 && d < (shape === 'circle' ? 1.5 : 1)) edge.push([x, y]);
    }
    const outline = mostCommon(edge, px);
    return {ratio: ratio(outline, background), outline, background};
  }
  const [after] = await read(png2);
  let strong = 0, changed = 0;
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) {
    const a = at(px, x, y), b = at(after, x, y);
    if (a.join() !== b.join()) { changed++; if (ratio(a, b) >= 3) strong++; }
  }
  return {strong, changed, perimeter: 2 * (inner[2] + inner[3]), background};
}"""


def _clip(box: dict) -> dict:
    return {"x": box["x"] - PAD, "y": box["y"] - PAD, "width": box["width"] + 2 * PAD,
            "height": box["height"] + 2 * PAD}


def _shot(page, box: dict) -> str:
    return base64.b64encode(page.screenshot(clip=_clip(box), animations="disabled")).decode()


def boundary(page, box: dict, shape: str = "box") -> dict:
    return page.evaluate(MEASURE, [_shot(page, box), None, shape, PAD])


def focus_change(page, box: dict, focus) -> dict:
    before = _shot(page, box)
    focus()
    page.wait_for_timeout(400)  # transitions
    return page.evaluate(MEASURE, [before, _shot(page, box), "box", PAD])


def _indicator(page, n: int) -> dict:
    """The box of the n-th checklist item's drawn circle (the ::before of its indicator, placed
    absolutely: from its containing block, the nearest positioned ancestor; not from the empty
    span, whose height is the font's and so the machine's)."""
    return page.evaluate("""n => {
      const span = document.querySelectorAll('.cb-checklist .task-list-indicator')[n];
      let block = span.parentElement;
      while (getComputedStyle(block).position === 'static') block = block.parentElement;
      const r = block.getBoundingClientRect(), s = getComputedStyle(span, '::before');
      const x = r.left + block.clientLeft + parseFloat(s.left), y = r.top + block.clientTop + parseFloat(s.top);
      return {x, y, width: parseFloat(s.width), height: parseFloat(s.height)};
    }""", n)


@pytest.fixture(params=SCHEMES)
def page(request, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=request.param)
    yield context.new_page()
    context.close()


def test_checklist_boxes_are_seen_ticked_or_not(page, served_with_404):
    page.goto(served_with_404 + CHECKLIST)
    page.evaluate("localStorage.clear()")
    page.reload()
    unticked = boundary(page, _indicator(page, 0), "circle")
    page.locator(".cb-checklist input[type=checkbox]").nth(1).check(force=True)
    page.mouse.move(0, 0)
    ticked = boundary(page, _indicator(page, 1), "circle")
    assert unticked["ratio"] >= 3, unticked
    assert ticked["ratio"] >= 3, ticked


def test_checklist_box_focus_is_seen(page, served_with_404):
    page.goto(served_with_404 + CHECKLIST)
    box = _indicator(page, 0)
    change = focus_change(page, box, lambda: page.locator(".cb-checklist input[type=checkbox]").first.focus())
    assert change["strong"] >= change["perimeter"] / 2, change


def test_search_box_edge_focus_and_clear_button_are_seen(page, served_with_404):
    page.goto(served_with_404)
    field = page.locator(".cb-search__input")
    box = field.bounding_box()
    edge = boundary(page, box)
    assert edge["ratio"] >= 3, edge
    page.keyboard.press("Tab")  # a keyboard user's focus, with its :focus-visible look
    while not page.evaluate("document.activeElement.classList.contains('cb-search__input')"):
        page.keyboard.press("Tab")
    page.wait_for_timeout(400)
    focused = field.bounding_box()
    page.keyboard.press("Escape")
    page.locator("body").click(position={"x": 5, "y": 400})
    page.wait_for_timeout(400)
    change = focus_change(page, focused, lambda: field.focus())
    assert change["strong"] >= change["perimeter"], change
    focused_edge = boundary(page, focused)
    assert focused_edge["ratio"] >= 3, focused_edge
    # A focused, empty box looks like a search box: its magnifier and placeholder are seen on it.
    colours = page.evaluate("""() => { const i = document.querySelector('.cb-search__input');
      return [getComputedStyle(document.querySelector('.cb-search__icon')).color,
              getComputedStyle(i, '::placeholder').color, getComputedStyle(i).backgroundColor]; }""")
    assert colours[0] != colours[2] and colours[1] != colours[2], colours
    field.fill("医院")
    page.wait_for_selector(".cb-search--open")
    # The clear button: a cross at the end of the box, its strokes 3:1 on the box.
    clear = {"x": focused["x"] + focused["width"] - 34, "y": focused["y"] + 6, "width": 22,
             "height": focused["height"] - 12}
    shot = page.evaluate("""async ([png]) => {
      const img = new Image(); img.src = 'data:image/png;base64,' + png; await img.decode();
      const c = document.createElement('canvas'); c.width = img.width; c.height = img.height;
      const g = c.getContext('2d'); g.drawImage(img, 0, 0); const d = g.getImageData(0, 0, c.width, c.height).data;
      const lum = (r, g, b) => {
        const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
        return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b); };
      let lo = 1, hi = 0; const n = new Map();
      for (let i = 0; i < d.length; i += 4) { const k = [d[i], d[i+1], d[i+2]].join(); n.set(k, (n.get(k) || 0) + 1); }
      const common = [...n.entries()].filter(([, m]) => m >= 6).map(([k]) => lum(...k.split(',').map(Number)));
      for (const l of common) { lo = Math.min(lo, l); hi = Math.max(hi, l); }
      return (hi + 0.05) / (lo + 0.05);
    }""", [base64.b64encode(page.screenshot(clip=clear)).decode()])
    assert shot >= 3, f"the clear button's cross is {shot:.2f}:1 on the box"


def test_active_search_result_is_outlined(page, served_with_404):
    page.goto(served_with_404)
    page.fill(".cb-search__input", "医院")
    page.wait_for_selector(".cb-search__result")
    first = page.locator(".cb-search__result").first
    box = first.bounding_box()
    page.mouse.move(0, 800)
    change = focus_change(page, box, lambda: page.keyboard.press("ArrowDown"))
    assert page.locator(".cb-search__result.cb-search__focus").count() == 1
    assert change["strong"] >= change["perimeter"], change


def test_facet_boxes_are_seen_and_their_focus_too(page, served_with_404):
    page.goto(served_with_404 + "browse/")
    field = page.locator(".cb-facet input[type=checkbox]").first
    edge = boundary(page, field.bounding_box())
    assert edge["ratio"] >= 3, edge
    label = page.locator(".cb-facet__value label").first
    change = focus_change(page, label.bounding_box(), lambda: field.focus())
    assert change["strong"] >= change["perimeter"], change
