"""Checks a captured kam screen (stdin) against kam's own trace.

usage: layout.py TRACE ROLE [ID ...]

- No two columns touch: for every "columns Y ROWS X+W ..." line the last
  paint wrote, the display column after each column but the last holds a
  space on each of those screen lines (nothing ran over into it).
- The status line's key hints never run into its fields: a space before
  "ROLE | db".
- Every ID is on the screen whole, and none is cut: wherever the first
  six characters of an ID stand, the whole ID does.
Prints each problem and exits 1 when there is one.
"""
import sys
import unicodedata


def width(c):
    if unicodedata.combining(c):
        return 0
    return 2 if unicodedata.east_asian_width(c) in 'WF' else 1


def cells(line):
    """The character at each display column (a wide one's second is '')."""
    out = []
    for c in line:
        w = width(c)
        if w == 0 and out:
            out[-1] += c
            continue
        out.append(c)
        if w == 2:
            out.append('')
    return out


def last_paint_columns(trace):
    lines = open(trace, encoding='utf-8', errors='replace').read().splitlines()
    paints = [i for i, l in enumerate(lines) if l.split(' ')[1:2] == ['paint']]
    if not paints:
        return []
    start = paints[-2] + 1 if len(paints) > 1 else 0
    cols = []
    for l in lines[start:paints[-1]]:
        f = l.split(' ')
        if f[1:2] == ['columns']:
            y, rows = int(f[2]), int(f[3])
            places = [tuple(int(n) for n in p.split('+')) for p in f[4:]]
            cols.append((y, rows, places))
    return cols


def main():
    trace, role, ids = sys.argv[1], sys.argv[2], sys.argv[3:]
    screen = sys.stdin.read().split('\n')
    problems = []
    for y, rows, places in last_paint_columns(trace):
        for (x, w), (nx, _) in zip(places, places[1:]):
            if x + w >= nx:
                problems.append('line %d: columns at %d and %d touch' % (y, x, nx))
            for r in range(y, y + rows):
                row = cells(screen[r]) if r < len(screen) else []
                if x + w < len(row) and row[x + w] not in (' ',):
                    problems.append('line %d: column %d runs into the next: %r'
                                    % (r, x, screen[r]))
    status = screen[-3] if len(screen) >= 3 and screen[-1] == '' else screen[-2]
    at = status.find(role + ' | db')
    if at > 0 and status[at - 1] != ' ':
        problems.append('status line: hints run into the fields: %r' % status)
    text = '\n'.join(screen)
    whole = set()   # the characters inside a whole identifier
    for ident in ids:
        i = text.find(ident)
        if i < 0:
            problems.append('%s is not on the screen whole' % ident)
        while i >= 0:
            whole.update(range(i, i + len(ident)))
            i = text.find(ident, i + 1)
    for ident in ids:
        i = text.find(ident[:6])
        while i >= 0:
            if i not in whole:
                problems.append('%s is cut: %r' % (ident,
                                text[i:i + len(ident)]))
            i = text.find(ident[:6], i + 1)
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
