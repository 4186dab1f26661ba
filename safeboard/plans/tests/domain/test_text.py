from hypothesis import given
from hypothesis import strategies as st

from safeboard.plans.domain.text import statement_html


def test_it_makes_paragraphs_of_text_separated_by_blank_lines():
    assert statement_html("First one.\n\nSecond one.") == (
        '<p class="govuk-body">First one.</p><p class="govuk-body">Second one.</p>'
    )


def test_it_keeps_line_breaks_inside_a_paragraph():
    assert statement_html("Line one\nLine two") == '<p class="govuk-body">Line one<br>Line two</p>'


def test_it_makes_a_bulleted_list_of_lines_starting_with_a_dash():
    html = statement_html("To do this we will:\n- listen to children\n- share learning\nThen more.")
    assert html == (
        '<p class="govuk-body">To do this we will:</p>'
        '<ul class="govuk-list govuk-list--bullet"><li>listen to children</li>'
        "<li>share learning</li></ul>"
        '<p class="govuk-body">Then more.</p>'
    )


def test_it_escapes_text_before_adding_markup():
    html = statement_html('<script>alert(1)</script>\n- <b>bold</b> & "quoted"')
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<li>&lt;b&gt;bold&lt;/b&gt; &amp; &quot;quoted&quot;</li>" in html


def test_it_reads_windows_line_endings_and_ignores_empty_bullets():
    assert statement_html("a\r\n\r\n- \r\n- b") == (
        '<p class="govuk-body">a</p><ul class="govuk-list govuk-list--bullet"><li>b</li></ul>'
    )


def test_it_makes_nothing_of_nothing():
    assert statement_html("") == ""
    assert statement_html("\n\n  \n") == ""


def test_it_does_not_take_a_hyphenated_word_for_a_bullet():
    assert statement_html("-2 degrees") == '<p class="govuk-body">-2 degrees</p>'


@given(st.text())
def test_it_never_lets_a_tag_through(text):
    html = statement_html(text)
    stripped = (
        html.replace('<p class="govuk-body">', "")
        .replace("</p>", "")
        .replace("<br>", "")
        .replace('<ul class="govuk-list govuk-list--bullet">', "")
        .replace("</ul>", "")
        .replace("<li>", "")
        .replace("</li>", "")
        .replace("<strong>", "")
        .replace("</strong>", "")
    )
    assert "<" not in stripped
    assert ">" not in stripped


def test_it_makes_text_between_double_asterisks_bold_after_escaping():
    assert statement_html("Total **£275,600** <b>") == (
        '<p class="govuk-body">Total <strong>£275,600</strong> &lt;b&gt;</p>'
    )
    assert statement_html("**<script>**") == (
        '<p class="govuk-body"><strong>&lt;script&gt;</strong></p>'
    )
    assert statement_html("a ** b") == '<p class="govuk-body">a ** b</p>'
