"""moto's server, closed to web pages.

moto answers CORS for any origin, and its own API (/moto-api/data.json)
hands out every user's password. Only the local stack's front may talk to
it: a request a browser sent (it carries Origin or Sec-Fetch-* headers),
or one whose Host is not moto's loopback address (DNS rebinding), gets
403. Run as `python3 -c <this file> -H 127.0.0.1 -p PORT`, with moto's own
arguments.
"""

import json
import os

import moto.server
from moto.cognitoidp.models import cognitoidp_backends
from moto.core import DEFAULT_ACCOUNT_ID

BROWSER_HEADERS = ("HTTP_ORIGIN", "HTTP_SEC_FETCH_SITE", "HTTP_SEC_FETCH_MODE")

# The front's own door: tokens for a person who proved who they are
# without a password (a code, a passkey), or a new refresh token when one
# is rotated. moto has no such flow, so this signs the person in the way
# moto's own password sign-in ends (`_log_user_in`): the tokens are moto's,
# filed under the person, and GetUser, GlobalSignOut and refresh take them.
# It gives nothing a local process could not already have: /moto-api/
# hands any of them every password.
SIGN_IN_PATH = "/_front/sign-in"


def sign_in(environ, start_response):
    try:
        length = int(environ.get("CONTENT_LENGTH") or 0)
        request = json.loads(environ["wsgi.input"].read(length) or b"{}")
        pool_id = request["UserPoolId"]
        backend = cognitoidp_backends[DEFAULT_ACCOUNT_ID][pool_id.split("_")[0]]
        pool = backend.describe_user_pool(pool_id)
        client = pool.clients[request["ClientId"]]
        refresh_token = request.get("RefreshToken")
        if refresh_token:
            # Rotation: the person the old refresh token was issued to.
            _, username, _ = pool.refresh_tokens[refresh_token]
        else:
            username = pool._get_user(request["Username"]).username
        answer = backend._log_user_in(pool, client, username)
        status = "200 OK"
    except Exception as error:  # Any refusal: the front answers for it.
        answer = {"__type": "NotAuthorizedException", "message": type(error).__name__}
        status = "400 Bad Request"
    start_response(status, [("Content-Type", "application/json")])
    return [json.dumps(answer).encode()]


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
        if environ.get("PATH_INFO") == SIGN_IN_PATH and environ.get("REQUEST_METHOD") == "POST":
            return sign_in(environ, start_response)
        return self.app(environ, start_response)


_dispatcher = moto.server.DomainDispatcherApplication
moto.server.DomainDispatcherApplication = lambda *a, **k: ClosedToBrowsers(_dispatcher(*a, **k))
moto.server.main()
