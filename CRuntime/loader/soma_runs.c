/* soma_runs.c — finding arrays of numbers in JSON text, and walking their numbers. */
#include "soma_contract.h" /* first: no contraction in this file */
#include <string.h>

#include "soma_decimal.h"
#include "soma_runs.h"
#include "soma_scan.h"

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* soma_scan.c's word characters: a number ends where none follows. */
static int is_token_char(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           c == '-' || c == '+' || c == '.';
}

size_t soma_next_bracket(const char *text, size_t length, size_t from)
{
    size_t p = from;
    while (p < length) {
        const char c = text[p];
        if (c == '[') {
            return p;
        }
        if (c == '"') {
            /* To the closing quote; a backslash always takes the next byte with it. */
            p++;
            while (p < length && text[p] != '"') {
                p = soma_plain_string_end(text, p, length);
                if (p < length && text[p] != '"') {
                    p += text[p] == '\\' ? 2 : 1;
                }
            }
        }
        p++;
    }
    return length;
}

static size_t skip_space(const char *text, size_t length, size_t p)
{
    while (p < length && is_space(text[p])) {
        p++;
    }
    return p;
}

int soma_run_at(const char *text, size_t length, size_t open, size_t *close, size_t *count)
{
    size_t p = skip_space(text, length, open + 1), n = 0;
    if (p < length && text[p] == ']') {
        *close = p;
        *count = 0;
        return 1;
    }
    while (p < length) {
        /* A whole token that is a JSON number: the grammar's prefix, then no word character. */
        const size_t number = soma_json_number_prefix(text + p, length - p);
        if (number == 0 || (p + number < length && is_token_char(text[p + number]))) {
            return 0;
        }
        p += number;
        n++;
        p = skip_space(text, length, p);
        if (p < length && text[p] == ']') {
            *close = p;
            *count = n;
            return 1;
        }
        if (p >= length || text[p] != ',') {
            return 0;
        }
        p = skip_space(text, length, p + 1);
    }
    return 0;
}

size_t soma_run_next(const soma_number_run *run, size_t pos)
{
    const char *t = run->text;
    while (is_space(t[pos]) || t[pos] == ',') {
        pos++;
    }
    return pos;
}
