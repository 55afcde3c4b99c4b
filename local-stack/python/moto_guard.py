"""moto's server, closed to web pages.

moto answers CORS for any origin, and its own API (/moto-api/data.json)
hands out every user's password. Only the local stack's front may talk to
it: a request a browser sent (it carries Origin or Sec-Fetch-* headers),
or one whose Host is not moto's loopback address (DNS rebinding), gets
403. Run as `python3 -c <this file> -H 127.0.0.1 -p PORT`, with moto's own
arguments.
"""

import os

import moto.server

BROWSER_HEADERS = ("HTTP_ORIGIN", "HTTP_SEC_FETCH_SITE", "HTTP_SEC_FETCH_MODE")


class ClosedToBrowsers:
    def __init__(self, app):
        self.app = app

    def __setattr__(self, name, value):
        # moto sets `debug` on its app; it belongs to the wrapped one.
        if name == "app":
            object.__setattr__(self, name, value)
        else:
            setattr(self.app, name, value)

    def __call__(self, environ, start_response):
        port = os.environ.get("MOTO_PORT", "")
        hosts = ("127.0.0.1:" + port, "localhost:" + port)
        from_browser = any(name in environ for name in BROWSER_HEADERS)
        if from_browser or environ.get("HTTP_HOST", "") not in hosts:
            start_response("403 Forbidden", [("Content-Type", "text/plain")])
            return [b"moto answers the local stack's front only\n"]
        return self.app(environ, start_response)


_dispatcher = moto.server.DomainDispatcherApplication
moto.server.DomainDispatcherApplication = lambda *a, **k: ClosedToBrowsers(_dispatcher(*a, **k))
moto.server.main()
