import json, sys


class Failed(Exception):
    pass


def fail(msg):
    raise Failed(msg)


def need(obj, where, *keys):
    if not isinstance(obj, dict):
        fail("%s is not an object" % where)
    for k in keys:
        if k not in obj:
            fail("%s lacks \"%s\"" % (where, k))


def same(what, got, want):
    if got != want:
        fail("%s is %r, the file has %r" % (what, got, want))


def read_meta(path):
    meta, columns, segments = {}, [], {}
    for line in open(path, encoding="utf-8"):
        k, _, v = line.rstrip("\n").partition("=")
        if k == "column":
            columns.append(v)
        elif k == "segment":
            name, _, n = v.rpartition(":")
            segments[name] = int(n)
        else:
            meta[k] = v
    return meta, columns, segments


def check(step, path, metapath, rejected):
    meta, columns, segments = read_meta(metapath)
    rows = int(meta["rows"])
    target = "target" in meta
    try:
        d = json.load(open(path, encoding="utf-8"))
    except ValueError as e:
        fail("stdout is not JSON: %s" % e)
    if step == "import":
        need(d, "import", "table", "rows_imported", "rows_rejected",
             "columns")
        same("rows_imported", d["rows_imported"], rows - rejected)
        same("rows_rejected", d["rows_rejected"], rejected)
        names = [c.get("name") for c in d["columns"]]
        same("the number of columns", len(names), len(columns))
        for c in columns:
            if c and c not in names:
                fail("column \"%s\" of the file is not among %r" % (c, names))
        if target and not rejected:
            need(d, "import", "bads", "goods", "indeterminate")
            same("bads", d["bads"], int(meta["bads"]))
            same("goods", d["goods"], int(meta["goods"]))
            same("indeterminate", d["indeterminate"], int(meta["unknown"]))
    elif step == "profile":
        need(d, "profile", "table", "rows", "columns")
        same("rows", d["rows"], rows)
    elif step == "bin":
        need(d, "bin", "characteristics")
        for c in d["characteristics"]:
            need(c, "characteristic", "name", "bins")
        if target:
            need(d, "bin", "goods", "bads")
            same("goods", d["goods"], int(meta["goods"]))
            same("bads", d["bads"], int(meta["bads"]))
    elif step == "fit":
        need(d, "fit", "coefficients", "n_used", "n_bad", "auc",
             "characteristics")
        same("n_used", d["n_used"], int(meta["goods"]) + int(meta["bads"]))
        same("n_bad", d["n_bad"], int(meta["bads"]))
        # Ids and row numbers (named or not) are never characteristics.
        ids = {meta.get("id"), "seq_no"}
        for c in d["characteristics"]:
            name = c.get("name")
            if name in ids or name not in columns:
                fail("identifier \"%s\" is a characteristic of the "
                     "scorecard" % name)
    elif step == "raw":
        need(d, "fit --raw", "coefficients", "n_used", "converged")
        same("n_used", d["n_used"], int(meta["raw_complete"]))
        if d["converged"] is not True:
            fail("converged is %r" % d["converged"])
    elif step == "raw_separating":
        need(d, "fit --raw", "coefficients", "n_used")
    elif step == "report":
        need(d, "report", "model", "policy", "segments")
        need(d["policy"], "policy", "applicants", "knocked_out",
             "approval_rate")
        same("applicants", d["policy"]["applicants"], rows)
        same("knocked_out", d["policy"]["knocked_out"],
             int(meta["knocked_out"]))
        for s in d["segments"]:
            need(s, "segment", "name", "applicants")
            same("applicants of segment \"%s\"" % s["name"],
                 s["applicants"], segments.get(s["name"], 0))
    else:
        fail("unknown step " + step)


for line in open(sys.argv[1], encoding="utf-8"):
    case, step, path, metapath, rejected = line.rstrip("\n").split("\t")
    try:
        check(step, path, metapath, int(rejected))
        print("ok")
    except Failed as e:
        print("FAIL: %s %s: %s" % (case, step, e))
