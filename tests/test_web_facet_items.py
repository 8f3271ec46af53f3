"""The facet values' list items are written in Python (web/facet_view.py facet_items) for speed;
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
