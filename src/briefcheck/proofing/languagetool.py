"""LanguageTool through language-tool-python: a newsroom's server by URL, or a local server.

Only a server that is already there is used: language-tool-python would otherwise download
LanguageTool (about 250 MB) on first use, which an editor's laptop in a newsroom or a CI job
behind a firewall cannot do; that case is reported as unavailable with the reason.
"""

from __future__ import annotations

import shutil

from briefcheck.proofing import EngineUnavailable, Issue, Settings

_SPELLING = {"TYPOS"}  # LanguageTool's category of spelling mistakes
# The local server this process started: one per run (files are checked in one process when the
# engine is LanguageTool, see briefcheck.proofing.settings_used).
_LOCAL: list[str] = []


class LanguageToolEngine:
    """One LanguageTool client per run and settings, reused for every paragraph of every file."""

    name = "languagetool"

    def __init__(self, settings: Settings, words: frozenset[str]) -> None:
        try:
            import language_tool_python as ltp
        except ImportError as exc:  # pragma: no cover - a dependency
            raise EngineUnavailable(f"language-tool-python is not installed ({exc})") from None
        # The library's requests wait 300 s; the configured timeout must cover its start-up
        # request (the languages list) too, so it is set on a subclass before construction.
        tool_class = type(
            "BoundedLanguageTool", (ltp.LanguageTool,), {"_TIMEOUT": settings.timeout}
        )
        try:
            if settings.languagetool_url:
                tool = tool_class(settings.language, remote_server=settings.languagetool_url)
            elif _LOCAL:  # another language or timeout in the same run: the same local server
                tool = tool_class(settings.language, remote_server=_LOCAL[0])
            else:
                _local_ready(ltp)
                tool = tool_class(settings.language)
                _LOCAL.append(str(tool.url).removesuffix("v2/"))
        except EngineUnavailable:
            raise
        except Exception as exc:  # the library raises many kinds; all mean "cannot use it"
            where = settings.languagetool_url or "local server"
            raise EngineUnavailable(
                f"LanguageTool ({where}) did not answer: {_short(exc, settings.timeout)}"
            ) from None
        self._tool = tool
        self._url = settings.languagetool_url or "local server"
        self._timeout = settings.timeout

    def check_many(self, paragraphs: list[str]) -> list[list[Issue]]:
        """LanguageTool's matches on each paragraph, one request after the other."""
        return [self._check(p) for p in paragraphs]

    def _check(self, paragraph: str) -> list[Issue]:
        """LanguageTool's matches on one paragraph."""
        try:
            matches = self._tool.check(paragraph)
        except Exception as exc:
            raise EngineUnavailable(
                f"LanguageTool ({self._url}) failed: {_short(exc, self._timeout)}"
            ) from None
        out = []
        for m in matches:
            category = "spelling" if m.category in _SPELLING else "grammar"
            start = m.offset
            out.append(
                Issue(
                    start,
                    start + m.error_length,
                    category,
                    m.rule_id,
                    m.message,
                    tuple(m.replacements[:5]),
                )
            )
        return out


def _local_ready(ltp) -> None:
    """Refuse early, with the reason, when a local server could not start without a download."""
    if shutil.which("java") is None:
        raise EngineUnavailable("LanguageTool needs a Java runtime, and none is installed")
    from language_tool_python.utils import get_language_tool_download_path

    folder = get_language_tool_download_path()
    if not any(folder.glob("LanguageTool*")):
        raise EngineUnavailable(
            f"LanguageTool is not installed in {folder} and cannot be downloaded here; "
            "give a server with --languagetool-url or use the offline engine"
        )


_CAUSES = ("Connection refused", "timed out", "Name or service not known", "No route to host")


def _short(exc: Exception, timeout: float) -> str:
    """The cause in a few words: the library nests it deep in long connection errors."""
    text = str(exc)
    for cause in _CAUSES:
        if cause in text:
            return f"timed out after {timeout:g} s" if cause == "timed out" else cause.lower()
    lines = text.strip().splitlines()
    return (lines[0] if lines else type(exc).__name__)[:200]
