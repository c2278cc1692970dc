#!/usr/bin/env python3
"""Lists the messages of the parsers l10n uses, for src/data/parser_messages.cpp.

toml++ builds its parse errors from pieces: "Error while parsing <scope>: "
and the arguments of each set_error call, string literals and values. This
reads the installed header and prints each message as a template, a value
written %s, so that l10n can match an error against it and show the
template's translation with the values put back. libyaml's messages are
fixed strings; with --libyaml DIR (its source tree) they are listed too.

  tools/parser-messages.py [--toml-header FILE] [--libyaml DIR]
"""
import argparse
import re

LITERAL = re.compile(r'^"((?:[^"\\]|\\.)*)"(?:sv)?$')
CALLS = re.compile(r'\b(set_error_and_return_default|set_error_and_return_if_eof|set_error_and_return|set_error_at|set_error)\s*\(')


def args_of(text, start):
    """The top-level arguments of the call whose '(' is just before start, and where it ends."""
    args, depth, i, begin = [], 1, start, start
    while depth:
        c = text[i]
        if c == '"':
            i += 1
            while text[i] != '"':
                i += 2 if text[i] == '\\' else 1
        elif c in '({':
            depth += 1
        elif c in ')}':
            depth -= 1
        elif c == ',' and depth == 1:
            args.append(text[begin:i].strip())
            begin = i + 1
        i += 1
    args.append(text[begin:i - 1].strip())
    return args, i


def unescape(s):
    return s.encode().decode('unicode_escape')


def literal(arg):
    """The string a literal argument holds ("abc"sv, R"(abc)"sv, or "a" "b"), else None."""
    raw = re.match(r'^R"\((.*)\)"(?:sv)?$', arg, re.S)
    if raw:
        return raw.group(1)
    parts = re.findall(r'"((?:[^"\\]|\\.)*)"(?:sv)?', arg)
    rest = re.sub(r'"((?:[^"\\]|\\.)*)"(?:sv)?', '', arg).strip()
    return unescape(''.join(parts)) if parts and not rest else None


def ternary(arg):
    m = re.match(r'^.*?\?\s*("(?:[^"\\]|\\.)*"(?:sv)?)\s*:\s*("(?:[^"\\]|\\.)*"(?:sv)?)$', arg, re.S)
    return (literal(m.group(1)), literal(m.group(2))) if m else None


def toml_messages(header):
    text = open(header, encoding='utf-8').read()
    text = text[text.index('struct error_builder'):]  # past the macro definitions' own uses
    templates, words = set(), set()
    for m in CALLS.finditer(text):
        name = m.group(1)
        args, _ = args_of(text, m.end())
        if name == 'set_error_and_return_if_eof':
            templates.add('encountered end-of-file')
            continue
        if name in ('set_error_and_return', 'set_error_at'):
            args = args[1:]
        if not args or any(a in ('', '...', '__VA_ARGS__', 'reason...') or 'T&' in a for a in args):
            continue  # the macros and templates that pass the pieces on
        if len(args) == 1 and ternary(args[0]):
            templates.update(ternary(args[0]))
            continue
        out = ''
        for a in args:
            s = literal(a)
            if s is not None:
                out += s.replace('%', '%%')
                continue
            t = ternary(a)
            if t:  # a choice of two texts inside a message: each is translated on its own
                words.update(w.strip() for w in t if w.strip())
            out += '%s'
        templates.add(out)
    scopes = set(re.findall(r'push_parse_scope\("([^"]*)"sv\)', text))
    scopes.update(re.findall(r'scope_qualifier\s*=\s*"([^"]*)"sv', open(header, encoding='utf-8').read()))
    types = re.search(r'node_type_friendly_names\[\]\s*=\s*\{(.*?)\}', open(header.replace('parser.inl', 'forward_declarations.h'), encoding='utf-8').read(), re.S)
    words.update(w for w in re.findall(r'"([^"]*)"sv', types.group(1)) if w != 'none')
    return sorted(templates), sorted(scopes), sorted(words)


def yaml_messages(src):
    out = set()
    for f in ('scanner.c', 'parser.c', 'reader.c'):
        text = open(f'{src}/src/{f}', encoding='utf-8').read()
        for m in re.finditer(r'\byaml_parser_set_(?:scanner|parser|reader)_error(?:_context)?\s*\(', text):
            if re.search(r'(static|int)\s*$', text[:m.start()]):
                continue
            args, _ = args_of(text, m.end())
            out.update(s for s in (literal(a) for a in args) if s)
    return sorted(out)


def c_string(s):
    return '"' + s.replace('\\', '\\\\').replace('"', '\\"').replace('\n', '\\n').replace('\r', '\\r') + '"'


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--toml-header', default='/usr/include/toml++/impl/parser.inl')
    ap.add_argument('--libyaml')
    a = ap.parse_args()
    templates, scopes, words = toml_messages(a.toml_header)
    for title, items in (('toml templates', templates), ('toml scopes', scopes), ('toml words', words)):
        print(f'// {title}')
        for s in items:
            print(f'    N_({c_string(s)}),')
    if a.libyaml:
        print('// libyaml')
        for s in yaml_messages(a.libyaml):
            print(f'    N_({c_string(s)}),')


if __name__ == '__main__':
    main()
