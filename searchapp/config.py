"""Settings read from config.toml into one typed object (Flask's from_mapping drops lower-case keys)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path

from searchapp.exceptions import SearchAppError
from searchapp.text.analysers import DEFAULT_ANALYSER, AnalysisSettings

DEFAULT_CONFIG_NAME = "config.toml"


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
    stemmer: str = "english"
    limits: Limits = field(default_factory=Limits)

    @property
    def analysis(self) -> AnalysisSettings:
        """The analysis a new index is built with (an existing index keeps its own: engine/format.py)."""
        return AnalysisSettings(DEFAULT_ANALYSER, self.stemmer)

    def with_index(self, index_dir: str | Path | None) -> Settings:
        return self if index_dir is None else replace(self, index_dir=Path(index_dir).resolve())


KNOWN_KEYS = {
    "paths": {"data_dir", "index_dir"},
    "server": {"host", "port", "threads"},
    "analysis": {"stemmer"},
    "limits": set(Limits.__dataclass_fields__),
}


def load_settings(path: str | Path | None = None) -> Settings:
    """Read settings; with no path, use ./config.toml if present, else defaults relative to cwd."""
    if path is None:
        candidate = Path.cwd() / DEFAULT_CONFIG_NAME
        if not candidate.exists():
            return _resolve(Settings(), Path.cwd())
        path = candidate
    path = Path(path)
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SearchAppError(f"config file not found: {path}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise SearchAppError(f"config file {path} is not valid TOML: {exc}") from None
    _check_keys(raw, path)
    paths, server = raw.get("paths", {}), raw.get("server", {})
    settings = Settings(
        data_dir=Path(paths.get("data_dir", "data")),
        index_dir=Path(paths.get("index_dir", "index")),
        host=str(server.get("host", "127.0.0.1")),
        port=int(server.get("port", 8080)),
        threads=int(server.get("threads", 8)),
        stemmer=str(raw.get("analysis", {}).get("stemmer", "english")),
        limits=Limits(**{k: int(v) for k, v in raw.get("limits", {}).items()}),
    )
    return _resolve(settings, path.resolve().parent)


def _check_keys(raw: dict, path: Path) -> None:
    for section, values in raw.items():
        if section not in KNOWN_KEYS:
            raise SearchAppError(
                f"{path}: unknown section [{section}]; known sections: {', '.join(sorted(KNOWN_KEYS))}"
            )
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
