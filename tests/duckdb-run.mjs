// duckdb-run.mjs - load CSV files into a DuckDB database and run one query,
// writing its result as CSV; the DuckDB side of the tests that run SQL on
// real engines (tests/engine-lib.sh wraps it as duckdb_load and
// duckdb_query).
//
//   node tests/duckdb-run.mjs DBFILE [--threads N] [--time]
//        [--load TABLE=CSV[:COLDEFS]]... [--query SQLFILE --out OUTCSV]
//
// --load replaces TABLE with the rows of CSV (a header line, then one
// record per row, RFC 4180 quoting).  With COLDEFS (column definitions as
// in CREATE TABLE, in the file's column order, e.g. "id INTEGER, x DOUBLE,
// name VARCHAR") every column has exactly the declared type: the header
// must name the columns in that order, a field that is not of its
// column's type is an error, an empty field (quoted or not) is NULL, and
// NaN, Infinity and -Infinity are those values in a DOUBLE column.
// Without COLDEFS DuckDB guesses the types.  The CSV path must not
// contain ':' when COLDEFS is given.
//
// --query runs the one statement in SQLFILE (a trailing ';' is allowed)
// and --out writes its result: a header line of the result's column
// names, then one line per row.  NULL is an empty field, an empty string
// is "", a field holding a comma, a quote or a line break is quoted.
// DOUBLE and FLOAT values are written in the shortest form that reads
// back to the same double (JavaScript's Number to string), NaN as NaN,
// the infinities as Infinity and -Infinity, negative zero as -0; DECIMAL,
// BIGINT and HUGEINT values exactly; BOOLEAN as true or false.  The rows
// are streamed, so a result of millions of rows needs little memory.
//
// --time prints each step's wall time to stderr.  Exit status: 0 done,
// 1 a load or the query failed (DuckDB's message on stderr), 2 usage,
// 4 @duckdb/node-api not installed.
//
// @duckdb/node-api is looked up in $RISKDESK_NODE_DIR (a folder holding
// node_modules), else in tests/node beside this script; ./bootstrap
// installs it there from tests/node/package.json.

import { createRequire } from 'node:module';
import { closeSync, existsSync, openSync, readFileSync, readSync,
	writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const me = 'duckdb-run';

function usage(msg) {
	process.stderr.write(`${me}: ${msg}\n` +
	    `usage: node duckdb-run.mjs DBFILE [--threads N] [--time] ` +
	    `[--load TABLE=CSV[:COLDEFS]]... [--query SQLFILE --out OUTCSV]\n`);
	process.exit(2);
}

function fail(msg, code = 1) {
	process.stderr.write(`${me}: ${msg}\n`);
	process.exit(code);
}

function loadApi() {
	const here = dirname(fileURLToPath(import.meta.url));
	const dirs = [];
	if (process.env.RISKDESK_NODE_DIR)
		dirs.push(process.env.RISKDESK_NODE_DIR);
	dirs.push(join(here, 'node'));
	for (const d of dirs) {
		if (!existsSync(join(d, 'node_modules', '@duckdb', 'node-api')))
			continue;
		const require = createRequire(join(d, 'package.json'));
		return require('@duckdb/node-api');
	}
	fail(`@duckdb/node-api is not installed in ${dirs.join(' or ')}; ` +
	    `./bootstrap check installs it`, 4);
}

// ---------------------------------------------------------------- arguments

const argv = process.argv.slice(2);
if (argv.length === 0 || argv[0].startsWith('--'))
	usage('expected DBFILE first');
const dbfile = argv[0];
const loads = [];
let query = null, out = null, threads = null, timing = false;
for (let i = 1; i < argv.length; i++) {
	const a = argv[i];
	const val = () => {
		if (i + 1 >= argv.length)
			usage(`${a} expects a value`);
		return argv[++i];
	};
	if (a === '--load') {
		const v = val();
		const eq = v.indexOf('=');
		if (eq <= 0)
			usage(`--load expects TABLE=CSV[:COLDEFS], found '${v}'`);
		const table = v.slice(0, eq), rest = v.slice(eq + 1);
		const colon = rest.indexOf(':');
		loads.push(colon < 0 ? { table, csv: rest, coldefs: null } :
		    { table, csv: rest.slice(0, colon),
		      coldefs: rest.slice(colon + 1) });
	} else if (a === '--query') {
		query = val();
	} else if (a === '--out') {
		out = val();
	} else if (a === '--threads') {
		threads = val();
		if (!/^[1-9][0-9]*$/.test(threads))
			usage(`--threads expects a positive whole number, ` +
			    `found '${threads}'`);
	} else if (a === '--time') {
		timing = true;
	} else {
		usage(`unknown option '${a}'`);
	}
}
if ((query === null) !== (out === null))
	usage('--query and --out go together');

// ---------------------------------------------------------------- helpers

const ident = (s) => '"' + s.replace(/"/g, '""') + '"';
const literal = (s) => "'" + s.replace(/'/g, "''") + "'";

// The names on the first line of a CSV file (RFC 4180 quoting, a UTF-8
// byte order mark skipped).
function csvHeader(path) {
	const fd = openSync(path, 'r');
	const buf = Buffer.alloc(1 << 16);
	const n = readSync(fd, buf, 0, buf.length, 0);
	closeSync(fd);
	let s = buf.toString('utf8', 0, n);
	if (s.charCodeAt(0) === 0xfeff)
		s = s.slice(1);
	const names = [];
	let f = '', q = false, i = 0;
	for (; i < s.length; i++) {
		const c = s[i];
		if (q) {
			if (c === '"' && s[i + 1] === '"') { f += '"'; i++; }
			else if (c === '"') q = false;
			else f += c;
		} else if (c === '"') {
			q = true;
		} else if (c === ',') {
			names.push(f); f = '';
		} else if (c === '\n' || c === '\r') {
			break;
		} else {
			f += c;
		}
	}
	names.push(f);
	return names;
}

function csvField(v) {
	if (v === null || v === undefined)
		return '';
	let s;
	if (typeof v === 'number') {
		if (Number.isNaN(v)) return 'NaN';
		if (v === Infinity) return 'Infinity';
		if (v === -Infinity) return '-Infinity';
		return Object.is(v, -0) ? '-0' : String(v);
	}
	if (typeof v === 'bigint' || typeof v === 'boolean')
		return String(v);
	s = typeof v === 'string' ? v : v.toString();
	if (s === '' || /[",\r\n]/.test(s))
		return '"' + s.replace(/"/g, '""') + '"';
	return s;
}

const now = () => Number(process.hrtime.bigint()) / 1e9;
function note(what, t0) {
	if (timing)
		process.stderr.write(`${me}: ${what} in ` +
		    `${(now() - t0).toFixed(3)} s\n`);
}

// Fill the table just created from l.coldefs (cols: its [name, type]
// pairs in order) with the records of l.csv.  The file is read as text
// first: DuckDB's cast from text to an integer type rounds '1.5' to 2 and
// takes '1e3' and '0x10', so integer fields are checked to be plain whole
// numbers before the cast; every other type is as strict as DuckDB's
// cast.  An empty field, quoted or not, is NULL.
async function loadTyped(l, cols) {
	const stage = '_rd_load';
	const spec = cols.map(([n]) => `${literal(n)}: 'VARCHAR'`).join(', ');
	await con.run(`CREATE OR REPLACE TEMP TABLE ${stage} AS ` +
	    `SELECT row_number() OVER () AS _rd_record, * FROM ` +
	    `read_csv(${literal(l.csv)}, header = true, delim = ',', ` +
	    `quote = '"', escape = '"', nullstr = '', ` +
	    `allow_quoted_nulls = true, auto_detect = false, ` +
	    `columns = {${spec}})`);
	for (const [n, type] of cols) {
		if (!/^U?(TINY|SMALL|BIG|HUGE)?INT(EGER)?$/.test(type))
			continue;
		const r = await con.runAndReadAll(`SELECT _rd_record, ` +
		    `${ident(n)} FROM ${stage} WHERE ${ident(n)} IS NOT NULL ` +
		    `AND NOT regexp_full_match(${ident(n)}, ` +
		    `'\\s*[+-]?[0-9]+\\s*') ORDER BY _rd_record LIMIT 1`);
		const bad = r.getRows();
		if (bad.length > 0)
			fail(`${l.csv}: record ${bad[0][0]}, column ${n}: ` +
			    `expected a whole number (${type}), found ` +
			    `'${bad[0][1]}'`);
	}
	await con.run(`INSERT INTO ${ident(l.table)} SELECT ` +
	    cols.map(([n, type]) => `CAST(${ident(n)} AS ${type})`)
	    .join(', ') + ` FROM ${stage} ORDER BY _rd_record`);
	await con.run(`DROP TABLE ${stage}`);
}

// ---------------------------------------------------------------- work

const { DuckDBInstance } = loadApi();
let con;
try {
	const opts = threads ? { threads } : {};
	const inst = await DuckDBInstance.create(dbfile, opts);
	con = await inst.connect();
} catch (e) {
	fail(`${dbfile}: cannot open: ${e.message}`);
}

for (const l of loads) {
	const t0 = now();
	if (!existsSync(l.csv))
		fail(`${l.csv}: no such file (loading table ${l.table})`);
	try {
		if (l.coldefs === null) {
			await con.run(`CREATE OR REPLACE TABLE ${ident(l.table)} ` +
			    `AS SELECT * FROM read_csv(${literal(l.csv)}, ` +
			    `header = true)`);
		} else {
			await con.run(`CREATE OR REPLACE TABLE ${ident(l.table)} ` +
			    `(${l.coldefs})`);
			const r = await con.runAndReadAll('SELECT column_name, ' +
			    'data_type ' +
			    'FROM information_schema.columns WHERE table_name = ' +
			    `${literal(l.table)} AND table_schema = ` +
			    'current_schema() ORDER BY ordinal_position');
			const cols = r.getRows();
			const want = cols.map((row) => row[0]);
			const got = csvHeader(l.csv);
			if (want.join('\u0000') !== got.join('\u0000'))
				fail(`${l.csv}:1: expected the header ` +
				    `${want.join(',')} (the columns of table ` +
				    `${l.table} in order), found ${got.join(',')}`);
			await loadTyped(l, cols);
		}
	} catch (e) {
		fail(`${l.csv}: cannot load into table ${l.table}: ${e.message}`);
	}
	note(`load ${l.table}`, t0);
}

if (query !== null) {
	let sql;
	try {
		sql = readFileSync(query, 'utf8');
	} catch (e) {
		fail(`${query}: cannot read: ${e.message}`);
	}
	const t0 = now();
	let fd, rows = 0;
	try {
		fd = openSync(out, 'w');
	} catch (e) {
		fail(`${out}: cannot write: ${e.message}`, 4);
	}
	try {
		const res = await con.stream(sql);
		writeSync(fd, res.columnNames().map(csvField).join(',') + '\n');
		for (;;) {
			const chunk = await res.fetchChunk();
			if (chunk === null || chunk.rowCount === 0)
				break;
			const lines = [];
			for (const row of chunk.getRows())
				lines.push(row.map(csvField).join(',') + '\n');
			writeSync(fd, lines.join(''));
			rows += chunk.rowCount;
		}
	} catch (e) {
		closeSync(fd);
		fail(`${query}: ${e.message}`);
	}
	closeSync(fd);
	note(`query: ${rows} rows`, t0);
}
