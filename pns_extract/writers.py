"""Serialisation of documents for the library and the CLI: JSON, YAML, the plan as a readable
Markdown or HTML document, and atomic writes (temporary file in the target folder, then rename)."""

from __future__ import annotations

import json
import os
import tempfile
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from .errors import OutputError
from .safe_output import check_output_target, is_stdout, write_stdout

if TYPE_CHECKING:  # pydantic and PyYAML load when a document is serialised, not to write one out
    import yaml
    from pydantic import BaseModel

Format = Literal["json", "yaml", "markdown", "html"]
# the file extension each format is written with
EXTENSIONS: dict[Format, str] = {"json": "json", "yaml": "yaml", "markdown": "md", "html": "html"}
_BY_EXTENSION: dict[str, Format] = {
    "json": "json",
    "yaml": "yaml",
    "yml": "yaml",
    "md": "markdown",
    "markdown": "markdown",
    "html": "html",
    "htm": "html",
}


def to_data(model: BaseModel) -> dict[str, Any]:
    return model.model_dump(mode="json")


def dump_json(model: BaseModel) -> str:
    return json.dumps(to_data(model), ensure_ascii=False, indent=2) + "\n"


# Characters YAML reads as line breaks (NEL, LS, PS) or drops (BOM) inside a plain or single-quoted
# scalar: a string holding one is written double-quoted, where the emitter escapes them, so the
# YAML output carries the same strings as the JSON output.
_YAML_BREAKS = frozenset("\x85\u2028\u2029\ufeff")


def _represent_str(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
    style = '"' if _YAML_BREAKS.intersection(text) else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


@cache
def _dumper() -> type[yaml.SafeDumper]:
    import yaml

    class Dumper(yaml.SafeDumper):
        pass

    Dumper.add_representer(str, _represent_str)
    return Dumper


def yaml_text(data: Any) -> str:
    """``data`` (a model's JSON-mode dump, or the same read back from JSON) as the YAML output."""
    import yaml

    return yaml.dump(data, Dumper=_dumper(), allow_unicode=True, sort_keys=False, width=100)


def dump_yaml(model: BaseModel) -> str:
    return yaml_text(to_data(model))


def dump(model: BaseModel, fmt: Format) -> str:
    if fmt == "json":
        return dump_json(model)
    if fmt == "yaml":
        return dump_yaml(model)
    from .model import Document
    from .render_document import render_html, render_markdown

    if not isinstance(model, Document):
        raise OutputError(f"only an extracted document reads as {fmt}; use json or yaml")
    return render_markdown(model) if fmt == "markdown" else render_html(model)


def format_for(path: Path, explicit: str | None = None) -> Format:
    """The output format: ``explicit`` if given, else from the extension (default JSON)."""
    choice = (explicit or path.suffix.lstrip(".") or "json").lower()
    if choice in _BY_EXTENSION:
        return _BY_EXTENSION[choice]
    raise OutputError(f"{path}: unknown output format {choice!r} (use .json, .yaml, .yml, .md or .html, or --format)")


def emit(text: str, output: Path | None, protect: tuple[Path, ...] = ()) -> None:
    """``text`` to stdout (``output`` None, ``-`` or /dev/stdout) or written atomically to ``output``."""
    if is_stdout(output):
        write_stdout(text)
    else:
        assert output is not None
        write_atomic(output, text, protect=protect)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomic(path: Path, text: str | bytes, *, protect: tuple[Path, ...] = ()) -> None:
    """Write ``text`` (as UTF-8, or bytes as they are) to ``path`` through a
    temporary file in the same folder, so a reader never sees half a file. ``protect`` lists files
    (the inputs) never to overwrite."""
    target = path.resolve()
    for guarded in protect:
        if guarded.exists() and target.exists() and os.path.samefile(guarded, target):
            raise OutputError(f"{path}: refusing to overwrite the input file")
    check_output_target(target)  # a device or a FIFO is never replaced by a file
    folder = target.parent
    if not folder.is_dir():
        raise OutputError(f"{path}: the folder {folder} does not exist")
    try:
        # a short name of its own: the target's name may already be as long as the system allows
        fd, tmp_name = tempfile.mkstemp(prefix=".pns-", suffix=".tmp", dir=folder)
    except OSError as error:
        raise OutputError(f"{path}: cannot write there ({error.strerror})") from None
    try:
        with os.fdopen(fd, "wb") as handle:  # bytes, so "\n" stays "\n" on every system
            handle.write(text if isinstance(text, bytes) else text.encode("utf-8"))
        os.chmod(tmp_name, 0o666 & ~_umask())  # mkstemp makes 0600; give the usual mode
        os.replace(tmp_name, target)
    except OSError as error:
        raise OutputError(f"{path}: cannot write ({error.strerror})") from None
    finally:  # also on Ctrl-C: never leave the temporary file behind
        Path(tmp_name).unlink(missing_ok=True)
