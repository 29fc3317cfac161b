"""Review pages in headless Chromium: spans countable, clicks scroll, untrusted text inert, print layout."""

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from om_extract.review import CHROMIUM, browser
from test_review import FILLER, HOSTILE, Case, make_case, review_app

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"{CHROMIUM} missing: run scripts/install-chromium.sh"),
]
pytest.importorskip("playwright.sync_api", reason="playwright not installed: pip install -e '.[dev]'")

IN_VIEW = """(el) => {
  const r = el.getBoundingClientRect(), col = el.closest('.text-col').getBoundingClientRect();
  return r.height > 0 && r.top >= Math.max(0, col.top) && r.bottom <= Math.min(innerHeight, col.bottom);
}"""


@pytest.fixture
def context(tmp_path: Path) -> Iterator[Any]:
    """Per test, like the review command's own browser: Playwright's sync API allows one at a time."""
    with browser(tmp_path / "profile") as ctx:
        yield ctx


@pytest.fixture
def tab(context: Any) -> Iterator[Any]:
    """A fresh tab that fails the test on any script error or blocked script (CSP)."""
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda err: errors.append(str(err)))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    yield page
    page.close()
    assert errors == []


def open_page(tab: Any, case: Case) -> Any:
    tab.goto(case.page.resolve().as_uri())
    return tab


def test_one_highlight_per_item_span(tab: Any, tmp_path: Path) -> None:
    case = make_case(tmp_path, filler=FILLER)
    open_page(tab, case)
    texts = tab.evaluate("""() => {
        const texts = {};
        for (const el of document.querySelectorAll('#text .hl'))
            for (const key of el.dataset.ids.split(' ')) texts[key] = (texts[key] || '') + el.textContent;
        return texts;
    }""")
    expected = case.expected_spans()
    assert len(texts) == len(expected)
    assert sorted(texts.values()) == sorted(expected.values())


def test_clicking_a_decision_scrolls_to_its_span_and_flashes_it(tab: Any, tmp_path: Path) -> None:
    case = make_case(tmp_path, filler=FILLER)
    open_page(tab, case)
    first = tab.locator('#text .hl[data-ids~="decisions-0.0"]').first
    assert not first.evaluate(IN_VIEW)
    tab.locator('[data-item="decisions-0"]').click()
    tab.wait_for_function(
        f"() => ({IN_VIEW})(document.querySelector('#text .hl[data-ids~=\"decisions-0.0\"]'))"
    )
    box = first.bounding_box()
    assert box and box["y"] >= 0 and box["y"] + box["height"] <= tab.viewport_size["height"]
    assert "flash" in (first.get_attribute("class") or "")
    assert "Decision: beschluss: Beschluss zur Beetplanung · span 1 of 1" in tab.inner_text("#status")


def test_repeated_clicks_walk_through_the_mentions(tab: Any, tmp_path: Path) -> None:
    case = make_case(tmp_path, filler=FILLER)
    open_page(tab, case)
    person = tab.locator('[data-item="persons-1"]')
    for j in range(5):
        person.click()
        assert f"span {j % 4 + 1} of 4" in tab.inner_text("#status")
    tab.locator('#text .hl[data-ids~="dates-1.0"]').click()  # and back from the text to the item
    assert "flash" in (tab.locator('[data-item="dates-1"]').get_attribute("class") or "")


def test_toggling_a_type_reveals_the_one_around_it(tab: Any, tmp_path: Path) -> None:
    case = make_case(tmp_path)
    open_page(tab, case)
    date = tab.locator('#text .hl[data-ids^="dates-1.0"]')
    assert date.get_attribute("data-t") == "date"
    tab.locator('.legend input[data-type="date"]').uncheck()
    assert date.get_attribute("data-t") == "decision"
    tab.locator('.legend input[data-type="section"]').uncheck()
    assert tab.locator(".ln[data-lt=section]").count() == 0
    tab.locator('.legend input[data-type="date"]').check()
    assert date.get_attribute("data-t") == "date"


def test_untrusted_minutes_do_not_run(tab: Any, tmp_path: Path) -> None:
    case = make_case(tmp_path, extra=HOSTILE, hostile=True)
    for page in case.pages:
        tab.goto(page.resolve().as_uri())
        assert tab.evaluate("typeof window.__pwned") == "undefined"
        assert tab.locator("img").count() == 0 and tab.locator("textarea").count() == 0
        assert len(tab.locator("script").all()) == (2 if page == case.page else 0)
    open_page(tab, case)
    assert HOSTILE in tab.inner_text("#text")
    assert HOSTILE in tab.inner_text(".items-col")
    assert tab.evaluate("typeof window.__pwned") == "undefined"


def test_print_shows_both_columns_one_after_the_other(tab: Any, tmp_path: Path) -> None:
    case = make_case(tmp_path, filler=FILLER)
    open_page(tab, case)
    tab.emulate_media(media="print")
    assert tab.locator(".legend input").first.is_hidden()
    text = tab.locator(".text-col").bounding_box()
    items = tab.locator(".items-col").bounding_box()
    assert text and items and items["y"] >= text["y"] + text["height"]
    assert tab.evaluate("getComputedStyle(document.querySelector('.text-col')).overflow") == "visible"


def test_review_command_saves_a_screenshot_of_each_page(tmp_path: Path) -> None:
    case = make_case(tmp_path, filler=FILLER, extra=HOSTILE, hostile=True)
    result = CliRunner().invoke(
        review_app(), ["review", str(case.out_dir), str(case.input_dir), "--screenshots"]
    )
    assert result.exit_code == 0, result.output
    shots = [case.out_dir / "review" / "minutes.png", case.out_dir / "review" / "index.png"]
    for shot in shots:
        assert str(shot) in result.output
        assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 10_000
