/*
 * desk-infer.h - the desk's reject-inference part (desk-infer.c): run an
 * inference from a stored KGB scorecard on a population with rejects
 * marked, store the inferred scorecard, its settings and its augmented
 * development set (rd_inference, rd_infer_row; db.h), and compare the
 * two scorecards later from what was stored.  The numbers are
 * model/infer.c's; this part loads and stores.
 *
 * It sits under the session, as desk-model.h does: it reaches the
 * database through desk-internal.h.
 */
#ifndef RD_DESK_INFER_H
#define RD_DESK_INFER_H

#include "model/infer.h"

struct desk;
struct rd_err;

/*
 * Infer the rejects of table from stored scorecard kgb with spec and
 * store the inferred scorecard as name (replacing one of that name;
 * policies scored with it are marked out of date), with the inference's
 * settings and augmented set.  table NULL: the KGB's population.  Fills
 * *out (infer_result_done) and returns 0; -1 with err: RD_EUSAGE when
 * name is kgb's or spec is refused, RD_EINPUT for an unknown scorecard
 * or table or infer_run's errors (each naming the table), RD_ENUMERIC
 * when the refit fails, RD_EDB.  Nothing is stored on failure.
 */
int desk_infer(struct desk *d, const char *table, const char *kgb,
	const char *name, const struct infer_spec *spec,
	struct infer_result *out, struct rd_err *err);

/* 1 when scorecard name was made by riskdesk infer (an inference is
   stored for it), 0 when not, -1 with err (RD_EDB). */
int desk_infer_made(struct desk *d, const char *name, struct rd_err *err);

/*
 * The augmented development set stored with an inferred scorecard
 * (rd_infer_row), the sample its coefficients were fitted on, summed:
 * row counts, weights and weighted bads (sum of w over the rows with
 * y = 1), of the accepts (their known outcome) and of the rejects
 * (inferred outcomes; fuzzy enters each reject twice, so rejects, the
 * distinct ones, is reject_rows / 2 there, and reweighting none).
 */
struct desk_infer_sample {
	char *kgb, *population;		/* owned */
	struct infer_spec spec;		/* as stored */
	size_t rows;
	double weight, bad_weight;
	size_t accepts, accept_bads;
	double accept_weight, accept_bad_weight;
	size_t reject_rows, rejects, reject_bad_rows;
	double reject_weight, reject_bad_weight;
};

/*
 * Sum the augmented set of scorecard name into *out
 * (desk_infer_sample_done).  Returns 1; 0 when name was not made by
 * riskdesk infer (out empty); -1 with err (RD_EDB, RD_EINPUT for
 * malformed stored settings).
 */
int desk_infer_sample(struct desk *d, const char *name,
	struct desk_infer_sample *out, struct rd_err *err);
void desk_infer_sample_done(struct desk_infer_sample *s);

/* A comparison as desk_infer_compare makes it. */
struct desk_infer_cmp {
	char *name, *kgb, *population;	/* owned */
	struct infer_spec spec;		/* as stored */
	struct infer_comparison cmp;
};

/*
 * Compare inferred scorecard name with the KGB scorecard it was made
 * from, on its population and its stored augmented set; cutoff: a score
 * for the swap set (NaN: none); bands: score bands of the comparison (0:
 * those of the inference).  Fills *out (desk_infer_cmp_done) and
 * returns 0; -1 with err: RD_EINPUT when name was not made by infer
 * ("scorecard "x" was not made by riskdesk infer"), a scorecard is
 * gone, or infer_compare fails; RD_EDB.
 */
int desk_infer_compare(struct desk *d, const char *name, double cutoff,
	size_t bands, struct desk_infer_cmp *out, struct rd_err *err);
void desk_infer_cmp_done(struct desk_infer_cmp *c);

/*
 * The masked-accept benchmark (infer_benchmark, model/infer.h) of
 * methods[nmethods] on table (NULL: the KGB's population) from stored
 * scorecard kgb, masking share of its accepts, with spec.  Nothing is
 * stored.  Fills *out (infer_benchmark_done) and returns 0; -1 with err:
 * RD_EINPUT for an unknown scorecard or table and infer_benchmark's
 * input errors (naming the table), RD_EUSAGE, RD_ENUMERIC, RD_EDB.
 */
int desk_infer_benchmark(struct desk *d, const char *table, const char *kgb,
	double share, const enum infer_method *methods, size_t nmethods,
	const struct infer_spec *spec, struct infer_benchmark *out,
	struct rd_err *err);

#endif
