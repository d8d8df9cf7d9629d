"""A process's children, read from /proc (Linux): for the tests and the load bench, which check the server's
voice process."""

from pathlib import Path


def children(parent: int) -> list[int]:
    """The pids whose parent is `parent`."""
    found = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            stat = (proc / "stat").read_text()
        except OSError:
            continue  # it ended meanwhile
        # The parent pid is the 4th field, after the command in parentheses (which may hold spaces).
        if int(stat.rsplit(")", 1)[1].split()[1]) == parent:
            found.append(int(proc.name))
    return found


def command_line(pid: int) -> bytes:
    """The process's command line, its arguments separated by NUL bytes; empty once it has ended."""
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""
