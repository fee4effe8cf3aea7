"""HTML screens: one blueprint per screen, plus error pages and security headers."""
from datetime import datetime

from flask_babel import format_date, format_decimal, get_locale
from flask import (current_app, jsonify, make_response, redirect, render_template, request,
                   url_for)
from werkzeug.exceptions import HTTPException

from workshops.messages import message_for
from workshops.views import (assets, auth, booklet, facilitator, feedback, organiser,
                             participant, programme, projection, results)
from workshops.vocabulary import LANGUAGES, language_of

HTTP_CODES = {400: "invalid_body", 401: "unauthorized", 403: "not_allowed", 404: "not_found",
              405: "method_not_allowed", 413: "too_large", 429: "rate_limited",
              500: "internal_error", 503: "database_unavailable"}

# Everything is served by this server: no CDN, no outside fonts, nothing inline.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; "
       "frame-ancestors 'none'; form-action 'self'")


def register(app):
    for module in (auth, organiser, facilitator, projection, participant, feedback, programme,
                   results, booklet):
        app.register_blueprint(module.bp)
    assets.register(app, CSP)
    app.add_template_global(language_of, "content_language")

    @app.template_filter("label")
    def label(term):
        """A vocabulary term's label in the person's language: {{ term|label }}."""
        return term.label(str(get_locale() or "fr"))

    @app.template_filter("day")
    def day(iso):
        """An ISO date or date-time as a day in the person's language: « 30 novembre 2026 »."""
        return format_date(datetime.fromisoformat(iso.rstrip("Z")), "d MMMM y") if iso else ""

    @app.template_filter("average")
    def average(value):
        """An average with one decimal at most, in the person's language: « 2,7 » (as the
        console says it)."""
        return format_decimal(value, "#,##0.#")

    @app.context_processor
    def locale_context():
        return {"current_locale": str(get_locale() or "fr")}

    @app.get("/langue/<lang>")
    def choose_language(lang):
        target = request.args.get("next", "/")
        if not target.startswith("/") or target.startswith("//"):
            target = "/"
        response = redirect(target)
        if lang in LANGUAGES:
            response.set_cookie("lang", lang, max_age=365 * 24 * 3600, samesite="Lax",
                                secure=current_app.config.get("SESSION_COOKIE_SECURE", False))
        return response

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        code = HTTP_CODES.get(error.code, "invalid_body")
        # 405 says which methods the address takes (RFC 9110), as werkzeug's own page does.
        allow = getattr(error, "valid_methods", None)
        headers = {"Allow": ", ".join(sorted(allow))} if allow else {}
        if request.path.startswith("/api/"):
            return (jsonify(error={"code": code, "message": message_for(code)}), error.code,
                    headers)
        return render_template("error.html", message=message_for(code),
                               status=error.code), error.code, headers

    @app.after_request
    def security_headers(response):
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        return response

    @app.get("/")
    def home():
        return render_template("landing.html")

    @app.get("/sante")
    def health():
        return make_response("ok", 200)

    app.add_url_rule("/j", "join_code", lambda: redirect(
        url_for("participant.board", code=request.args.get("code", "").strip().upper())
        if request.args.get("code", "").strip() else url_for("home")))
