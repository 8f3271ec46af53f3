"""Settings read from config.toml into one typed object (Flask's from_mapping drops lower-case keys)."""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path

from searchapp.exceptions import SearchAppError
from searchapp.text.analysers import AnalysisSettings, analyser_for_language

DEFAULT_CONFIG_NAME = "config.toml"
CONFIG_VARIABLE = "SEARCHAPP_CONFIG"
# The checkout searchapp runs from (an editable install, scripts/run.sh): its config.toml is the last resort.
PROJECT_DIR = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Limits:
    """Bounds that keep any single request cheap."""

    max_query_length: int = 1000
    max_expansions: int = 1000
    max_page: int = 1000
    max_per_page: int = 100
    max_export: int = 1_000_000


@dataclass(frozen=True)
class Settings:
    data_dir: Path = Path("data")
    index_dir: Path = Path("index")
    host: str = "127.0.0.1"
    port: int = 8080
    threads: int = 8
    workers: int = 0  # server processes; 0 = one per core (gunicorn; waitress where it cannot run)
    stemmer: str = "english"
    # "https://resolutions.example.org": exported links (anchor URLs, page URLs in references)
    # start with it; "" leaves them as paths ("/documents/A/RES/78/1#op6").
    public_url: str = ""
    limits: Limits = field(default_factory=Limits)
    config_file: Path | None = None  # the file these settings were read from; None: built-in defaults

    @property
    def analysis(self) -> AnalysisSettings:
        """The analysis a new index is built with (an existing index keeps its own: engine/format.py)."""
        return AnalysisSettings(analyser_for_language(self.stemmer), self.stemmer)

    def with_index(self, index_dir: str | Path | None) -> Settings:
        return self if index_dir is None else replace(self, index_dir=Path(index_dir).resolve())


KNOWN_KEYS = {
    "paths": {"data_dir", "index_dir"},
    "server": {"host", "port", "threads", "workers", "public_url"},
    "analysis": {"stemmer"},
    "limits": set(Limits.__dataclass_fields__),
}

# Whole-number settings and the values they may take (inclusive). max_per_page is at least the
# default page size (20): below it, every search without an explicit per_page would be refused.
WHOLE_NUMBERS: dict[tuple[str, str], tuple[int, int]] = {
    ("server", "port"): (1, 65535),
    ("server", "threads"): (1, 1000),
    ("server", "workers"): (0, 256),
    ("limits", "max_query_length"): (1, 1_000_000),
    ("limits", "max_expansions"): (1, 10_000_000),
    ("limits", "max_page"): (1, 10_000_000),
    ("limits", "max_per_page"): (20, 100_000),
    ("limits", "max_export"): (1, 1_000_000_000),
}
# NLTK's SnowballStemmer.languages, written out: importing NLTK takes about a second, and every
# command reads the settings (tests/test_config.py checks the two lists agree).
STEMMER_LANGUAGES = ("arabic", "danish", "dutch", "english", "finnish", "french", "german", "hungarian", "italian",
                     "norwegian", "porter", "portuguese", "romanian", "russian", "spanish", "swedish")


def usable_cores() -> int:
    """Cores this process may run on: its CPU affinity (`taskset -c 0` gives 1, a container's CPU
    set counts), else every core the machine has. Parsing, index writing and `serve`'s default
    worker count take one process per usable core."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except (AttributeError, OSError):  # no affinity outside Linux
        return os.cpu_count() or 1


def find_config(start: Path | None = None) -> Path | None:
    """The settings file to read when none is given: $SEARCHAPP_CONFIG, else the nearest
    config.toml in `start` (default: the current directory) or a folder above it, else the
    config.toml of the project searchapp runs from; None when there is none of these."""
    named = os.environ.get(CONFIG_VARIABLE, "").strip()
    if named:
        return Path(named)
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / DEFAULT_CONFIG_NAME).is_file():
            return folder / DEFAULT_CONFIG_NAME
    installed = PROJECT_DIR / DEFAULT_CONFIG_NAME
    return installed if installed.is_file() else None


def load_settings(path: str | Path | None = None) -> Settings:
    """Read settings from `path` (--config), else from find_config()'s file; with neither,
    defaults relative to the current directory. Relative paths in a file are relative to its
    folder. SearchAppError naming the file when it is missing or invalid."""
    if path is None:
        path = find_config()
        if path is None:
            return _resolve(Settings(), Path.cwd())
    path = Path(path)
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SearchAppError(f"config file not found: {path}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise SearchAppError(f"config file {path} is not valid TOML: {exc}") from None
    _check_keys(raw, path)
    settings = Settings(
        data_dir=Path(_text(raw, path, "paths", "data_dir", "data")),
        index_dir=Path(_text(raw, path, "paths", "index_dir", "index")),
        host=_text(raw, path, "server", "host", "127.0.0.1"),
        port=_whole_number(raw, path, "server", "port", 8080),
        threads=_whole_number(raw, path, "server", "threads", 8),
        workers=_whole_number(raw, path, "server", "workers", 0),
        stemmer=_stemmer(raw, path),
        public_url=_public_url(raw, path),
        limits=Limits(**{k: _whole_number(raw, path, "limits", k, 0) for k in raw.get("limits", {})}),
        config_file=path.resolve(),
    )
    return _resolve(settings, path.resolve().parent)


def _whole_number(raw: dict, path: Path, section: str, key: str, default: int) -> int:
    """raw[section][key] as an int within WHOLE_NUMBERS' range, else SearchAppError naming it."""
    value = raw.get(section, {}).get(key, default)
    low, high = WHOLE_NUMBERS[(section, key)]
    number = value if isinstance(value, int) and not isinstance(value, bool) else None
    if isinstance(value, str) and value.strip().isdigit():  # port = "8080" was always accepted
        number = int(value)
    if number is None or not low <= number <= high:
        raise SearchAppError(f"{path}: [{section}] {key} must be a whole number from {low:,} to {high:,}, "
                             f"not {value!r}")
    return number


def _text(raw: dict, path: Path, section: str, key: str, default: str) -> str:
    value = raw.get(section, {}).get(key, default)
    if not isinstance(value, str) or not value.strip():
        raise SearchAppError(f"{path}: [{section}] {key} must be a non-empty text in quotes, not {value!r}")
    return value


def _public_url(raw: dict, path: Path) -> str:
    value = raw.get("server", {}).get("public_url", "")
    if value == "":
        return ""
    if not isinstance(value, str) or not re.fullmatch(r"https?://[^\s/?#]+(/[^\s?#]*)?", value):
        raise SearchAppError(f"{path}: [server] public_url must be an http:// or https:// address without "
                             f"query or fragment, such as \"https://resolutions.example.org\", not {value!r}")
    return value.rstrip("/")


def _stemmer(raw: dict, path: Path) -> str:
    value = _text(raw, path, "analysis", "stemmer", "english")
    if value not in STEMMER_LANGUAGES:
        raise SearchAppError(f"{path}: [analysis] stemmer must be one of {', '.join(STEMMER_LANGUAGES)}, "
                             f"not {value!r}")
    return value


def _check_keys(raw: dict, path: Path) -> None:
    for section, values in raw.items():
        if section not in KNOWN_KEYS:
            raise SearchAppError(
                f"{path}: unknown section [{section}]; known sections: {', '.join(sorted(KNOWN_KEYS))}"
            )
        if not isinstance(values, dict):
            raise SearchAppError(f"{path}: {section} must be a section ([{section}] on a line of its own, "
                                 f"then its keys), not {values!r}")
        unknown = set(values) - KNOWN_KEYS[section]
        if unknown:
            raise SearchAppError(
                f"{path}: unknown key(s) {', '.join(sorted(unknown))} in [{section}]; "
                f"known keys: {', '.join(sorted(KNOWN_KEYS[section]))}"
            )


def _resolve(settings: Settings, base: Path) -> Settings:
    return replace(
        settings,
        data_dir=(base / settings.data_dir).resolve(),
        index_dir=(base / settings.index_dir).resolve(),
    )
