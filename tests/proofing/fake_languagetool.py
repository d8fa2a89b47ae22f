"""A stand-in LanguageTool server for the tests: the documented HTTP API, deterministic answers.

It speaks what language-tool-python requests (language_tool_python/server.py):

- `GET /v2/languages` → a JSON list of `{"name", "code", "longCode"}`;
- `POST /v2/check` with form fields `text`, `language` (and optional `disabledRules` …) →
  `{"software", "language", "matches": [...]}`, each match with `message`, `shortMessage`,
  `replacements: [{"value"}]`, `offset`, `length`, `context: {"text", "offset", "length"}`,
  `sentence`, `type: {"typeName"}` and `rule: {"id", "description", "issueType",
  "category": {"id", "name"}}`. Offsets count UTF-16 code units, as LanguageTool's Java strings
  do, so a match after an emoji or another astral character is one unit further per character.

Matches come from `TABLE`: every occurrence of a trigger in `text` is a match (case-sensitive,
whole words; the space of a two-word trigger matches any white space, a line break included).
Every request is recorded (`requests`: method, path and form fields) for the tests to inspect.
`mode` switches the server's behaviour:

- `normal`: the matches;
- `slow`: sleeps `delay` seconds before answering (longer than the client's timeout);
- `slow-start`: `/v2/languages` (the client's start-up request) sleeps instead;
- `error`: HTTP 500 with a plain-text body, as LanguageTool answers an internal error;
- `invalid-json`: HTTP 200 with a body that is not JSON.

`stop()` closes the socket: the URL then refuses connections ("server down"). The server binds
127.0.0.1 on a free port and runs in a daemon thread; nothing else is contacted.
"""

from __future__ import annotations

import json
import re
import threading
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

MODES = ("normal", "slow", "slow-start", "error", "invalid-json")


@dataclass(frozen=True)
class Rule:
    """What the server answers for one trigger."""

    trigger: str
    rule_id: str
    category: str  # LanguageTool category id: TYPOS is spelling, the rest grammar
    message: str
    replacements: tuple[str, ...] = ()
    issue_type: str = "misspelling"


_TYPO = "MORFOLOGIK_RULE_EN_US"
_TYPO_MSG = "Possible spelling mistake found."


def _typo(word: str, *replacements: str) -> Rule:
    return Rule(word, _TYPO, "TYPOS", _TYPO_MSG, replacements)


TABLE: tuple[Rule, ...] = (
    _typo("goverment", "government", "governments"),
    Rule(
        "ministers has",
        "HAVE_PART_AGREEMENT",
        "GRAMMAR",
        "The verb form ‘has’ does not agree with the plural subject ‘ministers’.",
        ("ministers have",),
        "grammar",
    ),
    _typo("Qwertyistan"),  # a word no filter knows: always reported
    # words a real server flags but the house vocabulary, the byline or the article knows
    _typo("Wakhan", "Walkman"),
    _typo("Zardari", "Zadari"),
    _typo("Aizhan"),  # a byline first name
    _typo("Toktorbaeva"),  # a byline surname
    _typo("TCWG"),  # defined in the test article: Trans-Caspian Working Group (TCWG)
)

LANGUAGES = (
    {"name": "English", "code": "en", "longCode": "en"},
    {"name": "English (US)", "code": "en", "longCode": "en-US"},
    {"name": "English (GB)", "code": "en", "longCode": "en-GB"},
    {"name": "English (Australian)", "code": "en", "longCode": "en-AU"},
    {"name": "German (Germany)", "code": "de", "longCode": "de-DE"},
)


def utf16_len(text: str) -> int:
    """Length in UTF-16 code units (an astral character counts 2), as Java measures strings."""
    return len(text.encode("utf-16-le")) // 2


def matches_for(text: str) -> list[dict]:
    """The matches LanguageTool would return for `text` (offsets in UTF-16 code units)."""
    out = []
    for rule in TABLE:
        pattern = r"\s+".join(re.escape(w) for w in rule.trigger.split())
        for m in re.finditer(rf"(?<!\w){pattern}(?!\w)", text):
            offset = utf16_len(text[: m.start()])
            length = utf16_len(m.group())
            lo = max(0, m.start() - 20)
            context = text[lo : m.end() + 20]
            out.append(
                {
                    "message": rule.message,
                    "shortMessage": "Spelling mistake" if rule.category == "TYPOS" else "",
                    "replacements": [{"value": r} for r in rule.replacements],
                    "offset": offset,
                    "length": length,
                    "context": {
                        "text": context,
                        "offset": utf16_len(text[lo : m.start()]),
                        "length": length,
                    },
                    "sentence": text,
                    "type": {"typeName": "Other"},
                    "rule": {
                        "id": rule.rule_id,
                        "description": rule.message,
                        "issueType": rule.issue_type,
                        "category": {
                            "id": rule.category,
                            "name": "Possible Typo" if rule.category == "TYPOS" else "Grammar",
                        },
                    },
                    "ignoreForIncompleteSentence": False,
                    "contextForSureMatch": 0,
                }
            )
    out.sort(key=lambda m: m["offset"])
    return out


@dataclass(frozen=True)
class Request:
    """One request as the server saw it: method, path (no query) and form or query fields."""

    method: str
    path: str
    fields: dict[str, str]


class FakeLanguageTool:
    """The server: `start()`, `url`, `mode`, `delay`, `requests`, `checked_texts`, `stop()`."""

    def __init__(self) -> None:
        self.mode = "normal"
        self.delay = 5.0
        self.requests: list[Request] = []
        self._lock = threading.Lock()
        self._release = threading.Event()  # set on stop: sleeping handlers return at once
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self._port = 0

    # ------------------------------------------------------------------ life cycle

    def start(self) -> FakeLanguageTool:
        """Bind 127.0.0.1 on a free port and serve in a daemon thread."""
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: object) -> None:  # quiet
                pass

            def do_GET(self) -> None:
                parts = urlsplit(self.path)
                fields = {k: v[-1] for k, v in parse_qs(parts.query).items()}
                fake._handle(self, "GET", parts.path, fields)

            def do_POST(self) -> None:
                parts = urlsplit(self.path)
                size = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(size).decode("utf-8")
                fields = {k: v[-1] for k, v in parse_qs(body, keep_blank_values=True).items()}
                fake._handle(self, "POST", parts.path, fields)

        httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        httpd.daemon_threads = True
        httpd.block_on_close = False
        self._httpd = httpd
        self._port = httpd.server_address[1]
        self._release.clear()
        self._thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and close the socket: connections to `url` are refused from now on."""
        self._release.set()
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._httpd = None
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    @property
    def url(self) -> str:
        """The server's base URL (what `--languagetool-url` takes)."""
        return f"http://127.0.0.1:{self._port}"

    # ------------------------------------------------------------------ what the tests read

    def paths(self, method: str | None = None) -> list[str]:
        """The request paths in order (optionally of one method)."""
        with self._lock:
            return [r.path for r in self.requests if method is None or r.method == method]

    def checks(self) -> list[dict[str, str]]:
        """The form fields of every `/v2/check` request, in order."""
        with self._lock:
            return [r.fields for r in self.requests if r.path == "/v2/check"]

    @property
    def checked_texts(self) -> list[str]:
        """The `text` field of every `/v2/check` request."""
        return [f.get("text", "") for f in self.checks()]

    def reset(self) -> None:
        """Forget the recorded requests and go back to the normal mode."""
        with self._lock:
            self.requests.clear()
        self.mode = "normal"

    # ------------------------------------------------------------------ answering

    def _handle(self, h: BaseHTTPRequestHandler, method: str, path: str, fields: dict) -> None:
        with self._lock:
            self.requests.append(Request(method, path, dict(fields)))
        mode = self.mode
        slow_path = {"slow": "/v2/check", "slow-start": "/v2/languages"}.get(mode)
        if path == slow_path:
            self._release.wait(self.delay)
        if path == "/v2/languages" and method == "GET":
            self._send(h, 200, json.dumps(list(LANGUAGES)), "application/json")
        elif path == "/v2/check" and method == "POST":
            if mode == "error":
                self._send(h, 500, "Error: Internal Server Error: fake failure", "text/plain")
            elif mode == "invalid-json":
                self._send(h, 200, '{"software": {"name": "LanguageTool"', "application/json")
            elif "text" not in fields or "language" not in fields:
                self._send(h, 400, "Error: Missing 'text' or 'language' parameter", "text/plain")
            else:
                self._send(h, 200, json.dumps(self._answer(fields)), "application/json")
        else:
            self._send(h, 404, f"Error: no such endpoint {path}", "text/plain")

    @staticmethod
    def _answer(fields: dict[str, str]) -> dict:
        code = fields["language"]
        name = next((x["name"] for x in LANGUAGES if x["longCode"] == code), code)
        return {
            "software": {
                "name": "LanguageTool",
                "version": "6.6",
                "buildDate": "2025-01-01 00:00:00 +0000",
                "apiVersion": 1,
                "premium": False,
                "status": "",
            },
            "warnings": {"incompleteResults": False},
            "language": {
                "name": name,
                "code": code,
                "detectedLanguage": {"name": name, "code": code, "confidence": 0.99},
            },
            "matches": matches_for(fields["text"]),
        }

    @staticmethod
    def _send(h: BaseHTTPRequestHandler, status: int, body: str, ctype: str) -> None:
        data = body.encode("utf-8")
        try:
            h.send_response(status)
            h.send_header("Content-Type", f"{ctype}; charset=utf-8")
            h.send_header("Content-Length", str(len(data)))
            h.end_headers()
            h.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):  # the client gave up (timeout)
            pass
