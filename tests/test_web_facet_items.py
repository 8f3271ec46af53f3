"""The facet values' list items (web/facet_view.py facet_items) and the chart's year columns
(web/timeline_view.py columns_html) are written in Python for speed;
they must be exactly what the template's loop wrote, escaping included."""

from jinja2 import Environment

from searchapp.web.facet_view import facet_items

# The loop search.html held before facet_items, verbatim (its body between the <ul> and </ul>).
TEMPLATE_LOOP = (
    """{% for v in facet['values'] %}
          <li class="{% if loop.index > facet.shown and not v.selected %}more{% endif %}">
            <label><input type="checkbox" name="{{ facet.parameter }}" value="{{ v.value }}" """
    """{% if v.selected %}checked{% endif %}>
              <span class="value">{{ v.label }}</span> <span class="count">{{ "{:,}".format(v.count) }}</span></label>
          </li>
        {% endfor %}""")


def test_facet_items_are_the_template_loop_markup_with_every_value_escaped():
    values = [{"value": "General Assembly", "label": "General Assembly", "count": 12345, "selected": False},
              {"value": "Bosnia & Herzegovina", "label": "Bosnia & Herzegovina", "count": 3, "selected": True},
              {"value": '<script>"x"</script>', "label": "it's <b>", "count": 0, "selected": False},
              {"value": "en", "label": "English", "count": 1_000_000, "selected": False},
              {"value": "fr", "label": "French", "count": 7, "selected": True},
              {"value": "es", "label": "Spanish", "count": 2, "selected": False}]
    facet = {"values": values, "shown": 3, "parameter": 'sponsor"&'}
    expected = Environment(autoescape=True).from_string(TEMPLATE_LOOP).render(facet=facet)
    written = str(facet_items(facet["parameter"], values, facet["shown"]))
    assert written == expected
    assert "Bosnia &amp; Herzegovina" in written and "<script>" not in written and "12,345" in written
    assert written.count('class="more"') == 2  # past the third and not selected: English, Spanish


# The chart's loop _timeline.html held before columns_html, verbatim.
CHART_LOOP = (
    """{% for column in chart.columns %}<a href="{{ column.url }}" class="year-column" data-year="{{ column.year }}" """
    """aria-label="{{ column.label }}"{% if not column.segments %} tabindex="-1"{% endif %}><title>{{ column.label }}"""
    """</title><rect class="hover-target" x="{{ column.x }}" y="0" width="1" height="100"></rect>{% for s in """
    """column.segments %}<rect class="segment {{ s.css }}" x="{{ s.x }}" y="{{ s.y }}" width="{{ s.width }}" """
    """height="{{ s.height }}"></rect>{% endfor %}</a>{% endfor %}""")


def test_chart_columns_are_the_template_loop_markup_with_every_field_escaped():
    from searchapp.web.timeline_view import columns_html

    columns = [
        {"x": 0, "year": 1990, "url": "/?q=a+%26+b&year_from=1990&year_to=1990", "segments": [],
         "label": "1990: 0 paragraphs, 0 mentions"},
        {"x": 1, "year": 1991, "url": '/?q="x"&y=<1>', "label": 'Council & "Assembly": <2>',
         "segments": [{"css": "body-ga", "x": 1.1, "y": 33.333, "width": 0.8, "height": 66.667},
                      {"css": 'odd"<class>', "x": 1.5, "y": 0.0, "width": 0.4, "height": 12}]},
    ]
    expected = Environment(autoescape=True).from_string(CHART_LOOP).render(chart={"columns": columns})
    written = str(columns_html(columns))
    assert written == expected
    assert 'tabindex="-1"' in written and "&amp;" in written and 'odd"<class>' not in written


# The year bars' loop search.html held before bars_html, verbatim.
BARS_LOOP = (
    """{% for bar in bars %}{% if bar.count %}<a href="{{ bar.toggle_url }}" class="year-bar" """
    """data-year="{{ bar.year }}" aria-label="{{ bar.year }}: {{ bar.count }} paragraphs"""
    """{% if bar.selected %} (selected){% endif %}"><rect """
    """class="bar{% if bar.selected %} selected{% endif %}" x="{{ loop.index0 + 0.08 }}" y="{{ 100 - bar.height }}" """
    """width="0.84" height="{{ bar.height }}"><title>{{ bar.year }}: {{ bar.count }} paragraphs</title></rect></a>"""
    """{% endif %}{% endfor %}""")


def test_year_bars_are_the_template_loop_markup_with_every_field_escaped():
    from searchapp.web.facet_view import bars_html

    bars = [{"year": "1990", "count": 0, "height": 0, "selected": False, "toggle_url": "/?q=a"},
            {"year": "1991", "count": 1234, "height": 100, "selected": True, "toggle_url": '/?q="a"&b=<c>'},
            {"year": "1992", "count": 3, "height": 2, "selected": False, "toggle_url": "/?q=a&year_from=1992"},
            {"year": "1993", "count": 0, "height": 0, "selected": False, "toggle_url": "/?q=a"},
            {"year": "1994", "count": 17, "height": 37, "selected": False, "toggle_url": "/?q=a&year_to=1994"}]
    expected = Environment(autoescape=True).from_string(BARS_LOOP).render(bars=bars)
    written = str(bars_html(bars))
    assert written == expected
    assert written.count("<rect") == 3 and "(selected)" in written and "&amp;b=&lt;c&gt;" in written
