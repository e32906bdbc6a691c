/*
 * gen-apps.c - random but realistic application files, shaped like a card
 * issuer's extract, for the pipeline test (tests/realworld.sh) and the
 * real-world benchmark (tests/bench/bench-realworld.sh).
 *
 * Standalone (libc and libm only) and deterministic: the same options give
 * the same bytes (splitmix64 stream of tests/bench/gen-rng.h).
 *
 *   gen-apps [--seed N] [--rows R] [--kind KIND] [--levels L]
 *            [--with F,...] [--without F,...] [--defect D]
 *            [--meta FILE] [--policy FILE --scorecard NAME
 *            --population TABLE] > file.csv
 *
 * Kinds (the outcome column "bad", 1 bad, 0 good, missing when unknown):
 *   standard   outcomes for about 90% of the rows (the rest were declined:
 *              no outcome), about 20% bad among them
 *   partial    outcomes for about 25% of the rows only
 *   no-target  no outcome column at all
 *   all-good   every known outcome good (about 5% unknown)
 *   all-bad    every known outcome bad (about 5% unknown)
 *   bench      the benchmark's file: an id, a date and 15 characteristics,
 *              plain formatting, outcomes as in standard
 *
 * Features (--with / --without; names below).  Every kind but bench has
 * them all, except rownames, bom and crlf, each of which the seed turns on
 * for about half the seeds:
 *   rownames   R's write.csv: the first header cell empty, a quoted row
 *              number in the first column, every text cell and name quoted,
 *              NA for a missing value
 *   bom        a UTF-8 byte order mark
 *   crlf       CR LF line ends
 *   id         app_id: a unique 8-character text id (a letter, then 7 of
 *              0-9A-Z), a permutation of the row number keyed by the seed
 *   seq        seq_no: the record number 1..n
 *   dates      besides app_date (ISO, always): decision_time (ISO date and
 *              time), birth_date (DD/MM/YYYY, days above 12 present),
 *              first_payment (DD/MM/YYYY with every day and month 1-12:
 *              ambiguous) and review_date (DD.MM.YYYY)
 *   sentinels  months_at_address -999 (8%), bureau_score 9999 (7%),
 *              n_delinq 96 (5%) and 98 (3%); without: those cells missing
 *   codes      sex coded 1/2, education coded 1..6
 *   leadzero   branch_code (4 digits, leading zeros) and n_products (counts,
 *              about 2% of them written with a leading zero: "03")
 *   constant   country, "CN" on every row
 *   allmissing fax, missing on every row
 *   employer   a text column with many rare levels: 20 large employers
 *              (35% of rows, some names with commas or quotes), 200
 *              mid-sized (15%), and a long tail of --levels levels
 *              (default: the rows, at most 100,000) taken in turn (47%), so
 *              that the tail has min(levels, 0.47 rows) distinct levels
 *   postcode   6-digit postcodes, leading zeros included, 2,000 levels
 *   chinese    columns 职业 (occupation) and 城市 (city), Chinese values
 *   oddnames   "monthly income", "debt-ratio", "n.inquiries" and
 *              "requested limit" (without: underscores)
 *   separating collections_flag: Y (about 3%) always bad
 *   notes      free text, mostly missing, with commas, doubled quotes and
 *              now and then a line break inside the quotes
 *
 * Defects (--defect), for refused-import checks; the line is in --meta:
 *   short-row     one row in the middle lacks its last two fields
 *   bad-utf8      one row's employer is written in Latin-1 (byte 0xFC);
 *                 without the employer column, its app_date ends in 0xFF
 *   unterminated  the last row's last field opens a quote never closed
 *   dup-id        the middle row repeats the app_id of the row before
 *
 * --meta FILE writes what a test needs to check the file's figures, one
 * key=value a line: rows, kind, features, column (one line per column, in
 * order), target, bad, bads, goods, unknown, raw (predictors for fit
 * --raw), raw_complete (rows with an outcome and every raw predictor
 * present), separating, raw_separating, ead, knocked_out (rows the
 * --policy knock-outs decline), segment=NAME:COUNT (applicants the
 * knock-outs leave that each --policy segment takes, first match), defect,
 * defect_line (the physical line of the defect, header = line 1).
 *
 * --policy FILE writes a riskdesk-policy(5) file over the file's columns
 * (quoted names, Chinese names, coded values, sentinels) for the named
 * scorecard and population table.
 *
 * The outcome follows a logistic model of the true values (before
 * sentinels and missing cells):
 *   z = -2.3 + 0.03 (40 - age) - 0.5 ln(income / 4000)
 *       + 1.4 (debt_ratio - 0.35) + 0.15 inquiries + 0.5 delinquencies
 *       - 0.006 (bureau_score - 650) + education + occupation + employer
 *   bad ~ Bernoulli(1 / (1 + exp(-z))); collections_flag Y is always bad.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench/gen-rng.h"

/* ------------------------------------------------------------ options */

enum kind { K_STANDARD, K_PARTIAL, K_NOTARGET, K_ALLGOOD, K_ALLBAD, K_BENCH };
static const char *const kind_name[] = { "standard", "partial", "no-target",
    "all-good", "all-bad", "bench" };

enum feature {
	F_ROWNAMES, F_BOM, F_CRLF, F_ID, F_SEQ, F_DATES, F_SENTINELS,
	F_CODES, F_LEADZERO, F_CONSTANT, F_ALLMISSING, F_EMPLOYER,
	F_POSTCODE, F_CHINESE, F_ODDNAMES, F_SEPARATING, F_NOTES, F_COUNT
};
static const char *const feature_name[F_COUNT] = { "rownames", "bom",
    "crlf", "id", "seq", "dates", "sentinels", "codes", "leadzero",
    "constant", "allmissing", "employer", "postcode", "chinese",
    "oddnames", "separating", "notes" };

enum defect { D_NONE, D_SHORTROW, D_BADUTF8, D_UNTERMINATED, D_DUPID };
static const char *const defect_name[] = { "none", "short-row", "bad-utf8",
    "unterminated", "dup-id" };

struct opts {
	uint64_t seed;
	long rows;
	long levels;		/* long-tail employer levels */
	enum kind kind;
	enum defect defect;
	int on[F_COUNT];
	const char *meta, *policy, *scorecard, *population;
};

/* ------------------------------------------------------------ columns */

/*
 * Every column the generator knows, in file order.  A column is written
 * when its feature is on (-1: always) and, for the outcome, when the kind
 * has one.  "odd" is the name under oddnames, "name" the plain one.
 */
enum col {
	C_ROWNAME, C_ID, C_SEQ, C_APPDATE, C_DECISION, C_BIRTH, C_AGE, C_SEX,
	C_EDU, C_OCC, C_CITY, C_POSTCODE, C_EMPLOYER, C_INCOME, C_DEBT,
	C_INQ, C_ADDRESS, C_BUREAU, C_DELINQ, C_BRANCH, C_NPROD, C_FIRSTPAY,
	C_REVIEW, C_COUNTRY, C_FAX, C_COLL, C_LIMIT, C_NOTES, C_BAD, C_COUNT
};

struct column {
	const char *name, *odd;
	int feature;		/* enum feature, or -1 for always */
	int text;		/* quoted under rownames */
};

static const struct column columns[C_COUNT] = {
	[C_ROWNAME] = { "", NULL, F_ROWNAMES, 1 },
	[C_ID] = { "app_id", NULL, F_ID, 1 },
	[C_SEQ] = { "seq_no", NULL, F_SEQ, 0 },
	[C_APPDATE] = { "app_date", NULL, -1, 1 },
	[C_DECISION] = { "decision_time", NULL, F_DATES, 1 },
	[C_BIRTH] = { "birth_date", NULL, F_DATES, 1 },
	[C_AGE] = { "age", NULL, -1, 0 },
	[C_SEX] = { "sex", NULL, F_CODES, 0 },
	[C_EDU] = { "education", NULL, F_CODES, 0 },
	[C_OCC] = { "职业", NULL, F_CHINESE, 1 },
	[C_CITY] = { "城市", NULL, F_CHINESE, 1 },
	[C_POSTCODE] = { "postcode", NULL, F_POSTCODE, 1 },
	[C_EMPLOYER] = { "employer", NULL, F_EMPLOYER, 1 },
	[C_INCOME] = { "monthly_income", "monthly income", -1, 0 },
	[C_DEBT] = { "debt_ratio", "debt-ratio", -1, 0 },
	[C_INQ] = { "n_inquiries", "n.inquiries", -1, 0 },
	[C_ADDRESS] = { "months_at_address", NULL, -1, 0 },
	[C_BUREAU] = { "bureau_score", NULL, -1, 0 },
	[C_DELINQ] = { "n_delinq", NULL, -1, 0 },
	[C_BRANCH] = { "branch_code", NULL, F_LEADZERO, 1 },
	[C_NPROD] = { "n_products", NULL, F_LEADZERO, 0 },
	[C_FIRSTPAY] = { "first_payment", NULL, F_DATES, 1 },
	[C_REVIEW] = { "review_date", NULL, F_DATES, 1 },
	[C_COUNTRY] = { "country", NULL, F_CONSTANT, 1 },
	[C_FAX] = { "fax", NULL, F_ALLMISSING, 1 },
	[C_COLL] = { "collections_flag", NULL, F_SEPARATING, 1 },
	[C_LIMIT] = { "requested_limit", "requested limit", -1, 0 },
	[C_NOTES] = { "notes", NULL, F_NOTES, 1 },
	[C_BAD] = { "bad", NULL, -1, 0 },
};

static int
col_on(const struct opts *o, enum col c)
{
	if (c == C_BAD)
		return o->kind != K_NOTARGET;
	return columns[c].feature < 0 || o->on[columns[c].feature];
}

static const char *
col_name(const struct opts *o, enum col c)
{
	if (o->on[F_ODDNAMES] && columns[c].odd != NULL)
		return columns[c].odd;
	return columns[c].name;
}

/* ------------------------------------------------------------ one row */

/* Level tables.  Shares are cumulative; effects are on the log-odds. */
static const char *const occupation[] = { "职员", "工人", "教师", "医生",
    "学生", "个体户", "退休", "无业" };
static const double occupation_cum[] = { 0.35, 0.55, 0.62, 0.66, 0.74,
    0.88, 0.95 };
static const double occupation_b[] = { 0, 0.15, -0.3, -0.4, 0.35, 0.2,
    -0.1, 0.8 };
static const char *const city[] = { "北京", "上海", "广州", "深圳", "成都",
    "杭州", "武汉", "西安", "南京", "重庆" };
static const double education_cum[] = { 0.05, 0.20, 0.55, 0.80, 0.95 };
static const double education_b[] = { 0.6, 0.35, 0.1, 0, -0.2, -0.35 };
static const char *const big_employer[] = { "China Mobile",
    "Huawei Technologies Co., Ltd", "中国工商银行", "Bank of China",
    "Self-employed", "Government", "State Grid", "Alibaba Group",
    "Tencent Holdings, Ltd", "中国石油", "Sinopec", "China Railway",
    "Ping An Insurance (Group) Co. of China, Ltd", "JD.com", "Meituan",
    "BYD Co., Ltd", "Lenovo", "Xiaomi", "\"Golden Dragon\" Restaurants",
    "Hospital No. 3" };
static const char *const surname[] = { "Wang", "Li", "Zhang", "Liu", "Chen",
    "Yang", "Huang", "Zhao", "Wu", "Zhou", "Xu", "Sun", "Ma", "Zhu", "Hu",
    "Guo", "He", "Lin", "Gao", "Luo", "Zheng", "Liang", "Xie", "Song" };
static const char *const trade[] = { "Trading", "Logistics", "Foods",
    "Textiles", "Electronics", "Construction", "Consulting", "Hotel",
    "Clinic", "Printing", "Motors", "Software", "Farm", "Pharmacy",
    "Furniture", "Media" };
static const char *const note[] = { "called twice, no answer",
    "customer says \"will pay\", follow up", "address changed, see file",
    "VIP, fast track", "income verified", "客户要求提高额度，已转审批",
    "docs missing: payslip, ID", "second line:\nsee scan" };

#define ID_SPACE (26ULL * 78364164096ULL)	/* 26 x 36^7 */
#define TAIL_A 1000000007ULL	/* prime: steps through the tail levels */

struct app {
	long row;
	char id[9];
	long day;			/* application day, days since 1970 */
	long birth, firstpay, review;	/* days since 1970 */
	int hh, mm, ss, age, sex, edu, occ, city, postcode, branch, nprod;
	int inq, address, bureau, delinq, coll, known, bad;
	int income_na, debt_na, emp_na, postcode_na, occ_na;
	int nprod_zero, note;		/* note -1: none */
	long emp;			/* employer: <20 big, <220 mid, tail */
	long income_c;			/* monthly income in cents */
	long debt_k;			/* debt-ratio in thousandths */
	double income, debt, limit;	/* income without the cents */
};

static void
base36(uint64_t x, char *out, int width)
{
	static const char digit[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
	int k;

	for (k = width - 1; k >= 0; k--) {
		out[k] = digit[x % 36];
		x /= 36;
	}
	out[width] = '\0';
}

/*
 * The id of row i: a permutation of [0, ID_SPACE) keyed by the seed (four
 * Feistel rounds on 42 bits, walked again until the value falls inside),
 * so ids are unique and in no order.
 */
static void
make_id(long i, uint64_t key, char out[9])
{
	const uint64_t half = (1ULL << 21) - 1;
	uint64_t x = (uint64_t)i;
	int r;

	do {
		uint64_t l = x >> 21, rr = x & half;

		for (r = 0; r < 4; r++) {
			uint64_t f = (rr + key + (uint64_t)r) *
			    0x9E3779B97F4A7C15ULL;
			uint64_t t = rr;

			rr = l ^ ((f >> 40) & half);
			l = t;
		}
		x = l << 21 | rr;
	} while (x >= ID_SPACE);
	out[0] = (char)('A' + x / 78364164096ULL);
	base36(x % 78364164096ULL, out + 1, 7);
}

/* The whole years from day "from" to day "to" (days since 1970): an age. */
static int
years_between(long from, long to)
{
	int y1, m1, d1, y2, m2, d2, n;

	civil(from, &y1, &m1, &d1);
	civil(to, &y2, &m2, &d2);
	n = y2 - y1;
	if (m2 < m1 || (m2 == m1 && d2 < d1))
		n--;
	return n;
}

/* A hash of a level number to an effect in [-0.4, 0.4). */
static double
level_effect(long lv)
{
	uint64_t z = (uint64_t)lv * 0x9E3779B97F4A7C15ULL;

	z ^= z >> 29;
	return (double)(z % 800) / 1000.0 - 0.4;
}

/*
 * Draw row i.  Every draw is made whatever the features, so turning a
 * feature off removes its column without changing the other values (but
 * for the outcome of collections_flag Y, forced bad only with separating).
 */
static void
draw_app(const struct opts *o, long i, uint64_t id_key, long *tail,
    struct app *a)
{
	double z, u, know;

	memset(a, 0, sizeof *a);
	a->row = i;
	make_id(i, id_key, a->id);
	a->day = 18993 + (long)(unif() * 1096);	/* 2022-01-01 .. 2024-12-31 */
	a->hh = (int)(unif() * 24);
	a->mm = (int)(unif() * 60);
	a->ss = (int)(unif() * 60);
	a->birth = a->day - (long)(clip(normal(40, 12), 18, 80) * 365.2425) -
	    (long)(unif() * 365);
	a->age = years_between(a->birth, a->day);
	if (a->age < 18) {
		a->birth -= 366;
		a->age = years_between(a->birth, a->day);
	}
	a->firstpay = a->day + 30 + (long)(unif() * 30);
	a->review = a->day + 365;
	a->sex = unif() < 0.55 ? 1 : 2;
	a->edu = pick(education_cum, 6) + 1;
	a->occ = pick(occupation_cum, 8);
	a->occ_na = unif() < 0.01;
	a->city = (int)(unif() * 10);
	a->postcode = (int)(unif() * 2000);
	a->postcode_na = unif() < 0.02;
	u = unif();
	if (u < 0.35)
		a->emp = (long)(unif() * 20);
	else if (u < 0.50)
		a->emp = 20 + (long)(unif() * 200);
	else {
		a->emp = 220 + (long)(((uint64_t)*tail * TAIL_A) %
		    (uint64_t)o->levels);
		(*tail)++;
	}
	a->emp_na = unif() < 0.03;
	a->income = floor(exp(normal(log(4000), 0.55)));
	a->income_c = (long)a->income * 100 + i % 100;
	a->income_na = unif() < 0.01;
	a->debt_k = (long)floor(clip(exp(normal(log(0.3), 0.6)), 0, 3) *
	    1000 + 0.5);
	a->debt = (double)a->debt_k / 1000;
	a->debt_na = unif() < 0.02;
	a->inq = geometric(1.2);
	a->address = (int)clip(normal(60, 50), 0, 360);
	a->bureau = (int)clip(normal(650, 60), 300, 850);
	a->delinq = geometric(0.5);
	a->branch = 1 + (int)(unif() * 60) * 17;
	a->nprod = 1 + geometric(1.0);
	a->nprod_zero = unif() < 0.02;
	a->coll = unif() < 0.03;
	a->limit = clip(floor(a->income * 3 * (0.5 + unif()) / 500) * 500,
	    1000, 50000);
	a->note = unif() < 0.15 ? (int)(unif() * 8) : -1;

	z = -2.3 + 0.03 * (40 - a->age) - 0.5 * log(a->income / 4000) +
	    1.4 * (a->debt - 0.35) + 0.15 * a->inq + 0.5 * a->delinq -
	    0.006 * (a->bureau - 650) + education_b[a->edu - 1] +
	    occupation_b[a->occ] + level_effect(a->emp);
	a->bad = unif() < 1 / (1 + exp(-z));
	if (a->coll && o->on[F_SEPARATING])
		a->bad = 1;
	know = unif();
	switch (o->kind) {
	case K_PARTIAL: a->known = know < 0.25; break;
	case K_ALLGOOD: a->known = know < 0.95; a->bad = 0; break;
	case K_ALLBAD: a->known = know < 0.95; a->bad = 1; break;
	default: a->known = know < 0.90; break;
	}

	/* Sentinels replace the true value after the outcome is drawn. */
	u = unif();
	if (u < 0.08)
		a->address = -999;
	u = unif();
	if (u < 0.07)
		a->bureau = 9999;
	u = unif();
	if (u < 0.05)
		a->delinq = 96;
	else if (u < 0.08)
		a->delinq = 98;
}

static int
is_sentinel(const struct app *a, enum col c)
{
	return (c == C_ADDRESS && a->address == -999) ||
	    (c == C_BUREAU && a->bureau == 9999) ||
	    (c == C_DELINQ && a->delinq >= 96);
}

/* A day as ISO (how 'I'), DD.MM.YYYY ('.') or DD/MM/YYYY ('/'). */
static void
fmt_date(char *buf, size_t n, long day, char how)
{
	int y, m, d;

	civil(day, &y, &m, &d);
	if (how == 'I')
		snprintf(buf, n, "%04d-%02d-%02d", y, m, d);
	else if (how == '.')
		snprintf(buf, n, "%02d.%02d.%04d", d, m, y);
	else
		snprintf(buf, n, "%02d/%02d/%04d", d, m, y);
}

/* The text of cell c of row a in buf (size n), or NULL when missing. */
static const char *
cell(const struct opts *o, const struct app *a, enum col c, char *buf,
    size_t n)
{
	int y, m, d;

	if (!o->on[F_SENTINELS] && is_sentinel(a, c))
		return NULL;
	switch (c) {
	case C_ROWNAME: snprintf(buf, n, "%ld", a->row); break;
	case C_ID: return a->id;
	case C_SEQ: snprintf(buf, n, "%ld", a->row); break;
	case C_APPDATE: fmt_date(buf, n, a->day, 'I'); break;
	case C_DECISION:
		civil(a->day, &y, &m, &d);
		snprintf(buf, n, "%04d-%02d-%02d %02d:%02d:%02d", y, m, d,
		    a->hh, a->mm, a->ss);
		break;
	case C_BIRTH: fmt_date(buf, n, a->birth, '/'); break;
	case C_AGE: snprintf(buf, n, "%d", a->age); break;
	case C_SEX: snprintf(buf, n, "%d", a->sex); break;
	case C_EDU: snprintf(buf, n, "%d", a->edu); break;
	case C_OCC: return a->occ_na ? NULL : occupation[a->occ];
	case C_CITY: return city[a->city];
	case C_POSTCODE:
		if (a->postcode_na)
			return NULL;
		/* Chinese postcodes: 6 digits, the first 0-8. */
		snprintf(buf, n, "%06d", (a->postcode * 4217) % 900000);
		break;
	case C_EMPLOYER:
		if (a->emp_na)
			return NULL;
		if (a->emp < 20)
			return big_employer[a->emp];
		if (a->emp < 220)
			snprintf(buf, n, "%s %s Group", surname[a->emp % 24],
			    trade[(a->emp / 24) % 16]);
		else {
			char code[8];

			base36((uint64_t)a->emp, code, 4);
			snprintf(buf, n, "%s %s %s%s", surname[a->emp % 24],
			    trade[(a->emp / 7) % 16], code,
			    a->emp % 5 == 0 ? ", Ltd" : "");
		}
		break;
	case C_INCOME:
		if (a->income_na)
			return NULL;
		snprintf(buf, n, "%ld.%02ld", a->income_c / 100,
		    a->income_c % 100);
		break;
	case C_DEBT:
		if (a->debt_na)
			return NULL;
		snprintf(buf, n, "%ld.%03ld", a->debt_k / 1000,
		    a->debt_k % 1000);
		break;
	case C_INQ: snprintf(buf, n, "%d", a->inq); break;
	case C_ADDRESS: snprintf(buf, n, "%d", a->address); break;
	case C_BUREAU: snprintf(buf, n, "%d", a->bureau); break;
	case C_DELINQ: snprintf(buf, n, "%d", a->delinq); break;
	case C_BRANCH: snprintf(buf, n, "%04d", a->branch); break;
	case C_NPROD:
		snprintf(buf, n, a->nprod_zero ? "%02d" : "%d", a->nprod);
		break;
	case C_FIRSTPAY:
		/* Day and month both 1..12: readable either way round. */
		civil(a->firstpay, &y, &m, &d);
		snprintf(buf, n, "%02d/%02d/%04d", (d - 1) % 12 + 1, m, y);
		break;
	case C_REVIEW: fmt_date(buf, n, a->review, '.'); break;
	case C_COUNTRY: return "CN";
	case C_FAX: return NULL;
	case C_COLL: return a->coll ? "Y" : "N";
	case C_LIMIT: snprintf(buf, n, "%.0f", a->limit); break;
	case C_NOTES: return a->note < 0 ? NULL : note[a->note];
	case C_BAD:
		if (!a->known)
			return NULL;
		return a->bad ? "1" : "0";
	case C_COUNT: return NULL;
	}
	return buf;
}

/* ------------------------------------------------------------ writing */

struct out {
	FILE *f;
	int rstyle;
	const char *eol;
	long line;		/* physical line being written, from 1 */
	int nfield;		/* fields written on this record */
};

/* One field: s NULL is missing; text is quoted under rownames. */
static void
put_field(struct out *w, const char *s, int text)
{
	const char *p;

	if (w->nfield++ > 0)
		fputc(',', w->f);
	if (s == NULL) {
		if (w->rstyle)
			fputs("NA", w->f);
		return;
	}
	if (!(text && w->rstyle) && strpbrk(s, ",\"\r\n") == NULL) {
		fputs(s, w->f);
		return;
	}
	fputc('"', w->f);
	for (p = s; *p != '\0'; p++) {
		if (*p == '"')
			fputc('"', w->f);
		if (*p == '\n') {
			fputs(w->eol, w->f);	/* a line break in the data */
			w->line++;
			continue;
		}
		fputc(*p, w->f);
	}
	fputc('"', w->f);
}

static void
end_record(struct out *w)
{
	fputs(w->eol, w->f);
	w->line++;
	w->nfield = 0;
}

/* ------------------------------------------------------------ the policy */

/*
 * The segment and knock-out conditions of the --policy file, evaluated
 * here too so that --meta can give each segment's applicants.  Each holds
 * as SQL would: a NULL operand never makes a condition true.
 */
static int
ko_collections(const struct opts *o, const struct app *a)
{
	return o->on[F_SEPARATING] && a->coll;
}

static int
ko_debt(const struct app *a)
{
	return !a->debt_na && a->debt_k > 1200;
}

static int
seg_students(const struct opts *o, const struct app *a)
{
	return o->on[F_CHINESE] && !a->occ_na && a->occ == 4;
}

static int
seg_nohit(const struct opts *o, const struct app *a)
{
	return o->on[F_SENTINELS] && a->bureau == 9999;
}

static int
seg_stretched(const struct app *a)
{
	return !a->debt_na && !a->income_na && a->debt_k > 800 &&
	    a->income_c < 300000;
}

static int
seg_education(const struct opts *o, const struct app *a)
{
	return o->on[F_CODES] && a->edu <= 2;
}

enum seg { S_STUDENTS, S_NOHIT, S_STRETCHED, S_EDUCATION, S_DEFAULT,
	S_COUNT };
static const char *const seg_name[S_COUNT] = { "students", "no_bureau_hit",
    "stretched", "low_education", "default" };

static enum seg
segment_of(const struct opts *o, const struct app *a)
{
	if (seg_students(o, a))
		return S_STUDENTS;
	if (seg_nohit(o, a))
		return S_NOHIT;
	if (seg_stretched(a))
		return S_STRETCHED;
	if (seg_education(o, a))
		return S_EDUCATION;
	return S_DEFAULT;
}

/* A column name as an SQL identifier: double quotes, doubled inside. */
static void
sql_name(FILE *f, const struct opts *o, enum col c)
{
	const char *p;

	fputc('"', f);
	for (p = col_name(o, c); *p != '\0'; p++) {
		if (*p == '"')
			fputc('"', f);
		fputc(*p, f);
	}
	fputc('"', f);
}

/*
 * Text of the policy with %I, %L and %D standing for the names of monthly
 * income, requested limit and debt-ratio as SQL identifiers.
 */
static void
put_policy(FILE *f, const struct opts *o, const char *t)
{
	for (; *t != '\0'; t++) {
		if (*t == '%' && t[1] == 'I')
			sql_name(f, o, C_INCOME);
		else if (*t == '%' && t[1] == 'L')
			sql_name(f, o, C_LIMIT);
		else if (*t == '%' && t[1] == 'D')
			sql_name(f, o, C_DEBT);
		else {
			fputc(*t, f);
			continue;
		}
		t++;
	}
}

/*
 * The policy.  Conditions are YAML single-quoted scalars holding SQL;
 * names that need it are double-quoted in the SQL, the Chinese one is left
 * bare (SQLite takes UTF-8 identifiers), text is compared in single quotes
 * (doubled inside the YAML scalar).  The conditions are those of
 * ko_collections, ko_debt and segment_of.
 */
static int
write_policy(const struct opts *o)
{
	FILE *f = fopen(o->policy, "w");

	if (f == NULL) {
		perror(o->policy);
		return -1;
	}
	fprintf(f, "# generated by gen-apps --seed %" PRIu64 " --rows %ld "
	    "--kind %s\nname: generated\nscorecard: %s\npopulation: %s\n",
	    o->seed, o->rows, kind_name[o->kind], o->scorecard,
	    o->population);
	put_policy(f, o, "funding_rate: 0.03\nincome: '%I'\n"
	    "loss:\n  lgd: 0.45\n  ead: '%L'\nknockouts:\n"
	    "  - name: under_age\n    when: age < 18\n    reason: KO01\n");
	if (o->on[F_SEPARATING])
		put_policy(f, o, "  - name: in_collections\n"
		    "    when: collections_flag = 'Y'\n    reason: KO02\n");
	put_policy(f, o, "  - name: over_indebted\n    when: '%D > 1.2'\n"
	    "    reason: KO03\nsegments:\n");
	if (o->on[F_CHINESE])
		put_policy(f, o, "  - name: students\n    when: 职业 = '学生'\n"
		    "    cutoff: 560\n    refer: 545\n    lgd: 0.6\n");
	if (o->on[F_SENTINELS])
		put_policy(f, o, "  - name: no_bureau_hit\n"
		    "    when: bureau_score = 9999\n    cutoff: 555\n");
	put_policy(f, o, "  - name: stretched\n"
	    "    when: '%D > 0.8 AND %I < 3000'\n    cutoff: 550\n"
	    "    refer: 535\n");
	if (o->on[F_CODES])
		put_policy(f, o, "  - name: low_education\n"
		    "    when: education IN (1, 2)\n    cutoff: 545\n");
	put_policy(f, o, "  - name: default\n    cutoff: 530\n"
	    "    refer: 515\n    bands:\n"
	    "      - {from: 530, to: 570, limit: 5000, apr: 0.159}\n"
	    "      - from: 570\n        apr: 0.119\n        income_limits:\n"
	    "          - {min_income: 0, limit: 8000}\n"
	    "          - {min_income: 6000, limit: 20000}\n");
	if (fclose(f) != 0) {
		perror(o->policy);
		return -1;
	}
	return 0;
}

/* ------------------------------------------------------------ main */

/* The usage, on f; with all, the kinds, features and defects too. */
static void
usage_to(FILE *f, int all)
{
	size_t k;

	fputs("usage: gen-apps [--seed N] [--rows R] [--kind standard | partial "
	    "| no-target | all-good | all-bad | bench]\n"
	    "                [--levels L] [--with F,...] [--without F,...] "
	    "[--defect D]\n"
	    "                [--meta FILE] [--policy FILE --scorecard NAME "
	    "--population TABLE] > file.csv\n", f);
	if (!all)
		return;
	fputs("\nWrites a random application file (seeded: the same seed, the "
	    "same file).\n\nkinds:", f);
	for (k = 0; k < sizeof kind_name / sizeof *kind_name; k++)
		fprintf(f, " %s", kind_name[k]);
	fputs("\nfeatures (--with / --without; the seed picks the "
	    "formatting ones):\n ", f);
	for (k = 0; k < F_COUNT; k++)
		fprintf(f, " %s", feature_name[k]);
	fputs("\ndefects (--defect, one broken line):", f);
	for (k = 0; k < sizeof defect_name / sizeof *defect_name; k++)
		fprintf(f, " %s", defect_name[k]);
	fputs("\n--meta FILE: the figures the file holds (rows, bads, goods, "
	    "columns, ...),\n  one key=value a line.\n", f);
}

static void
usage(void)
{
	usage_to(stderr, 0);
	exit(2);
}

static int
lookup(const char *const *names, int n, const char *s, size_t len)
{
	int k;

	for (k = 0; k < n; k++)
		if (strlen(names[k]) == len && memcmp(names[k], s, len) == 0)
			return k;
	return -1;
}

static void
set_features(struct opts *o, const char *list, int value)
{
	const char *p = list;

	while (*p != '\0') {
		size_t len = strcspn(p, ",");
		int k = lookup(feature_name, F_COUNT, p, len);

		if (k < 0) {
			fprintf(stderr, "gen-apps: unknown feature \"%.*s\"\n",
			    (int)len, p);
			exit(2);
		}
		o->on[k] = value;
		p += len + (p[len] == ',');
	}
}

static long
number(const char *opt, const char *s, long lo, long hi)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0' || v < lo || v > hi) {
		fprintf(stderr, "gen-apps: %s: expected a number from %ld to "
		    "%ld, found \"%s\"\n", opt, lo, hi, s);
		exit(2);
	}
	return v;
}

static void
parse(struct opts *o, int argc, char **argv)
{
	const char *with = NULL, *without = NULL;
	uint64_t h;
	int i, k;

	memset(o, 0, sizeof *o);
	o->seed = 1;
	o->rows = 1000;
	o->levels = -1;
	for (i = 1; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;

		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			usage_to(stdout, 1);
			exit(0);
		}
		if (v == NULL)
			usage();
		i++;
		if (strcmp(a, "--seed") == 0)
			o->seed = (uint64_t)number(a, v, 0, 2147483647L);
		else if (strcmp(a, "--rows") == 0)
			o->rows = number(a, v, 1, 100000000L);
		else if (strcmp(a, "--levels") == 0)
			o->levels = number(a, v, 1, 1000000L);
		else if (strcmp(a, "--kind") == 0) {
			if ((k = lookup(kind_name, 6, v, strlen(v))) < 0)
				usage();
			o->kind = (enum kind)k;
		} else if (strcmp(a, "--defect") == 0) {
			if ((k = lookup(defect_name, 5, v, strlen(v))) < 0)
				usage();
			o->defect = (enum defect)k;
		} else if (strcmp(a, "--with") == 0)
			with = v;
		else if (strcmp(a, "--without") == 0)
			without = v;
		else if (strcmp(a, "--meta") == 0)
			o->meta = v;
		else if (strcmp(a, "--policy") == 0)
			o->policy = v;
		else if (strcmp(a, "--scorecard") == 0)
			o->scorecard = v;
		else if (strcmp(a, "--population") == 0)
			o->population = v;
		else
			usage();
	}
	if (o->policy != NULL && (o->scorecard == NULL ||
	    o->population == NULL))
		usage();
	if (o->levels < 0)
		o->levels = o->rows < 100000 ? o->rows : 100000;

	/* Default features: the seed picks the formatting. */
	rng_state = o->seed * 0xD1B54A32D192ED03ULL + 17;
	h = splitmix64();
	for (k = 0; k < F_COUNT; k++)
		o->on[k] = 1;
	o->on[F_ROWNAMES] = (h & 1) != 0;
	o->on[F_BOM] = (h & 2) != 0;
	o->on[F_CRLF] = (h & 4) != 0;
	if (o->kind == K_BENCH) {
		static const int off[] = { F_ROWNAMES, F_BOM, F_CRLF, F_SEQ,
		    F_DATES, F_CONSTANT, F_ALLMISSING, F_EMPLOYER,
		    F_SEPARATING, F_NOTES };

		for (k = 0; k < (int)(sizeof off / sizeof off[0]); k++)
			o->on[off[k]] = 0;
	}
	if (with != NULL)
		set_features(o, with, 1);
	if (without != NULL)
		set_features(o, without, 0);
	if (o->defect == D_DUPID && (!o->on[F_ID] || o->rows < 2)) {
		fputs("gen-apps: --defect dup-id needs the id feature and two "
		    "rows\n", stderr);
		exit(2);
	}
}

/* The meta file's figures, gathered while the rows are written. */
struct tally {
	long bads, goods, unknown, raw_complete, knocked_out;
	long segment[S_COUNT];
	long defect_line;
};

static void
tally_row(const struct opts *o, const struct app *a, struct tally *t)
{
	if (a->known && a->bad)
		t->bads++;
	else if (a->known)
		t->goods++;
	else
		t->unknown++;
	if (a->known && !a->income_na && !a->debt_na)
		t->raw_complete++;
	if (ko_collections(o, a) || ko_debt(a))
		t->knocked_out++;
	else
		t->segment[segment_of(o, a)]++;
}

static void
write_list(FILE *f, const char *key, const struct opts *o,
    const enum col *c, int n)
{
	int k, first = 1;

	fprintf(f, "%s=", key);
	for (k = 0; k < n; k++) {
		if (!col_on(o, c[k]))
			continue;
		fprintf(f, "%s%s", first ? "" : ",", col_name(o, c[k]));
		first = 0;
	}
	fputc('\n', f);
}

static int
write_meta(const struct opts *o, const struct tally *t)
{
	static const enum col raw[] = { C_AGE, C_INCOME, C_DEBT, C_INQ,
	    C_EDU };
	static const enum col raw_sep[] = { C_AGE, C_INCOME, C_DEBT, C_INQ,
	    C_EDU, C_COLL };
	FILE *f = fopen(o->meta, "w");
	int k;

	if (f == NULL) {
		perror(o->meta);
		return -1;
	}
	fprintf(f, "rows=%ld\nkind=%s\nseed=%" PRIu64 "\nfeatures=", o->rows,
	    kind_name[o->kind], o->seed);
	for (k = 0; k < F_COUNT; k++)
		if (o->on[k])
			fprintf(f, "%s ", feature_name[k]);
	fputc('\n', f);
	for (k = 0; k < C_COUNT; k++)
		if (col_on(o, (enum col)k))
			fprintf(f, "column=%s\n", col_name(o, (enum col)k));
	if (o->kind != K_NOTARGET)
		fprintf(f, "target=bad\nbad=1\nbads=%ld\ngoods=%ld\n"
		    "unknown=%ld\n", t->bads, t->goods, t->unknown);
	write_list(f, "raw", o, raw, 5);
	fprintf(f, "raw_complete=%ld\n", t->raw_complete);
	if (o->on[F_SEPARATING]) {
		fprintf(f, "separating=%s\n", col_name(o, C_COLL));
		write_list(f, "raw_separating", o, raw_sep, 6);
	}
	if (o->on[F_ID])
		fprintf(f, "id=%s\n", col_name(o, C_ID));
	fprintf(f, "ead=%s\nknocked_out=%ld\n", col_name(o, C_LIMIT),
	    t->knocked_out);
	for (k = 0; k < S_COUNT; k++)
		if (t->segment[k] > 0 || k == S_DEFAULT)
			fprintf(f, "segment=%s:%ld\n", seg_name[k],
			    t->segment[k]);
	fprintf(f, "defect=%s\n", defect_name[o->defect]);
	if (o->defect != D_NONE)
		fprintf(f, "defect_line=%ld\n", t->defect_line);
	if (fclose(f) != 0) {
		perror(o->meta);
		return -1;
	}
	return 0;
}

/*
 * The defect row's cells: short-row stops two fields early, bad-utf8 puts
 * a Latin-1 byte in the employer (or the date when there is none),
 * unterminated opens a quote in the last field and never closes it.
 */
static void
write_row(const struct opts *o, struct out *w, const struct app *a,
    int defect)
{
	char buf[160];
	int c, nc = 0, k = 0;

	for (c = 0; c < C_COUNT; c++)
		nc += col_on(o, (enum col)c);
	for (c = 0; c < C_COUNT; c++) {
		const char *s;

		if (!col_on(o, (enum col)c))
			continue;
		k++;
		if (defect == D_SHORTROW && k > nc - 2)
			break;
		if (defect == D_UNTERMINATED && k == nc) {
			fputs(w->nfield > 0 ? ",\"unterminated" :
			    "\"unterminated", w->f);
			break;
		}
		s = cell(o, a, (enum col)c, buf, sizeof buf);
		if (defect == D_BADUTF8 && (c == C_EMPLOYER ||
		    (c == C_APPDATE && !o->on[F_EMPLOYER]))) {
			snprintf(buf, sizeof buf, "%s",
			    c == C_EMPLOYER ? "M\xFCller Trading GmbH" :
			    "2023-05-1\xFF");
			s = buf;
		}
		put_field(w, s, columns[c].text);
	}
	end_record(w);
}

int
main(int argc, char **argv)
{
	struct opts o;
	struct out w;
	struct tally t;
	struct app a;
	char prev_id[9] = "";
	uint64_t id_key;
	long i, tail = 0, defect_row;
	int c;

	parse(&o, argc, argv);
	rng_state = o.seed;
	id_key = splitmix64();
	memset(&t, 0, sizeof t);
	w.f = stdout;
	w.rstyle = o.on[F_ROWNAMES];
	w.eol = o.on[F_CRLF] ? "\r\n" : "\n";
	w.line = 1;
	w.nfield = 0;
	setvbuf(stdout, NULL, _IOFBF, 1 << 20);
	defect_row = o.defect == D_UNTERMINATED ? o.rows : (o.rows + 1) / 2;
	if (o.defect == D_DUPID && defect_row < 2)
		defect_row = 2;	/* the first row has no id to repeat */

	if (o.on[F_BOM])
		fputs("\xEF\xBB\xBF", stdout);
	for (c = 0; c < C_COUNT; c++)
		if (col_on(&o, (enum col)c))
			put_field(&w, col_name(&o, (enum col)c), 1);
	end_record(&w);
	for (i = 1; i <= o.rows; i++) {
		int defect = i == defect_row ? (int)o.defect : D_NONE;

		draw_app(&o, i, id_key, &tail, &a);
		if (defect == D_DUPID)
			memcpy(a.id, prev_id, sizeof a.id);
		memcpy(prev_id, a.id, sizeof prev_id);
		tally_row(&o, &a, &t);
		if (defect != D_NONE)
			t.defect_line = w.line;
		write_row(&o, &w, &a, defect);
	}
	if (fflush(stdout) != 0 || ferror(stdout)) {
		perror("gen-apps: write");
		return 1;
	}
	if (o.meta != NULL && write_meta(&o, &t) != 0)
		return 1;
	if (o.policy != NULL && write_policy(&o) != 0)
		return 1;
	return 0;
}
