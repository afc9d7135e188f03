"""The election page's charts: share and margin over every release, each with its table;
a race with one release draws no lone dot; a table of many candidates takes the page's
width; a candidate page gives every race its latest count."""

import re

import pytest

from tests.demo_releases import CERTIFIED, at

pytestmark = pytest.mark.django_db

GENERAL = "/elections/los-angeles-mayor-2022-11-08/"
PRIMARY = "/elections/los-angeles-mayor-2022-06-07/"


def timeline(client, path):
    html = client.get(path).content.decode()
    start = html.index('id="timeline-heading"')
    return html[start : html.index("</section>", start)]


def test_the_margin_chart_shows_who_led_on_which_side_of_zero(client, demo):
    html = timeline(client, GENERAL)
    margin = re.search(r'<svg class="chart"[^>]*aria-labelledby="margin-title.*?</svg>', html, re.S)
    assert margin, "no margin chart"
    svg = margin.group(0)
    assert "Margin between Karen Bass and Rick Caruso by release" in svg
    assert '<line class="zero"' in svg
    assert "↑ Bass ahead" in svg and "↓ Caruso ahead" in svg
    # Every release is a point of the line, as in the table's margin column.
    assert svg.count("<circle") == at(CERTIFIED).number
    assert 'Karen Bass\'s lead <span class="small">(points)</span>' in html
    # Certified: 54.83% to 45.17%.
    last_row = html[html.rindex("<tr>", 0, html.index("</tbody>")) :]
    assert '<td class="num">+9.66</td>' in last_row


def test_one_release_draws_no_lone_dot_and_many_candidates_stack(client, demo):
    html = timeline(client, PRIMARY)
    assert "<svg" not in html
    assert "Only one release gave votes, so there is no line to draw" in html  # certified
    assert '<div class="chart-pair stacked">' in html
    assert "Kevin de León" in html  # the third column, in the full-width table
    assert "lead <span" not in html  # no margin without two releases to compare


def test_candidate_page_gives_each_race_its_latest_count(client, demo):
    html = client.get("/candidates/karen-bass/").content.decode()
    races = html[html.index('id="races-heading"') : html.index("</table>")]
    assert "54.83%" in races and "509,944 votes" in races
    assert f"final, release {at(CERTIFIED).number}</a>" in races
    assert "✓ </span>Elected" in races and "✓ </span>Advanced" in races
    # The primary had one release: a note, not a lone dot.
    assert "One release so far, so no line to draw" in html
    assert html.count('<svg class="chart"') == 1
