/*
 * binspec.h - the YAML binning spec: the binnings of a table's
 * characteristics written to a file an officer can review, keep under
 * version control and apply in a headless job (riskdesk bin --export /
 * --apply), so the job reproduces the bins exactly.
 *
 * The file (all keys required unless marked optional):
 *
 *   format: riskdesk binning
 *   version: 1
 *   table: german_credit            # the development table
 *   characteristics:
 *     - name: age_in_years
 *       type: numeric                # numeric | text
 *       breaks: [26, 35, 40]         # (-inf,26) [26,35) [35,40) [40,inf)
 *       special: [-999]              # optional: values with a bin each
 *       missing: true                # optional: a missing bin even when
 *                                    # the data have no NULLs
 *     - name: housing
 *       type: text
 *       groups:                      # level groups, one bin each
 *         - [rent]
 *         - [own, for free]
 *       other: 2                     # optional: the group (1-based) that
 *                                    # takes levels not listed
 *       other_levels: 1              # optional: its last levels that
 *                                    # were grouped as other (for labels)
 *
 * Numbers are written with 17 significant digits so they read back
 * exactly.  This module only reads and writes the file; the desk turns a
 * struct binspec into characteristics (model/bin.h bin_from_def).
 */
#ifndef RD_POLICY_BINSPEC_H
#define RD_POLICY_BINSPEC_H

#include <stddef.h>
#include <stdio.h>

struct rd_err;

struct binspec_char {
	char *name;		/* owned */
	int numeric;		/* 1: breaks and specials; 0: groups */
	double *breaks;		/* [nbreaks] owned, finite, increasing */
	size_t nbreaks;
	double *specials;	/* [nspecials] owned */
	size_t nspecials;
	char ***groups;		/* [ngroups] owned, each NULL-terminated */
	size_t ngroups;
	int other_group;	/* 0-based group taking unlisted levels, -1 */
	size_t other_levels;	/* how many last levels of that group were
				   grouped as other for their small share */
	int missing;		/* 1: keep a missing bin */
	long line;		/* line of the entry in the file, 0 if built */
};

struct binspec {
	char *table;		/* owned */
	struct binspec_char *chars;	/* [nchars] owned */
	size_t nchars;
};

/*
 * Write spec to f in the format above.  Returns 0, or -1 with err RD_EIO
 * when writing fails.
 */
int binspec_write(FILE *f, const struct binspec *spec, struct rd_err *err);

/*
 * Read and check the file at path into *out (release with binspec_done).
 * Returns 0, or -1 with err: RD_EIO when it cannot be opened, RD_EINPUT
 * with the file, line and column for YAML syntax, a missing or unknown
 * key, a wrong type, breaks not increasing, an empty group, a name twice.
 */
int binspec_load(const char *path, struct binspec *out, struct rd_err *err);

/* Release what *spec owns and zero it. */
void binspec_done(struct binspec *spec);
void binspec_char_done(struct binspec_char *c);

#endif
