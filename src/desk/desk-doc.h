/*
 * desk-doc.h - the model and policy document, assembled once from the
 * open desk: what the policy report prints (the champion and challenger
 * as simulated, their trade-off curves, the swap set) and, for the full
 * document, the characteristic analysis of the scorecard's population,
 * the scorecard, its validation (development and holdout), the stability
 * of the score (PSI) and of each characteristic (CSI), and the inputs'
 * fingerprints.
 *
 * Every writer of the report (text, JSON, HTML, the workbook) presents
 * one of these structures and computes nothing, so the four formats show
 * the same figures: a figure is computed here, by the core, once.
 *
 * This file sits on top of the facade (desk.h, desk-bin.h, desk-model.h),
 * as a front end would: the parts of the session never call it.
 *
 * Sequence: desk_open -> desk_load_policy (champion, challenger) ->
 * desk_set_cutoff / desk_optimise as asked -> desk_doc_policy_fill or
 * desk_document_open -> a writer -> desk_doc_policy_done /
 * desk_document_free -> desk_close.  The document borrows the desk's
 * slots: it is dead after any call that changes them (desk.h).
 */
#ifndef RD_DESK_DOC_H
#define RD_DESK_DOC_H

#include <stddef.h>
#include <time.h>

#include "desk/desk.h"
#include "desk/desk-bin.h"
#include "desk/desk-infer.h"
#include "desk/desk-model.h"
#include "fraud/fraud.h"
#include "model/validate.h"
#include "sim/sim.h"
#include "util/sha256.h"

struct rd_err;

/* One policy of the report: its slot and, when asked, its curves. */
struct desk_doc_slot {
	const struct desk_policy *slot;	/* borrowed; NULL: no policy */
	/* The trade-off curves (desk_curve): [0] overall, [1 + k] segment
	   k; [ncurves] owned, ncurves 0 when not asked. */
	struct sim_curve *curves;
	size_t ncurves;
};

/* The policy part: what --report prints in every format. */
struct desk_doc_policy {
	struct desk_doc_slot slot[2];	/* champion, challenger */
	int have_swap;			/* swap filled (both loaded and
					   comparable) */
	struct sim_swap swap;		/* champion vs challenger */
	char swap_msg[RD_ERR_MSG];	/* why there is no swap set when a
					   challenger is loaded; else "" */
	/* The figures of the champion's fraud rules (a fraud section) on
	   its population: have_fraud when evaluated, else fraud_msg says
	   why (empty when the policy has none).  The outcome lines, the
	   fraud refers and declines among them, are each slot's own
	   (struct desk_policy lines). */
	int have_fraud;
	struct fraud_data fraud;
	struct fraud_eval fraud_eval;
	char fraud_msg[RD_ERR_MSG];
};

/*
 * Fill *out from d's loaded policies: the slots, their trade-off curves
 * when curves is set, the swap set when a challenger is loaded (or why
 * not, in swap_msg).  Returns 0, or -1 with err RD_EUSAGE when no
 * champion is loaded (out is then empty).  Release with
 * desk_doc_policy_done.
 */
int desk_doc_policy_fill(const struct desk *d, int curves,
	struct desk_doc_policy *out, struct rd_err *err);
void desk_doc_policy_done(struct desk_doc_policy *p);

/* What the full document is computed with. */
struct desk_document_spec {
	struct validate_spec vspec;	/* validation (validate_spec_init) */
	struct bin_spec bspec;		/* characteristic analysis
					   (bin_spec_init) */
	/* The table the PSI of the score and the CSI of the
	   characteristics compare with the development rows; NULL: the
	   champion's population when it is not the scorecard's, else the
	   scorecard's holdout (PSI only), else none. */
	const char *psi_table;
	time_t time;			/* when the document is made, as it
					   states it (UTC) */
	/* The characteristic analysis started ahead (desk_doc_prefetch_
	   start), or NULL: desk_document_open takes it when it is of the
	   scorecard's population, else does the analysis itself. */
	struct desk_doc_prefetch *prefetch;
};

/* Fill *spec with the defaults: the specs' own, no psi_table, time 0, no
   prefetch. */
void desk_document_spec_init(struct desk_document_spec *spec);

/*
 * The characteristic analysis of a document (desk_bins_open of the
 * scorecard's population under *bspec, which must live until the
 * prefetch is taken or freed) started on a thread of its own, with its
 * own connection to the database file db_path, from the policy file
 * policy_path: a command line front end starts it before it loads the
 * policy, whose simulation then runs beside it, so the document costs
 * about what the larger of the two costs.  Whatever fails in it (a policy
 * that does not load, no scorecard, no table, out of memory on the
 * thread) leaves nothing to take, and desk_document_open does the
 * analysis itself and meets the error there, as without a prefetch.
 * Returns the prefetch (desk_doc_prefetch_free), never NULL; without a
 * thread to run it, it does nothing.
 */
struct desk_doc_prefetch *desk_doc_prefetch_start(const char *db_path,
	const char *policy_path, const struct bin_spec *bspec);

/* Wait for the prefetch and release it with the analysis it holds, if
   not taken.  NULL is ignored. */
void desk_doc_prefetch_free(struct desk_doc_prefetch *pf);

/* The fingerprint of one input, as the document states it. */
struct desk_doc_input {
	const char *what;		/* static: "champion policy", ... */
	const char *name;		/* borrowed: file, scorecard, table */
	char sha256[RD_SHA256_HEX];	/* "" when it cannot be taken */
};

#define DESK_DOC_INPUTS 5

/*
 * The full document.  Sections whose figures need what the data lack
 * hold NULL (or has_ 0) and a reason in words, which the writers print.
 */
struct desk_document {
	struct desk_doc_policy pol;	/* curves always filled */
	const struct scorecard *card;	/* borrowed: the champion's */
	const struct dataset *pop;	/* borrowed: the champion's
					   population (its scored columns
					   and target) */
	/* Characteristic analysis of the scorecard's population: every
	   characteristic's IV, and its bins (desk_bins_open).  NULL when
	   the table cannot be binned (no target, no bads or no goods):
	   bins_na says why. */
	struct desk_bins *bins;		/* owned */
	char bins_na[RD_ERR_MSG];
	/* Indices into bins->chars by IV, largest first (a separating
	   characteristic, whose IV is unbounded, first of all; ties in
	   column order): [bins->nchars] owned. */
	size_t *iv_rank;
	/* Validation of the scorecard on its population: development and
	   holdout samples, PSI of the score against psi_table or the
	   holdout (desk_validate_card). */
	int has_val;
	struct desk_validation val;	/* owned when has_val */
	char val_na[RD_ERR_MSG];
	/* CSI of every characteristic of bins against csi_table, or NULL
	   with csi_na saying why (no other table, bins NULL). */
	struct desk_csi *csi;		/* owned */
	char *csi_table;		/* owned or NULL */
	char csi_na[RD_ERR_MSG];
	/* Reject inference, when the scorecard was made by riskdesk infer
	   (by_infer): the comparison with its KGB (desk_infer_compare, the
	   stored bands, no swap cutoff), or infer_na saying why not. */
	int by_infer;
	/* With by_infer: the augmented development set the scorecard was
	   fitted on, as stored (desk_infer_sample); owned. */
	struct desk_infer_sample infer_sample;
	/* With by_infer and a holdout: 1 when the augmented set holds
	   more accepts than the development sample, so the holdout's
	   accepts were fitted on. */
	int infer_holdout_in;
	int has_infer;
	struct desk_infer_cmp infer;	/* owned when has_infer */
	char infer_na[RD_ERR_MSG];
	/* With has_infer: the champion's policy file scored with the KGB
	   (card a) and with the inferred scorecard (card b), at the file's
	   own cutoffs, and its swap set (desk_card_swap, the champion /
	   challenger computation); or infer_swap_na saying why not. */
	int has_infer_swap;
	struct desk_card_swap infer_swap;	/* owned when has_infer_swap */
	char infer_swap_na[RD_ERR_MSG];
	/* Provenance. */
	time_t time;
	struct desk_doc_input inputs[DESK_DOC_INPUTS];
	size_t ninputs;
};

/*
 * Assemble the full document of d (champion loaded, challenger
 * optional) under spec.  Reads the scorecard's population again for the
 * characteristic analysis and the validation (only the columns each
 * needs).  Returns the document (desk_document_free), or NULL with err:
 * RD_EUSAGE without a champion, the errors of reading the tables
 * (RD_EDB, RD_EINPUT for a psi_table that is not there).  A section the
 * data cannot give (no outcomes) is no error: see the _na reasons.
 */
struct desk_document *desk_document_open(struct desk *d,
	const struct desk_document_spec *spec, struct rd_err *err);
void desk_document_free(struct desk_document *doc);

#endif
