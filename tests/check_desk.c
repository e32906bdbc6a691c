/*
 * check_desk.c - tests of the workbench's core pieces: a table under study
 * (desk-study.c: classing, ranking, merge, split, undo, fit, save),
 * writing moved cutoffs back into a policy file (policy/policy-edit.c),
 * and the session's one source of truth (desk.c: what each loaded
 * policy's figures were computed from, marked out of date when a
 * scorecard, a population or a policy file moves, and scored again).
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <stdint.h>

#include <sqlite3.h>

#include "data/colagg.h"
#include "data/db.h"
#include "data/binstore.h"
#include "desk/desk-bin.h"
#include "desk/desk.h"
#include "desk/desk-model.h"
#include "model/binned.h"
#include "model/validate.h"
#include "desk/desk-study.h"
#include "desk/desk-fraud-tune.h"
#include "desk/desk-engine.h"
#include "policy/policy-edit.h"
#include "util/sha256.h"
#include "testutil.h"
#include "testds.h"
#include "util/err.h"
#include "util/xmalloc.h"

/* ------------------------------------------------------------ helpers */

static char *
read_file(const char *path)
{
	FILE *fp = fopen(path, "r");
	char *buf = calloc(1, 65536);
	size_t n;

	ck_assert_ptr_nonnull(fp);
	n = fread(buf, 1, 65535, fp);
	buf[n] = '\0';
	fclose(fp);
	return buf;
}

/*
 * Twenty applicants: home own 8 (7 good, 1 bad), rent 6 (2 good, 4 bad),
 * free 6 (3 good, 3 bad); G = 12, B = 8.  amt is 1 .. 20, one value per
 * row.  id, a row number, is an identifier; so would amt be by the rule
 * (twenty consecutive whole numbers in file order), so the import says
 * it is an ordinary column, as --role amt=ordinary does.
 */
static const char study_csv[] =
	"id,home,amt,y\n"
	"1,own,1,good\n2,own,2,good\n3,own,3,good\n4,own,4,good\n"
	"5,own,5,good\n6,own,6,good\n7,own,7,good\n8,own,8,bad\n"
	"9,rent,9,good\n10,rent,10,good\n11,rent,11,bad\n12,rent,12,bad\n"
	"13,rent,13,bad\n14,rent,14,bad\n"
	"15,free,15,good\n16,free,16,good\n17,free,17,good\n"
	"18,free,18,bad\n19,free,19,bad\n20,free,20,bad\n";

static const struct import_role_opt amt_ordinary = { "amt", 0 };

/* Import csv into d as table with its target's bad value "bad", in mode
   (IMPORT_CREATE, ...), with the role (may be NULL). */
static void
import_table(struct desk *d, const char *csv, const char *table,
	const char *target, enum import_mode mode,
	const struct import_role_opt *role)
{
	struct import_spec spec;
	struct import_summary sum;
	struct rd_err err;

	rd_err_clear(&err);
	memset(&spec, 0, sizeof spec);
	memset(&sum, 0, sizeof sum);
	spec.csv_path = csv;
	spec.table = table;
	spec.target = target;
	spec.bad = "bad";
	spec.mode = mode;
	spec.roles = role;
	spec.nroles = role != NULL;
	ck_assert_msg(desk_import(d, &spec, &sum, &err) == 0, "%s", err.msg);
	import_summary_done(&sum);
}

/* Import study_csv into d as table apps. */
static void
import_apps(struct desk *d, const char *tag)
{
	char csv[256];

	snprintf(csv, sizeof csv, "scratch-%s-%ld.csv", tag, (long)getpid());
	write_file(csv, study_csv);
	import_table(d, csv, "apps", "y", IMPORT_CREATE, &amt_ordinary);
	unlink(csv);
}

static struct desk *
study_desk(const char *tag)
{
	struct rd_err err;
	struct desk *d;

	rd_err_clear(&err);
	d = desk_open(scratch_db(tag), &err);
	ck_assert_ptr_nonnull(d);
	import_apps(d, tag);
	return d;
}

/* Index j of the characteristic called name. */
static size_t
char_index(const struct desk_study *st, const char *name)
{
	size_t j;

	for (j = 0; j < st->nchars; j++)
		if (strcmp(st->chars[j]->name, name) == 0)
			return j;
	ck_abort_msg("no characteristic %s", name);
	return 0;
}

/* Index of the bin listing level, or -1. */
static int
bin_of(const struct characteristic *ch, const char *level)
{
	size_t i, k;

	for (i = 0; i < ch->nbins; i++)
		for (k = 0; k < ch->bins[i].nlevels; k++)
			if (strcmp(ch->bins[i].levels[k], level) == 0)
				return (int)i;
	return -1;
}

/* -------------------------------------------------------- the study */

START_TEST(test_study_class_rank)
{
	struct desk *d = study_desk("study1");
	struct desk_study *st;
	struct rd_err err;
	const struct characteristic *home;
	size_t j, steps = 0;
	int rc;

	rd_err_clear(&err);
	st = desk_study_open(d, "apps", NULL, &err);
	ck_assert_ptr_nonnull(st);
	/* home, amt: every column but the target and the identifier id. */
	ck_assert_uint_eq(st->nchars, 2);
	ck_assert_uint_eq(st->nleft_out, 1);
	ck_assert_str_eq(st->left_out[0].name, "id");
	ck_assert_str_eq(st->left_out[0].why, "identifier: row number 1..20");
	ck_assert_double_eq(desk_study_progress(st), 0);
	while ((rc = desk_study_class_step(st, &err)) == 1)
		steps++;
	ck_assert_int_eq(rc, 0);
	ck_assert_uint_eq(steps, 1);
	ck_assert_double_eq(desk_study_progress(st), 1);

	/*
	 * home keeps its three levels (splitting never lowers IV, and each
	 * level has goods, bads and over 5% of the rows):
	 *   rent 2 good 4 bad: WoE ln((2/12)/(4/8)) = -1.0986122886681098
	 *   free 3 good 3 bad: WoE ln((3/12)/(3/8)) = -0.40546510810816444
	 *   own  7 good 1 bad: WoE ln((7/12)/(1/8)) =  1.540445040947149
	 *   IV = sum (g/G - b/B) WoE = 1.1229245451703338
	 */
	j = char_index(st, "home");
	home = st->chars[j];
	ck_assert_uint_eq(home->nbins, 3);
	ck_assert_double_eq_tol(home->iv, 1.1229245451703338, 1e-12);
	ck_assert_double_eq_tol(home->bins[bin_of(home, "rent")].woe,
	    -1.0986122886681098, 1e-12);
	ck_assert_double_eq_tol(home->bins[bin_of(home, "own")].woe,
	    1.540445040947149, 1e-12);
	/* Ranked by IV, largest first; the ranking is a permutation. */
	for (j = 1; j < st->nchars; j++)
		if (st->chars[st->rank[j]]->status == NULL)
			ck_assert(st->chars[st->rank[j - 1]]->iv >=
			    st->chars[st->rank[j]]->iv);
	ck_assert_uint_eq(st->rank[0] + st->rank[1], 0 + 1);
	/* Chosen by card_fit's rule: usable and IV >= 0.02. */
	ck_assert_int_eq(st->chosen[char_index(st, "home")], 1);
	desk_study_free(st);
	desk_close(d);
}
END_TEST

START_TEST(test_study_merge_split)
{
	struct desk *d = study_desk("study2");
	struct desk_study *st;
	struct rd_err err;
	const struct characteristic *home;
	size_t j;
	int rent, free_, own;

	rd_err_clear(&err);
	st = desk_study_open(d, "apps", NULL, &err);
	ck_assert_ptr_nonnull(st);
	while (desk_study_class_step(st, &err) == 1)
		;
	j = char_index(st, "home");
	home = st->chars[j];
	rent = bin_of(home, "rent");
	free_ = bin_of(home, "free");
	ck_assert_int_eq(abs(rent - free_), 1);

	/*
	 * Merge rent and free: 5 good 7 bad, own 7 good 1 bad.
	 *   WoE(rent, free) = ln((5/12)/(7/8)) = -0.7419373447293772
	 *   WoE(own)        = ln((7/12)/(1/8)) =  1.540445040947149
	 *   IV = (5/12 - 7/8)(-0.74194) + (7/12 - 1/8)(1.54045)
	 *      = 1.046091926768408
	 */
	ck_assert_int_eq(desk_study_merge(st, j, (size_t)(rent < free_ ? rent :
	    free_), &err), 0);
	home = st->chars[j];
	ck_assert_uint_eq(home->nbins, 2);
	ck_assert_int_eq(st->edited[j], 1);
	ck_assert_int_eq(bin_of(home, "rent"), bin_of(home, "free"));
	ck_assert_uint_eq(home->bins[bin_of(home, "rent")].goods, 5);
	ck_assert_uint_eq(home->bins[bin_of(home, "rent")].bads, 7);
	ck_assert_double_eq_tol(home->bins[bin_of(home, "rent")].woe,
	    -0.7419373447293772, 1e-12);
	ck_assert_double_eq_tol(home->iv, 1.046091926768408, 1e-12);

	/* Split the merged bin: its last level goes to a bin of its own,
	   so the three bins and the IV of the first test come back. */
	ck_assert_int_eq(desk_study_split(st, j, (size_t)bin_of(home, "rent"),
	    &err), 0);
	home = st->chars[j];
	ck_assert_uint_eq(home->nbins, 3);
	ck_assert_double_eq_tol(home->iv, 1.1229245451703338, 1e-12);

	/* own is alone in its bin: nothing to split; the error leaves the
	   characteristic as it was. */
	own = bin_of(home, "own");
	ck_assert_int_eq(desk_study_split(st, j, (size_t)own, &err), -1);
	ck_assert_int_eq(err.cls, RD_EUSAGE);
	ck_assert_uint_eq(st->chars[j]->nbins, 3);
	/* Out of range. */
	ck_assert_int_eq(desk_study_merge(st, j, 2, &err), -1);
	ck_assert_int_eq(desk_study_merge(st, 99, 0, &err), -1);

	/* Merge the first two bins again and save the binning: a new
	   study of the table classes home the same way (the saved binning
	   counted again on the table gives the same bins and IV). */
	ck_assert_int_eq(desk_study_merge(st, j, 0, &err), 0);
	ck_assert_uint_eq(desk_study_unsaved(st), 1);
	ck_assert_int_eq(desk_study_save_bins(d, st, j, &err), 0);
	ck_assert_uint_eq(desk_study_unsaved(st), 0);
	{
		struct desk_study *again = desk_study_open(d, "apps", NULL,
		    &err);
		const struct characteristic *h0 = st->chars[j], *h1;
		size_t i;

		ck_assert_ptr_nonnull(again);
		while (desk_study_class_step(again, &err) == 1)
			;
		h1 = again->chars[char_index(again, "home")];
		ck_assert_uint_eq(h1->nbins, 2);
		ck_assert_uint_eq(h1->nbins, h0->nbins);
		for (i = 0; i < h0->nbins; i++) {
			ck_assert_uint_eq(h1->bins[i].goods, h0->bins[i].goods);
			ck_assert_uint_eq(h1->bins[i].bads, h0->bins[i].bads);
		}
		ck_assert_double_eq_tol(h1->iv, h0->iv, 1e-12);
		desk_study_free(again);
	}
	ck_assert_int_eq(desk_study_save_bins(d, st, 99, &err), -1);

	/*
	 * Move the category free into own's bin, starting from the bins
	 * as first classed (own, rent, free: undo first).
	 * own + free: 10 good 4 bad; rent: 2 good 4 bad.
	 *   WoE(own, free) = ln((10/12)/(4/8)) = ln(5/3) = 0.5108256237659907
	 *   WoE(rent)      = ln((2/12)/(4/8))  = ln(1/3) = -1.0986122886681098
	 *   IV = (10/12 - 4/8)(0.51083) + (2/12 - 4/8)(-1.09861)
	 *      = (1/3)(ln(5/3) + ln 3) = (1/3) ln 5 = 0.5364793041447001
	 */
	ck_assert_int_eq(desk_study_reset(st, j, &err), 0);
	ck_assert_int_eq(desk_study_move(st, j, "free",
	    bin_of(st->chars[j], "own"), &err), 0);
	home = st->chars[j];
	ck_assert_uint_eq(home->nbins, 2);
	ck_assert_int_eq(bin_of(home, "free"), bin_of(home, "own"));
	ck_assert_uint_eq(home->bins[bin_of(home, "own")].goods, 10);
	ck_assert_uint_eq(home->bins[bin_of(home, "own")].bads, 4);
	ck_assert_double_eq_tol(home->bins[bin_of(home, "own")].woe,
	    0.5108256237659907, 1e-12);
	ck_assert_double_eq_tol(home->iv, 0.5364793041447001, 1e-12);
	ck_assert_int_eq(st->edited[j], 1);
	/* Errors leave it unchanged: an unknown level, a numeric one. */
	ck_assert_int_eq(desk_study_move(st, j, "boat", -1, &err), -1);
	ck_assert_int_eq(err.cls, RD_EINPUT);
	ck_assert_int_eq(desk_study_move(st, char_index(st, "amt"), "1", -1,
	    &err), -1);
	ck_assert_uint_eq(st->chars[j]->nbins, 2);

	/* Undo: classed again as at first, not edited. */
	ck_assert_int_eq(desk_study_reset(st, j, &err), 0);
	ck_assert_int_eq(st->edited[j], 0);
	ck_assert_double_eq_tol(st->chars[j]->iv, 1.1229245451703338, 1e-12);
	desk_study_free(st);
	desk_close(d);
}
END_TEST

START_TEST(test_study_split_numeric)
{
	struct desk *d = study_desk("study3");
	struct desk_study *st;
	struct rd_err err;
	const struct characteristic *amt;
	double lo, hi, at;
	size_t j, i, best = 0, m, nb;

	rd_err_clear(&err);
	st = desk_study_open(d, "apps", NULL, &err);
	ck_assert_ptr_nonnull(st);
	while (desk_study_class_step(st, &err) == 1)
		;
	j = char_index(st, "amt");
	amt = st->chars[j];
	ck_assert_int_eq(amt->numeric, 1);
	/* The range bin holding the most rows (amt is 1 .. 20, one row
	   each, so it holds the whole numbers in [lo, hi)). */
	for (i = 0; i < amt->nbins; i++)
		if (amt->bins[i].kind == BIN_RANGE &&
		    amt->bins[i].count > amt->bins[best].count)
			best = i;
	lo = amt->bins[best].lower;
	hi = amt->bins[best].upper;
	m = amt->bins[best].count;
	nb = amt->nbins;
	ck_assert_uint_ge(m, 2);
	/* Its values are v, v + 1, ..., v + m - 1, v = max(1, ceil(lo));
	   their median (R's median(): the middle one, or the mean of the
	   two middle ones) is v + (m - 1) / 2, and the floor(m / 2)
	   values below it go to the lower part. */
	at = (isinf(lo) ? 1 : ceil(lo)) + (double)(m - 1) / 2;
	ck_assert_int_eq(desk_study_split(st, j, best, &err), 0);
	amt = st->chars[j];
	ck_assert_uint_eq(amt->nbins, nb + 1);
	ck_assert_double_eq(amt->bins[best].lower, lo);
	ck_assert_double_eq(amt->bins[best].upper, at);
	ck_assert_double_eq(amt->bins[best + 1].lower, at);
	ck_assert_double_eq(amt->bins[best + 1].upper, hi);
	ck_assert_uint_eq(amt->bins[best].count + amt->bins[best + 1].count, m);
	ck_assert_uint_eq(amt->bins[best].count, m / 2);
	desk_study_free(st);
	desk_close(d);
}
END_TEST

START_TEST(test_study_fit_save)
{
	struct desk *d = study_desk("study4");
	struct desk_study *st;
	struct scorecard *back;
	struct rd_err err;
	size_t j;

	rd_err_clear(&err);
	st = desk_study_open(d, "apps", NULL, &err);
	ck_assert_ptr_nonnull(st);
	/* Not classed yet: no fit. */
	ck_assert_int_eq(desk_study_fit(st, "c", &err), -1);
	while (desk_study_class_step(st, &err) == 1)
		;
	ck_assert_int_eq(desk_study_save(d, st, &err), -1);
	ck_assert_int_eq(err.cls, RD_EUSAGE);
	for (j = 0; j < st->nchars; j++)
		st->chosen[j] = 0;
	ck_assert_int_eq(desk_study_fit(st, "c", &err), -1);
	ck_assert_int_eq(err.cls, RD_EINPUT);
	st->chosen[char_index(st, "home")] = 1;
	ck_assert_msg(desk_study_fit(st, "tui_card", &err) == 0, "%s",
	    err.msg);
	ck_assert_ptr_nonnull(st->card);
	ck_assert_int_eq(st->card_saved, 0);
	ck_assert_uint_eq(st->card->nchars, 1);
	/* The study's bins were copied, not given away. */
	ck_assert_ptr_nonnull(st->chars[char_index(st, "home")]);
	/*
	 * With one WoE characteristic the logistic fit is saturated on its
	 * three bins: the fitted PD of each bin is its bad rate, so the
	 * model reproduces ln(odds of bad) = ln(b/g) per bin exactly, and
	 * with WoE = ln(g/G) - ln(b/B) that is b0 + b1 WoE with b1 = -1 and
	 * b0 = ln(B/G) = ln(8/12) = -0.4054651081081644.
	 */
	ck_assert_double_eq_tol(st->card->chars[0].coef, -1.0, 1e-6);
	ck_assert_double_eq_tol(st->card->intercept, -0.4054651081081644,
	    1e-6);
	ck_assert_int_eq(desk_study_save(d, st, &err), 0);
	ck_assert_int_eq(st->card_saved, 1);
	back = desk_scorecard(d, "tui_card", &err);
	ck_assert_ptr_nonnull(back);
	ck_assert_str_eq(back->population, "apps");
	ck_assert_double_eq_tol(back->intercept, st->card->intercept, 1e-12);
	card_free(back);
	desk_study_free(st);
	ck_assert_ptr_null(desk_study_open(d, "nope", NULL, &err));
	desk_close(d);
}
END_TEST

/*
 * Undo and redo of regrouping, one edit at a time.  home's bins by bad
 * rate: rent (4/6), free (3/6), own (1/8); IV 1.1229245451703338 (see
 * test_study_class_rank).  Merging rent and free gives IV
 * 1.046091926768408 (test_study_merge_split); moving free to a bin of
 * its own gives the three levels apart again, IV 1.1229245451703338.
 */
START_TEST(test_study_undo_redo)
{
	struct desk *d = study_desk("study5");
	struct desk_study *st;
	struct rd_err err;
	size_t j;
	const double iv3 = 1.1229245451703338, iv2 = 1.046091926768408;

	rd_err_clear(&err);
	st = desk_study_open(d, "apps", NULL, &err);
	ck_assert_ptr_nonnull(st);
	while (desk_study_class_step(st, &err) == 1)
		;
	j = char_index(st, "home");
	ck_assert_int_eq(bin_of(st->chars[j], "rent"), 0);
	ck_assert_int_eq(bin_of(st->chars[j], "free"), 1);
	ck_assert_ptr_null(desk_study_undo_text(st, j));
	ck_assert_int_eq(desk_study_undo(st, j, &err), -1);
	ck_assert_int_eq(err.cls, RD_EUSAGE);
	ck_assert_str_eq(err.msg, "nothing to undo for home");
	ck_assert_int_eq(desk_study_redo(st, j, &err), -1);
	ck_assert_str_eq(err.msg, "nothing to redo for home");

	ck_assert_int_eq(desk_study_merge(st, j, 0, &err), 0);
	ck_assert_double_eq_tol(st->chars[j]->iv, iv2, 1e-12);
	ck_assert_str_eq(desk_study_undo_text(st, j), "merge bins 1-2");
	ck_assert_int_eq(desk_study_move(st, j, "free", -1, &err), 0);
	ck_assert_double_eq_tol(st->chars[j]->iv, iv3, 1e-12);
	ck_assert_uint_eq(st->chars[j]->nbins, 3);
	ck_assert_str_eq(desk_study_undo_text(st, j), "move free to a new bin");
	ck_assert_int_eq(st->edited[j], 1);

	/* Back one edit, then to the start. */
	ck_assert_int_eq(desk_study_undo(st, j, &err), 0);
	ck_assert_double_eq_tol(st->chars[j]->iv, iv2, 1e-12);
	ck_assert_uint_eq(st->chars[j]->nbins, 2);
	ck_assert_str_eq(desk_study_redo_text(st, j), "move free to a new bin");
	ck_assert_str_eq(desk_study_undo_text(st, j), "merge bins 1-2");
	ck_assert_int_eq(desk_study_undo(st, j, &err), 0);
	ck_assert_double_eq_tol(st->chars[j]->iv, iv3, 1e-12);
	ck_assert_int_eq(st->edited[j], 0);
	ck_assert_int_eq(st->unsaved[j], 0);
	ck_assert_int_eq(desk_study_undo(st, j, &err), -1);
	/* And forward again, in order. */
	ck_assert_int_eq(desk_study_redo(st, j, &err), 0);
	ck_assert_double_eq_tol(st->chars[j]->iv, iv2, 1e-12);
	ck_assert_int_eq(st->edited[j], 1);
	ck_assert_int_eq(desk_study_redo(st, j, &err), 0);
	ck_assert_uint_eq(st->chars[j]->nbins, 3);
	ck_assert_int_eq(desk_study_redo(st, j, &err), -1);

	/* A new edit after an undo drops what could be redone. */
	ck_assert_int_eq(desk_study_undo(st, j, &err), 0);
	ck_assert_ptr_nonnull(desk_study_redo_text(st, j));
	ck_assert_int_eq(desk_study_move(st, j, "own", -1, &err), 0);
	ck_assert_ptr_null(desk_study_redo_text(st, j));

	/* Reset is an edit too: back to the classing as opened, and undo
	   takes it back. */
	ck_assert_int_eq(desk_study_reset(st, j, &err), 0);
	ck_assert_double_eq_tol(st->chars[j]->iv, iv3, 1e-12);
	ck_assert_int_eq(st->edited[j], 0);
	ck_assert_str_eq(desk_study_undo_text(st, j), "reset");
	ck_assert_int_eq(desk_study_undo(st, j, &err), 0);
	ck_assert_int_eq(st->edited[j], 1);

	/* Saved, edited, undone: back at the saved binning, nothing
	   unsaved; a reset after the save leaves the saved one behind. */
	ck_assert_int_eq(desk_study_save_bins(d, st, j, &err), 0);
	ck_assert_int_eq(st->unsaved[j], 0);
	ck_assert_int_eq(desk_study_merge(st, j, 0, &err), 0);
	ck_assert_int_eq(st->unsaved[j], 1);
	ck_assert_int_eq(desk_study_undo(st, j, &err), 0);
	ck_assert_int_eq(st->unsaved[j], 0);
	ck_assert_uint_eq(desk_study_unsaved(st), 0);
	ck_assert_int_eq(desk_study_reset(st, j, &err), 0);
	ck_assert_int_eq(st->edited[j], 0);
	ck_assert_int_eq(st->unsaved[j], 1);
	desk_study_free(st);
	desk_close(d);
}
END_TEST

/*
 * Merging a selection of neighbouring bins, and splitting at a typed
 * value.  home's three bins merged into one hold every row: WoE 0, IV 0,
 * status "single bin", so home leaves the model.  amt's range bin of the
 * most rows split below its smallest value is refused as bin_split
 * refuses it (the CLI's message); at the median it splits.
 */
START_TEST(test_study_merge_range_split_at)
{
	struct desk *d = study_desk("study6");
	struct desk_study *st;
	struct bin_split_offer o;
	struct rd_err err;
	const struct characteristic *amt;
	size_t j, i, best = 0, nb;
	char want[512];

	rd_err_clear(&err);
	st = desk_study_open(d, "apps", NULL, &err);
	ck_assert_ptr_nonnull(st);
	while (desk_study_class_step(st, &err) == 1)
		;
	j = char_index(st, "home");
	ck_assert_int_eq(st->chosen[j], 1);
	ck_assert_int_eq(desk_study_merge_range(st, j, 1, 1, &err), -1);
	ck_assert_str_eq(err.msg, "select two or more neighbouring bins to "
	    "merge");
	ck_assert_int_eq(desk_study_merge_range(st, j, 1, 3, &err), -1);
	ck_assert_uint_eq(st->chars[j]->nbins, 3);
	ck_assert_int_eq(desk_study_merge_range(st, j, 0, 2, &err), 0);
	ck_assert_uint_eq(st->chars[j]->nbins, 1);
	ck_assert_double_eq(st->chars[j]->iv, 0);
	ck_assert_str_eq(st->chars[j]->status, "single bin");
	ck_assert_int_eq(st->chosen[j], 0);
	ck_assert_str_eq(desk_study_undo_text(st, j), "merge bins 1-3");
	ck_assert_int_eq(desk_study_undo(st, j, &err), 0);
	ck_assert_uint_eq(st->chars[j]->nbins, 3);

	j = char_index(st, "amt");
	amt = st->chars[j];
	for (i = 0; i < amt->nbins; i++)
		if (amt->bins[i].kind == BIN_RANGE &&
		    amt->bins[i].count > amt->bins[best].count)
			best = i;
	nb = amt->nbins;
	ck_assert_int_eq(desk_study_split_offer(st, j, best, &o, &err), 0);
	ck_assert_uint_eq(o.n, amt->bins[best].count);
	ck_assert_uint_ge(o.n, 2);
	/* One row per whole number lo .. hi: the median is their mean. */
	ck_assert_double_eq(o.hi - o.lo + 1, (double)o.n);
	ck_assert_double_eq(o.median, (o.lo + o.hi) / 2);
	ck_assert_double_eq(o.offer, o.median);
	snprintf(want, sizeof want, "cannot split bin %zu of 'amt' at %g: "
	    "[%g, %g) would hold no rows with a known outcome; expected a "
	    "value above %g and at most %g (the smallest and largest in the "
	    "bin)", best + 1, o.lo, amt->bins[best].lower, o.lo, o.lo, o.hi);
	if (isinf(amt->bins[best].lower))
		snprintf(want, sizeof want, "cannot split bin %zu of 'amt' at "
		    "%g: [-inf, %g) would hold no rows with a known outcome; "
		    "expected a value above %g and at most %g (the smallest "
		    "and largest in the bin)", best + 1, o.lo, o.lo, o.lo,
		    o.hi);
	ck_assert_int_eq(desk_study_split_at(st, j, best, o.lo, &err), -1);
	ck_assert_str_eq(err.msg, want);
	ck_assert_uint_eq(st->chars[j]->nbins, nb);
	ck_assert_int_eq(desk_study_split_at(st, j, best, o.offer, &err), 0);
	ck_assert_uint_eq(st->chars[j]->nbins, nb + 1);
	ck_assert_double_eq(st->chars[j]->bins[best].upper, o.offer);
	snprintf(want, sizeof want, "split bin %zu at %g", best + 1, o.offer);
	ck_assert_str_eq(desk_study_undo_text(st, j), want);
	desk_study_free(st);
	desk_close(d);
}
END_TEST

/*
 * Settings re-solved at once, each an edit.
 *   home, least share 35%: every bin >= 7 of the 20 rows; in bad-rate
 *   order rent (6), free (6), own (8) only {rent, free} {own} fits: IV
 *   1.046091926768408.
 *   amt under an ascending trend (WoE rising with amt): every prefix of
 *   the rows 1..k is safer than the rows after it (1/8 bad up to 8, and
 *   the last rows 18..20 are all bad), so no grouping of two or more
 *   has WoE rising: one bin, "single bin", out of the model.
 *   amt with the special value 20 (one bad row): its bin has 0 goods,
 *   so 0.5 is added to both counts: WoE = ln((0.5/12)/(1.5/8)) =
 *   ln(2/9) = -1.5040773967762742.
 *   The common axis then: home's largest |WoE| (own, 1.540445040947149)
 *   beats amt's special bin: 2.0.
 */
START_TEST(test_study_settings)
{
	struct desk *d = study_desk("study7");
	struct desk_study *st;
	struct rd_err err;
	struct bin_level_row *lv;
	struct characteristic *fine;
	int *first, *last;
	size_t j, a, n, nnot, k;
	static const double sp[1] = { 20 };
	static const double bad2[2] = { 3, 3 };
	const struct bin *x;

	rd_err_clear(&err);
	st = desk_study_open(d, "apps", NULL, &err);
	ck_assert_ptr_nonnull(st);
	while (desk_study_class_step(st, &err) == 1)
		;
	j = char_index(st, "home");
	a = char_index(st, "amt");
	ck_assert_double_eq(st->setting[j].min_share, 0.05);
	ck_assert_int_eq(st->setting[a].trend, BIN_TREND_AUTO);

	ck_assert_int_eq(desk_study_set_min_share(st, j, 0.35, &err), 0);
	ck_assert_double_eq_tol(st->chars[j]->iv, 1.046091926768408, 1e-12);
	ck_assert_double_eq(st->setting[j].min_share, 0.35);
	ck_assert_str_eq(desk_study_undo_text(st, j), "least share 35.00%");
	ck_assert_int_eq(desk_study_set_min_share(st, j, 1, &err), -1);
	ck_assert_int_eq(desk_study_set_trend(st, j, BIN_TREND_PEAK, &err),
	    -1);
	ck_assert_int_eq(desk_study_set_specials(st, j, sp, 1, &err), -1);
	ck_assert_int_eq(desk_study_undo(st, j, &err), 0);
	ck_assert_double_eq(st->setting[j].min_share, 0.05);
	ck_assert_double_eq_tol(st->chars[j]->iv, 1.1229245451703338, 1e-12);

	ck_assert_int_eq(desk_study_set_trend(st, a, BIN_TREND_ASCENDING,
	    &err), 0);
	ck_assert_uint_eq(st->chars[a]->nbins, 1);
	ck_assert_str_eq(st->chars[a]->status, "single bin");
	ck_assert_int_eq(st->chosen[a], 0);
	ck_assert_int_eq(st->setting[a].trend, BIN_TREND_ASCENDING);
	ck_assert_double_eq(desk_study_woe_axis(st), 2.0);
	ck_assert_int_eq(desk_study_undo(st, a, &err), 0);
	ck_assert_int_eq(st->setting[a].trend, BIN_TREND_AUTO);

	ck_assert_int_eq(desk_study_set_specials(st, a, bad2, 2, &err), -1);
	ck_assert_str_eq(err.msg, "special value 3 given twice");
	ck_assert_int_eq(desk_study_set_specials(st, a, sp, 1, &err), 0);
	x = &st->chars[a]->bins[st->chars[a]->nbins - 1];
	ck_assert_int_eq(x->kind, BIN_SPECIAL);
	ck_assert_double_eq(x->lower, 20);
	ck_assert_uint_eq(x->bads, 1);
	ck_assert_uint_eq(x->goods, 0);
	ck_assert_int_eq(x->adjusted, 1);
	ck_assert_double_eq_tol(x->woe, -1.5040773967762742, 1e-12);
	ck_assert_uint_eq(st->setting[a].nspecials, 1);
	ck_assert_str_eq(desk_study_undo_text(st, a), "special values 20");
	ck_assert_double_eq(st->chars[a]->xmax, 19);

	/* amt as categories: twenty levels, "1" .. "20"; never saved. */
	ck_assert_int_eq(desk_study_set_other_kind(st, a, 1, &nnot, &err), 0);
	ck_assert_int_eq(st->chars[a]->numeric, 0);
	ck_assert_uint_eq(st->chars[a]->nlevels, 20);
	ck_assert_uint_eq(st->chars[a]->goods, 12);
	ck_assert_uint_eq(st->chars[a]->bads, 8);
	ck_assert_int_eq(desk_study_save_bins(d, st, a, &err), -1);
	ck_assert_str_eq(err.msg, "amt is classed as categories here, but "
	    "table apps holds numbers: scoring the table with such a binning "
	    "would fail; switch it back, or import the table again with "
	    "--type amt=text");
	lv = desk_study_levels(st, a, &n);
	ck_assert_uint_eq(n, 20);
	ck_assert_str_eq(lv[0].level, "1");
	ck_assert_str_eq(lv[1].level, "10");
	free(lv);
	/* Each level is pure (one row): every level of a single bin is
	   all good or all bad, so amt as categories separates goods from
	   bads on its own.  The level "8" apart (its row is bad) makes two
	   bins; a fit with it reads amt as categories, and its card is
	   never saved. */
	ck_assert_str_eq(st->chars[a]->status, "separates goods from bads");
	ck_assert_int_eq(desk_study_move(st, a, "8", -1, &err), 0);
	ck_assert_ptr_null(st->chars[a]->status);
	st->chosen[a] = 1;
	ck_assert_msg(desk_study_fit(st, "kinds", &err) == 0, "%s", err.msg);
	ck_assert_str_eq(st->card_unsavable, "scorecard kinds cannot be "
	    "saved: amt is classed as categories here, but table apps holds "
	    "numbers: scoring the table with such a binning would fail; "
	    "switch it back, or import the table again with --type amt=text");
	ck_assert_int_eq(desk_study_save(d, st, &err), -1);
	ck_assert_int_eq(err.cls, RD_EUSAGE);
	ck_assert_int_eq(desk_study_undo(st, a, &err), 0);
	ck_assert_int_eq(desk_study_set_other_kind(st, a, 1, NULL, &err), -1);
	ck_assert_int_eq(desk_study_set_other_kind(st, a, 0, NULL, &err), 0);
	ck_assert_int_eq(st->chars[a]->numeric, 1);
	ck_assert_int_eq(desk_study_set_other_kind(st, j, 1, &nnot, &err),
	    -1);
	ck_assert_str_eq(err.msg, "none of the 3 levels of home is a number");

	/* home's levels: own 8 rows (7 good, 1 bad), 40% of the 20. */
	lv = desk_study_levels(st, j, &n);
	ck_assert_uint_eq(n, 3);
	for (k = 0; k < n && strcmp(lv[k].level, "own") != 0; k++)
		;
	ck_assert_uint_lt(k, n);
	ck_assert_uint_eq(lv[k].rows, 8);
	ck_assert_uint_eq(lv[k].goods, 7);
	ck_assert_double_eq_tol(lv[k].share, 0.4, 1e-15);
	ck_assert_int_eq(lv[k].bin, bin_of(st->chars[j], "own"));
	free(lv);
	ck_assert_ptr_null(desk_study_levels(st, a, &n));

	/* amt's fine classes: one per value 1 .. 20 but the special 20,
	   each inside one coarse bin. */
	fine = desk_study_fine(st, a, &first, &last, &err);
	ck_assert_ptr_nonnull(fine);
	ck_assert_uint_eq(fine->nbins, 20);
	ck_assert_int_eq(fine->bins[19].kind, BIN_SPECIAL);
	for (k = 0; k < fine->nbins; k++) {
		ck_assert_int_ge(first[k], 0);
		ck_assert_int_eq(first[k], last[k]);
	}
	ck_assert_int_eq(first[19], (int)st->chars[a]->nbins - 1);
	characteristic_free(fine);
	free(first);
	free(last);
	desk_study_free(st);
	desk_close(d);
}
END_TEST

/*
 * Saving over a stored scorecard asks first, saying what changes.  c is
 * stored developed on 15 of the 20 rows (a 25% random holdout, round(0.25
 * x 20) = 5 rows, seed 7); the study's fit of c on home uses all 20.
 */
START_TEST(test_study_save_check)
{
	struct desk *d = study_desk("study8");
	struct desk_study *st;
	struct card_fit_spec fs;
	struct scorecard *card;
	struct rd_err err;
	char *what, want[512], cw[64];

	rd_err_clear(&err);
	card_fit_spec_init(&fs);
	fs.sample.kind = CARD_SAMPLE_RANDOM;
	fs.sample.holdout = 0.25;
	fs.sample.seed = 7;
	ck_assert_msg(desk_fit(d, "apps", "c", &fs, &card, &err) == 0, "%s",
	    err.msg);
	ck_assert_uint_eq(card->n, 15);
	st = desk_study_open(d, "apps", NULL, &err);
	ck_assert_ptr_nonnull(st);
	while (desk_study_class_step(st, &err) == 1)
		;
	ck_assert_int_eq(desk_study_save_check(d, st, &what, &err), -1);
	ck_assert_int_eq(err.cls, RD_EUSAGE);
	ck_assert_ptr_null(what);
	ck_assert_int_eq(desk_study_fit(st, "fresh", &err), 0);
	ck_assert_int_eq(desk_study_save_check(d, st, &what, &err), 0);
	ck_assert_ptr_null(what);
	/* home alone: one characteristic. */
	st->chosen[char_index(st, "amt")] = 0;
	st->chosen[char_index(st, "home")] = 1;
	ck_assert_int_eq(desk_study_fit(st, "c", &err), 0);
	ck_assert_uint_eq(st->card->n, 20);
	ck_assert_uint_eq(st->card->nchars, 1);
	ck_assert_int_eq(desk_study_save_check(d, st, &what, &err), 1);
	if (card->nchars == 1)
		snprintf(cw, sizeof cw, "unchanged: 1");
	else
		snprintf(cw, sizeof cw, "%zu -> 1", card->nchars);
	snprintf(want, sizeof want, "development sample apps (15 rows with a "
	    "known outcome) -> apps (20 rows with a known outcome); holdout "
	    "25.00%% at random (seed 7) -> none; characteristics %s", cw);
	ck_assert_str_eq(what, want);
	free(what);
	ck_assert_int_eq(desk_study_save(d, st, &err), 0);
	ck_assert_int_eq(desk_study_save_check(d, st, &what, &err), 1);
	ck_assert_str_eq(what, "development sample unchanged: apps (20 rows "
	    "with a known outcome); holdout unchanged: none; "
	    "characteristics unchanged: 1");
	free(what);
	card_free(card);
	desk_study_free(st);
	desk_close(d);
}
END_TEST

/* ------------------------------------------------------ policy edits */

/* Enough of a policy for policy_load: the structure only. */
static const char policy_text[] =
	"# Champion policy – comments, “quotes” and UTF-8 stay.\n"
	"name: edit_test   # trailing comment\n"
	"scorecard: c\n"
	"population: apps\n"
	"loss:\n"
	"  lgd: 0.45\n"
	"  ead: amt\n"
	"segments:\n"
	"  - name: renters        # riskier\n"
	"    when: home = 'rent'\n"
	"    cutoff:   515        # keep this comment\n"
	"    refer: 500\n"
	"  - name: default\n"
	"    cutoff: 500\n";

START_TEST(test_policy_edit)
{
	char path[256], out[256], *text;
	struct policy *p;
	struct rd_err err;
	double cut[2];

	snprintf(path, sizeof path, "scratch-edit-%ld.yaml", (long)getpid());
	snprintf(out, sizeof out, "scratch-edit-%ld-new.yaml",
	    (long)getpid());
	write_file(path, policy_text);
	rd_err_clear(&err);
	p = policy_load(path, &err);
	ck_assert_msg(p != NULL, "%s", err.msg);

	/* Unchanged cutoffs: the text comes back byte for byte. */
	cut[0] = 515;
	cut[1] = 500;
	text = policy_edit_text(p, cut, NULL, &err);
	ck_assert_ptr_nonnull(text);
	ck_assert_str_eq(text, policy_text);
	free(text);

	/* renters 515 -> 520.5 moves refer 500 -> 505.5 (band width 15);
	   default 500 -> 487 has no refer band. */
	cut[0] = 520.5;
	cut[1] = 487;
	ck_assert_int_eq(policy_edit_write(p, cut, out, &err), 0);
	text = read_file(out);
	ck_assert_str_eq(text,
	    "# Champion policy – comments, “quotes” and UTF-8 stay.\n"
	    "name: edit_test   # trailing comment\n"
	    "scorecard: c\n"
	    "population: apps\n"
	    "loss:\n"
	    "  lgd: 0.45\n"
	    "  ead: amt\n"
	    "segments:\n"
	    "  - name: renters        # riskier\n"
	    "    when: home = 'rent'\n"
	    "    cutoff:   520.5        # keep this comment\n"
	    "    refer: 505.5\n"
	    "  - name: default\n"
	    "    cutoff: 487\n");
	free(text);
	policy_free(p);
	/* What was written loads with the new cutoffs. */
	p = policy_load(out, &err);
	ck_assert_msg(p != NULL, "%s", err.msg);
	ck_assert_double_eq(p->segments[0].cutoff, 520.5);
	ck_assert_double_eq(p->segments[0].refer, 505.5);
	ck_assert_double_eq(p->segments[1].cutoff, 487);
	policy_free(p);

	/* Round hundreds and fractions are written as plain decimals,
	   never in exponent notation (%g writes 550 as "5.5e+02"). */
	p = policy_load(out, &err);
	ck_assert_msg(p != NULL, "%s", err.msg);
	cut[0] = 600;
	cut[1] = 0.1;
	text = policy_edit_text(p, cut, NULL, &err);
	ck_assert_ptr_nonnull(text);
	ck_assert_ptr_nonnull(strstr(text, "cutoff:   600        #"));
	ck_assert_ptr_nonnull(strstr(text, "refer: 585\n"));
	ck_assert_ptr_nonnull(strstr(text, "cutoff: 0.1\n"));
	ck_assert_ptr_null(strstr(text, "e+"));
	free(text);
	cut[0] = 550;
	cut[1] = 1234567.125;
	text = policy_edit_text(p, cut, NULL, &err);
	ck_assert_ptr_nonnull(text);
	ck_assert_ptr_nonnull(strstr(text, "cutoff:   550        #"));
	ck_assert_ptr_nonnull(strstr(text, "refer: 535\n"));
	ck_assert_ptr_nonnull(strstr(text, "cutoff: 1234567.125\n"));
	ck_assert_ptr_null(strstr(text, "e+"));
	free(text);
	policy_free(p);

	/* The file changed under the loaded policy: refused, located, and
	   the output file is not touched. */
	p = policy_load(path, &err);
	ck_assert_ptr_nonnull(p);
	write_file(path, "name: x\n");
	cut[0] = 530;
	cut[1] = 500;
	ck_assert_int_eq(policy_edit_write(p, cut, out, &err), -1);
	ck_assert_int_eq(err.cls, RD_EINPUT);
	ck_assert_int_eq(err.line, 11);
	text = read_file(out);
	ck_assert_ptr_nonnull(strstr(text, "520.5"));
	free(text);
	/* A file that cannot be read. */
	unlink(path);
	ck_assert_ptr_null(policy_edit_text(p, cut, NULL, &err));
	ck_assert_int_eq(err.cls, RD_EIO);
	policy_free(p);
	unlink(out);
}
END_TEST

/*
 * The workbench's save of moved cutoffs keeps an owner-only policy
 * owner-only (it used to come back 0644 under the usual umask), writes a
 * new file 0600, and leaves no temporary file beside it.
 */
START_TEST(test_policy_edit_keeps_mode)
{
	char path[256], out[256], cmd[600];
	struct policy *p;
	struct rd_err err;
	struct stat st;
	double cut[2] = { 530, 490 };
	mode_t old = umask(022);
	FILE *ls;
	int n = 0;

	snprintf(path, sizeof path, "scratch-mode-%ld.yaml", (long)getpid());
	snprintf(out, sizeof out, "scratch-mode-%ld-new.yaml",
	    (long)getpid());
	write_file(path, policy_text);
	ck_assert_int_eq(chmod(path, 0600), 0);
	p = policy_load(path, &err);
	ck_assert_msg(p != NULL, "%s", err.msg);
	ck_assert_int_eq(policy_edit_write(p, cut, path, &err), 0);
	ck_assert_int_eq(stat(path, &st), 0);
	ck_assert_int_eq(st.st_mode & 0777, 0600);
	ck_assert_int_eq(policy_edit_write(p, cut, out, &err), 0);
	ck_assert_int_eq(stat(out, &st), 0);
	ck_assert_int_eq(st.st_mode & 0777, 0600);
	snprintf(cmd, sizeof cmd, "ls scratch-mode-%ld*", (long)getpid());
	ls = popen(cmd, "r");
	while (fgets(cmd, sizeof cmd, ls) != NULL)
		n++;
	pclose(ls);
	ck_assert_int_eq(n, 2);
	policy_free(p);
	unlink(path);
	unlink(out);
	umask(old);
}
END_TEST

/* ------------------------------------------------- hooks and facade */

/* Progress callback: records the calls, cancels at call cancel_at. */
struct prog {
	int calls, cancel_at;
	size_t last_done, last_total;
};

static int
prog_fn(void *arg, size_t done, size_t total)
{
	struct prog *p = arg;

	p->calls++;
	p->last_done = done;
	p->last_total = total;
	return p->calls == p->cancel_at;
}

START_TEST(test_load_progress_cancel)
{
	struct desk *d = study_desk("prog");
	struct desk_study *st;
	struct db_progress pr;
	struct prog p;
	struct rd_err err;

	rd_err_clear(&err);
	/* 20 rows < DB_PROGRESS_ROWS: a call before the first row and one
	   when the read is done (20 of 20). */
	memset(&p, 0, sizeof p);
	pr.fn = prog_fn;
	pr.arg = &p;
	st = desk_study_open_progress(d, "apps", NULL, &pr, &err);
	ck_assert_ptr_nonnull(st);
	ck_assert_int_eq(p.calls, 2);
	ck_assert_uint_eq(p.last_done, 20);
	ck_assert_uint_eq(p.last_total, 20);
	desk_study_free(st);
	/* Cancelled at that call: nothing loaded. */
	memset(&p, 0, sizeof p);
	p.cancel_at = 1;
	ck_assert_ptr_null(desk_study_open_progress(d, "apps", NULL, &pr,
	    &err));
	ck_assert_int_eq(err.cls, RD_EUSAGE);
	ck_assert_str_eq(err.msg, "cancelled");
	/* An interrupt with no query running changes nothing. */
	desk_interrupt(d);
	st = desk_study_open(d, "apps", NULL, &err);
	ck_assert_ptr_nonnull(st);
	desk_study_free(st);
	desk_close(d);
}
END_TEST

START_TEST(test_fit_cancel)
{
	struct desk *d = study_desk("cancel");
	struct desk_study *st;
	struct desk_study_fit *f;
	struct rd_err err;
	_Atomic int cancel = 1;

	rd_err_clear(&err);
	st = desk_study_open(d, "apps", NULL, &err);
	ck_assert_ptr_nonnull(st);
	while (desk_study_class_step(st, &err) == 1)
		;
	/* Cancelled before the second step of the regression: the fit
	   fails, the study keeps no card. */
	f = desk_study_fit_begin(st, "c", &err);
	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(desk_study_fit_run(f, &cancel, &err), -1);
	ck_assert_int_eq(err.cls, RD_EUSAGE);
	ck_assert_ptr_nonnull(strstr(err.msg, "cancelled"));
	ck_assert_int_eq(desk_study_fit_end(st, f), -1);
	ck_assert_ptr_null(st->card);
	/* Not cancelled: the same as desk_study_fit. */
	cancel = 0;
	f = desk_study_fit_begin(st, "c", &err);
	ck_assert_int_eq(desk_study_fit_run(f, &cancel, &err), 0);
	ck_assert_int_eq(desk_study_fit_end(st, f), 0);
	ck_assert_ptr_nonnull(st->card);
	desk_study_free(st);
	desk_close(d);
}
END_TEST

/* Load the bundled champion and challenger into d. */
static void
load_pair(struct desk *d, struct rd_err *err)
{
	ck_assert_msg(desk_load_policy(d, srcpath("policies/example.yaml"), 0,
	    err) == 0, "%s", err->msg);
	ck_assert_msg(desk_load_policy(d, srcpath("policies/challenger.yaml"),
	    1, err) == 0, "%s", err->msg);
}

/* The German data with the bundled champion and challenger. */
static struct desk *
german_desk(const char *tag, struct rd_err *err)
{
	struct card_fit_spec fs;
	struct scorecard *card;
	struct desk *d;

	d = desk_open(scratch_db(tag), err);
	ck_assert_ptr_nonnull(d);
	import_table(d, srcpath("data/german_credit.csv"), "german_credit",
	    "creditability", IMPORT_CREATE, NULL);
	card_fit_spec_init(&fs);
	ck_assert_msg(desk_fit(d, "german_credit", "german", &fs, &card,
	    err) == 0, "%s", err->msg);
	card_free(card);
	load_pair(d, err);
	return d;
}

START_TEST(test_facade)
{
	struct rd_err err;
	struct desk *d;
	struct table_meta m;
	struct sim_curve cv;
	struct sim_swap sw;
	const struct desk_policy *a, *b;
	char **tables, path[256];
	size_t k;

	rd_err_clear(&err);
	d = german_desk("facade", &err);
	tables = desk_tables(d, &err);
	ck_assert_ptr_nonnull(tables);
	ck_assert_str_eq(tables[0], "german_credit");
	ck_assert_ptr_null(tables[1]);
	free(tables[0]);
	free(tables);
	ck_assert_int_eq(desk_table_meta(d, "german_credit", &m, &err), 0);
	ck_assert_int_eq(m.rows, 1000);
	ck_assert_int_eq(m.bads, 300);
	table_meta_done(&m);

	/*
	 * A point of segment 0's curve is the segment's figures at that
	 * cutoff as the simulation gives them (approve score >= cutoff),
	 * the curve being computed another way (cumulative sums).
	 */
	ck_assert_int_eq(desk_curve(d, 0, 0, &cv), 0);
	ck_assert_uint_gt(cv.n, 10);
	for (k = 1; k < cv.n; k++) {
		ck_assert(cv.pt[k].cutoff > cv.pt[k - 1].cutoff);
		ck_assert(cv.pt[k].approval_rate <= cv.pt[k - 1].approval_rate);
	}
	ck_assert_double_eq(cv.pt[cv.n - 1].approval_rate, 0);
	k = cv.n / 2;
	ck_assert_int_eq(desk_set_cutoff(d, 0, 0, cv.pt[k].cutoff, &err), 0);
	a = desk_policy_slot(d, 0);
	ck_assert_double_eq_tol(a->result.segments[0].approval_rate,
	    cv.pt[k].approval_rate, 1e-12);
	ck_assert_double_eq_tol(a->result.segments[0].expected_loss,
	    cv.pt[k].expected_loss, 1e-6);
	sim_curve_done(&cv);
	ck_assert_int_eq(desk_curve(d, 0, 99, &cv), -1);

	/* The swap set partitions the applicants: both + swap-out are the
	   champion's approved, both + swap-in the challenger's. */
	ck_assert_int_eq(desk_swap(d, &sw, &err), 0);
	a = desk_policy_slot(d, 0);
	b = desk_policy_slot(d, 1);
	ck_assert_uint_eq(sw.both.count + sw.swap_out.count,
	    a->result.total.approved);
	ck_assert_uint_eq(sw.both.count + sw.swap_in.count,
	    b->result.total.approved);
	ck_assert_uint_eq(sw.both.count + sw.swap_in.count +
	    sw.swap_out.count + sw.neither.count, 1000);

	/* Saving writes the moved cutoff into a copy of the file and loads
	   it: the file's cutoff is now the slot's, the figures unchanged. */
	snprintf(path, sizeof path, "scratch-save-%ld.yaml", (long)getpid());
	{
		double el = a->result.total.expected_loss, cut = a->cutoffs[0];

		ck_assert_int_eq(desk_save_policy(d, 0, path, &err), 0);
		a = desk_policy_slot(d, 0);
		ck_assert_double_eq(a->policy->segments[0].cutoff, cut);
		ck_assert_double_eq(a->cutoffs[0], cut);
		ck_assert_double_eq_tol(a->result.total.expected_loss, el,
		    1e-6);
	}
	/* A cutoff below the start of the segment's first score band
	   (example.yaml: no_property bands from 525) moves that start down
	   with it, so the written file is valid: it loads. */
	ck_assert_double_eq(a->policy->segments[0].bands[0].from,
	    a->cutoffs[0] < 525 ? a->cutoffs[0] : 525);
	ck_assert_int_eq(desk_set_cutoff(d, 0, 0, 480, &err), 0);
	ck_assert_msg(desk_save_policy(d, 0, path, &err) == 0, "%s", err.msg);
	a = desk_policy_slot(d, 0);
	ck_assert_double_eq(a->policy->segments[0].cutoff, 480);
	ck_assert_double_eq(a->policy->segments[0].bands[0].from, 480);
	/* The refer band keeps the file's width, 525 - 510 = 15. */
	ck_assert_double_eq(a->policy->segments[0].refer, 480 - 15);
	unlink(path);
	desk_close(d);
}
END_TEST

/*
 * The one check bin, fit and the study make before comparing goods with
 * bads, on four hand rows whose target column y is bad, good, NULL, good:
 * each kind of missing outcome refused with its reason, a table with
 * some indeterminate rows accepted.
 */
START_TEST(test_need_outcomes)
{
	static const char *const yv[4] = { "bad", "good", NULL, "good" };
	static const signed char some[4] = { DS_BAD, DS_GOOD, DS_INDET,
		DS_GOOD };
	static const signed char none[4] = { DS_INDET, DS_INDET, DS_INDET,
		DS_INDET };
	static const signed char good[4] = { DS_GOOD, DS_GOOD, DS_INDET,
		DS_GOOD };
	static const signed char bad[4] = { DS_BAD, DS_BAD, DS_INDET,
		DS_BAD };
	struct dataset *ds = hand_ds(4);
	struct rd_err err;

	rd_err_clear(&err);
	ck_assert_int_eq(desk_need_outcomes(ds, "t", "binning", &err), -1);
	ck_assert_int_eq(err.cls, RD_EINPUT);
	ck_assert_str_eq(err.msg, "table \"t\" has no target: binning needs "
	    "known outcomes; import it with --target and --bad");
	ds->target = hand_text(ds, "y", yv);
	hand_set_y(ds, some);
	ck_assert_int_eq(desk_need_outcomes(ds, "t", "binning", &err), 0);
	hand_set_y(ds, none);
	ck_assert_int_eq(desk_need_outcomes(ds, "t", "a scorecard fit", &err),
	    -1);
	ck_assert_str_eq(err.msg, "table \"t\" has no known outcomes: every "
	    "row's target \"y\" is indeterminate (neither the bad value nor "
	    "a good one), and a scorecard fit needs bads and goods");
	hand_set_y(ds, good);
	ck_assert_int_eq(desk_need_outcomes(ds, "t", "binning", &err), -1);
	ck_assert_str_eq(err.msg, "table \"t\" has no bads among its 3 known "
	    "outcomes: binning needs bads and goods; check the --bad value "
	    "it was imported with");
	hand_set_y(ds, bad);
	ck_assert_int_eq(desk_need_outcomes(ds, "t", "binning", &err), -1);
	ck_assert_str_eq(err.msg, "table \"t\" has no goods among its 3 known "
	    "outcomes: binning needs bads and goods; check the --bad value "
	    "it was imported with");
	ds_free(ds);
}
END_TEST

/* ------------------------------------------------ one source of truth */

/* x and y equal, NaN equal to NaN (an unpriced profit). */
static void
same_double(double x, double y, const char *what)
{
	ck_assert_msg((isnan(x) && isnan(y)) || x == y, "%s: %.17g against "
	    "%.17g", what, x, y);
}

static void
same_stats(const struct sim_stats *a, const struct sim_stats *b)
{
	ck_assert_uint_eq(a->applicants, b->applicants);
	ck_assert_uint_eq(a->approved, b->approved);
	ck_assert_uint_eq(a->referred, b->referred);
	ck_assert_uint_eq(a->declined, b->declined);
	ck_assert_uint_eq(a->knocked_out, b->knocked_out);
	ck_assert_uint_eq(a->approved_known, b->approved_known);
	ck_assert_uint_eq(a->approved_bad, b->approved_bad);
	same_double(a->approval_rate, b->approval_rate, "approval rate");
	same_double(a->refer_rate, b->refer_rate, "refer rate");
	same_double(a->bad_rate, b->bad_rate, "bad rate");
	same_double(a->exp_bad_rate, b->exp_bad_rate, "expected bad rate");
	same_double(a->exposure, b->exposure, "exposure");
	same_double(a->expected_loss, b->expected_loss, "expected loss");
	same_double(a->profit, b->profit, "profit");
}

/*
 * Slot a (refreshed) holds what slot b (loaded afresh from the same file
 * on the same database, the same cutoffs set) holds: the same scorecard
 * text, every applicant's score and PD, the figures overall and per
 * segment, the discrimination.  The same code on the same inputs: equal
 * to the last bit.
 */
static void
same_slot(const struct desk_policy *a, const struct desk_policy *b)
{
	size_t k;

	ck_assert_str_eq(a->made.card_sha256, b->made.card_sha256);
	ck_assert_uint_eq(a->prep.n, b->prep.n);
	for (k = 0; k < a->prep.n; k++) {
		same_double(a->score[k], b->score[k], "score");
		same_double(a->pd[k], b->pd[k], "PD");
	}
	ck_assert_uint_eq(a->policy->nsegments, b->policy->nsegments);
	for (k = 0; k < a->policy->nsegments; k++) {
		ck_assert_double_eq(a->cutoffs[k], b->cutoffs[k]);
		same_stats(&a->result.segments[k], &b->result.segments[k]);
	}
	same_stats(&a->result.total, &b->result.total);
	same_double(a->disc.auc, b->disc.auc, "AUC");
	same_double(a->disc.ks, b->disc.ks, "KS");
}

/* A second desk on d's database with the bundled pair loaded afresh. */
static struct desk *
fresh_desk(struct desk *d, struct rd_err *err)
{
	struct desk *f = desk_open(db_path(d->db), err);

	ck_assert_ptr_nonnull(f);
	load_pair(f, err);
	return f;
}

/* Both slots of d hold what fresh_desk gives at the files' cutoffs. */
static void
same_as_fresh(struct desk *d)
{
	struct rd_err err;
	struct desk *f;

	rd_err_clear(&err);
	f = fresh_desk(d, &err);
	same_slot(desk_policy_slot(d, 0), desk_policy_slot(f, 0));
	same_slot(desk_policy_slot(d, 1), desk_policy_slot(f, 1));
	desk_close(f);
}

static void
same_swap(const struct sim_swap *a, const struct sim_swap *b)
{
	const struct sim_swap_cell *x[4] = { &a->both, &a->swap_in,
		&a->swap_out, &a->neither };
	const struct sim_swap_cell *y[4] = { &b->both, &b->swap_in,
		&b->swap_out, &b->neither };
	int i;

	for (i = 0; i < 4; i++) {
		ck_assert_uint_eq(x[i]->count, y[i]->count);
		ck_assert_uint_eq(x[i]->bad, y[i]->bad);
		same_double(x[i]->el_champion, y[i]->el_champion, "EL champion");
		same_double(x[i]->el_challenger, y[i]->el_challenger,
		    "EL challenger");
	}
}

/* The stored text of scorecard name, hashed as the slots stamp it. */
static void
stored_sha(struct desk *d, const char *name, char *hex)
{
	struct rd_err err;
	char *body = db_scorecard_get(d->db, name, &err);

	ck_assert_msg(body != NULL, "%s", err.msg);
	rd_sha256_buf(body, strlen(body), hex);
	free(body);
}

/*
 * The workbench's day: a characteristic regrouped, the scorecard fitted
 * again and saved under the name both policies score with.  The save
 * marks the champion and the challenger out of date at once; the swap
 * set, which would compare two versions of the scorecard, is refused;
 * desk_refresh scores both again, and then every figure is what a fresh
 * load of the same files on the same database gives.
 */
START_TEST(test_save_marks_both_stale)
{
	struct desk *d, *f;
	struct desk_study *st;
	struct sim_swap sw, fsw;
	struct rd_err err;
	char old[RD_SHA256_HEX], saved[RD_SHA256_HEX], why[RD_ERR_MSG];
	char label[RD_SHA256_HEX], want[256];
	double old_el;
	size_t j;

	rd_err_clear(&err);
	d = german_desk("truth1", &err);
	ck_assert_uint_eq(desk_check(d), 0);
	ck_assert_uint_eq(desk_stale(d, 0), 0);
	ck_assert_uint_eq(desk_stale(d, 1), 0);
	ck_assert_ptr_null(desk_stale_why(d, 0, why, sizeof why));
	stored_sha(d, "german", old);
	ck_assert_str_eq(desk_policy_slot(d, 0)->made.card_sha256, old);
	/* The label names the card and the start of its stamp. */
	snprintf(want, sizeof want, "german %.7s", old);
	ck_assert_str_eq(desk_card_label(d, 1, label, sizeof label), want);
	old_el = desk_policy_slot(d, 0)->result.total.expected_loss;

	st = desk_study_open(d, "german_credit", NULL, &err);
	ck_assert_ptr_nonnull(st);
	while (desk_study_class_step(st, &err) == 1)
		;
	/* The strongest characteristic's first two bins become one. */
	j = st->rank[0];
	ck_assert_msg(desk_study_merge(st, j, 0, &err) == 0, "%s", err.msg);
	ck_assert_msg(desk_study_fit(st, "german", &err) == 0, "%s", err.msg);
	ck_assert_int_eq(desk_study_save(d, st, &err), 0);
	desk_card_sha256(st->card, saved);
	ck_assert_str_ne(saved, old);

	/* Marked at once, both slots, without looking at the database. */
	ck_assert_uint_eq(desk_stale(d, 0), DESK_STALE_CARD);
	ck_assert_uint_eq(desk_stale(d, 1), DESK_STALE_CARD);
	ck_assert_int_eq(desk_needs_refresh(d), 1);
	ck_assert_ptr_nonnull(desk_stale_why(d, 1, why, sizeof why));
	snprintf(want, sizeof want, "policy challenger is scored with "
	    "scorecard german %.7s, stored again since (%.7s)", old, saved);
	ck_assert_str_eq(why, want);
	ck_assert_int_eq(desk_swap(d, &sw, &err), -1);
	ck_assert_int_eq(err.cls, RD_EUSAGE);
	ck_assert_ptr_nonnull(strstr(err.msg, "no swap set: policy example "
	    "is scored with scorecard german"));

	ck_assert_msg(desk_refresh(d, 0, &err) == 0, "%s", err.msg);
	ck_assert_uint_eq(desk_stale(d, 0), 0);
	ck_assert_uint_eq(desk_stale(d, 1), 0);
	ck_assert_int_eq(desk_needs_refresh(d), 0);
	ck_assert_uint_eq(desk_check(d), 0);
	/* Scored with the card just saved: the stored text is the one the
	   study serialised. */
	ck_assert_str_eq(desk_policy_slot(d, 0)->made.card_sha256, saved);
	ck_assert_str_eq(desk_policy_slot(d, 1)->made.card_sha256, saved);
	/* The card read back serialises to the text stored: its stamp is
	   the slot's. */
	desk_card_sha256(desk_policy_slot(d, 0)->card, label);
	ck_assert_str_eq(label, saved);
	ck_assert(desk_policy_slot(d, 0)->result.total.expected_loss !=
	    old_el);

	f = fresh_desk(d, &err);
	same_slot(desk_policy_slot(d, 0), desk_policy_slot(f, 0));
	same_slot(desk_policy_slot(d, 1), desk_policy_slot(f, 1));
	ck_assert_msg(desk_swap(d, &sw, &err) == 0, "%s", err.msg);
	ck_assert_msg(desk_swap(f, &fsw, &err) == 0, "%s", err.msg);
	same_swap(&sw, &fsw);
	/*
	 * example.yaml and challenger.yaml give every applicant the same
	 * segment (same knock-outs and conditions), LGD and EAD; scored with
	 * one scorecard an applicant has one PD, so the applicants both
	 * approve have the same expected loss under either policy.
	 */
	ck_assert_uint_gt(sw.both.count, 0);
	ck_assert_double_eq_tol(sw.both.el_champion, sw.both.el_challenger,
	    1e-6);
	desk_close(f);
	desk_study_free(st);
	desk_close(d);
}
END_TEST

/*
 * A scorecard stored again while cutoffs are moved: the refresh keeps
 * the moved cutoffs of both slots (the policies are the same), and the
 * figures are those of the files loaded afresh with the same cutoffs set
 * (--report --cutoff).  The optimiser's result, of the old scores, goes;
 * run again it is the fresh desk's.
 */
START_TEST(test_refresh_keeps_moved_cutoffs)
{
	struct desk *d, *f;
	struct scorecard *card;
	struct card_fit_spec fs;
	struct sim_opt_spec os;
	struct sim_swap sw, fsw;
	struct rd_err err;
	size_t k;

	rd_err_clear(&err);
	d = german_desk("truth2", &err);
	ck_assert_int_eq(desk_set_cutoff(d, 0, 0, 531, &err), 0);
	ck_assert_int_eq(desk_set_cutoff(d, 1, 3, 498, &err), 0);
	memset(&os, 0, sizeof os);
	os.kind = SIM_TARGET_BAD_RATE;
	os.target = 0.2;
	ck_assert_msg(desk_optimise(d, 0, &os, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(desk_policy_slot(d, 0)->optimised, 1);

	/* Another scaling (PDO 40): every score moves. */
	card_fit_spec_init(&fs);
	fs.scaling.pdo = 40;
	ck_assert_msg(desk_fit(d, "german_credit", "german", &fs, &card,
	    &err) == 0, "%s", err.msg);
	card_free(card);
	ck_assert_uint_eq(desk_stale(d, 0), DESK_STALE_CARD);
	ck_assert_uint_eq(desk_stale(d, 1), DESK_STALE_CARD);
	ck_assert_msg(desk_refresh(d, 0, &err) == 0, "%s", err.msg);
	ck_assert_double_eq(desk_policy_slot(d, 0)->cutoffs[0], 531);
	ck_assert_double_eq(desk_policy_slot(d, 1)->cutoffs[3], 498);
	ck_assert_int_eq(desk_policy_slot(d, 0)->optimised, 0);

	f = fresh_desk(d, &err);
	ck_assert_int_eq(desk_set_cutoff(f, 0, 0, 531, &err), 0);
	ck_assert_int_eq(desk_set_cutoff(f, 1, 3, 498, &err), 0);
	same_slot(desk_policy_slot(d, 0), desk_policy_slot(f, 0));
	same_slot(desk_policy_slot(d, 1), desk_policy_slot(f, 1));
	ck_assert_int_eq(desk_swap(d, &sw, &err), 0);
	ck_assert_int_eq(desk_swap(f, &fsw, &err), 0);
	same_swap(&sw, &fsw);
	ck_assert_int_eq(desk_optimise(d, 0, &os, &err), 0);
	ck_assert_int_eq(desk_optimise(f, 0, &os, &err), 0);
	for (k = 0; k < desk_policy_slot(d, 0)->policy->nsegments; k++)
		ck_assert_double_eq(desk_policy_slot(d, 0)->opt.cutoffs[k],
		    desk_policy_slot(f, 0)->opt.cutoffs[k]);
	same_stats(&desk_policy_slot(d, 0)->opt.result.total,
	    &desk_policy_slot(f, 0)->opt.result.total);
	desk_close(f);
	desk_close(d);
}
END_TEST

/*
 * Writes the desk did not make are found by desk_check: a scorecard
 * stored by another process (another desk on the same database), a
 * policy file edited or removed.  A changed policy file is another
 * policy: marked, not scored again, until it is loaded.
 */
START_TEST(test_check_sees_other_writers)
{
	struct desk *d, *o;
	struct scorecard *card;
	struct card_fit_spec fs;
	struct rd_err err;
	char path[256], why[RD_ERR_MSG], *text;
	FILE *fp;

	rd_err_clear(&err);
	d = german_desk("truth3", &err);
	o = desk_open(db_path(d->db), &err);
	ck_assert_ptr_nonnull(o);
	card_fit_spec_init(&fs);
	fs.scaling.pdo = 30;
	ck_assert_msg(desk_fit(o, "german_credit", "german", &fs, &card,
	    &err) == 0, "%s", err.msg);
	card_free(card);
	desk_close(o);
	/* Not seen until looked for. */
	ck_assert_uint_eq(desk_stale(d, 0), 0);
	ck_assert_uint_eq(desk_check(d), DESK_STALE_CARD);
	ck_assert_uint_eq(desk_stale(d, 1), DESK_STALE_CARD);
	ck_assert_int_eq(desk_refresh(d, 0, &err), 0);
	same_as_fresh(d);

	/* A copy of the champion's file, edited after loading. */
	snprintf(path, sizeof path, "scratch-truth3-%ld.yaml",
	    (long)getpid());
	text = read_file(srcpath("policies/example.yaml"));
	write_file(path, text);
	ck_assert_int_eq(desk_load_policy(d, path, 0, &err), 0);
	ck_assert_uint_eq(desk_check(d), 0);
	fp = fopen(path, "a");
	ck_assert_ptr_nonnull(fp);
	fputs("# edited\n", fp);
	fclose(fp);
	ck_assert_uint_eq(desk_check(d), DESK_STALE_POLICY);
	ck_assert_int_eq(desk_needs_refresh(d), 0);
	ck_assert_int_eq(desk_refresh(d, 0, &err), 0);
	ck_assert_uint_eq(desk_stale(d, 0), DESK_STALE_POLICY);
	desk_stale_why(d, 0, why, sizeof why);
	ck_assert_ptr_nonnull(strstr(why, "policy example: its file "));
	ck_assert_ptr_nonnull(strstr(why, " changed since it was loaded"));
	/* Loading it again is up to date. */
	ck_assert_int_eq(desk_load_policy(d, path, 0, &err), 0);
	ck_assert_uint_eq(desk_check(d), 0);
	unlink(path);
	ck_assert_uint_eq(desk_check(d), DESK_STALE_POLICY);
	desk_stale_why(d, 0, why, sizeof why);
	ck_assert_ptr_nonnull(strstr(why, " cannot be read since it was "
	    "loaded"));
	/* The swap set compares what is loaded: a policy file's change
	   does not stop it. */
	ck_assert_int_eq(desk_swap(d, &(struct sim_swap){ 0 }, &err), 0);
	free(text);
	desk_close(d);
}
END_TEST

/*
 * A refresh that cannot score (the scorecard now stored as "german" was
 * developed on apps, whose column home german_credit lacks) keeps the
 * figures it had, marked, and does not try the same inputs again unless
 * forced; storing a usable scorecard clears the failure.
 */
START_TEST(test_refresh_failure_kept_marked)
{
	struct desk *d;
	struct scorecard *card;
	struct card_fit_spec fs;
	struct rd_err err;
	char why[RD_ERR_MSG];
	double el;

	rd_err_clear(&err);
	d = german_desk("truth4", &err);
	import_apps(d, "truth4");
	el = desk_policy_slot(d, 0)->result.total.expected_loss;
	card_fit_spec_init(&fs);
	ck_assert_msg(desk_fit(d, "apps", "german", &fs, &card, &err) == 0,
	    "%s", err.msg);
	card_free(card);
	ck_assert_int_eq(desk_refresh(d, 0, &err), -1);
	ck_assert_ptr_nonnull(strstr(err.msg, "home"));
	ck_assert_uint_eq(desk_stale(d, 0), DESK_STALE_CARD |
	    DESK_STALE_FAILED);
	ck_assert_uint_eq(desk_stale(d, 1), DESK_STALE_CARD |
	    DESK_STALE_FAILED);
	ck_assert_double_eq(desk_policy_slot(d, 0)->result.total.expected_loss,
	    el);
	ck_assert_int_eq(desk_needs_refresh(d), 0);
	ck_assert_uint_eq(desk_check(d), DESK_STALE_CARD | DESK_STALE_FAILED);
	desk_stale_why(d, 0, why, sizeof why);
	ck_assert_ptr_nonnull(strstr(why, "; scoring it again failed: "));
	ck_assert_int_eq(desk_refresh(d, 0, &err), 0);	/* nothing tried */
	ck_assert_int_eq(desk_refresh(d, 1, &err), -1);	/* forced */
	ck_assert_int_eq(desk_swap(d, &(struct sim_swap){ 0 }, &err), -1);

	/* The first scorecard stored again, to the byte: the figures are
	   of it already, nothing to score. */
	ck_assert_int_eq(desk_fit(d, "german_credit", "german", &fs, &card,
	    &err), 0);
	card_free(card);
	ck_assert_uint_eq(desk_stale(d, 0), 0);
	ck_assert_int_eq(desk_needs_refresh(d), 0);
	/* Another one (PDO 30): scored again. */
	fs.scaling.pdo = 30;
	ck_assert_int_eq(desk_fit(d, "german_credit", "german", &fs, &card,
	    &err), 0);
	card_free(card);
	ck_assert_uint_eq(desk_stale(d, 1), DESK_STALE_CARD);
	ck_assert_int_eq(desk_needs_refresh(d), 1);
	ck_assert_msg(desk_refresh(d, 0, &err) == 0, "%s", err.msg);
	same_as_fresh(d);
	desk_close(d);
}
END_TEST

/*
 * The population imported again (--replace, here with its first 600
 * rows only) marks the slots DESK_STALE_DATA; the refresh reads it again.
 */
START_TEST(test_reimport_marks_data)
{
	struct desk *d;
	struct rd_err err;
	char csv[256], line[1024];
	FILE *in, *out;
	int lines = 0;

	rd_err_clear(&err);
	d = german_desk("truth5", &err);
	snprintf(csv, sizeof csv, "scratch-truth5-%ld.csv", (long)getpid());
	in = fopen(srcpath("data/german_credit.csv"), "r");
	out = fopen(csv, "w");
	ck_assert(in != NULL && out != NULL);
	while (lines++ < 601 && fgets(line, sizeof line, in) != NULL)
		fputs(line, out);
	fclose(in);
	ck_assert_int_eq(fclose(out), 0);
	import_table(d, csv, "german_credit", "creditability",
	    IMPORT_REPLACE, NULL);
	unlink(csv);
	ck_assert_uint_eq(desk_stale(d, 0), DESK_STALE_DATA);
	ck_assert_uint_eq(desk_stale(d, 1), DESK_STALE_DATA);
	ck_assert_uint_eq(desk_policy_slot(d, 0)->prep.n, 1000);
	ck_assert_msg(desk_refresh(d, 0, &err) == 0, "%s", err.msg);
	ck_assert_uint_eq(desk_policy_slot(d, 0)->prep.n, 600);
	ck_assert_uint_eq(desk_stale(d, 0), 0);
	same_as_fresh(d);
	desk_close(d);
}
END_TEST

/*
 * The study's fit follows its bins and choice: a regrouping, a reset or
 * another choice of characteristics puts it out of date; a new fit
 * follows again.  A validation knows the card and PSI table it is of.
 */
START_TEST(test_study_fit_follows_bins)
{
	struct desk *d = study_desk("truth6");
	struct desk_study *st;
	struct desk_validation v;
	struct validate_spec vs;
	struct rd_err err;
	size_t home, amt;

	rd_err_clear(&err);
	st = desk_study_open(d, "apps", NULL, &err);
	ck_assert_ptr_nonnull(st);
	while (desk_study_class_step(st, &err) == 1)
		;
	home = char_index(st, "home");
	amt = char_index(st, "amt");
	ck_assert_int_eq(desk_study_fit_stale(st), 0);	/* no fit */
	st->chosen[amt] = 0;
	st->chosen[home] = 1;
	ck_assert_int_eq(desk_study_fit(st, "c", &err), 0);
	ck_assert_int_eq(desk_study_fit_stale(st), 0);
	st->chosen[amt] = 1;
	ck_assert_int_eq(desk_study_fit_stale(st), 1);
	st->chosen[amt] = 0;
	ck_assert_int_eq(desk_study_fit_stale(st), 0);
	ck_assert_int_eq(desk_study_merge(st, home, 0, &err), 0);
	ck_assert_int_eq(desk_study_fit_stale(st), 1);
	ck_assert_int_eq(desk_study_fit(st, "c", &err), 0);
	ck_assert_int_eq(desk_study_fit_stale(st), 0);
	ck_assert_int_eq(desk_study_reset(st, home, &err), 0);
	ck_assert_int_eq(desk_study_fit_stale(st), 1);

	validate_spec_init(&vs);
	ck_assert_msg(desk_validate_card(d, st->card, NULL, NULL, &vs, &v,
	    &err) == 0, "%s", err.msg);
	ck_assert_int_eq(desk_validation_current(&v, st->card, NULL), 1);
	ck_assert_int_eq(desk_validation_current(&v, st->card, "apps"), 0);
	ck_assert_int_eq(desk_study_fit(st, "c", &err), 0);
	ck_assert_int_eq(desk_validation_current(&v, st->card, NULL), 0);
	desk_validation_done(&v);
	desk_study_free(st);
	desk_close(d);
}
END_TEST

/* The figures of two validations of the same rows alike: counts and
   ranks exactly, sums of PDs to 1e-12 (validate.h validate_cells). */
static void
same_sample(const struct validation *a, const struct validation *b)
{
	size_t i;

	ck_assert_uint_eq(a->n, b->n);
	ck_assert_uint_eq(a->n_bad, b->n_bad);
	ck_assert(a->auc == b->auc);
	ck_assert(a->ks == b->ks);
	ck_assert(a->ks_at == b->ks_at);
	ck_assert_uint_eq(a->nroc, b->nroc);
	ck_assert_uint_eq(a->ngains, b->ngains);
	for (i = 0; i < a->ngains; i++) {
		ck_assert_uint_eq(a->gains[i].count, b->gains[i].count);
		ck_assert_uint_eq(a->gains[i].bads, b->gains[i].bads);
	}
	ck_assert_uint_eq(a->nhl, b->nhl);
	for (i = 0; i < a->nhl; i++)
		ck_assert_uint_eq(a->hl[i].count, b->hl[i].count);
	ck_assert_double_eq_tol(a->hl_stat, b->hl_stat,
	    1e-9 * (1 + fabs(a->hl_stat)));
	ck_assert_uint_eq(a->nbands, b->nbands);
	for (i = 0; i < a->nbands; i++)
		ck_assert_uint_eq(a->bands[i].bads, b->bands[i].bads);
}

/*
 * A table read in slices gives the figures of the table read whole:
 * 150,000 applicants (three slices of 65,536 rowids, a gap of deleted
 * rowids across the second), validated by desk_validate_card (which
 * reads the table slice by slice) and by desk_validate_scored on the
 * rows loaded whole, for the whole table as development sample, a
 * random 30% holdout (its marks drawn once for all the rows) and an
 * out-of-time split on a date column.
 */
/* Whether the figures of preps a and b are the same, bit for bit. */
static void
same_prep(const struct sim_prep *a, const struct sim_prep *b)
{
	size_t nc = a->nlevels + a->nseg + 1;

	ck_assert_uint_eq(a->n, b->n);
	ck_assert_uint_eq(a->nseg, b->nseg);
	ck_assert_uint_eq(a->nlevels, b->nlevels);
	ck_assert_uint_eq(a->nkept, b->nkept);
	ck_assert_uint_eq(a->nknown, b->nknown);
	ck_assert_uint_eq(a->nbad, b->nbad);
	ck_assert_uint_eq(a->ead_missing, b->ead_missing);
	ck_assert_uint_eq(a->ndisc, b->ndisc);
	ck_assert(memcmp(a->off, b->off, a->nseg * sizeof *a->off) == 0);
	ck_assert(memcmp(a->len, b->len, a->nseg * sizeof *a->len) == 0);
	ck_assert(memcmp(a->napp, b->napp, a->nseg * sizeof *a->napp) == 0);
	ck_assert(memcmp(a->matched, b->matched, a->nseg *
	    sizeof *a->matched) == 0);
	ck_assert(memcmp(a->seg_ead_missing, b->seg_ead_missing, a->nseg *
	    sizeof *a->seg_ead_missing) == 0);
	ck_assert(memcmp(a->ko_count, b->ko_count, a->nko *
	    sizeof *a->ko_count) == 0);
	ck_assert(memcmp(a->levels, b->levels, a->nlevels *
	    sizeof *a->levels) == 0);
#define SAME(f) ck_assert_msg(memcmp(a->f, b->f, nc * sizeof *a->f) == 0, \
		#f " differs")
	SAME(cum_n);
	SAME(cum_known);
	SAME(cum_bad);
	SAME(cum_pd);
	SAME(cum_el);
	SAME(cum_ead);
	SAME(cum_rev);
	SAME(cum_limit);
#undef SAME
	ck_assert(memcmp(a->disc_risk, b->disc_risk, a->ndisc *
	    sizeof *a->disc_risk) == 0);
	ck_assert(memcmp(a->disc_goods, b->disc_goods, a->ndisc *
	    sizeof *a->disc_goods) == 0);
	ck_assert(memcmp(a->disc_bads, b->disc_bads, a->ndisc *
	    sizeof *a->disc_bads) == 0);
}

/* Whether two sim_stats hold the same figures (NaN equal to NaN). */
static void
same_figs(const struct sim_stats *a, const struct sim_stats *b)
{
	const double *x = &a->approval_rate, *y = &b->approval_rate;
	size_t k, n = (size_t)(&a->profit - &a->approval_rate) + 1;

	ck_assert_uint_eq(a->applicants, b->applicants);
	ck_assert_uint_eq(a->approved, b->approved);
	ck_assert_uint_eq(a->referred, b->referred);
	ck_assert_uint_eq(a->approved_known, b->approved_known);
	ck_assert_uint_eq(a->approved_bad, b->approved_bad);
	for (k = 0; k < n; k++)
		ck_assert_msg((isnan(x[k]) && isnan(y[k])) || memcmp(&x[k],
		    &y[k], sizeof x[k]) == 0, "figure %zu: %.17g and %.17g",
		    k, x[k], y[k]);
}

static void
same_cell(const struct sim_swap_cell *a, const struct sim_swap_cell *b)
{
	ck_assert_uint_eq(a->count, b->count);
	ck_assert_uint_eq(a->known, b->known);
	ck_assert_uint_eq(a->bad, b->bad);
	ck_assert(memcmp(&a->el_champion, &b->el_champion, sizeof(double)) ==
	    0);
	ck_assert(memcmp(&a->el_challenger, &b->el_challenger,
	    sizeof(double)) == 0);
}

/*
 * The policy simulated slice by slice (desk_set_slice, as --report reads)
 * holds the figures of the whole table, bit for bit: the levels and
 * running sums, the counts, the discrimination's cells and figures, the
 * results at the policy's and at other cutoffs, the curves, the
 * optimiser and the swap set (read again in slices), on a table with a
 * gap in its rowids, at slices of one row, a few and more than the table.
 */
START_TEST(test_sim_slices)
{
	static const size_t slices[] = { 1, 7, 300, DESK_SIM_SLICE };
	struct desk *w, *d;
	struct rd_err err;
	struct sim_swap sw0, sw1;
	struct sim_curve c0, c1;
	struct sim_opt_spec os = { SIM_TARGET_BAD_RATE, 0.1, 0 };
	sqlite3 *h;
	size_t k, j, which;
	char path[256];

	rd_err_clear(&err);
	w = german_desk("simslices", &err);
	desk_close(w);
	/* german_desk's file (scratch_db names it again, removed). */
	snprintf(path, sizeof path, "scratch-simslices-%ld.db",
	    (long)getpid());
	ck_assert_int_eq(sqlite3_open(path, &h), SQLITE_OK);
	ck_assert_int_eq(sqlite3_exec(h, "DELETE FROM german_credit WHERE "
	    "rowid BETWEEN 200 AND 260", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(h);
	w = desk_open(path, &err);
	ck_assert_ptr_nonnull(w);
	load_pair(w, &err);
	ck_assert(desk_policy_slot(w, 0)->prep.has_rows);
	ck_assert_int_eq(desk_swap(w, &sw0, &err), 0);
	for (k = 0; k < sizeof slices / sizeof *slices; k++) {
		d = desk_open(path, &err);
		ck_assert_ptr_nonnull(d);
		desk_set_slice(d, slices[k]);
		load_pair(d, &err);
		for (which = 0; which <= 1; which++) {
			const struct desk_policy *a = desk_policy_slot(w,
			    (int)which);
			const struct desk_policy *b = desk_policy_slot(d,
			    (int)which);

			ck_assert(!b->prep.has_rows);
			ck_assert_ptr_null(b->ds);
			same_prep(&a->prep, &b->prep);
			ck_assert(memcmp(&a->disc, &b->disc, sizeof a->disc) ==
			    0);
			ck_assert(memcmp(&a->pop, &b->pop, sizeof a->pop) == 0);
			ck_assert_uint_eq(a->pop.rows, 1000 - 61);
			same_figs(&a->result.total, &b->result.total);
			for (j = 0; j < a->policy->nsegments; j++)
				same_figs(&a->result.segments[j],
				    &b->result.segments[j]);
			for (j = 0; j <= a->policy->nsegments; j++) {
				size_t i;

				desk_curve(w, (int)which, (int)j - 1, &c0);
				desk_curve(d, (int)which, (int)j - 1, &c1);
				ck_assert_uint_eq(c0.n, c1.n);
				for (i = 0; i < c0.n; i++)
					ck_assert(memcmp(&c0.pt[i], &c1.pt[i],
					    sizeof c0.pt[i]) == 0 ||
					    isnan(c0.pt[i].bad_rate));
				sim_curve_done(&c0);
				sim_curve_done(&c1);
			}
		}
		ck_assert_int_eq(desk_swap(d, &sw1, &err), 0);
		same_cell(&sw0.both, &sw1.both);
		same_cell(&sw0.swap_in, &sw1.swap_in);
		same_cell(&sw0.swap_out, &sw1.swap_out);
		same_cell(&sw0.neither, &sw1.neither);
		ck_assert(memcmp(&sw0.d_expected_loss, &sw1.d_expected_loss,
		    sizeof(double)) == 0);
		/* The optimiser's cutoffs and figures, and the swap set at
		   them. */
		ck_assert_int_eq(desk_optimise(w, 0, &os, &err), 0);
		ck_assert_int_eq(desk_optimise(d, 0, &os, &err), 0);
		ck_assert(memcmp(desk_policy_slot(w, 0)->opt.cutoffs,
		    desk_policy_slot(d, 0)->opt.cutoffs,
		    desk_policy_slot(w, 0)->policy->nsegments *
		    sizeof(double)) == 0);
		same_figs(&desk_policy_slot(w, 0)->opt.result.total,
		    &desk_policy_slot(d, 0)->opt.result.total);
		ck_assert_int_eq(desk_set_cutoff(w, 0, 0, 540, &err), 0);
		ck_assert_int_eq(desk_set_cutoff(d, 0, 0, 540, &err), 0);
		same_figs(&desk_policy_slot(w, 0)->result.total,
		    &desk_policy_slot(d, 0)->result.total);
		ck_assert_int_eq(desk_swap(w, &sw0, &err), 0);
		ck_assert_int_eq(desk_swap(d, &sw1, &err), 0);
		same_cell(&sw0.swap_out, &sw1.swap_out);
		same_cell(&sw0.neither, &sw1.neither);
		desk_close(d);
		/* Back to the policy's own cutoffs for the next slice. */
		desk_close(w);
		w = desk_open(path, &err);
		ck_assert_ptr_nonnull(w);
		load_pair(w, &err);
		ck_assert_int_eq(desk_swap(w, &sw0, &err), 0);
	}
	desk_close(w);
}
END_TEST

START_TEST(test_validate_slices)
{
	struct desk *d;
	struct dataset *ds;
	struct scorecard *card;
	struct card_fit_spec fs;
	struct validate_spec vs;
	struct desk_validation a, b;
	struct rd_err err;
	char csv[256], path[512];
	struct db *db;
	sqlite3 *h;
	FILE *fp;
	double *score, *pd;
	uint64_t x = 2463534242ULL;
	size_t i, n = 150000;
	int kind;

	rd_err_clear(&err);
	snprintf(path, sizeof path, "%s", scratch_db("slices"));
	d = desk_open(path, &err);
	ck_assert_ptr_nonnull(d);
	snprintf(csv, sizeof csv, "scratch-slices-%ld.csv", (long)getpid());
	fp = fopen(csv, "w");
	ck_assert_ptr_nonnull(fp);
	fprintf(fp, "grade,amt,day,y\n");
	for (i = 0; i < n; i++) {
		double u, z;
		int g;

		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		g = (int)(x % 5);
		u = (double)((x >> 8) % 1000) / 10;
		z = -2 + 0.4 * g - 0.01 * u + (double)((x >> 20) % 100) / 40;
		fprintf(fp, "%c,%.1f,2024-%02d-%02d,%s\n", 'a' + g, u,
		    (int)(i % 12) + 1, (int)(i % 28) + 1,
		    z > 0 ? "bad" : "good");
	}
	fclose(fp);
	import_table(d, csv, "apps", "y", IMPORT_CREATE, NULL);
	unlink(csv);
	ck_assert_int_eq(sqlite3_open(path, &h), SQLITE_OK);
	ck_assert_int_eq(sqlite3_exec(h, "DELETE FROM apps WHERE rowid "
	    "BETWEEN 70000 AND 75000", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(h);
	db = db_open_existing(path, &err);
	ck_assert_ptr_nonnull(db);
	ds = db_dataset_load(db, "apps", &err);
	ck_assert_ptr_nonnull(ds);
	db_close(db);
	ck_assert_uint_eq(ds->nrows, n - 5001);
	card_fit_spec_init(&fs);
	card = card_fit(ds, "c", &fs, &err);
	ck_assert_msg(card != NULL, "%s", err.msg);
	score = xmalloc(ds->nrows * sizeof *score);
	pd = xmalloc(ds->nrows * sizeof *pd);
	ck_assert_int_eq(card_score(card, ds, score, pd, &err), 0);
	validate_spec_init(&vs);
	for (kind = 0; kind < 3; kind++) {
		if (kind == 1) {
			card->sample.kind = CARD_SAMPLE_RANDOM;
			card->sample.holdout = 0.3;
			card->sample.seed = 5;
		} else if (kind == 2) {
			card->sample.kind = CARD_SAMPLE_OOT;
			card->sample.date_column = xstrdup("day");
			card->sample.after = xstrdup("2024-09-30");
		}
		ck_assert_msg(desk_validate_card(d, card, NULL, NULL, &vs, &a,
		    &err) == 0, "%s", err.msg);
		ck_assert_msg(desk_validate_scored(d, card, ds, score, pd,
		    NULL, &vs, &b, &err) == 0, "%s", err.msg);
		ck_assert_uint_eq(a.dev.n + a.holdout.n, n - 5001);
		same_sample(&a.dev, &b.dev);
		ck_assert_int_eq(a.has_holdout, kind > 0);
		ck_assert_int_eq(b.has_holdout, kind > 0);
		if (kind > 0) {
			same_sample(&a.holdout, &b.holdout);
			ck_assert(a.holdout.n > 30000);
			ck_assert_int_eq(a.has_psi, 1);
			ck_assert(a.psi.psi == b.psi.psi);
		}
		desk_validation_done(&a);
		desk_validation_done(&b);
	}
	free(score);
	free(pd);
	card_free(card);
	ds_free(ds);
	desk_close(d);
}
END_TEST

/*
 * An out-of-time split of a table in date order: whole slices lie on
 * one side of the date, and validate read in slices gives the figures of
 * the table validated whole (it refused, saying a slice left no holdout).
 */
START_TEST(test_validate_oot_date_order)
{
	struct desk *d;
	struct dataset *ds;
	struct scorecard *card;
	struct card_fit_spec fs;
	struct validate_spec vs;
	struct desk_validation a, b;
	struct rd_err err;
	char csv[256], path[512];
	struct db *db;
	FILE *fp;
	double *score, *pd;
	uint64_t x = 2463534242ULL;
	size_t i, n = 150000;

	rd_err_clear(&err);
	snprintf(path, sizeof path, "%s", scratch_db("ootorder"));
	d = desk_open(path, &err);
	ck_assert_ptr_nonnull(d);
	snprintf(csv, sizeof csv, "scratch-ootorder-%ld.csv",
	    (long)getpid());
	fp = fopen(csv, "w");
	ck_assert_ptr_nonnull(fp);
	fprintf(fp, "grade,amt,day,y\n");
	for (i = 0; i < n; i++) {
		double u, z;
		int g;

		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		g = (int)(x % 5);
		u = (double)((x >> 8) % 1000) / 10;
		z = -2 + 0.4 * g - 0.01 * u + (double)((x >> 20) % 100) / 40;
		/* Twelve months in order, 12,500 rows each. */
		fprintf(fp, "%c,%.1f,2024-%02d-%02d,%s\n", 'a' + g, u,
		    (int)(i / 12500) + 1, (int)(i % 28) + 1,
		    z > 0 ? "bad" : "good");
	}
	fclose(fp);
	import_table(d, csv, "apps", "y", IMPORT_CREATE, NULL);
	unlink(csv);
	db = db_open_existing(path, &err);
	ck_assert_ptr_nonnull(db);
	ds = db_dataset_load(db, "apps", &err);
	ck_assert_ptr_nonnull(ds);
	db_close(db);
	card_fit_spec_init(&fs);
	card = card_fit(ds, "c", &fs, &err);
	ck_assert_msg(card != NULL, "%s", err.msg);
	score = xmalloc(ds->nrows * sizeof *score);
	pd = xmalloc(ds->nrows * sizeof *pd);
	ck_assert_int_eq(card_score(card, ds, score, pd, &err), 0);
	validate_spec_init(&vs);
	card->sample.kind = CARD_SAMPLE_OOT;
	card->sample.date_column = xstrdup("day");
	card->sample.after = xstrdup("2024-09-30");
	ck_assert_msg(desk_validate_card(d, card, NULL, NULL, &vs, &a,
	    &err) == 0, "%s", err.msg);
	ck_assert_msg(desk_validate_scored(d, card, ds, score, pd, NULL, &vs,
	    &b, &err) == 0, "%s", err.msg);
	ck_assert_uint_eq(a.dev.n + a.holdout.n, n);
	ck_assert_uint_eq(a.holdout.n, 37500);
	same_sample(&a.dev, &b.dev);
	same_sample(&a.holdout, &b.holdout);
	ck_assert(a.psi.psi == b.psi.psi);
	desk_validation_done(&a);
	desk_validation_done(&b);
	/* A date past every row leaves no holdout: refused as before. */
	free((char *)card->sample.after);
	card->sample.after = xstrdup("2025-01-01");
	ck_assert_int_eq(desk_validate_card(d, card, NULL, NULL, &vs, &a,
	    &err), -1);
	ck_assert_msg(strstr(err.msg, "leaves 150000 development and 0 "
	    "holdout rows") != NULL, "%s", err.msg);
	free(score);
	free(pd);
	card_free(card);
	ds_free(ds);
	desk_close(d);
}
END_TEST

/*
 * The fit from a binned sample read from the table in slices
 * (desk_binned_load, card_fit_binned) gives the card card_fit_chars gives
 * on the development rows loaded whole, text for text, for every kind of
 * sample: 150,000 rows (three slices and a gap of deleted rowids), a text
 * and a numeric characteristic, rows of unknown outcome (indeterminate,
 * in no bin's counts but in the rounding error), and a range holding
 * only those (amt >= 100: merged into its neighbour, its rows renumbered
 * in the sample).  card_fit_take gives card_fit's card.
 */
START_TEST(test_fit_binned_slices)
{
	struct desk *d;
	struct dataset *ds;
	struct card_fit_spec fs;
	struct rd_err err;
	char csv[256], path[512];
	struct db *db;
	sqlite3 *h;
	FILE *fp;
	uint64_t x = 88172645463325252ULL;
	size_t i, n = 150000;
	int kind;

	rd_err_clear(&err);
	snprintf(path, sizeof path, "%s", scratch_db("binned"));
	d = desk_open(path, &err);
	ck_assert_ptr_nonnull(d);
	snprintf(csv, sizeof csv, "scratch-binned-%ld.csv", (long)getpid());
	fp = fopen(csv, "w");
	ck_assert_ptr_nonnull(fp);
	fprintf(fp, "grade,amt,day,y\n");
	for (i = 0; i < n; i++) {
		double u, z;
		int g, unknown;

		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		g = (int)(x % 5);
		u = (double)((x >> 8) % 1000) / 10;
		unknown = i % 41 == 0;
		if (unknown && i % 3 == 0)
			u = 150;
		z = -2 + 0.4 * g - 0.01 * u + (double)((x >> 20) % 100) / 40;
		if (i % 97 == 0)
			fprintf(fp, ",%.1f,2024-%02d-%02d,%s\n", u,
			    (int)(i % 12) + 1, (int)(i % 28) + 1,
			    unknown ? "" : z > 0 ? "bad" : "good");
		else
			fprintf(fp, "%c,%.1f,2024-%02d-%02d,%s\n", 'a' + g, u,
			    (int)(i % 12) + 1, (int)(i % 28) + 1,
			    unknown ? "" : z > 0 ? "bad" : "good");
	}
	fclose(fp);
	import_table(d, csv, "apps", "y", IMPORT_CREATE, NULL);
	unlink(csv);
	ck_assert_int_eq(sqlite3_open(path, &h), SQLITE_OK);
	ck_assert_int_eq(sqlite3_exec(h, "DELETE FROM apps WHERE rowid "
	    "BETWEEN 70000 AND 75000", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(h);
	db = db_open_existing(path, &err);
	ck_assert_ptr_nonnull(db);
	ds = db_dataset_load(db, "apps", &err);
	ck_assert_ptr_nonnull(ds);
	db_close(db);
	ck_assert(ds->nindet > 0);
	card_fit_spec_init(&fs);
	for (kind = 0; kind < 3; kind++) {
		static const double breaks[] = { 20, 45, 70, 100 };
		struct card_sample sm;
		struct dataset *dev;
		struct characteristic *a[2], *b[2];
		struct binned_sample bs;
		struct scorecard *ca, *cb;
		char *ta, *tb;
		size_t j;

		memset(&sm, 0, sizeof sm);
		sm.kind = (enum card_sample_kind)kind;
		sm.holdout = 0.3;
		sm.seed = 11;
		sm.date_column = "day";
		sm.after = "2024-09-30";
		dev = kind == 0 ? ds : desk_sample_develop(ds, &sm, &err);
		ck_assert_msg(dev != NULL, "%s", err.msg);
		a[0] = bin_characteristic(dev, &dev->cols[ds_column_index(dev,
		    "grade")], &fs.bins, &err);
		a[1] = bin_from_breaks(dev, &dev->cols[ds_column_index(dev,
		    "amt")], breaks, 4, &fs.bins, &err);
		ck_assert_msg(a[0] != NULL && a[1] != NULL, "%s", err.msg);
		for (j = 0; j < 2; j++)
			b[j] = characteristic_copy(a[j]);
		ca = card_fit_chars(dev, "c", a, 2, &fs, &err);
		ck_assert_msg(ca != NULL, "%s", err.msg);
		ck_assert_msg(desk_binned_load(d, "apps", &sm, b, 2, &bs,
		    &err) == 0, "%s", err.msg);
		ck_assert_uint_eq(bs.n + bs.nother, dev->nrows);
		ck_assert_uint_eq(bs.nindet, dev->nindet);
		cb = card_fit_binned(&bs, "c", b, 2, NULL, 0, &fs, &err);
		ck_assert_msg(cb != NULL, "%s", err.msg);
		binned_done(&bs);
		/* The empty range was merged, and the cards agree to the
		   last digit of every figure. */
		ck_assert_uint_eq(ca->nnotes, cb->nnotes);
		ck_assert(ca->nnotes >= 1);
		ck_assert(ca->n_indet > 0);
		ck_assert(ca->round_max_dev == cb->round_max_dev);
		ck_assert(ca->auc == cb->auc);
		ta = card_serialize(ca);
		tb = card_serialize(cb);
		ck_assert_str_eq(ta, tb);
		free(ta);
		free(tb);
		card_free(ca);
		card_free(cb);
		if (dev != ds)
			ds_free(dev);
	}
	{
		/* A characteristic of more than 254 bins: two bytes a row in
		   the sample, the same card. */
		double br[330];
		struct characteristic *a, *b;
		struct binned_sample bs;
		struct scorecard *ca, *cb;
		struct card_sample all;
		char *ta, *tb;

		for (i = 0; i < 330; i++)
			br[i] = 0.3 * (double)(i + 1);
		a = bin_from_breaks(ds, &ds->cols[ds_column_index(ds, "amt")],
		    br, 330, &fs.bins, &err);
		ck_assert_msg(a != NULL, "%s", err.msg);
		ck_assert(a->nbins > BINNED_NARROW_MAX);
		b = characteristic_copy(a);
		memset(&all, 0, sizeof all);
		ca = card_fit_chars(ds, "w", &a, 1, &fs, &err);
		ck_assert_msg(ca != NULL, "%s", err.msg);
		ck_assert_msg(desk_binned_load(d, "apps", &all, &b, 1, &bs,
		    &err) == 0, "%s", err.msg);
		ck_assert_int_eq(bs.col[0].wide, 1);
		cb = card_fit_binned(&bs, "w", &b, 1, NULL, 0, &fs, &err);
		ck_assert_msg(cb != NULL, "%s", err.msg);
		binned_done(&bs);
		ta = card_serialize(ca);
		tb = card_serialize(cb);
		ck_assert_str_eq(ta, tb);
		free(ta);
		free(tb);
		card_free(ca);
		card_free(cb);
	}
	{
		/* card_fit_take: card_fit's card, the dataset let go. */
		struct dataset *copy;
		unsigned char *keep = xcalloc(ds->nrows, 1);
		struct scorecard *ca, *cb;
		char *ta, *tb;

		copy = validate_subset(ds, keep, 0);
		free(keep);
		ca = card_fit(ds, "t", &fs, &err);
		ck_assert_msg(ca != NULL, "%s", err.msg);
		cb = card_fit_take(copy, "t", &fs, &err);
		ck_assert_msg(cb != NULL, "%s", err.msg);
		ta = card_serialize(ca);
		tb = card_serialize(cb);
		ck_assert_str_eq(ta, tb);
		free(ta);
		free(tb);
		card_free(ca);
		card_free(cb);
	}
	ds_free(ds);
	desk_close(d);
}
END_TEST

/* Another process's commits are seen (PRAGMA data_version), and only
   the tables whose metadata moved are named; the desk's own are not. */
START_TEST(test_db_changed_sees_other_writers)
{
	struct desk *d = study_desk("dbchg"), *other;
	struct rd_err err;
	char **moved, csv[256];

	rd_err_clear(&err);
	other = desk_open(db_path(d->db), &err);
	ck_assert_ptr_nonnull(other);
	/* The first look notes what is there. */
	ck_assert_int_eq(desk_db_changed(d, &moved, &err), 0);
	ck_assert_ptr_null(moved[0]);
	free(moved);
	ck_assert_int_eq(desk_db_changed(d, &moved, &err), 0);
	free(moved);
	/* The other desk appends to apps: moved. */
	snprintf(csv, sizeof csv, "scratch-dbchg-%ld.csv", (long)getpid());
	write_file(csv, study_csv);
	import_table(other, csv, "apps", "y", IMPORT_APPEND, NULL);
	ck_assert_int_eq(desk_db_changed(d, &moved, &err), 1);
	ck_assert_ptr_nonnull(moved[0]);
	ck_assert_str_eq(moved[0], "apps");
	ck_assert_ptr_null(moved[1]);
	free(moved[0]);
	free(moved);
	/* Seen once only. */
	ck_assert_int_eq(desk_db_changed(d, &moved, &err), 0);
	free(moved);
	/* The desk's own import is no one else's write. */
	import_table(d, csv, "apps2", "y", IMPORT_CREATE, &amt_ordinary);
	ck_assert_int_eq(desk_db_changed(d, &moved, &err), 0);
	free(moved);
	/* Another new table: named; apps2, seen, is not. */
	import_table(other, csv, "apps3", "y", IMPORT_CREATE, &amt_ordinary);
	ck_assert_int_eq(desk_db_changed(d, &moved, &err), 1);
	ck_assert_str_eq(moved[0], "apps3");
	ck_assert_ptr_null(moved[1]);
	free(moved[0]);
	free(moved);
	unlink(csv);
	desk_close(other);
	desk_close(d);
}
END_TEST

/*
 * A policy of fraud rules only: the desk keeps it apart from the
 * champion slot (the credit screens have nothing of it), refuses it as
 * a challenger; its thresholds moved on a desk_fraud give the figures of
 * the same policy written with the moved numbers and evaluated from
 * scratch (desk_fraud_run: features and rules computed anew), and
 * desk_fraud_save writes exactly that file and loads it as the
 * champion.
 */
START_TEST(test_fraud_only_tuned)
{
	struct rd_err err;
	struct desk *d;
	struct desk_fraud f, g, h;
	struct desk_fraud_tune t, u;
	char path[256], moved[256], saved[256], *text, *want, *got, *at;
	const char *sha = NULL;
	size_t r;

	d = desk_open(scratch_db("fraudonly"), &err);
	ck_assert_ptr_nonnull(d);
	import_table(d, srcpath("data/fraud-apps.csv"), "fraud_apps", NULL,
	    IMPORT_CREATE, NULL);
	snprintf(path, sizeof path, "scratch-fraudonly-%ld.yaml",
	    (long)getpid());
	snprintf(moved, sizeof moved, "scratch-fraudonly-m-%ld.yaml",
	    (long)getpid());
	snprintf(saved, sizeof saved, "scratch-fraudonly-s-%ld.yaml",
	    (long)getpid());
	text = read_file(srcpath("policies/fraud.yaml"));
	write_file(path, text);
	/* The file with ring_device's 2 written as 3. */
	want = xstrdup(text);
	at = strstr(want, "dev_7d >= 2 and");
	ck_assert_ptr_nonnull(at);
	at[10] = '3';
	write_file(moved, want);

	ck_assert_msg(desk_load_policy(d, path, 0, &err) == 0, "%s",
	    err.msg);
	ck_assert_ptr_null(desk_policy_slot(d, 0));
	ck_assert_ptr_nonnull(desk_fraud_only(d));
	ck_assert_str_eq(desk_fraud_source(d, &sha)->path, path);
	ck_assert_uint_eq(strlen(sha), 64);
	ck_assert_int_eq(desk_load_policy(d, path, 1, &err), -1);
	ck_assert_int_eq(err.cls, RD_EINPUT);
	ck_assert_ptr_nonnull(strstr(err.msg, "holds fraud rules only"));
	ck_assert_ptr_nonnull(desk_fraud_only(d));

	ck_assert_int_eq(desk_fraud_run(d, path, NULL, -INFINITY, &f, &err),
	    0);
	ck_assert_uint_eq(desk_fraud_tune_init(&f, &t), 3);
	ck_assert_int_eq(desk_fraud_tune_set(d, &f, &t, 0, 3, &err), 0);
	ck_assert_uint_eq(desk_fraud_tune_moved(&t), 1);
	ck_assert_int_eq(desk_fraud_run(d, moved, NULL, -INFINITY, &g, &err),
	    0);
	ck_assert_uint_eq(f.eval.set.alerts, g.eval.set.alerts);
	ck_assert_uint_eq(f.eval.set.frauds_caught, g.eval.set.frauds_caught);
	ck_assert_uint_eq(f.eval.declines, g.eval.declines);
	ck_assert_uint_eq(f.eval.frauds_worked, g.eval.frauds_worked);
	for (r = 0; r < 3; r++) {
		ck_assert_uint_eq(f.eval.rule[r].alerts, g.eval.rule[r].alerts);
		ck_assert_uint_eq(f.eval.rule[r].unique_frauds,
		    g.eval.rule[r].unique_frauds);
	}
	/* It moved something: ring_device alerts on fewer. */
	ck_assert_uint_lt(g.eval.rule[0].alerts, 117);

	/* Carried over to the same file evaluated again: moved, with the
	   figures of the file written with 3; not to the file that has 3
	   (its number is not the one moved from). */
	ck_assert_int_eq(desk_fraud_run(d, path, NULL, -INFINITY, &h, &err),
	    0);
	desk_fraud_tune_init(&h, &u);
	ck_assert_uint_eq(desk_fraud_tune_carry(d, &f, &t, &h, &u, &err), 1);
	ck_assert_double_eq(u.values[0], 3);
	ck_assert_uint_eq(h.eval.set.alerts, g.eval.set.alerts);
	ck_assert_uint_eq(h.eval.rule[0].alerts, g.eval.rule[0].alerts);
	desk_fraud_tune_done(&u);
	desk_fraud_done(&h);
	ck_assert_int_eq(desk_fraud_run(d, moved, NULL, -INFINITY, &h, &err),
	    0);
	desk_fraud_tune_init(&h, &u);
	ck_assert_uint_eq(desk_fraud_tune_carry(d, &f, &t, &h, &u, &err), 0);
	ck_assert_uint_eq(desk_fraud_tune_moved(&u), 0);
	desk_fraud_tune_done(&u);
	desk_fraud_done(&h);

	ck_assert_msg(desk_fraud_save(d, &f, &t, saved, &err) == 0, "%s",
	    err.msg);
	got = read_file(saved);
	ck_assert_str_eq(got, want);
	ck_assert_str_eq(desk_fraud_only(d)->path, saved);
	free(got);
	desk_fraud_tune_done(&t);
	desk_fraud_done(&f);
	desk_fraud_done(&g);
	free(text);
	free(want);
	unlink(path);
	unlink(moved);
	unlink(saved);
	desk_close(d);
}
END_TEST

static Suite *
study_suite(void)
{
	Suite *s = suite_create("study");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_study_class_rank);
	tcase_add_test(tc, test_study_merge_split);
	tcase_add_test(tc, test_study_split_numeric);
	tcase_add_test(tc, test_study_fit_save);
	tcase_add_test(tc, test_study_undo_redo);
	tcase_add_test(tc, test_study_merge_range_split_at);
	tcase_add_test(tc, test_study_settings);
	tcase_add_test(tc, test_study_save_check);
	tcase_add_test(tc, test_load_progress_cancel);
	tcase_add_test(tc, test_fit_cancel);
	tcase_add_test(tc, test_facade);
	tcase_add_test(tc, test_need_outcomes);
	suite_add_tcase(s, tc);
	return s;
}

/* ---------------------------------------- binning from distinct values */

/* The same string, NULL included. */
static void
same_str(const char *a, const char *b, const char *what, const char *name)
{
	ck_assert_msg((a == NULL) == (b == NULL) && (a == NULL ||
	    strcmp(a, b) == 0), "%s of %s: \"%s\" vs \"%s\"", what, name,
	    a != NULL ? a : "(null)", b != NULL ? b : "(null)");
}

/* Two doubles bit for bit (NaN equal to NaN). */
static void
same_num(double a, double b, const char *what, const char *name)
{
	ck_assert_msg((isnan(a) && isnan(b)) || memcmp(&a, &b, sizeof a) == 0,
	    "%s of %s: %.17g vs %.17g", what, name, a, b);
}

/* desk_bins_open_agg's analysis equals desk_bins_open_chars': every
   figure of every characteristic, exactly. */
static void
same_bins(const struct desk_bins *x, const struct desk_bins *y)
{
	size_t k, i, l;

	ck_assert_uint_eq(x->ds->nrows, y->ds->nrows);
	ck_assert_uint_eq(x->ds->ngood, y->ds->ngood);
	ck_assert_uint_eq(x->ds->nbad, y->ds->nbad);
	ck_assert_uint_eq(x->ds->nindet, y->ds->nindet);
	ck_assert_uint_eq(x->ds->nreject, y->ds->nreject);
	ck_assert_int_eq(x->ds->reject != NULL, y->rejects_marked);
	ck_assert_uint_eq(x->nleft_out, y->nleft_out);
	for (k = 0; k < x->nleft_out; k++) {
		same_str(x->left_out[k].name, y->left_out[k].name, "left out",
		    "table");
		same_str(x->left_out[k].why, y->left_out[k].why, "why",
		    x->left_out[k].name);
	}
	ck_assert_uint_eq(x->nchars, y->nchars);
	for (k = 0; k < x->nchars; k++) {
		const struct characteristic *a = x->chars[k], *b = y->chars[k];
		const char *n = a->name;

		same_str(a->name, b->name, "name", n);
		ck_assert_int_eq(x->saved[k], y->saved[k]);
		ck_assert_int_eq(a->numeric, b->numeric);
		ck_assert_msg(a->nbins == b->nbins, "bins of %s: %zu vs %zu",
		    n, a->nbins, b->nbins);
		ck_assert_uint_eq(a->goods, b->goods);
		ck_assert_uint_eq(a->bads, b->bads);
		same_num(a->iv, b->iv, "IV", n);
		same_num(a->gini, b->gini, "Gini", n);
		same_num(a->ks, b->ks, "KS", n);
		same_num(a->xmin, b->xmin, "xmin", n);
		same_num(a->xmax, b->xmax, "xmax", n);
		same_num(a->chance_p, b->chance_p, "chance p", n);
		same_str(a->status, b->status, "status", n);
		same_str(a->splits, b->splits, "splits", n);
		same_str(a->pure, b->pure, "pure", n);
		same_str(a->fallback_levels, b->fallback_levels, "fallback",
		    n);
		ck_assert_int_eq(a->trend, b->trend);
		ck_assert_uint_eq(a->nadjusted, b->nadjusted);
		ck_assert_uint_eq(a->nlevels, b->nlevels);
		ck_assert_uint_eq(a->nfallback, b->nfallback);
		ck_assert_uint_eq(a->fallback_rows, b->fallback_rows);
		ck_assert_uint_eq(a->fallback_known, b->fallback_known);
		ck_assert_int_eq(a->many_levels, b->many_levels);
		ck_assert_uint_eq(a->npure, b->npure);
		ck_assert_uint_eq(a->chance_bins, b->chance_bins);
		ck_assert_uint_eq(a->nsentinels, b->nsentinels);
		ck_assert_msg(memcmp(a->sentinels, b->sentinels,
		    a->nsentinels * sizeof *a->sentinels) == 0,
		    "sentinels of %s", n);
		ck_assert_uint_eq(a->ncodes, b->ncodes);
		for (i = 0; i < a->ncodes; i++)
			same_num(a->codes[i], b->codes[i], "code", n);
		for (i = 0; i < a->nbins; i++) {
			const struct bin *p = &a->bins[i], *q = &b->bins[i];

			ck_assert_int_eq(p->kind, q->kind);
			same_num(p->lower, q->lower, "lower", n);
			same_num(p->upper, q->upper, "upper", n);
			same_str(p->label, q->label, "label", n);
			ck_assert_msg(p->count == q->count &&
			    p->goods == q->goods && p->bads == q->bads,
			    "counts of %s bin %zu", n, i);
			same_num(p->woe, q->woe, "WoE", n);
			same_num(p->iv, q->iv, "bin IV", n);
			ck_assert_int_eq(p->adjusted, q->adjusted);
			ck_assert_int_eq(p->other, q->other);
			ck_assert_uint_eq(p->nother, q->nother);
			ck_assert_uint_eq(p->nlevels, q->nlevels);
			for (l = 0; l < p->nlevels; l++)
				same_str(p->levels[l], q->levels[l], "level",
				    n);
		}
	}
}

/* Open both ways under spec (only[nonly] or all) and compare; the
   left-out columns as "name name ..." into left[len] and the saved
   characteristics into saved[len]. */
static void
agg_compare(struct desk *d, const struct bin_spec *spec,
	const char *const *only, size_t nonly, char *left, char *saved,
	size_t len)
{
	struct desk_bins *x, *y;
	struct rd_err err;
	size_t k, o = 0;

	rd_err_clear(&err);
	x = desk_bins_open_chars(d, "apps", only, nonly, spec, &err);
	ck_assert_msg(x != NULL, "%s", err.msg);
	y = desk_bins_open_agg(d, "apps", only, nonly, spec, &err);
	ck_assert_msg(y != NULL, "%s", err.msg);
	same_bins(x, y);
	left[0] = saved[0] = '\0';
	for (k = 0; k < y->nleft_out; k++)
		o += (size_t)snprintf(left + o, len - o, "%s%s", k ? " " : "",
		    y->left_out[k].name);
	for (k = 0, o = 0; k < y->nchars; k++)
		if (y->saved[k])
			o += (size_t)snprintf(saved + o, len - o, "%s%s",
			    o ? " " : "", y->chars[k]->name);
	desk_bins_free(x);
	desk_bins_free(y);
}

/*
 * A table over three chunks with every case binning meets: a row number
 * and a shuffled run (identifiers by the rule once their recorded roles
 * are gone), levels rare enough for "other", one seen only without an
 * outcome, NULLs, a special value declared at import and one given, a
 * column of more than 65,535 distinct values, codes (1/2), rejects,
 * indeterminates, saved binnings of both kinds, rows deleted.  The
 * analysis from distinct values equals the one from rows throughout.
 */
START_TEST(test_bins_agg)
{
	struct desk *d;
	struct desk_bins *x;
	struct import_spec spec;
	struct import_summary sum;
	struct bin_spec bs;
	struct rd_err err;
	char csv[256], path[512], left[256], saved[256];
	const char *only[] = { "amt", "grade", "nosuch" };
	double sp[] = { 7.5, -999 };
	struct bin_colspecial cs = { "amt", sp, 1 };
	uint64_t r = 88172645463325252ULL;
	size_t i, n = 140000;
	sqlite3 *h;
	FILE *fp;
	int round;

	rd_err_clear(&err);
	snprintf(path, sizeof path, "%s", scratch_db("binagg"));
	d = desk_open(path, &err);
	ck_assert_ptr_nonnull(d);
	snprintf(csv, sizeof csv, "scratch-binagg-%ld.csv", (long)getpid());
	fp = fopen(csv, "w");
	ck_assert_ptr_nonnull(fp);
	fprintf(fp, "rn,shuffle,grade,amt,small,dec,y\n");
	for (i = 0; i < n; i++) {
		char grade[32];
		const char *y;
		double amt;

		r ^= r << 13;
		r ^= r >> 7;
		r ^= r << 17;
		amt = (double)(r % 100000) / 1000;
		y = i % 41 == 0 ? "unknown" : (r >> 20) % 100 <
		    (uint64_t)(10 + amt / 5 + (i % 5) * 3) ? "bad" : "good";
		if (i % 97 == 0)
			grade[0] = '\0';
		else if (i % 50 == 0)
			snprintf(grade, sizeof grade, "z%zu", i % 300);
		else if (i % 41 == 0 && i % 7 == 0)
			snprintf(grade, sizeof grade, "seen-unknown");
		else
			snprintf(grade, sizeof grade, "%c", (int)('a' + i % 5));
		fprintf(fp, "%zu,%zu,%s,", i + 1, (i * 7919) % n + 1000,
		    grade);
		if (i % 53 == 0)
			fprintf(fp, ",");
		else if (i % 31 == 0)
			fprintf(fp, "-999,");
		else
			fprintf(fp, "%.3f,", amt);
		fprintf(fp, "%d,%s,%s\n", (int)((r >> 40) % 2) + 1,
		    i % 9 == 0 ? "rejected" : "approved", y);
	}
	fclose(fp);
	memset(&spec, 0, sizeof spec);
	memset(&sum, 0, sizeof sum);
	spec.csv_path = csv;
	spec.table = "apps";
	spec.target = "y";
	spec.bad = "bad";
	spec.good[0] = "good";
	spec.mode = IMPORT_CREATE;
	spec.reject_col = "dec";
	spec.reject_value = "rejected";
	ck_assert_msg(desk_import(d, &spec, &sum, &err) == 0, "%s", err.msg);
	import_summary_done(&sum);
	unlink(csv);
	ck_assert_int_eq(sqlite3_open(path, &h), SQLITE_OK);
	ck_assert_int_eq(sqlite3_exec(h, "INSERT INTO rd_special(tbl, col, "
	    "value) VALUES ('apps', 'amt', '-999')", NULL, NULL, NULL),
	    SQLITE_OK);
	sqlite3_close(h);
	for (round = 0; round < 3; round++) {
		/* What each round holds: recorded identifiers, then the
		   rule's, then none (rows gone) and two saved binnings. */
		static const char *const want_left[] = { "rn shuffle dec",
		    "rn shuffle dec", "dec" };
		static const char *const want_saved[] = { "", "",
		    "grade amt" };

		bin_spec_init(&bs);
		bs.threads = 1;
		agg_compare(d, &bs, NULL, 0, left, saved, sizeof left);
		ck_assert_str_eq(left, want_left[round]);
		ck_assert_str_eq(saved, want_saved[round]);
		agg_compare(d, &bs, only, 3, left, saved, sizeof left);
		bs.nquantiles = 7;
		bs.other_share = 0.002;
		bs.specials = sp;
		bs.nspecials = 1;
		agg_compare(d, &bs, NULL, 0, left, saved, sizeof left);
		bin_spec_init(&bs);
		bs.colspecials = &cs;
		bs.ncolspecials = 1;
		bs.nquantiles = 50;
		bs.trend = BIN_TREND_NONE;
		bs.min_share = 0.01;
		agg_compare(d, &bs, NULL, 0, left, saved, sizeof left);
		/* A run is an identifier only as a row number (or by its
		   name) when the rows are too few for the run alone. */
		bin_spec_init(&bs);
		bs.id_run_rows = SIZE_MAX;
		agg_compare(d, &bs, NULL, 0, left, saved, sizeof left);
		ck_assert_str_eq(left, round == 1 ? "rn dec" :
		    want_left[round]);
		if (round == 0) {
			/* A table of before recorded roles: the rule finds
			   the row number and the run. */
			ck_assert_int_eq(sqlite3_open(path, &h), SQLITE_OK);
			ck_assert_int_eq(sqlite3_exec(h, "DELETE FROM "
			    "rd_column", NULL, NULL, NULL), SQLITE_OK);
			sqlite3_close(h);
		} else if (round == 1) {
			/* Saved binnings, merged by hand; rows gone. */
			bin_spec_init(&bs);
			x = desk_bins_open_chars(d, "apps", NULL, 0, &bs, &err);
			ck_assert_msg(x != NULL, "%s", err.msg);
			for (i = 0; i < x->nchars; i++) {
				if (strcmp(x->chars[i]->name, "amt") != 0 &&
				    strcmp(x->chars[i]->name, "grade") != 0)
					continue;
				ck_assert_int_eq(desk_bins_merge(x, i, 0, &err),
				    0);
				ck_assert_int_eq(desk_bins_save(d, x, i, &err),
				    0);
			}
			desk_bins_free(x);
			ck_assert_int_eq(sqlite3_open(path, &h), SQLITE_OK);
			ck_assert_int_eq(sqlite3_exec(h, "DELETE FROM apps "
			    "WHERE rowid BETWEEN 70000 AND 75000 OR rowid = 1",
			    NULL, NULL, NULL), SQLITE_OK);
			sqlite3_close(h);
		}
	}
	desk_close(d);
}
END_TEST

/* colagg's distinct values, counts and codes are those of the rows
   db_dataset_load gives, over chunks; codes widen past 65,535 values. */
START_TEST(test_colagg_codes)
{
	struct desk *d;
	struct dataset *ds;
	struct colagg *a;
	struct rd_err err;
	char csv[256], path[512];
	uint64_t r = 2463534242ULL;
	size_t i, j, n = 150000;
	FILE *fp;

	rd_err_clear(&err);
	snprintf(path, sizeof path, "%s", scratch_db("colagg"));
	d = desk_open(path, &err);
	ck_assert_ptr_nonnull(d);
	snprintf(csv, sizeof csv, "scratch-colagg-%ld.csv", (long)getpid());
	fp = fopen(csv, "w");
	ck_assert_ptr_nonnull(fp);
	fprintf(fp, "wide,narrow,lvl,y\n");
	for (i = 0; i < n; i++) {
		r ^= r << 13;
		r ^= r >> 7;
		r ^= r << 17;
		if (i % 101 == 0)
			fprintf(fp, ",");
		else
			fprintf(fp, "%.2f,", (double)(r % 1000000) / 100);
		fprintf(fp, "%d,", i % 77 == 0 ? -0 : (int)(r % 300));
		if (i % 13 == 0)
			fprintf(fp, ",");
		else
			fprintf(fp, "L%d,", (int)((r >> 30) % 20));
		fprintf(fp, "%s\n", (r >> 50) % 5 == 0 ? "bad" : "good");
	}
	fclose(fp);
	import_table(d, csv, "t", "y", IMPORT_CREATE, NULL);
	unlink(csv);
	ds = db_dataset_load(d->db, "t", &err);
	ck_assert_msg(ds != NULL, "%s", err.msg);
	a = colagg_read(d->db, "t", NULL, 0, 1, &err);
	ck_assert_msg(a != NULL, "%s", err.msg);
	ck_assert_uint_eq(a->nrows, ds->nrows);
	ck_assert_uint_eq(a->ncols, ds->ncols);
	ck_assert_int_eq(a->target, ds->target);
	ck_assert_uint_eq(a->ngood, ds->ngood);
	ck_assert_uint_eq(a->nbad, ds->nbad);
	/* Each row's outcome kept beside its codes. */
	ck_assert_ptr_nonnull(a->outcome);
	for (i = 0; i < ds->nrows; i++)
		ck_assert_int_eq(a->outcome[i], ds->y[i] == DS_BAD ?
		    COLAGG_BAD : COLAGG_GOOD);
	for (j = 0; j < ds->ncols; j++) {
		const struct colagg_col *c = &a->cols[j];
		const struct ds_column *e = &ds->cols[j];
		size_t *seen = xcalloc(c->ndistinct + 1, sizeof *seen);
		size_t k, tot = 0;

		ck_assert_str_eq(c->name, e->name);
		ck_assert_int_eq(c->type, e->type);
		ck_assert_uint_eq(c->nmissing, e->nmissing);
		if (e->type == DS_TEXT)
			ck_assert_uint_eq(c->ndistinct, e->nlevels);
		for (i = 0; i < ds->nrows; i++) {
			size_t code = colagg_code(a, c, i);
			int o = ds->y[i] == DS_BAD ? COLAGG_BAD : COLAGG_GOOD;

			if (code == SIZE_MAX) {
				ck_assert(e->type == DS_TEXT ? e->code[i] < 0 :
				    isnan(e->num[i]));
				continue;
			}
			ck_assert_uint_lt(code, c->ndistinct);
			if (e->type == DS_TEXT)
				ck_assert_str_eq(c->text[code],
				    e->levels[e->code[i]]);
			else
				ck_assert(c->num[code] == e->num[i]);
			seen[code] += o == COLAGG_BAD;
		}
		for (k = 0; k < c->ndistinct; k++) {
			ck_assert_uint_eq(seen[k], c->n[k][COLAGG_BAD]);
			tot += colagg_rows(c, k);
		}
		ck_assert_uint_eq(tot + c->nmissing, ds->nrows);
		free(seen);
		/* A code -> bin map gives each row's bin. */
		{
			int *map = xcalloc(c->ndistinct + 2, sizeof *map);
			int *bin = xcalloc(ds->nrows + 1, sizeof *bin);

			for (k = 0; k < c->ndistinct; k++)
				map[k] = (int)(k % 7);
			map[c->ndistinct] = -1;
			colagg_map_codes(a, c, map, bin);
			for (i = 0; i < ds->nrows; i++) {
				size_t code = colagg_code(a, c, i);

				ck_assert_int_eq(bin[i], code == SIZE_MAX ?
				    -1 : (int)(code % 7));
			}
			free(map);
			free(bin);
		}
	}
	j = (size_t)colagg_index(a, "wide");
	ck_assert_uint_gt(a->cols[j].ndistinct, 65535);
	ck_assert_ptr_nonnull(a->cols[j].code32);
	ck_assert_ptr_null(a->cols[j].code16);
	ck_assert_ptr_null(a->cols[j].code8);
	/* 300 values: a byte a row until the 256th, two bytes from there
	   (the codes before it kept); 20 levels: a byte a row. */
	j = (size_t)colagg_index(a, "narrow");
	ck_assert_uint_eq(a->cols[j].ndistinct, 300);
	ck_assert_ptr_nonnull(a->cols[j].code16);
	ck_assert_ptr_null(a->cols[j].code8);
	ck_assert_ptr_null(a->cols[j].code32);
	j = (size_t)colagg_index(a, "lvl");
	ck_assert_uint_eq(a->cols[j].ndistinct, 20);
	ck_assert_ptr_nonnull(a->cols[j].code8);
	ck_assert_ptr_null(a->cols[j].code16);
	ck_assert_ptr_null(a->cols[j].code32);
	/*
	 * "wide" has more than half of its first chunk distinct, so its
	 * cells are sorted and merged, not hashed: its dictionary is in
	 * value order, each value once, as many as SQLite counts.  Without
	 * codes (bin's read) the same values and counts.
	 */
	{
		const struct colagg_col *c = &a->cols[colagg_index(a,
		    "wide")], *c0;
		struct colagg *b = colagg_read(d->db, "t", NULL, 0, 0, &err);
		sqlite3_stmt *st;
		size_t k, o;

		ck_assert_msg(b != NULL, "%s", err.msg);
		c0 = &b->cols[colagg_index(b, "wide")];
		for (k = 1; k < c->ndistinct; k++)
			ck_assert(c->num[k - 1] < c->num[k]);
		ck_assert_int_eq(sqlite3_prepare_v2(db_sqlite(d->db), "SELECT "
		    "count(DISTINCT wide) FROM t", -1, &st, NULL), SQLITE_OK);
		ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
		ck_assert_uint_eq(c->ndistinct,
		    (size_t)sqlite3_column_int64(st, 0));
		sqlite3_finalize(st);
		ck_assert_uint_eq(c0->ndistinct, c->ndistinct);
		for (k = 0; k < c->ndistinct; k++) {
			ck_assert(c0->num[k] == c->num[k]);
			for (o = 0; o < COLAGG_NOUT; o++)
				ck_assert_uint_eq(c0->n[k][o], c->n[k][o]);
		}
		for (o = 0; o < COLAGG_NOUT; o++)
			ck_assert_uint_eq(c0->miss[o], c->miss[o]);
		colagg_free(b);
	}
	colagg_free(a);
	ds_free(ds);
	desk_close(d);
}
END_TEST


static Suite *
truth_suite(void)
{
	Suite *s = suite_create("truth");
	TCase *tc = tcase_create("invalidation");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_save_marks_both_stale);
	tcase_add_test(tc, test_refresh_keeps_moved_cutoffs);
	tcase_add_test(tc, test_check_sees_other_writers);
	tcase_add_test(tc, test_db_changed_sees_other_writers);
	tcase_add_test(tc, test_refresh_failure_kept_marked);
	tcase_add_test(tc, test_reimport_marks_data);
	tcase_add_test(tc, test_study_fit_follows_bins);
	tcase_add_test(tc, test_validate_slices);
	tcase_add_test(tc, test_bins_agg);
	tcase_add_test(tc, test_colagg_codes);
	tcase_add_test(tc, test_sim_slices);
	tcase_add_test(tc, test_fit_binned_slices);
	tcase_add_test(tc, test_validate_oot_date_order);
	suite_add_tcase(s, tc);
	return s;
}



/* --report --engine of a policy with fraud rules names their lines
   among what it cannot give, with why, in export's words. */
START_TEST(test_engine_fraud_not_available)
{
	struct desk_engine_report r;
	struct policy p;
	struct policy_fraud f;
	char buf[1024];

	memset(&r, 0, sizeof r);
	memset(&p, 0, sizeof p);
	memset(&f, 0, sizeof f);
	p.fraud = &f;
	r.slot[0].policy = &p;
	ck_assert_str_eq(desk_engine_not_available(&r, buf, sizeof buf),
	    "model discrimination (AUC, Gini, KS), the population's outcome "
	    "counts, trade-off curves, fraud outcome lines (the fraud rules' "
	    "features count earlier events of the event history riskdesk "
	    "reads, which the SQL cannot: riskdesk --report gives them), "
	    "policy warnings and the document");
}
END_TEST

static Suite *
edit_suite(void)
{
	Suite *s = suite_create("policy-edit");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_policy_edit);
	tcase_add_test(tc, test_policy_edit_keeps_mode);
	tcase_add_test(tc, test_fraud_only_tuned);
	tcase_add_test(tc, test_engine_fraud_not_available);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	Suite *suites[] = { study_suite(), edit_suite(), truth_suite() };

	return run_suites(suites, 3);
}
