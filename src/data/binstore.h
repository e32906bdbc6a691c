/*
 * binstore.h - the binnings of characteristics saved in the database, so
 * that an officer's regrouping survives the session and a refit uses it.
 *
 * Table: rd_binning(tbl TEXT, name TEXT, body TEXT, PRIMARY KEY(tbl,
 * name)), created on first write: one row per characteristic (column name)
 * of an imported table.  body is the binning's text form, written and read
 * by the model layer (model/bin.h bin_def_format / bin_def_parse); the
 * data layer stores it as opaque text.
 */
#ifndef RD_DATA_BINSTORE_H
#define RD_DATA_BINSTORE_H

struct db;
struct rd_err;

/*
 * Store body as the binning of characteristic name of table, replacing
 * one.  Returns 0, or -1 with err RD_EDB (the database is unchanged).
 */
int db_binning_put(struct db *db, const char *table, const char *name,
	const char *body, struct rd_err *err);

/*
 * The saved binning of characteristic name of table, as a heap string the
 * caller frees; NULL when there is none (err untouched) or on a database
 * error (err filled, RD_EDB).
 */
char *db_binning_get(struct db *db, const char *table, const char *name,
	struct rd_err *err);

/*
 * Remove the saved binning of name of table (none is not an error).
 * Returns 0 or -1 with err RD_EDB.
 */
int db_binning_delete(struct db *db, const char *table, const char *name,
	struct rd_err *err);

/*
 * Names of the characteristics of table with a saved binning, sorted, as
 * a NULL-terminated array (free each and the array); an empty array when
 * none.  NULL with err RD_EDB on failure.
 */
char **db_binning_list(struct db *db, const char *table, struct rd_err *err);

#endif
