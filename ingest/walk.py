"""The files a build reads: paths as given, folders walked in sorted order (no dotfiles).

Nothing under a folder is skipped in silence. A link leaving the folder, a link loop, a dangling
link and a folder that cannot be read come out as a path carrying its ``refusal``: ``load``
reports it as that file's one error. A link to a folder inside the tree is walked where it lies,
not again through the link.

Paths are :class:`InputPath`: ``str()`` gives the printable name (``\\xff`` for an undecodable
byte, ``\\n`` for a newline), safe to print and to store, while the file system still gets the
real bytes.
"""
from __future__ import annotations

import errno
import os
from pathlib import Path, PosixPath
from typing import Iterable, Iterator

from .errors import printable


class InputPath(PosixPath):
    """A path whose text is printable; ``refusal`` says why it will not be read, if it won't."""

    refusal: str | None = None

    def __str__(self) -> str:
        return printable(super().__str__())

    def __fspath__(self) -> str:
        return super().__str__()

    def __format__(self, spec) -> str:
        return format(str(self), spec)


def _refused(path: str, cause: str) -> InputPath:
    p = InputPath(path)
    p.refusal = cause
    return p


def _inside(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def _tree(root: InputPath) -> Iterator[InputPath]:
    top = os.path.realpath(root)
    folders = [os.fspath(root)]
    while folders:  # a stack, not recursion: any depth
        folder = folders.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError as e:
            yield _refused(folder, f"cannot read folder: {e.strerror or e}")
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            if not entry.is_symlink():
                if entry.is_dir(follow_symlinks=False):
                    folders.append(entry.path)
                else:
                    yield InputPath(entry.path)  # regular or not: load says which
                continue
            try:
                target = os.path.realpath(entry.path, strict=True)
            except OSError as e:
                cause = "symlink loop" if e.errno == errno.ELOOP else "dangling link: its target does not exist"
                yield _refused(entry.path, cause)
                continue
            if not _inside(target, top):
                yield _refused(entry.path, "link leaves the input folder: refused")
            elif not os.path.isdir(target):
                yield InputPath(entry.path)
            elif _inside(os.path.realpath(folder), target):
                yield _refused(entry.path, "symlink loop: links to a folder that holds it")
            # else a link to a folder inside the tree: its files are read where they lie


def iter_files(paths: Iterable) -> Iterator[InputPath]:
    """Files under ``paths`` (files or folders), each folder's sorted; hidden files and folders
    skipped; links out of the tree, loops and unreadable folders come with their ``refusal``."""
    for p in paths:
        p = p if isinstance(p, InputPath) else InputPath(os.fspath(p) if isinstance(p, Path) else p)
        if p.refusal is None and p.is_dir():
            yield from sorted(_tree(p))
        else:
            yield p
