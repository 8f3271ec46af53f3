"""The web UI and JSON API: an application factory over one long-lived SearchService.

Views only turn request parameters into a service call and a result into HTML or JSON; all
search logic lives in searchapp.search.service.
"""

from __future__ import annotations

from flask import Flask
from flask.json.provider import DefaultJSONProvider

from searchapp.config import Settings, load_settings
from searchapp.search.service import SearchService
from searchapp.wording import noun


def create_app(settings: Settings | None = None, service: SearchService | None = None) -> Flask:
    settings = settings or load_settings()
    app = Flask(__name__)
    app.config["SEARCHAPP_SETTINGS"] = settings
    app.extensions["searchapp"] = service or SearchService(settings)
    assert isinstance(app.json, DefaultJSONProvider)
    app.json.ensure_ascii = False
    app.json.sort_keys = False
    app.jinja_env.globals["noun"] = noun

    from searchapp.web import (
        errors,
        security,
        views_api,
        views_documents,
        views_export,
        views_feed,
        views_finder,
        views_kwic,
        views_search,
    )

    app.register_blueprint(views_search.blueprint)
    app.register_blueprint(views_documents.blueprint)
    app.register_blueprint(views_api.blueprint)
    app.register_blueprint(views_api.health_blueprint)
    app.register_blueprint(views_export.blueprint)
    app.register_blueprint(views_kwic.blueprint)
    app.register_blueprint(views_feed.blueprint)
    app.register_blueprint(views_finder.blueprint)
    errors.init_app(app)
    security.init_app(app)
    return app
