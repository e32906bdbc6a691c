/*
 * desk-monitor.c - portfolio monitoring of a stored scorecard (see
 * desk-monitor.h): loads the applications and the snapshots, links them
 * by id, cuts periods and hands each figure to the statistics of
 * model/.  Uses the session's batch decisions (desk.h) for a policy's
 * segments and overrides, as desk-decide.c does.
 */
#include "config.h"

#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "data/db.h"
#include "data/ds.h"
#include "data/monscan.h"
#include "desk/desk-bin.h"
#include "desk/desk.h"
#include "desk/desk-internal.h"
#include "desk/desk-monitor.h"
#include "model/bin.h"
#include "model/card.h"
#include "model/metric.h"
#include "model/monitor.h"
#include "model/validate.h"
#include "util/err.h"
#include "util/fmt.h"
#include "util/xmalloc.h"

void
desk_monitor_spec_init(struct desk_monitor_spec *s)
{
	memset(s, 0, sizeof *s);
	s->applications = "applications";
	s->performance = "performance";
	s->id = "app_id";
	s->app_date = "app_date";
	s->decision = "decision";
	s->month = "month";
	s->dpd = "dpd";
	s->charge_off = "charged_off";
	s->by = 1;
	s->from = INT_MIN;
	s->to = INT_MAX;
	s->bad_dpd = 90;
	s->window = 12;
	s->bins = 10;
	s->psi_alpha = 0.05;
	s->amber = 0.05;
	s->red = 0.01;
	s->cutoff = NAN;
	s->override_max = 0.05;
}

int
desk_monitor_decision(const char *s)
{
	static const char *const w[3][5] = {
		{ "approve", "approved", "accept", "accepted", "a" },
		{ "refer", "referred", "r", NULL, NULL },
		{ "decline", "declined", "reject", "rejected", "d" },
	};
	int i, j;

	for (i = 0; i < 3; i++)
		for (j = 0; j < 5 && w[i][j] != NULL; j++)
			if (strcasecmp(s, w[i][j]) == 0)
				return i;
	return -1;
}

double
desk_monitor_bucket_dpd(const char *s)
{
	static const char *const b[] = { "current", "1-29", "30-59",
	    "60-89", "90+" };
	static const double v[] = { 0, 1, 30, 60, 90 };
	size_t i;

	for (i = 0; i < sizeof b / sizeof *b; i++)
		if (strcasecmp(s, b[i]) == 0)
			return v[i];
	return NAN;
}

/*
 * The roll-rate error of snapshot r told by the rows of table it came
 * from (found again with monscan_find), its account (the application's
 * id) and month, which the officer can find in the table:
 * 'table "perf", row 21 (rowid 21): account 100001, month 2025-01: <what
 * monitor_roll said>, the first at row 12 (rowid 12)' for a second
 * snapshot in one month.
 */
static void
snap_named(struct rd_err *err, const struct ds_column *id,
	const struct mon_snapshots *snap, size_t r, struct db *db,
	const char *table, const struct monscan_cols *mc,
	const struct monscan_hooks *mh, const struct monscan_keys *keys)
{
	char m[8], acct[72], where[160], first[160], msg[RD_ERR_MSG];
	const char *why;
	size_t a, row[2], found = 0;
	int64_t rowid[2], w;
	struct rd_err e;

	if (r >= snap->n)
		return;
	a = snap->acct[r];
	if (id->type == DS_TEXT)
		snprintf(acct, sizeof acct, "\"%.60s\"", id->code[a] >= 0 ?
		    id->levels[id->code[a]] : "");
	else if (ds_cell_int64(id, a, &w))
		snprintf(acct, sizeof acct, "%lld", (long long)w);
	else
		snprintf(acct, sizeof acct, "%.17g", id->num[a]);
	monitor_month_format(snap->month[r], m);
	where[0] = first[0] = '\0';
	if (monscan_find(db, table, mc, mh, keys, a, snap->month[r], row,
	    rowid, 2, &found, &e) == 0 && found > 0) {
		/* The last of the rows is the one refused. */
		size_t k = found >= 2 ? 1 : 0;

		snprintf(where, sizeof where, "table \"%.64s\", row %zu "
		    "(rowid %lld): ", table, row[k], (long long)rowid[k]);
		if (found >= 2)
			snprintf(first, sizeof first, ", the first at row %zu "
			    "(rowid %lld)", row[0], (long long)rowid[0]);
		if (found > 2)
			snprintf(first + strlen(first), sizeof first -
			    strlen(first), " (%zu in all)", found);
		if (found >= 2)
			snprintf(first + strlen(first), sizeof first -
			    strlen(first), "; keep one snapshot per account "
			    "and month");
	}
	/* "snapshot N: why" -> "account A, month M: why". */
	why = strstr(err->msg, ": ");
	snprintf(msg, sizeof msg, "%saccount %s, month %s: %.700s%s", where,
	    acct, m, why != NULL ? why + 2 : err->msg, first);
	memcpy(err->msg, msg, sizeof msg);
}

static void
period_label(int start, int by, char *buf, size_t len)
{
	char m[8];

	monitor_month_format(start, m);
	if (by == 3)
		snprintf(buf, len, "%.4s-Q%d", m, start % 12 / 3 + 1);
	else
		snprintf(buf, len, "%s", m);
}

/* Mean points of characteristic k over rows with bins bin[i * nc + k]. */
static double
mean_points(const struct scorecard *card, const int *bin, const size_t *rows,
	size_t n, size_t k)
{
	double s = 0;
	size_t i;

	if (n == 0)
		return NAN;
	for (i = 0; i < n; i++) {
		size_t r = rows ? rows[i] : i;
		int b = bin[r * card->nchars + k];

		if (b >= 0)
			s += card->chars[k].points[b];
	}
	return s / (double)n;
}

/* What the batch decisions give each application row. */
struct pol_arg {
	const int64_t *rowid;
	size_t n;
	signed char *dec;	/* [n] SIM_* or -1 */
	int *seg;		/* [n] */
};

static int
pol_emit(void *arg, const struct decide_record *r)
{
	struct pol_arg *a = arg;
	size_t lo = 0, hi = a->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (a->rowid[mid] < r->rowid)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < a->n && a->rowid[lo] == r->rowid) {
		a->dec[lo] = (signed char)r->decision;
		a->seg[lo] = r->seg;
	}
	return 0;
}

static int
load_policy_decisions(struct desk *d, const struct desk_monitor_spec *s,
	const struct dataset *apps, signed char *dec, int *seg,
	struct desk_monitor *out, struct rd_err *err)
{
	struct desk_decision dd;
	struct decide_spec ds;
	struct pol_arg a = { apps->rowid, apps->nrows, dec, seg };
	size_t i;

	if (desk_decide_open(d, s->policy, s->applications, s->id, 1,
	    &dd, err) != 0)
		return -1;
	memset(&ds, 0, sizeof ds);
	if (desk_decide_run(d, &dd, &ds, pol_emit, &a, err) != 0) {
		desk_decision_done(&dd);
		return -1;
	}
	out->nsegments = dd.policy->nsegments;
	out->segments = xcalloc(out->nsegments + 1, sizeof *out->segments);
	for (i = 0; i < out->nsegments; i++)
		out->segments[i] = xstrdup(dd.policy->segments[i].name);
	desk_decision_done(&dd);
	return 0;
}

static int
check_spec(const struct desk_monitor_spec *s, struct rd_err *err)
{
	if (s->card == NULL)
		return rd_err_set(err, RD_EUSAGE, "monitor needs --name "
		    "<scorecard>");
	if (s->by != 1 && s->by != 3)
		return rd_err_set(err, RD_EUSAGE, "--by: expected month or "
		    "quarter");
	if (s->from > s->to) {
		char a[8], b[8];

		monitor_month_format(s->from, a);
		monitor_month_format(s->to, b);
		return rd_err_set(err, RD_EUSAGE, "--from %s is after --to %s: "
		    "give the first month first", a, b);
	}
	if (s->bad_dpd < 1 || s->window < 1 || s->bins < 2 || s->bins > 100)
		return rd_err_set(err, RD_EUSAGE, "--bad-dpd and --window "
		    "must be at least 1, --bins 2 to 100");
	if (!(s->red > 0 && s->red < s->amber && s->amber < 1) ||
	    !(s->psi_alpha > 0 && s->psi_alpha < 1))
		return rd_err_set(err, RD_EUSAGE, "significance levels: "
		    "expected 0 < red < amber < 1 and 0 < psi alpha < 1");
	if (!(s->override_max >= 0 && s->override_max <= 1))
		return rd_err_set(err, RD_EUSAGE, "--override-max: expected "
		    "a share from 0 to 1");
	return 0;
}

/* The application month of every row of column col of apps (text dates
   or months, each level parsed once); INT_MIN for NULL. */
static int
app_months(const struct dataset *apps, const struct ds_column *col,
	const char *table, int *month, size_t *undated, struct rd_err *err)
{
	int *lm;
	size_t i;

	if (col->type != DS_TEXT) {
		for (i = 0; i < apps->nrows && isnan(col->num[i]); i++)
			;
		return rd_err_set(err, RD_EINPUT, "table \"%s\", row %zu, "
		    "column \"%s\": expected an application date YYYY-MM-DD "
		    "or month YYYY-MM, found a number (%g); import it as "
		    "text with --type %s=text", table, i < apps->nrows ?
		    i + 1 : 1, col->name, i < apps->nrows ? col->num[i] :
		    0.0, col->name);
	}
	lm = xmalloc((col->nlevels ? col->nlevels : 1) * sizeof *lm);
	for (i = 0; i < col->nlevels; i++)
		if (monitor_month_parse(col->levels[i], &lm[i]) != 0)
			lm[i] = INT_MAX;
	*undated = 0;
	for (i = 0; i < apps->nrows; i++) {
		int c = col->code[i];

		if (c < 0) {
			month[i] = INT_MIN;
			(*undated)++;
			continue;
		}
		if (lm[c] == INT_MAX) {
			rd_err_set(err, RD_EINPUT, "table \"%s\", row %zu, "
			    "column \"%s\": expected an application date "
			    "YYYY-MM-DD or month YYYY-MM, found \"%s\"", table,
			    i + 1, col->name, col->levels[c]);
			free(lm);
			return -1;
		}
		month[i] = lm[c];
	}
	free(lm);
	return 0;
}

static int
app_decisions(const struct dataset *apps, const struct ds_column *col,
	const char *table, signed char *dec, struct rd_err *err)
{
	signed char *ld;
	size_t i;

	if (col->type != DS_TEXT)
		return rd_err_set(err, RD_EINPUT, "table \"%s\", column "
		    "\"%s\": expected decisions approve / refer / decline, "
		    "found numbers", table, col->name);
	ld = xmalloc(col->nlevels ? col->nlevels : 1);
	for (i = 0; i < col->nlevels; i++)
		ld[i] = (signed char)desk_monitor_decision(col->levels[i]);
	for (i = 0; i < apps->nrows; i++) {
		int c = col->code[i];

		dec[i] = c < 0 ? -1 : ld[c];
		if (c >= 0 && ld[c] < 0) {
			rd_err_set(err, RD_EINPUT, "table \"%s\", row %zu, "
			    "column \"%s\": expected a decision approve, "
			    "refer or decline, found \"%s\"", table, i + 1,
			    col->name, col->levels[c]);
			free(ld);
			return -1;
		}
	}
	free(ld);
	return 0;
}

/* Column name of apps, or an error naming the option that sets it. */
static const struct ds_column *
need_col(const struct dataset *ds, const char *name, const char *opt,
	const char *table, struct rd_err *err)
{
	int j = ds_column_index(ds, name);

	if (j < 0)
		return rd_err_set(err, RD_EINPUT, "applications table \"%s\" "
		    "has no column \"%s\" (%s)", table, name, opt), NULL;
	return &ds->cols[j];
}

static void
period_done(struct desk_mon_period *p)
{
	free(p->csi);
	free(p->shift);
	free(p->seg_apps);
	free(p->seg_approved);
	free(p->seg_referred);
	free(p->seg_declined);
}

/* Stability and discrimination of period p over rows[n]. */
static int
period_stats(const struct desk_monitor *m, struct desk_mon_period *p,
	const size_t *rows, size_t n, const double *dscore,
	const size_t *const *dcount, const double *score, const int *abin,
	const signed char *y, struct rd_err *err)
{
	const struct scorecard *card = m->card;
	double *ps = xmalloc((n ? n : 1) * sizeof *ps), *neg;
	signed char *py = xmalloc(n ? n : 1);
	struct val_psi psi;
	size_t i, k, nm = 0, nb = 0, *cnt;

	p->csi = xmalloc((card->nchars ? card->nchars : 1) * sizeof *p->csi);
	p->shift = xmalloc((card->nchars ? card->nchars : 1) *
	    sizeof *p->shift);
	p->psi = p->psi_crit = p->score_shift = NAN;
	p->auc = p->gini = p->ks = p->auc_p = NAN;
	for (k = 0; k < card->nchars; k++)
		p->csi[k] = p->shift[k] = NAN;
	if (n == 0) {
		free(ps);
		free(py);
		return 0;
	}
	for (i = 0; i < n; i++) {
		ps[i] = score[rows[i]];
		py[i] = y[rows[i]];
	}
	if (validate_psi(dscore, m->dev_n, ps, n, m->breaks, m->nbreaks, 0,
	    0.5, &psi, err) != 0) {
		free(ps);
		free(py);
		return -1;
	}
	p->psi = psi.psi;
	p->psi_adjusted = psi.adjusted != 0;
	p->psi_crit = monitor_psi_critical(m->dev_n, n, m->nbreaks + 1,
	    m->spec.psi_alpha);
	p->psi_flag = p->psi > p->psi_crit;
	val_psi_done(&psi);
	{
		double s = 0;

		for (i = 0; i < n; i++)
			s += ps[i];
		p->score_shift = s / (double)n - m->dev_mean_score;
	}
	for (k = 0; k < card->nchars; k++) {
		size_t nbins = card->chars[k].ch->nbins;
		int adj;

		cnt = xcalloc(nbins ? nbins : 1, sizeof *cnt);
		for (i = 0; i < n; i++) {
			int b = abin[rows[i] * card->nchars + k];

			if (b >= 0)
				cnt[b]++;
		}
		p->csi[k] = bin_csi(dcount[k], cnt, nbins, 0.5, NULL, NULL,
		    NULL, NULL, &adj);
		p->csi_adjusted += adj != 0;
		free(cnt);
		p->shift[k] = mean_points(card, abin, rows, n, k) -
		    m->dev_mean_points[k];
	}
	/* Discrimination: higher points = safer, so the risk is -points. */
	neg = xmalloc(n * sizeof *neg);
	for (i = 0; i < n; i++) {
		neg[i] = -ps[i];
		if (py[i] == DS_BAD || py[i] == DS_GOOD) {
			nm++;
			nb += py[i] == DS_BAD;
		}
	}
	p->matured = nm;
	p->bads = nb;
	p->auc = metric_auc(neg, py, n);
	p->gini = 2 * p->auc - 1;
	p->ks = metric_ks(neg, py, n, NULL);
	p->auc_p = monitor_auc_test_p(m->dev_auc, p->auc, nb, nm - nb);
	free(neg);
	free(ps);
	free(py);
	return 0;
}

/*
 * What one pass over the snapshots folds, without keeping them: per
 * application row the figures the old loops drew from the held
 * snapshots (booked, first and first bad month on book), the last
 * month and bucket seen for the roll rates (5 bytes an account), and
 * the months on book seen per origination month for the vintages.
 * An account's snapshots may be interleaved with other accounts' but
 * must come in increasing month order: a month not after the last one
 * of its account (out of order, or a second snapshot of one month)
 * stops the pass, and the held path (monscan_read, monitor_roll) is
 * taken instead, which sorts and names a duplicate as before.
 */
struct fold {
	const int *month;		/* [n] application months */
	int bad_dpd;
	unsigned char *booked;		/* [n] */
	int *firstmob, *badmob;		/* [n] */
	int *lastm;			/* [n] INT_MIN: none yet */
	unsigned char *lastb;		/* [n] */
	size_t kept, before_app;
	int last_month;
	struct mon_roll roll;
	int s0;				/* origination month of seen row 0 */
	size_t sn, sw;			/* seen[sn * sw] */
	unsigned char *seen;
};

static int
fold_one(void *arg, size_t a, int m, double dpd, unsigned char co)
{
	struct fold *f = arg;
	int mob = m - f->month[a], b;

	if (mob < 0) {
		f->before_app++;
		return 0;
	}
	b = monitor_bucket(dpd, co);
	if (b < 0 || (f->lastm[a] != INT_MIN && m <= f->lastm[a]))
		return 1;
	f->kept++;
	f->booked[a] = 1;
	if (mob < f->firstmob[a])
		f->firstmob[a] = mob;
	if (m > f->last_month)
		f->last_month = m;
	if ((co || dpd >= f->bad_dpd) && mob < f->badmob[a])
		f->badmob[a] = mob;
	if (f->lastm[a] != INT_MIN) {
		if (m == f->lastm[a] + 1) {
			f->roll.count[f->lastb[a]][b]++;
			f->roll.pairs++;
		} else {
			f->roll.gaps++;
		}
	}
	f->lastm[a] = m;
	f->lastb[a] = (unsigned char)b;
	if ((size_t)mob >= f->sw) {
		size_t w = 2 * f->sw > (size_t)mob + 1 ? 2 * f->sw :
		    (size_t)mob + 1, c;
		unsigned char *t = xcalloc(f->sn * w, 1);

		for (c = 0; c < f->sn; c++)
			memcpy(t + c * w, f->seen + c * f->sw, f->sw);
		free(f->seen);
		f->seen = t;
		f->sw = w;
	}
	f->seen[(size_t)(f->month[a] - f->s0) * f->sw + (size_t)mob] = 1;
	return 0;
}

int
desk_monitor(struct desk *d, const struct desk_monitor_spec *spec,
	struct desk_monitor *out, struct rd_err *err)
{
	struct desk_monitor_spec s = *spec;
	struct db *db = desk_db(d);
	struct dataset *pop = NULL, *dev = NULL, *apps = NULL;
	struct monscan_keys *keys = NULL;
	struct mon_snapshots snap;
	struct fold fold;
	struct monscan_cols mc;
	struct monscan_hooks mh = { monitor_month_parse,
	    desk_monitor_bucket_dpd, "days past due (a number from 0) or a "
	    "bucket current, 1-29, 30-59, 60-89, 90+" };
	const struct ds_column *cid, *cdate, *cdec;
	const char **cols = NULL;
	double *dscore = NULL, *score = NULL, *pd = NULL;
	int *dbin = NULL, *abin = NULL, *month = NULL, *badmob = NULL,
	    *firstmob = NULL;
	int *cohort = NULL, *pseg = NULL;
	size_t **dcount = NULL, *rows = NULL, *pstart = NULL, *pn = NULL;
	signed char *dec = NULL, *y = NULL, *pdec = NULL;
	unsigned char *keep = NULL, *booked = NULL;
	size_t i, k, n, nc, p;
	int rc = -1, p0 = INT_MAX, p1 = INT_MIN, m0 = INT_MAX, m1 = INT_MIN;
	int streamed = 0;

	memset(out, 0, sizeof *out);
	memset(&snap, 0, sizeof snap);
	memset(&fold, 0, sizeof fold);
	if (s.perf_id == NULL)
		s.perf_id = s.id;
	if (check_spec(&s, err) != 0)
		return -1;
	out->spec = s;
	if ((out->card = desk_scorecard(d, s.card, err)) == NULL)
		return -1;
	nc = out->card->nchars;

	/* Applications: the card's columns and the three of the spec. */
	cols = xcalloc(nc + 3, sizeof *cols);
	for (k = 0; k < nc; k++)
		cols[k] = out->card->chars[k].ch->name;
	cols[nc] = s.id;
	cols[nc + 1] = s.app_date;
	cols[nc + 2] = s.decision;
	{
		char **names = db_table_column_names(db, s.applications, NULL,
		    err);
		static const char *const opt[3] = { "--id", "--app-date",
		    "--decision" };

		if (names == NULL) {
			rd_err_set(err, RD_EINPUT, "applications table \"%s\" "
			    "does not exist: import it with riskdesk import "
			    "--table %s (or name it with --applications)",
			    s.applications, s.applications);
			goto done;
		}
		for (k = 0; k < nc + 3 && rc == -1; k++) {
			for (i = 0; names[i] != NULL; i++)
				if (strcmp(names[i], cols[k]) == 0)
					break;
			if (names[i] == NULL) {
				if (k < nc)
					rd_err_set(err, RD_EINPUT, "applications "
					    "table \"%s\" has no column \"%s\", "
					    "a characteristic of scorecard "
					    "\"%s\"", s.applications, cols[k],
					    s.card);
				else
					rd_err_set(err, RD_EINPUT, "applications "
					    "table \"%s\" has no column \"%s\" "
					    "(%s)", s.applications, cols[k],
					    opt[k - nc]);
				rc = -2;
			}
		}
		for (i = 0; names[i] != NULL; i++)
			free(names[i]);
		free(names);
		if (rc == -2) {
			rc = -1;
			goto done;
		}
	}
	/* The snapshots' table and columns, before any long read. */
	mc.id = s.perf_id;
	mc.month = s.month;
	mc.dpd = s.dpd;
	mc.charge_off = s.charge_off;
	if (monscan_check(db, s.performance, &mc, err) != 0)
		goto done;

	/* Development: the card's own development rows, scored: its
	   characteristics' columns, and the date column of an
	   out-of-time sample (a random holdout takes rows by their order
	   alone).  A fraud card's features are computed from the whole
	   rows. */
	if (out->card->features != NULL) {
		pop = db_dataset_load(db, out->card->population, err);
	} else {
		const char **need = xcalloc(nc + 2, sizeof *need);
		size_t m = 0;

		for (k = 0; k < nc; k++)
			need[m++] = out->card->chars[k].ch->name;
		if (out->card->sample.kind == CARD_SAMPLE_OOT &&
		    out->card->sample.date_column != NULL)
			need[m++] = out->card->sample.date_column;
		pop = desk_load_named(d, out->card->population, need, m, err);
		free(need);
	}
	if (pop == NULL) {
		desk_err_in_table(err, out->card->population);
		goto done;
	}
	if ((dev = desk_sample_develop(pop, &out->card->sample, err)) == NULL)
		goto done;
	ds_free(pop);
	pop = NULL;
	out->dev_n = dev->nrows;
	dscore = xmalloc((dev->nrows ? dev->nrows : 1) * sizeof *dscore);
	dbin = xmalloc((dev->nrows * nc > 0 ? dev->nrows * nc : 1) *
	    sizeof *dbin);
	if (card_score(out->card, dev, dscore, NULL, err) != 0 ||
	    card_bins(out->card, dev, dbin, NULL, err) != 0) {
		desk_err_in_table(err, out->card->population);
		goto done;
	}
	out->dev_auc = out->card->auc;
	out->dev_nb = dev->nbad;
	out->dev_ng = dev->ngood;
	out->dev_mean_points = xmalloc((nc ? nc : 1) *
	    sizeof *out->dev_mean_points);
	dcount = xcalloc(nc ? nc : 1, sizeof *dcount);
	for (k = 0; k < nc; k++) {
		size_t nbins = out->card->chars[k].ch->nbins;

		dcount[k] = xcalloc(nbins ? nbins : 1, sizeof **dcount);
		for (i = 0; i < dev->nrows; i++)
			if (dbin[i * nc + k] >= 0)
				dcount[k][dbin[i * nc + k]]++;
		out->dev_mean_points[k] = mean_points(out->card, dbin, NULL,
		    dev->nrows, k);
	}
	{
		double sum = 0;
		struct val_psi q;

		for (i = 0; i < dev->nrows; i++)
			sum += dscore[i];
		out->dev_mean_score = dev->nrows ? sum / (double)dev->nrows :
		    NAN;
		/* The score bands: development quantiles. */
		if (validate_psi(dscore, dev->nrows, dscore, dev->nrows, NULL,
		    0, (int)s.bins, 0.5, &q, err) != 0)
			goto done;
		out->breaks = q.breaks;
		out->nbreaks = q.nbreaks;
		q.breaks = NULL;
		q.nbreaks = 0;
		val_psi_done(&q);
	}

	if ((apps = db_dataset_load_columns(db, s.applications, cols, nc + 3,
	    err)) == NULL)
		goto done;
	n = apps->nrows;
	if ((cid = need_col(apps, s.id, "--id", s.applications, err)) ==
	    NULL || (cdate = need_col(apps, s.app_date, "--app-date",
	    s.applications, err)) == NULL || (cdec = need_col(apps,
	    s.decision, "--decision", s.applications, err)) == NULL)
		goto done;
	month = xmalloc((n ? n : 1) * sizeof *month);
	dec = xmalloc(n ? n : 1);
	if (app_months(apps, cdate, s.applications, month, &out->undated,
	    err) != 0 || app_decisions(apps, cdec, s.applications, dec,
	    err) != 0)
		goto done;
	keep = xcalloc(n ? n : 1, 1);
	for (i = 0; i < n; i++) {
		if (month[i] == INT_MIN)
			continue;
		if (month[i] < s.from || month[i] > s.to) {
			out->outside++;
			continue;
		}
		keep[i] = 1;
		out->applications++;
		if (month[i] - month[i] % s.by < p0)
			p0 = month[i] - month[i] % s.by;
		if (month[i] - month[i] % s.by > p1)
			p1 = month[i] - month[i] % s.by;
		if (month[i] < m0)
			m0 = month[i];
		if (month[i] > m1)
			m1 = month[i];
	}
	if (out->applications == 0) {
		rd_err_set(err, RD_EINPUT, "applications table \"%s\": no "
		    "application dated in the months asked for (%zu row%s, "
		    "%zu outside --from / --to, %zu without a date)",
		    s.applications, n, fmt_s(n), out->outside, out->undated);
		goto done;
	}
	score = xmalloc(n * sizeof *score);
	pd = xmalloc(n * sizeof *pd);
	abin = xmalloc((n * nc > 0 ? n * nc : 1) * sizeof *abin);
	if (card_score(out->card, apps, score, pd, err) != 0 ||
	    card_bins(out->card, apps, abin, NULL, err) != 0) {
		desk_err_in_table(err, s.applications);
		goto done;
	}

	/* The characteristics are scored and binned: only the id column
	   (and the rowids) are read from here on. */
	for (k = 0; k < apps->ncols; k++)
		if (&apps->cols[k] != cid)
			ds_column_done(&apps->cols[k]);
	cdate = cdec = NULL;

	/* Snapshots of the applications kept. */
	if ((keys = monscan_keys_new(cid, n, NULL, err)) == NULL) {
		desk_err_in_table(err, s.applications);
		goto done;
	}
	booked = xcalloc(n, 1);
	badmob = xmalloc(n * sizeof *badmob);
	firstmob = xmalloc(n * sizeof *firstmob);
	for (i = 0; i < n; i++)
		badmob[i] = firstmob[i] = INT_MAX;
	out->last_month = INT_MIN;
	{
		const char *e = getenv("RISKDESK_MONITOR_ROWS");

		streamed = e == NULL || strcmp(e, "1") != 0;
	}
	if (streamed) {
		int r;

		memset(&fold, 0, sizeof fold);
		fold.month = month;
		fold.bad_dpd = s.bad_dpd;
		fold.booked = booked;
		fold.firstmob = firstmob;
		fold.badmob = badmob;
		fold.lastm = xmalloc(n * sizeof *fold.lastm);
		fold.lastb = xmalloc(n);
		for (i = 0; i < n; i++)
			fold.lastm[i] = INT_MIN;
		fold.last_month = INT_MIN;
		fold.s0 = m0;
		fold.sn = (size_t)(m1 - m0) + 1;
		fold.sw = 1;
		fold.seen = xcalloc(fold.sn, 1);
		r = monscan_each(db, s.performance, &mc, &mh, keys, keep,
		    fold_one, &fold, &snap, err);
		free(fold.lastm);
		free(fold.lastb);
		fold.lastm = NULL;
		fold.lastb = NULL;
		if (r < 0)
			goto done;
		if (r == 1) {
			/* Not one account at a time in month order: the
			   held path, from a clean slate. */
			streamed = 0;
			free(fold.seen);
			fold.seen = NULL;
			memset(booked, 0, n);
			for (i = 0; i < n; i++)
				badmob[i] = firstmob[i] = INT_MAX;
		} else {
			out->snapshots = fold.kept;
			out->before_app = fold.before_app;
			out->orphans = snap.orphans;
			out->skipped = snap.skipped;
			out->last_month = fold.last_month;
		}
	}
	if (!streamed && monscan_read(db, s.performance, &mc, &mh, keys,
	    keep, &snap, err) != 0)
		goto done;
	/* A snapshot dated before its application's month describes no
	   account of this application: left out of every figure (bad
	   flag, vintages and roll rates alike) and counted. */
	if (!streamed) {
		size_t w = 0;

		for (i = 0; i < snap.n; i++) {
			if (snap.month[i] < month[snap.acct[i]]) {
				out->before_app++;
				continue;
			}
			snap.acct[w] = snap.acct[i];
			snap.month[w] = snap.month[i];
			snap.dpd[w] = snap.dpd[i];
			snap.co[w] = snap.co[i];
			w++;
		}
		snap.n = w;
		out->snapshots = snap.n;
		out->orphans = snap.orphans;
		out->skipped = snap.skipped;
	}
	for (i = 0; !streamed && i < snap.n; i++) {
		size_t a = snap.acct[i];
		int mob = snap.month[i] - month[a];

		booked[a] = 1;
		if (mob < firstmob[a])
			firstmob[a] = mob;
		if (snap.month[i] > out->last_month)
			out->last_month = snap.month[i];
		if (mob >= 0 && (snap.co[i] || snap.dpd[i] >= s.bad_dpd) &&
		    mob < badmob[a])
			badmob[a] = mob;
	}
	/* Matured outcomes: an application booked, window months old by
	   the last snapshot, and observed within its window (its first
	   snapshot at window months on book at the latest).  One whose
	   snapshots all come after the window (a history that starts
	   later) has no outcome to measure: counted, never a good. */
	y = xmalloc(n);
	for (i = 0; i < n; i++) {
		y[i] = DS_INDET;
		if (!keep[i] || !booked[i] || out->last_month == INT_MIN ||
		    out->last_month - month[i] < s.window)
			continue;
		if (firstmob[i] > s.window) {
			out->unobserved++;
			continue;
		}
		y[i] = badmob[i] <= s.window ? DS_BAD : DS_GOOD;
		out->matured++;
		out->bads += y[i] == DS_BAD;
	}

	/* Policy decisions for the overrides and segments. */
	if (s.policy != NULL) {
		pdec = xmalloc(n);
		pseg = xmalloc(n * sizeof *pseg);
		memset(pdec, -1, n);
		if (load_policy_decisions(d, &s, apps, pdec, pseg, out,
		    err) != 0)
			goto done;
		out->overrides = 1;
	} else if (!isnan(s.cutoff)) {
		pdec = xmalloc(n);
		for (i = 0; i < n; i++)
			pdec[i] = score[i] >= s.cutoff ? SIM_APPROVE :
			    SIM_DECLINE;
		out->overrides = 1;
	}

	/* Periods: rows grouped by period (a counting sort). */
	out->nperiods = (size_t)((p1 - p0) / s.by) + 1;
	out->periods = xcalloc(out->nperiods, sizeof *out->periods);
	pn = xcalloc(out->nperiods + 1, sizeof *pn);
	pstart = xcalloc(out->nperiods + 1, sizeof *pstart);
	for (i = 0; i < n; i++)
		if (keep[i])
			pn[(size_t)((month[i] - month[i] % s.by - p0) /
			    s.by)]++;
	for (p = 0; p < out->nperiods; p++)
		pstart[p + 1] = pstart[p] + pn[p];
	rows = xmalloc(out->applications * sizeof *rows);
	memset(pn, 0, (out->nperiods + 1) * sizeof *pn);
	for (i = 0; i < n; i++)
		if (keep[i]) {
			p = (size_t)((month[i] - month[i] % s.by - p0) / s.by);
			rows[pstart[p] + pn[p]++] = i;
		}
	for (p = 0; p < out->nperiods; p++) {
		struct desk_mon_period *pp = &out->periods[p];
		size_t *r = rows + pstart[p], j, ns = out->nsegments + 1;

		pp->start = p0 + (int)p * s.by;
		period_label(pp->start, s.by, pp->label, sizeof pp->label);
		/* The months of the period the applications' span covers
		   (a quarter the data begins or ends in has fewer). */
		pp->months = (pp->start + s.by - 1 < m1 ? pp->start + s.by -
		    1 : m1) - (pp->start > m0 ? pp->start : m0) + 1;
		pp->apps = pn[p];
		if (s.policy != NULL) {
			pp->seg_apps = xcalloc(ns, sizeof *pp->seg_apps);
			pp->seg_approved = xcalloc(ns, sizeof *pp->seg_apps);
			pp->seg_referred = xcalloc(ns, sizeof *pp->seg_apps);
			pp->seg_declined = xcalloc(ns, sizeof *pp->seg_apps);
		}
		for (j = 0; j < pn[p]; j++) {
			size_t a = r[j];
			size_t sg = pseg && pseg[a] >= 0 ? (size_t)pseg[a] :
			    out->nsegments;

			pp->approved += dec[a] == 0;
			pp->referred += dec[a] == 1;
			pp->declined += dec[a] == 2;
			pp->other += dec[a] < 0;
			pp->booked += booked[a];
			if (pp->seg_apps) {
				pp->seg_apps[sg]++;
				pp->seg_approved[sg] += dec[a] == 0;
				pp->seg_referred[sg] += dec[a] == 1;
				pp->seg_declined[sg] += dec[a] == 2;
			}
			if (pdec != NULL) {
				int pa = pdec[a] == SIM_APPROVE;
				int pdl = pdec[a] == SIM_DECLINE ||
				    pdec[a] == SIM_KNOCKOUT;

				pp->low_side += booked[a] && pdl;
				pp->high_side += dec[a] == 2 && pa;
			}
		}
		pp->low_rate = pp->booked ? (double)pp->low_side /
		    (double)pp->booked : NAN;
		pp->high_rate = pp->declined ? (double)pp->high_side /
		    (double)pp->declined : NAN;
		pp->low_flag = pdec && pp->low_rate > s.override_max;
		pp->high_flag = pdec && pp->high_rate > s.override_max;
		if (period_stats(out, pp, r, pn[p], dscore,
		    (const size_t *const *)dcount, score, abin, y, err) != 0)
			goto done;
	}

	/* Over all periods: the AUC, the back-test, vintages, roll rates. */
	{
		double *neg = xmalloc(n * sizeof *neg);

		for (i = 0; i < n; i++)
			neg[i] = -score[i];
		out->auc = metric_auc_ks(neg, y, n, &out->ks, NULL);
		out->auc_p = monitor_auc_test_p(out->dev_auc, out->auc,
		    out->bads, out->matured - out->bads);
		free(neg);
	}
	if (out->matured > 0) {
		if (monitor_backtest(score, pd, y, n, out->breaks,
		    out->nbreaks, s.amber, s.red, &out->backtest, err) != 0)
			goto done;
		out->has_backtest = 1;
	}
	if (streamed && fold.kept > 0) {
		cohort = xmalloc(n * sizeof *cohort);
		for (i = 0; i < n; i++)
			cohort[i] = keep[i] && booked[i] ? month[i] : INT_MIN;
		if (monitor_vintage_fold(cohort, badmob, n, fold.last_month,
		    fold.seen, fold.s0, fold.sn, fold.sw, &out->vintage,
		    err) != 0)
			goto done;
		out->has_vintage = 1;
		out->roll = fold.roll;
		monitor_roll_rates(&out->roll);
	}
	if (!streamed && snap.n > 0) {
		cohort = xmalloc(n * sizeof *cohort);
		for (i = 0; i < n; i++)
			cohort[i] = keep[i] && booked[i] ? month[i] : INT_MIN;
		if (monitor_vintage(snap.acct, snap.month, snap.dpd, snap.co,
		    snap.n, cohort, n, s.bad_dpd, &out->vintage, err) != 0)
			goto done;
		out->has_vintage = 1;
		{
			size_t bad_row;

			if (monitor_roll(snap.acct, snap.month, snap.dpd,
			    snap.co, snap.n, &out->roll, &bad_row, err) != 0) {
				snap_named(err, cid, &snap, bad_row, db,
				    s.performance, &mc, &mh, keys);
				desk_err_in_table(err, s.performance);
				goto done;
			}
		}
	}
	rc = 0;
done:
	if (rc != 0)
		desk_monitor_done(out);
	if (dcount != NULL)
		for (k = 0; k < nc; k++)
			free(dcount[k]);
	free(dcount);
	ds_free(pop);
	ds_free(dev);
	ds_free(apps);
	monscan_keys_free(keys);
	mon_snapshots_done(&snap);
	free(fold.seen);
	free(cols);
	free(dscore);
	free(score);
	free(pd);
	free(dbin);
	free(abin);
	free(month);
	free(badmob);
	free(firstmob);
	free(cohort);
	free(pseg);
	free(rows);
	free(pstart);
	free(pn);
	free(dec);
	free(y);
	free(pdec);
	free(keep);
	free(booked);
	return rc;
}

void
desk_monitor_done(struct desk_monitor *m)
{
	size_t i;

	card_free(m->card);
	free(m->dev_mean_points);
	free(m->breaks);
	for (i = 0; i < m->nperiods; i++)
		period_done(&m->periods[i]);
	free(m->periods);
	if (m->has_backtest)
		mon_backtest_done(&m->backtest);
	if (m->has_vintage)
		mon_vintage_done(&m->vintage);
	for (i = 0; i < m->nsegments; i++)
		free(m->segments[i]);
	free(m->segments);
	memset(m, 0, sizeof *m);
}
