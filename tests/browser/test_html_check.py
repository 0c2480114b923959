"""The Nu Html Checker that validates every page of the browser tests finds what it should."""

from tests.browser.conftest import HtmlCheck


class Response:
    status = 200
    headers = {"content-type": "text/html; charset=utf-8"}

    def __init__(self, html):
        self.html = html

    def text(self):
        return self.html


PAGE = '<!DOCTYPE html><html lang="nl"><head><title>t</title></head><body><main>{}</main></body></html>'


def test_a_valid_page_has_no_errors_and_an_invalid_one_is_named(tmp_path):
    check = HtmlCheck()
    check.remember(
        "http://live/goed/", Response(PAGE.format('<time datetime="2026-12-16T19:00:00+01:00">16 dec.</time>'))
    )
    check.remember(
        "http://live/fout/",
        Response(PAGE.format('<progress max="50" value="53"></progress><time datetime="x">y</time>')),
    )
    errors = check.errors(tmp_path)
    assert errors and all(e.startswith("http://live/fout/:") for e in errors)
    assert any("datetime" in e for e in errors)
