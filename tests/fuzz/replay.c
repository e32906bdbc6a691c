/*
 * replay.c - a plain main() for a fuzz target (see fuzz.h): every file
 * named on the command line, or under a directory named there, is fed to
 * LLVMFuzzerTestOneInput once; with no argument, the target's corpus
 * tests/fuzz/corpus/<FUZZ_TARGET>/ of the source tree.  Exit 0 after
 * the last (a crash or a sanitizer report ends the program first), 99
 * when nothing could be read.  make check runs it on the corpus.
 */
#include "config.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"
#include "util/xmalloc.h"

static size_t nfiles;

static int
cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
replay_path(const char *path)
{
	struct stat st;

	if (stat(path, &st) != 0) {
		perror(path);
		return -1;
	}
	if (S_ISDIR(st.st_mode)) {
		DIR *d = opendir(path);
		struct dirent *e;
		char **names = NULL;
		size_t n = 0, k;
		int rc = 0;

		if (d == NULL) {
			perror(path);
			return -1;
		}
		while ((e = readdir(d)) != NULL) {
			if (e->d_name[0] == '.')
				continue;
			names = xreallocarray(names, n + 1, sizeof *names);
			names[n++] = xasprintf("%s/%s", path, e->d_name);
		}
		closedir(d);
		/* In name order: the same run on every machine. */
		qsort(names, n, sizeof *names, cmp_names);
		for (k = 0; k < n; k++) {
			if (replay_path(names[k]) != 0)
				rc = -1;
			free(names[k]);
		}
		free(names);
		return rc;
	} else {
		FILE *f = fopen(path, "rb");
		unsigned char *buf = NULL;
		size_t n = 0, cap = 0, r;

		if (f == NULL) {
			perror(path);
			return -1;
		}
		do {
			if (n + 4096 > cap) {
				cap = cap ? 2 * cap : 8192;
				buf = xrealloc(buf, cap);
			}
			r = fread(buf + n, 1, cap - n, f);
			n += r;
		} while (r > 0);
		fclose(f);
		LLVMFuzzerTestOneInput(buf, n);
		free(buf);
		nfiles++;
		return 0;
	}
}

int
main(int argc, char **argv)
{
	int i, rc = 0;

	if (argc < 2)
		rc = replay_path(RD_SRCDIR "/tests/fuzz/corpus/" FUZZ_TARGET);
	for (i = 1; i < argc; i++)
		if (replay_path(argv[i]) != 0)
			rc = -1;
	printf("%s: %zu inputs replayed\n", FUZZ_TARGET, nfiles);
	return rc != 0 || nfiles == 0 ? 99 : 0;
}
