/*
 * soma_runs.h — private to CRuntime/loader/: arrays of numbers kept out of
 * json-c's tree. A model is almost all numbers in flat arrays, and json-c
 * makes two small allocations per number (the object and its original text):
 * about 22 MB for the 109,386 parameters of a 784-128-64-10 net, much of it
 * left resident in malloc's free lists after the load returns. So the document
 * (soma_document.c) hands json-c the text around each such array and skips
 * its contents: json-c builds an empty array, and a run records where the
 * numbers are, for the loader to convert straight from the text.
 *
 * Only what json-c would have parsed to an array of numbers is a run: '['
 * and ']' around JSON numbers (the exact grammar, soma_scan.c's) separated by
 * commas and JSON whitespace. Anything else goes to json-c as it is, so its
 * errors, and the scanner's, are the ones they always were.
 */
#ifndef SOMA_RUNS_H
#define SOMA_RUNS_H

#include <stddef.h>

typedef struct soma_number_run {
    const char *text; /* the document's text */
    size_t open;      /* offset of the '[' */
    size_t close;     /* offset of the matching ']' */
    size_t count;     /* numbers between them: 0 for an empty array */
} soma_number_run;

/*
 * From `from`, the offset of the next '[' outside strings (string state is
 * tracked from `from`, which must be outside a string), or `length`.
 */
size_t soma_next_bracket(const char *text, size_t length, size_t from);

/*
 * If text[open] == '[' begins an array of JSON numbers (or an empty one),
 * returns 1 with its ']' in *close and the numbers in *count; else 0.
 */
int soma_run_at(const char *text, size_t length, size_t open, size_t *close, size_t *count);

/* From `pos` in a run (start at run->open + 1), the offset of its next number. */
size_t soma_run_next(const soma_number_run *run, size_t pos);

#endif /* SOMA_RUNS_H */
