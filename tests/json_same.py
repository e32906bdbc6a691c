"""json_same.py - two JSON reports held equal figure by figure, for the
tests that hold an --engine path equal to the SQLite path
(tests/engine-*.sh, which put tests/ on sys.path).

Same(rel, count_text).cmp(x, y, path) walks two JSON values side by
side: objects must have the same keys, arrays the same length, strings,
booleans and nulls must be equal, integers equal (an integer, not a
boolean or a real, on both sides), other numbers within rel of the
larger of the two (relative; 1e-12 by default).  n counts the numbers
compared (and the strings, with count_text); bad lists each difference
with its path ("development.gains[3].bads: 12 against 13").
"""


class Same:
    def __init__(self, rel=1e-12, count_text=False):
        self.rel = rel
        self.count_text = count_text
        self.n = 0
        self.bad = []

    def cmp(self, x, y, path):
        bad = self.bad
        if isinstance(x, dict):
            if not isinstance(y, dict) or sorted(x) != sorted(y):
                bad.append("%s: keys %s against %s" % (path, sorted(x),
                    sorted(y) if isinstance(y, dict) else y))
                return
            for k in x:
                self.cmp(x[k], y[k], path + "." + k)
        elif isinstance(x, list):
            if not isinstance(y, list) or len(x) != len(y):
                bad.append("%s: %d items against %s" % (path, len(x),
                    len(y) if isinstance(y, list) else y))
                return
            for i, (u, v) in enumerate(zip(x, y)):
                self.cmp(u, v, "%s[%d]" % (path, i))
        elif isinstance(x, bool) or x is None or isinstance(x, str):
            if self.count_text:
                self.n += 1
            if x != y:
                bad.append("%s: %r against %r" % (path, x, y))
        elif isinstance(x, int):
            self.n += 1
            if not isinstance(y, int) or isinstance(y, bool) or x != y:
                bad.append("%s: %r against %r" % (path, x, y))
        else:
            self.n += 1
            if not isinstance(y, (int, float)) or isinstance(y, bool) or \
                    abs(x - y) > self.rel * max(abs(x), abs(y)):
                bad.append("%s: %r against %r" % (path, x, y))
