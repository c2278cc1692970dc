"""Reads Debian's Dutch translations of program messages: (msgid, msgstr) pairs
from /usr/share/locale/nl/LC_MESSAGES/*.mo, decompiled with msgunfmt."""
import glob
import os
import re
import subprocess

MO_DIR = "/usr/share/locale/nl/LC_MESSAGES"


def _unquote(s):
    s = s.strip()
    if not (s.startswith('"') and s.endswith('"')):
        return ""
    body = s[1:-1]
    return re.sub(r'\\(.)', lambda m: {"n": "\n", "t": "\t"}.get(m.group(1), m.group(1)), body)


def pairs(domain_path):
    """(msgid, msgstr) of one .mo file, plural forms by their first form."""
    text = subprocess.run(["msgunfmt", "--no-wrap", domain_path], capture_output=True, text=True).stdout
    out = []
    msgid = msgstr = None
    for line in text.splitlines():
        if line.startswith("msgid "):
            msgid = _unquote(line[6:])
        elif line.startswith("msgstr ") or line.startswith("msgstr[0] "):
            msgstr = _unquote(line.split(" ", 1)[1])
            if msgid and msgstr:
                out.append((msgid, msgstr))
            msgid = msgstr = None
    return out


def domains():
    return sorted(glob.glob(os.path.join(MO_DIR, "*.mo")))
