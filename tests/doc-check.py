#!/usr/bin/env python3
"""doc-check.py - hold the HTML document and the workbook of
'riskdesk --report' against its JSON document, with the standard library
only (independent of the writers and of libxlsxwriter).

  doc-check.py html DOC.html DOC.json   every numeric figure of the page
  doc-check.py xlsx DOC.xlsx DOC.json   the workbook's cells
  doc-check.py png SHOT.png             a screenshot is not blank

Each prints what it checked and exits 1 on the first kind of failure
found (all failures are listed).
"""
import html.parser
import json
import re
import struct
import sys
import zipfile
import xml.etree.ElementTree as ET

fails = []


def fail(msg):
    fails.append(msg)
    if len(fails) <= 40:
        print("FAIL: " + msg)


def pointer(doc, ptr):
    """The value at JSON pointer ptr (RFC 6901) of doc, or KeyError."""
    cur = doc
    for part in ptr.split("/")[1:]:
        part = part.replace("~1", "/").replace("~0", "~")
        if isinstance(cur, list):
            cur = cur[int(part)]
        else:
            cur = cur[part]
    return cur


def parse_shown(kind, text):
    """The number a cell shows, or None for n/a and '-'."""
    t = text.strip().rstrip("*")
    if t in ("n/a", "-", "inf"):
        return None
    t = t.replace(",", "")
    if kind == "pct":
        return float(t.rstrip("%")) / 100.0
    if kind == "pts":
        # A difference of rates in percentage points, signed.
        if not re.match(r"^[-+]\d+\.\d+ pts$", t):
            raise ValueError(text)
        return float(t[:-4]) / 100.0
    if kind == "pval" and t.startswith("<"):
        return float(t[1:])
    return float(t)


def half_unit(kind, text):
    """Half the last shown digit: the rounding the display allows."""
    t = text.strip().rstrip("*").rstrip("%").replace(",", "")
    if kind == "pts":
        t = t[:-4]
    m = re.match(r"^[-+]?\d+(?:\.(\d+))?(?:e([+-]\d+))?$", t)
    if not m:
        return 0
    dec = len(m.group(1) or "")
    exp = int(m.group(2) or 0)
    unit = 10.0 ** (exp - dec)
    if kind in ("pct", "pts"):
        unit /= 100.0
    return unit / 2


class Cells(html.parser.HTMLParser):
    """Collect elements with data-j, and td cells with their text."""

    def __init__(self):
        super().__init__()
        self.stack = []
        self.figs = []      # (kind, ptr, text)
        self.plain = []     # td text without data-j
        self.charts = 0
        self.drawn = 0
        self.in_chart = False
        self.chart_marks = 0
        self.scripts = 0
        self.external = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "script":
            self.scripts += 1
        for k in ("src", "href"):
            v = a.get(k)
            if v and not v.startswith("#"):
                self.external.append(v)
        if tag == "link":
            self.external.append(a.get("href", "link"))
        if tag == "svg" and "chart" in a.get("class", ""):
            self.charts += 1
            self.in_chart = True
            self.chart_marks = 0
        if self.in_chart and tag in ("path", "rect", "circle"):
            d = a.get("d", "")
            # A drawn series: a path of at least two points, a bar, a
            # marker (not the frame: the frame is a path with V and H).
            if (tag == "path" and d.count("L") >= 1 and
                    a.get("stroke-width") == "2") or \
                    (tag == "rect" and "url(#p" in a.get("fill", "")
                     and float(a.get("height", "0")) > 0) or \
                    tag == "circle":
                self.chart_marks += 1
        if tag in ("td", "span") and "data-j" in a:
            self.stack.append([tag, a["data-f"], a["data-j"], ""])
        elif tag == "td":
            self.stack.append([tag, a.get("data-f") or a.get("class"),
                               None, ""])

    def handle_endtag(self, tag):
        if tag == "svg" and self.in_chart:
            self.in_chart = False
            if self.chart_marks > 0:
                self.drawn += 1
        if self.stack and self.stack[-1][0] == tag:
            t, kind, ptr, text = self.stack.pop()
            if ptr is not None:
                self.figs.append((kind, ptr, text))
            elif kind not in ("def", "i", "hash"):
                self.plain.append(text)

    def handle_data(self, data):
        for s in self.stack:
            s[3] += data


def check_html(path, jpath):
    doc = json.load(open(jpath, encoding="utf-8"))
    page = open(path, encoding="utf-8").read()
    p = Cells()
    p.feed(page)
    checked = 0
    for kind, ptr, text in p.figs:
        try:
            want = pointer(doc, ptr)
        except (KeyError, IndexError, ValueError):
            fail("%s: no figure %s in the JSON document" % (path, ptr))
            continue
        if isinstance(want, (dict, list, str)):
            fail("%s: %s names no number in the JSON document" % (path,
                                                                ptr))
            continue
        try:
            got = parse_shown(kind, text)
        except ValueError:
            fail("%s: %s shows '%s', not a number" % (path, ptr, text))
            continue
        if got is None or want is None:
            if (got is None) != (want is None) and text.strip() != "inf":
                fail("%s: %s shows '%s', JSON has %r" % (path, ptr, text,
                                                          want))
            checked += 1
            continue
        if kind == "pval":
            ok = abs(got - want) <= max(abs(want) * 5e-3, 1e-300) or \
                (text.startswith("<") and want < got)
        else:
            ok = abs(got - want) <= half_unit(kind, text) * (1 + 1e-9) + \
                1e-12
        if not ok:
            fail("%s: %s shows '%s' (%s), JSON has %r" % (path, ptr, text,
                                                           kind, want))
        checked += 1
    # The policy's fraud section is on the page: each rule's figures and
    # the set's, under their JSON pointers.
    fr = doc.get("policy", {}).get("fraud")
    if fr:
        shown = set(ptr for kind, ptr, text in p.figs)

        def tok(name):
            return name.replace("~", "~0").replace("/", "~1")
        want = ["/policy/fraud/" + k for k in (
            "events", "alerts", "alert_rate", "detection_rate",
            "value_detection_rate", "precision", "declines", "refers",
            "days", "approvals_stopped")]
        for name in fr["rules"]:
            want += ["/policy/fraud/rules/%s/%s" % (tok(name), k) for k in (
                "alerts", "alert_rate", "detection_rate", "precision")]
            if fr.get("frauds") is not None:
                want.append("/policy/fraud/rules/%s/frauds_caught" %
                            tok(name))
        for w in want:
            if w not in shown:
                fail("%s: the fraud figure %s is not on the page" % (path,
                                                                    w))
        for name, rule in fr["rules"].items():
            for t in (name, rule["when"], rule["reason"]):
                if html.escape(t, quote=False) not in page and \
                        t not in page:
                    fail("%s: the fraud rule %s: '%s' is not on the page" %
                         (path, name, t))
    # Every number in a table cell names its figure.
    loose = [t for t in p.plain
             if re.match(r"^\s*-?[\d,]+(\.\d+)?%?\s*$", t)]
    for t in loose[:10]:
        fail("%s: the number '%s' in a cell names no JSON figure" %
             (path, t.strip()))
    if p.scripts:
        fail("%s: %d scripts" % (path, p.scripts))
    for e in p.external:
        fail("%s: refers to %s outside the page" % (path, e))
    if p.charts == 0 or p.drawn != p.charts:
        fail("%s: %d charts, %d of them with something drawn" %
             (path, p.charts, p.drawn))
    print("html: %d figures held against the JSON document, %d charts "
          "drawn, %d bytes" % (checked, p.drawn, len(page.encode())))
    return checked


# ------------------------------------------------------------------ xlsx

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/"
           "relationships",
      "p": "http://schemas.openxmlformats.org/package/2006/relationships"}


def col_index(ref):
    letters = re.match(r"[A-Z]+", ref).group(0)
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n - 1, int(ref[len(letters):]) - 1


def read_book(path):
    """{sheet name: {(row, col): (value, numeric, style)}}, frozen."""
    z = zipfile.ZipFile(path)
    strings = []
    if "xl/sharedStrings.xml" in z.namelist():
        for si in ET.fromstring(z.read("xl/sharedStrings.xml")).findall(
                "m:si", NS):
            strings.append("".join(t.text or "" for t in si.iter(
                "{%s}t" % NS["m"])))
    styles = ET.fromstring(z.read("xl/styles.xml"))
    numfmt = [int(x.get("numFmtId", "0")) for x in
              styles.find("m:cellXfs", NS).findall("m:xf", NS)]
    rels = {r.get("Id"): r.get("Target") for r in ET.fromstring(
        z.read("xl/_rels/workbook.xml.rels")).findall("p:Relationship", NS)}
    wb = ET.fromstring(z.read("xl/workbook.xml"))
    book, frozen = {}, {}
    for sh in wb.find("m:sheets", NS).findall("m:sheet", NS):
        target = rels[sh.get("{%s}id" % NS["r"])]
        x = ET.fromstring(z.read("xl/" + target.lstrip("/").replace(
            "xl/", "")))
        cells = {}
        for c in x.iter("{%s}c" % NS["m"]):
            v = c.find("m:v", NS)
            if v is None:
                continue
            rc = col_index(c.get("r"))
            st = numfmt[int(c.get("s", "0"))]
            if c.get("t") == "s":
                cells[rc[1], rc[0]] = (strings[int(v.text)], False, st)
            else:
                cells[rc[1], rc[0]] = (float(v.text), True, st)
        pane = x.find(".//m:pane", NS)
        frozen[sh.get("name")] = pane is not None and \
            pane.get("state") == "frozen"
        book[sh.get("name")] = cells
    return book, frozen


def rows_of(cells, first_col_value=None):
    """Rows as lists, keyed by their row number."""
    out = {}
    for (r, c), v in cells.items():
        out.setdefault(r, {})[c] = v
    return out


def check_xlsx(path, jpath):
    doc = json.load(open(jpath, encoding="utf-8"))
    book, frozen = read_book(path)
    n = [0]

    def same(what, cell, want, tol=1e-9):
        if cell is None:
            fail("%s: %s: no cell" % (path, what))
            return
        v, numeric, style = cell
        if want is None:
            if numeric:
                fail("%s: %s: %r, JSON has null" % (path, what, v))
        elif not numeric:
            fail("%s: %s: text '%s' where a number is due" % (path, what,
                                                             v))
        elif style == 0:
            fail("%s: %s: a number without a number format" % (path,
                                                                what))
        elif abs(v - want) > tol * max(1.0, abs(want)):
            fail("%s: %s: %r, JSON has %r" % (path, what, v, want))
        n[0] += 1

    want_sheets = ["Document", "Data", "Characteristics", "Model",
                   "Scorecard", "Performance", "Stability", "Policy"]
    if "reject_inference" in doc:
        want_sheets.append("Reject inference")
    if list(book) != want_sheets:
        fail("%s: sheets %s, wanted %s" % (path, list(book), want_sheets))
        return 0
    for s in want_sheets:
        if not frozen[s]:
            fail("%s: sheet %s: header row not frozen" % (path, s))

    # Data: the development table and the population.
    rows = rows_of(book["Data"])
    for r, key in ((1, "development_table"), (2, "population")):
        for c, k in ((2, "rows"), (3, "bads"), (4, "goods"),
                     (5, "indeterminate"), (6, "bad_rate")):
            same("Data %s %s" % (key, k), rows[r].get(c),
                 doc["data"][key][k])
        if "rejects" in doc["data"][key]:
            same("Data %s rejects" % key, rows[r].get(7),
                 doc["data"][key]["rejects"])

    # The augmented set an inferred scorecard was fitted on.
    aug = doc["data"]["sample"].get("augmented")
    if aug is not None:
        want = {"all rows (fitted on)": aug,
                "accepts (known outcome)": aug["accepts"]}
        if aug["method"] != "reweighting":
            want["rejects (inferred outcome)"] = aug["rejects"]
        seen = 0
        for r in rows.values():
            what = r.get(0, (None,))[0]
            a = want.get(what)
            if a is None:
                continue
            seen += 1
            for c, k in ((2, "rows"), (3, "weight"), (4, "bad_weight")):
                same("Data %s %s" % (what, k), r.get(c), a[k])
        if seen != len(want):
            fail("%s: Data: %d of the %d rows of the augmented set" %
                 (path, seen, len(want)))

    # Reject inference: the headline figures and every band.
    if "reject_inference" in doc and "kgb" in doc["reject_inference"]:
        ri = doc["reject_inference"]
        rows = rows_of(book["Reject inference"])
        for r, key in ((2, "reject_bad_rate"), (3, "ttd_bad_rate")):
            same("Reject inference %s KGB" % key, rows[r].get(1),
                 ri[key]["kgb"])
            same("Reject inference %s inferred" % key, rows[r].get(2),
                 ri[key]["inferred"])
            same("Reject inference %s augmented" % key, rows[r].get(3),
                 ri["augmented"][key])
        for i, band in enumerate(ri["bands"]):
            for c, k in ((1, "applicants"), (2, "accepts"), (3, "rejects"),
                         (6, "shift"), (7, "reject_pd_kgb")):
                same("Reject inference band %d %s" % (i, k),
                     rows[8 + i].get(c), band[k])
        ps = ri.get("policy_swap")
        if ps and "swap" in ps:
            start = [rr for rr in sorted(rows)
                     if rows[rr].get(0, ("",))[0] == "approved by both"]
            for i, k in enumerate(("approved_by_both", "swap_in",
                                   "swap_out", "declined_by_both")):
                rr = rows[start[0] + i]
                for c, f in ((1, "count"), (2, "known"), (3, "bad"),
                             (4, "bad_rate")):
                    same("Reject inference swap %s %s" % (k, f),
                         rr.get(c), ps["swap"][k][f])

    # Model: every coefficient, SE and p-value.
    rows = rows_of(book["Model"])
    for i, co in enumerate(doc["model"]["coefficients"]):
        r = rows[i + 1]
        if r[0][0] != co["term"]:
            fail("%s: Model row %d is %s, JSON %s" % (path, i + 1, r[0][0],
                                                     co["term"]))
        same("Model %s estimate" % co["term"], r.get(1), co["estimate"])
        same("Model %s std_error" % co["term"], r.get(2), co["std_error"])
        same("Model %s p" % co["term"], r.get(4), co["p_value"])

    # Scorecard: base points and every attribute's points and WoE.
    rows = rows_of(book["Scorecard"])
    same("Scorecard base points", rows[1].get(4), doc["model"]["base_points"])
    r = 2
    for ch in doc["model"]["characteristics"]:
        for b in ch["bins"]:
            same("Scorecard %s %s points" % (ch["name"], b["label"]),
                 rows[r].get(4), b["points"])
            same("Scorecard %s %s WoE" % (ch["name"], b["label"]),
                 rows[r].get(3), b["woe"])
            same("Scorecard %s %s count" % (ch["name"], b["label"]),
                 rows[r].get(2), b["count"])
            r += 1

    # Characteristics: every bin of every characteristic, in IV rank.
    rows = rows_of(book["Characteristics"])
    byname = {c["name"]: c for c in
              doc["characteristics"]["characteristics"]}
    r = 1
    for name in doc["characteristics"]["iv_rank"]:
        ch = byname[name]
        for b in ch["bins"]:
            if rows[r][0][0] != name or rows[r][6][0] != b["label"]:
                fail("%s: Characteristics row %d is %s %s, JSON %s %s" %
                     (path, r, rows[r][0][0], rows[r][6][0], name,
                      b["label"]))
            for c, k in ((7, "count"), (8, "goods"), (9, "bads"),
                         (10, "bad_rate"), (13, "woe"), (14, "iv")):
                same("Characteristics %s %s %s" % (name, b["label"], k),
                     rows[r].get(c), b[k])
            if ch["iv"] is not None:
                same("Characteristics %s IV" % name, rows[r].get(2),
                     ch["iv"])
            r += 1

    # Performance: the gains table of each sample.
    rows = rows_of(book["Performance"])
    r = 1
    for s in ("development", "holdout"):
        for g in doc["validation"].get(s, {}).get("gains", []):
            for c, k in ((4, "count"), (5, "bads"), (6, "bad_rate"),
                         (7, "cum_bad_share"), (9, "lift")):
                same("Performance %s row %d %s" % (s, r, k),
                     rows[r].get(c), g[k])
            r += 1
    head = [rr for rr in sorted(rows)
            if rows[rr].get(0, ("",))[0] == "sample" and
            rows[rr].get(1, ("",))[0] == "rows"]
    for i, s in enumerate(("development", "holdout")):
        if s not in doc["validation"] or not head:
            continue
        rr = rows[head[0] + 1 + i]
        for c, k in ((1, "n"), (2, "n_bad"), (4, "auc"), (5, "gini"),
                     (6, "ks"), (7, "ks_score")):
            same("Performance %s %s" % (s, k), rr.get(c),
                 doc["validation"][s][k])
        same("Performance %s Hosmer-Lemeshow" % s, rr.get(8),
             doc["validation"][s]["hosmer_lemeshow"]["statistic"])

    # Stability: the PSI and every CSI.
    rows = rows_of(book["Stability"])
    psi = doc["validation"].get("psi")
    csi = doc["stability"]["csi"].get("characteristics", [])
    for rr in sorted(rows):
        label = rows[rr].get(0, ("", False, 0))[0]
        if label == "PSI" and psi is not None:
            same("Stability PSI", rows[rr].get(6), psi["psi"])
    # Every score bin of the PSI: its bounds, numbers but for the open
    # ends of the first and last bins ("-inf", "inf", as the text and
    # HTML reports write them; never "n/a"), its counts and its term.
    for i, b in enumerate(psi["bins"] if psi is not None else []):
        rr = rows.get(1 + i, {})
        if b["lower"] is None and b["upper"] is None and \
                rr.get(0, ("",))[0] != "-inf":
            if rr.get(0, ("",))[0] != "missing":
                fail("%s: Stability bin %d: %r, wanted missing" %
                     (path, i, rr.get(0)))
            continue
        for c, k, open_end in ((0, "lower", "-inf"), (1, "upper", "inf")):
            if b[k] is not None:
                same("Stability bin %d %s" % (i, k), rr.get(c), b[k])
            elif rr.get(c, ("",))[0] != open_end:
                fail("%s: Stability bin %d %s: %r, wanted '%s'" %
                     (path, i, k, rr.get(c), open_end))
            else:
                n[0] += 1
        for c, k in ((2, "n_base"), (3, "n_new"), (4, "share_base"),
                     (5, "share_new"), (6, "contribution")):
            same("Stability bin %d %s" % (i, k), rr.get(c), b[k])
    start = [rr for rr in sorted(rows)
             if rows[rr].get(0, ("",))[0] == "characteristic"]
    if csi and start:
        for i, c in enumerate(csi):
            rr = rows[start[0] + 1 + i]
            if rr[0][0] != c["name"]:
                fail("%s: Stability CSI row %s, JSON %s" % (path, rr[0][0],
                                                           c["name"]))
            same("Stability CSI %s" % c["name"], rr.get(1), c["csi"])

    # Policy: every segment and the total of each policy, the swap set.
    rows = rows_of(book["Policy"])
    r = 1
    for which, pol in (("champion", doc["policy"]),
                       ("challenger", doc["policy"].get("challenger"))):
        if pol is None:
            continue
        for seg in pol["segments"] + [dict(pol["policy"], name="total")]:
            if rows[r][0][0] != which or rows[r][1][0] != seg["name"]:
                fail("%s: Policy row %d is %s %s, JSON %s %s" % (
                    path, r, rows[r][0][0], rows[r][1][0], which,
                    seg["name"]))
            for c, k in ((3, "applicants"), (4, "approved"),
                         (5, "referred"), (6, "declined"),
                         (7, "approval_rate"), (9, "bad_rate"),
                         (10, "expected_bad_rate"), (12, "expected_loss"),
                         (16, "profit")):
                same("Policy %s %s %s" % (which, seg["name"], k),
                     rows[r].get(c), seg[k])
            r += 1
    # The outcome lines of a policy with fraud rules: under the title
    # "outcome lines of the champion ...", a header, then each line's
    # count and rate, the total and the approvals the rules stop.
    for which, pol in (("champion", doc["policy"]),
                       ("challenger", doc["policy"].get("challenger"))):
        if pol is None or not pol.get("outcome_lines"):
            continue
        ol = pol["outcome_lines"]
        start = [rr for rr in sorted(rows) if str(rows[rr].get(
            0, ("",))[0]).startswith("outcome lines of the " + which)]
        if not start:
            fail("%s: Policy: no outcome lines of the %s" % (path, which))
            continue
        r0 = start[0] + 2
        for i, k in enumerate(("approved", "credit_referred",
                               "credit_declined", "knocked_out",
                               "fraud_referred", "fraud_declined")):
            same("Policy %s outcome line %s" % (which, k),
                 rows[r0 + i].get(1), ol[k])
            same("Policy %s outcome line %s rate" % (which, k),
                 rows[r0 + i].get(2), ol[k + "_rate"])
        same("Policy %s outcome lines total" % which, rows[r0 + 6].get(1),
             ol["applicants"])
        same("Policy %s fraud stopped" % which, rows[r0 + 7].get(1),
             ol["fraud_stopped"])
    # The champion's fraud rules: under their title, one figure a row
    # (label, number), then a header and one row a rule (name,
    # condition, action, reason, figures) and the rule set.
    fr = doc["policy"].get("fraud")
    start = [rr for rr in sorted(rows) if rows[rr].get(0, ("",))[0] ==
             "fraud rules of the champion on its population"]
    if fr is not None and not start:
        fail("%s: Policy: no fraud rules of the champion" % path)
    elif fr is None and start:
        fail("%s: Policy: fraud rules the JSON document lacks" % path)
    if fr is not None and start:
        labels = {"events": "events", "known frauds": "frauds",
                  "fraud amount": "fraud_amount",
                  "amount caught": "amount_caught",
                  "declines": "declines", "refers": "refers",
                  "days": "days", "alerts per day": "alerts_per_day",
                  "alerts on the busiest day": "max_alerts_day",
                  "capacity (alerts a day)": "capacity",
                  "days over capacity": "days_over_capacity",
                  "alerts beyond capacity": "alerts_over_capacity",
                  "alerts worked": "alerts_worked",
                  "frauds worked": "frauds_worked",
                  "detection rate at capacity":
                      "detection_rate_at_capacity",
                  "credit approvals the fraud rules stop":
                      "approvals_stopped"}
        r = start[0] + 1
        seen = set()
        while rows.get(r, {}).get(0, ("",))[0] != "rule":
            label = rows.get(r, {}).get(0, ("",))[0]
            if label in labels:
                key = labels[label]
                want = fr.get(key)
                cell = rows[r].get(1)
                if want is None and cell is not None and not cell[1]:
                    n[0] += 1     # n/a as text, null in the JSON
                else:
                    same("Policy fraud %s" % key, cell, want)
                seen.add(key)
            elif label == "fraud scorecard AUC":
                same("Policy fraud scorecard auc", rows[r].get(1),
                     fr["scorecard"]["auc"])
            elif label == "detection at capacity by the rules' order":
                same("Policy fraud detection by the rules' order",
                     rows[r].get(1),
                     fr["scorecard"]["detection_at_capacity_by_rules"])
            elif label not in ("known frauds", "fraud scorecard"):
                fail("%s: Policy fraud row %d: unknown figure '%s'" %
                     (path, r, label))
                break
            r += 1
        for key in ("events", "declines", "refers", "days",
                    "approvals_stopped"):
            if key not in seen:
                fail("%s: Policy fraud: no %s" % (path, key))
        r += 1
        figs = ((4, "alerts"), (5, "alert_rate"), (6, "frauds_caught"),
                (7, "unique_frauds"), (8, "detection_rate"),
                (9, "value_detection_rate"), (10, "false_positives"),
                (11, "false_positive_ratio"), (12, "precision"))
        labelled = fr.get("frauds") is not None
        for name, rule in fr["rules"].items():
            row = rows.get(r, {})
            got = [row.get(c, ("",))[0] for c in range(4)]
            if got != [name, rule["when"], rule["action"], rule["reason"]]:
                fail("%s: Policy fraud rule row %d is %s, JSON %s" % (
                    path, r, got, [name, rule["when"], rule["action"],
                                   rule["reason"]]))
            for c, k in figs:
                if not labelled and k in ("frauds_caught",
                                          "unique_frauds",
                                          "false_positives"):
                    continue
                same("Policy fraud rule %s %s" % (name, k), row.get(c),
                     rule[k])
            r += 1
        row = rows.get(r, {})
        if row.get(0, ("",))[0] != "rule set (any rule)":
            fail("%s: Policy fraud: no rule set row after the rules" %
                 path)
        for c, k in figs:
            if k == "unique_frauds" or (not labelled and k in (
                    "frauds_caught", "false_positives")):
                continue
            same("Policy fraud set %s" % k, row.get(c), fr[k])
    sw = doc["policy"].get("swap_set")
    if sw:
        start = [rr for rr in sorted(rows)
                 if rows[rr].get(0, ("",))[0] == "approved by both"]
        for i, k in enumerate(("approved_by_both", "swap_in", "swap_out",
                               "declined_by_both")):
            rr = rows[start[0] + i]
            same("Policy swap %s count" % k, rr.get(1), sw[k]["count"])
            same("Policy swap %s EL champion" % k, rr.get(5),
                 sw[k]["expected_loss_champion"])
    print("xlsx: %d cells held against the JSON document" % n[0])
    return n[0]


# ------------------------------------------------------------------- png

def check_png(path):
    import zlib
    d = open(path, "rb").read()
    if d[:8] != b"\x89PNG\r\n\x1a\n":
        fail("%s: not a PNG" % path)
        return 0
    p, idat = 8, b""
    while p < len(d):
        ln = struct.unpack(">I", d[p:p + 4])[0]
        t, c = d[p + 4:p + 8], d[p + 8:p + 8 + ln]
        p += 12 + ln
        if t == b"IHDR":
            w, h, bd, ct = struct.unpack(">IIBB", c[:10])
        elif t == b"IDAT":
            idat += c
    bpp = {2: 3, 6: 4}[ct]
    raw = zlib.decompress(idat)
    stride = w * bpp
    prev = bytearray(stride)
    dark = i = 0
    for y in range(h):
        f = raw[i]
        line = bytearray(raw[i + 1:i + 1 + stride])
        i += 1 + stride
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0
            b = prev[x]
            c = prev[x - bpp] if x >= bpp else 0
            if f == 1:
                line[x] = (line[x] + a) & 255
            elif f == 2:
                line[x] = (line[x] + b) & 255
            elif f == 3:
                line[x] = (line[x] + (a + b) // 2) & 255
            elif f == 4:
                pp = a + b - c
                pa, pb, pc = abs(pp - a), abs(pp - b), abs(pp - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else
                                      b if pb <= pc else c)) & 255
        dark += sum(1 for x in range(0, stride, bpp) if line[x] < 128)
        prev = line
    share = dark / float(w * h)
    print("png: %dx%d, %.1f%% dark pixels" % (w, h, 100 * share))
    if share < 0.01:
        fail("%s: the screenshot is blank (%.2f%% dark)" % (path,
                                                            100 * share))
    return 1


if __name__ == "__main__":
    what = sys.argv[1]
    if what == "html":
        ok = check_html(sys.argv[2], sys.argv[3]) > 0
    elif what == "xlsx":
        ok = check_xlsx(sys.argv[2], sys.argv[3]) > 0
    elif what == "png":
        ok = check_png(sys.argv[2]) > 0
    else:
        sys.exit("usage: doc-check.py html|xlsx|png FILE [JSON]")
    if fails or not ok:
        print("doc-check: %d failures" % len(fails))
        sys.exit(1)
