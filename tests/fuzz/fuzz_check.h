/* What the fuzz targets share: a property check that names what failed and
 * aborts, so libFuzzer keeps the input and test_fuzz_corpus (which replays
 * the kept corpora in `make test`) fails on it. */
#ifndef GK_FUZZ_CHECK_H
#define GK_FUZZ_CHECK_H

#include <stdio.h>
#include <stdlib.h>

#define FUZZ_CHECK(cond, what)                                                        \
	do {                                                                          \
		if (!(cond)) {                                                        \
			fprintf(stderr, "fuzz property failed: %s (%s)\n", what, #cond); \
			abort();                                                      \
		}                                                                     \
	} while (0)

#endif
