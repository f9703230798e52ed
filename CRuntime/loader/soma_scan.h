/*
 * soma_scan.h — private to CRuntime/: checks on the raw JSON text that json-c
 * does not make. json-c keeps the last of two equal keys, accepts single
 * quotes, raw control characters in strings and numbers such as "1.", and
 * keeps no original text for integers. The loader parses with json-c first,
 * then walks the text with this scanner: it counts the keys (':' outside
 * strings) to detect repeated keys, refuses what is not JSON, and hands out
 * every number's original text in document order.
 */
#ifndef SOMA_SCAN_H
#define SOMA_SCAN_H

#include <stddef.h>

#include "soma_runs.h"

typedef struct soma_scanner {
    const char *text;
    size_t length;
    size_t pos;     /* where scanning continues; where a problem was found */
    size_t keys;    /* ':' seen outside strings so far: one per object member */
    const soma_number_run *runs; /* skipped whole: their numbers were checked (soma_runs.h) */
    size_t run_count;
    size_t next_run;
} soma_scanner;

/* A scanner over `text`, skipping `runs` (in text order; may be NULL with run_count 0). */
void soma_scanner_init(soma_scanner *scanner, const char *text, size_t length,
                       const soma_number_run *runs, size_t run_count);

/*
 * Inside a string, from `pos`: the offset of the first '"', '\\' or control
 * character (or `length`); the bytes before it need no look.
 */
size_t soma_plain_string_end(const char *text, size_t pos, size_t length);

/* Can `c` be part of a number or literal token (the scanner's word characters)? */
int soma_is_token_char(char c);

/* Is s[0..n) exactly a JSON number: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? */
int soma_is_json_number(const char *s, size_t n);

/*
 * Moves to the next number. Returns 1 and the token, 0 at the end of the
 * text, or -1 with a description in *problem and scanner->pos at the fault:
 * NaN or Infinity (not JSON, though json-c takes them), a malformed number, a
 * \u escape that leaves an unpaired surrogate, a control character in a string.
 */
int soma_scan_next_number(soma_scanner *scanner, const char **token, size_t *token_length,
                          const char **problem);

/* 1-based line and column (in bytes) of `offset` in `text`. */
void soma_text_position(const char *text, size_t offset, size_t *line, size_t *column);

/*
 * In valid JSON text, finds the first key spelled exactly like an earlier key
 * of the same object. Returns 1 with its JSON path (e.g. "layers[0].bias") in
 * `path` and the key's offset in *offset; 0 if none is spelled the same.
 */
int soma_find_repeated_key(const char *text, size_t length, char *path, size_t path_size,
                           size_t *offset);

/*
 * Checks that `text` is well-formed UTF-8 (RFC 3629: no overlong forms, no
 * surrogates, nothing above U+10FFFF, no cut sequences), which json-c's own
 * check does not fully enforce. Returns NULL, or a description with the
 * offending byte's offset in *offset.
 */
const char *soma_utf8_check(const char *text, size_t length, size_t *offset);

#endif /* SOMA_SCAN_H */
