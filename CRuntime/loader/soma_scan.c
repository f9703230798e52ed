/* soma_scan.c — raw-text checks on JSON that json-c has already parsed. */
#include "soma_contract.h" /* first: no contraction in this file */
#include <stdint.h>
#include <string.h>

#include "soma_scan.h"

void soma_scanner_init(soma_scanner *scanner, const char *text, size_t length,
                       const soma_number_run *runs, size_t run_count)
{
    scanner->text = text;
    scanner->length = length;
    scanner->pos = 0;
    scanner->keys = 0;
    scanner->runs = runs;
    scanner->run_count = run_count;
    scanner->next_run = 0;
}

/* Has `word` a byte below 0x20, '"' or '\\'? (Bytes of 0x80 and above count too: rare, and only slower.) */
static int has_special_byte(uint64_t word)
{
    const uint64_t ones = UINT64_C(0x0101010101010101), highs = UINT64_C(0x8080808080808080);
    const uint64_t quote = word ^ (ones * '"'), backslash = word ^ (ones * '\\');
    /* A byte below 0x20, or a zero byte in quote or backslash, sets its high bit here. */
    return (((word - ones * 0x20) | (quote - ones) | (backslash - ones)) & highs) != 0;
}

size_t soma_plain_string_end(const char *text, size_t pos, size_t length)
{
    while (pos + 8 <= length) {
        uint64_t word;
        memcpy(&word, text + pos, sizeof word);
        if (has_special_byte(word)) {
            break;
        }
        pos += 8;
    }
    while (pos < length && text[pos] != '"' && text[pos] != '\\' &&
           (unsigned char)text[pos] >= 0x20) {
        pos++;
    }
    return pos;
}

int soma_is_token_char(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           c == '-' || c == '+' || c == '.';
}

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static int token_is(const char *token, size_t length, const char *word)
{
    return strlen(word) == length && memcmp(token, word, length) == 0;
}

/* The value of four hex digits at s, or -1 if they are not four hex digits. */
static long hex4(const char *s, size_t available)
{
    long v = 0;
    size_t k;
    if (available < 4) {
        return -1;
    }
    for (k = 0; k < 4; k++) {
        const char c = s[k];
        v *= 16;
        if (c >= '0' && c <= '9') {
            v += c - '0';
        } else if (c >= 'a' && c <= 'f') {
            v += c - 'a' + 10;
        } else if (c >= 'A' && c <= 'F') {
            v += c - 'A' + 10;
        } else {
            return -1;
        }
    }
    return v;
}

/*
 * At a backslash inside a string: a \u escape must not leave an unpaired
 * surrogate (the text would not be Unicode; json-c lets it through). Returns
 * the problem, or NULL, and the escape's length in *skip.
 */
static const char *check_escape(const char *t, size_t pos, size_t length, size_t *skip)
{
    long unit, next;
    *skip = 2;
    if (pos + 1 >= length || t[pos + 1] != 'u') {
        return NULL;
    }
    unit = hex4(t + pos + 2, length - pos - 2);
    if (unit < 0) {
        return NULL; /* json-c has refused it already */
    }
    *skip = 6;
    if (unit >= 0xDC00 && unit <= 0xDFFF) {
        return "a \\u escape gives a lone low surrogate";
    }
    if (unit < 0xD800 || unit > 0xDBFF) {
        return NULL;
    }
    next = pos + 7 < length && t[pos + 6] == '\\' && t[pos + 7] == 'u'
               ? hex4(t + pos + 8, length - pos - 8)
               : -1;
    if (next < 0xDC00 || next > 0xDFFF) {
        return "a \\u escape leaves a lone high surrogate";
    }
    *skip = 12;
    return NULL;
}

/* JSON's number grammar: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? */
int soma_is_json_number(const char *s, size_t n)
{
    size_t k = 0;
    if (k < n && s[k] == '-') {
        k++;
    }
    if (k < n && s[k] == '0') {
        k++;
    } else if (k < n && s[k] >= '1' && s[k] <= '9') {
        while (k < n && is_digit(s[k])) {
            k++;
        }
    } else {
        return 0;
    }
    if (k < n && s[k] == '.') {
        k++;
        if (k >= n || !is_digit(s[k])) {
            return 0;
        }
        while (k < n && is_digit(s[k])) {
            k++;
        }
    }
    if (k < n && (s[k] == 'e' || s[k] == 'E')) {
        k++;
        if (k < n && (s[k] == '+' || s[k] == '-')) {
            k++;
        }
        if (k >= n || !is_digit(s[k])) {
            return 0;
        }
        while (k < n && is_digit(s[k])) {
            k++;
        }
    }
    return k == n;
}

int soma_scan_next_number(soma_scanner *s, const char **token, size_t *token_length,
                          const char **problem)
{
    const char *t = s->text;
    while (s->pos < s->length) {
        const char c = t[s->pos];
        if (c == '"') {
            s->pos++;
            while (s->pos < s->length && t[s->pos] != '"') {
                s->pos = soma_plain_string_end(t, s->pos, s->length);
                if (s->pos >= s->length || t[s->pos] == '"') {
                    break;
                }
                if ((unsigned char)t[s->pos] < 0x20) {
                    *problem = "control character inside a string";
                    return -1;
                }
                if (t[s->pos] == '\\') {
                    size_t skip;
                    const char *escape = check_escape(t, s->pos, s->length, &skip);
                    if (escape != NULL) {
                        *problem = escape;
                        return -1;
                    }
                    s->pos += skip;
                } else {
                    s->pos++;
                }
            }
            s->pos++;
        } else if (c == '\'') {
            *problem = "single-quoted strings are not JSON";
            return -1;
        } else if (c == ':') {
            s->keys++;
            s->pos++;
        } else if (c == '[' && s->next_run < s->run_count &&
                   s->runs[s->next_run].open == s->pos) {
            s->pos = s->runs[s->next_run++].close + 1;
        } else if (soma_is_token_char(c)) {
            const size_t start = s->pos;
            size_t n;
            while (s->pos < s->length && soma_is_token_char(t[s->pos])) {
                s->pos++;
            }
            n = s->pos - start;
            if (token_is(t + start, n, "true") || token_is(t + start, n, "false") ||
                token_is(t + start, n, "null")) {
                continue;
            }
            if (token_is(t + start, n, "NaN") || token_is(t + start, n, "Infinity") ||
                token_is(t + start, n, "-Infinity")) {
                s->pos = start;
                *problem = "NaN and Infinity are not JSON numbers";
                return -1;
            }
            if (!soma_is_json_number(t + start, n)) {
                s->pos = start;
                *problem = "malformed number";
                return -1;
            }
            *token = t + start;
            *token_length = n;
            return 1;
        } else {
            s->pos++;
        }
    }
    return 0;
}

void soma_text_position(const char *text, size_t offset, size_t *line, size_t *column)
{
    size_t k, start = 0;
    *line = 1;
    for (k = 0; k < offset; k++) {
        if (text[k] == '\n') {
            (*line)++;
            start = k + 1;
        }
    }
    *column = offset - start + 1;
}

/* ---- Finding the repeated key (error path only; the text is valid JSON). ---- */

typedef struct dup_finder {
    const char *t;
    size_t n;
    char *path;
    size_t path_size;
    int found;
    size_t offset;
} dup_finder;

static size_t skip_ws(const dup_finder *d, size_t p)
{
    while (p < d->n && (d->t[p] == ' ' || d->t[p] == '\t' || d->t[p] == '\n' || d->t[p] == '\r')) {
        p++;
    }
    return p;
}

/* p at the opening quote; returns the offset after the closing quote. */
static size_t skip_string(const dup_finder *d, size_t p)
{
    p++;
    while (p < d->n && d->t[p] != '"') {
        p += d->t[p] == '\\' ? 2 : 1;
    }
    return p + 1;
}

static size_t skip_value(const dup_finder *d, size_t p)
{
    if (p < d->n && d->t[p] == '"') {
        return skip_string(d, p);
    }
    if (p < d->n && (d->t[p] == '{' || d->t[p] == '[')) {
        size_t depth = 0;
        while (p < d->n) {
            const char c = d->t[p];
            if (c == '"') {
                p = skip_string(d, p);
                continue;
            }
            if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                if (--depth == 0) {
                    return p + 1;
                }
            }
            p++;
        }
        return p;
    }
    while (p < d->n && soma_is_token_char(d->t[p])) {
        p++;
    }
    return p;
}

/* Is the key at [ks, ke) spelled like a key before it in the object opened at `open`? */
static int earlier_key(const dup_finder *d, size_t open, size_t ks, size_t ke)
{
    size_t q = skip_ws(d, open + 1);
    while (q < ks && q < d->n && d->t[q] == '"') {
        const size_t qe = skip_string(d, q);
        if (qe - q == ke - ks && memcmp(d->t + q, d->t + ks, ke - ks) == 0) {
            return 1;
        }
        q = skip_ws(d, qe) + 1; /* the ':' */
        q = skip_ws(d, skip_value(d, skip_ws(d, q)));
        if (q < d->n && d->t[q] == ',') {
            q = skip_ws(d, q + 1);
        }
    }
    return 0;
}

static void path_append(dup_finder *d, size_t at, const char *text, size_t length)
{
    if (at < d->path_size) {
        size_t room = d->path_size - at - 1;
        size_t n = length < room ? length : room;
        memcpy(d->path + at, text, n);
        d->path[at + n] = '\0';
    }
}

static size_t path_length(const dup_finder *d)
{
    return strlen(d->path);
}

static size_t walk(dup_finder *d, size_t p)
{
    const size_t base = path_length(d);
    p = skip_ws(d, p);
    if (p < d->n && d->t[p] == '{') {
        const size_t open = p;
        p = skip_ws(d, p + 1);
        if (p < d->n && d->t[p] == '}') {
            return p + 1;
        }
        while (p < d->n && d->t[p] == '"') {
            const size_t ks = p;
            const size_t ke = skip_string(d, p);
            if (base > 0) {
                path_append(d, base, ".", 1);
            }
            path_append(d, path_length(d), d->t + ks + 1, ke - ks - 2);
            if (earlier_key(d, open, ks, ke)) {
                d->found = 1;
                d->offset = ks;
                return p;
            }
            p = skip_ws(d, ke) + 1;
            p = walk(d, p);
            if (d->found) {
                return p;
            }
            path_append(d, base, "", 0);
            p = skip_ws(d, p);
            if (p < d->n && d->t[p] == ',') {
                p = skip_ws(d, p + 1);
            } else {
                return p + 1;
            }
        }
        return p;
    }
    if (p < d->n && d->t[p] == '[') {
        size_t index = 0;
        p = skip_ws(d, p + 1);
        if (p < d->n && d->t[p] == ']') {
            return p + 1;
        }
        while (p < d->n) {
            char item[32];
            size_t k = sizeof item - 1;
            size_t v = index;
            /* "[index]" without printf, written from the end. */
            item[k] = '\0';
            item[--k] = ']';
            do {
                item[--k] = (char)('0' + v % 10);
                v /= 10;
            } while (v > 0);
            item[--k] = '[';
            path_append(d, base, item + k, sizeof item - 1 - k);
            p = walk(d, p);
            if (d->found) {
                return p;
            }
            path_append(d, base, "", 0);
            p = skip_ws(d, p);
            if (p < d->n && d->t[p] == ',') {
                p++;
                index++;
            } else {
                return p + 1;
            }
        }
        return p;
    }
    return skip_value(d, p);
}

int soma_find_repeated_key(const char *text, size_t length, char *path, size_t path_size,
                           size_t *offset)
{
    dup_finder d;
    d.t = text;
    d.n = length;
    d.path = path;
    d.path_size = path_size;
    d.found = 0;
    d.offset = 0;
    if (path_size == 0) {
        return 0;
    }
    path[0] = '\0';
    (void)walk(&d, 0);
    *offset = d.offset;
    return d.found;
}

const char *soma_utf8_check(const char *text, size_t length, size_t *offset)
{
    const unsigned char *t = (const unsigned char *)text;
    size_t k = 0;
    while (k < length) {
        const unsigned c = t[k];
        unsigned lo = 0x80, hi = 0xbf;
        size_t n, j;
        if (c < 0x80) {
            /* ASCII, most of a model: eight bytes at a time while none has its top bit. */
            k++;
            while (k + 8 <= length) {
                uint64_t word;
                memcpy(&word, t + k, sizeof word);
                if ((word & UINT64_C(0x8080808080808080)) != 0) {
                    break;
                }
                k += 8;
            }
            continue;
        }
        if (c >= 0xc2 && c <= 0xdf) {
            n = 1;
        } else if (c >= 0xe0 && c <= 0xef) {
            n = 2;
            lo = c == 0xe0 ? 0xa0 : 0x80; /* no overlong forms */
            hi = c == 0xed ? 0x9f : 0xbf; /* no surrogates */
        } else if (c >= 0xf0 && c <= 0xf4) {
            n = 3;
            lo = c == 0xf0 ? 0x90 : 0x80; /* no overlong forms */
            hi = c == 0xf4 ? 0x8f : 0xbf; /* nothing above U+10FFFF */
        } else {
            *offset = k;
            return "invalid UTF-8 (a byte that cannot start a character)";
        }
        for (j = 1; j <= n; j++) {
            const unsigned b = k + j < length ? t[k + j] : 0;
            if (j == 1 ? (b < lo || b > hi) : (b < 0x80 || b > 0xbf)) {
                *offset = k;
                return "invalid UTF-8 (an overlong, cut or out-of-range sequence)";
            }
        }
        k += n + 1;
    }
    return NULL;
}
