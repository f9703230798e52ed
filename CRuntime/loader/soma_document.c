/*
 * soma_document.c — model text to a document: reads the file, parses it with
 * json-c, arrays of numbers excepted (soma_runs.h), and checks the text for
 * what json-c lets through (soma_scan.c).
 */
#include "soma_contract.h" /* first: no contraction in this file */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "soma_internal.h"
#include "soma_json.h"
#include "soma_scan.h"

#define PATH_SIZE 96

typedef struct text_check {
    soma_scanner scanner;
    soma_number_run *runs;      /* given, in document order, to the tree's empty arrays */
    size_t run_count;
    size_t next_run;
    size_t keys;         /* members in json-c's tree */
    const char *problem; /* set when the scanner refused the text */
    int misaligned;      /* the tree's numbers and the text's disagree */
    int out_of_memory;   /* a copy of a number's text could not be allocated */
} text_check;

/*
 * Walks json-c's tree in document order (objects keep insertion order) with
 * the scanner alongside: counts members, gives every empty array its run (the
 * arrays json-c saw empty are the runs, in the same order) and every integer
 * its original text where json-c's differs ("-0", integers beyond 64 bits).
 */
static void walk_tree(text_check *c, json_object *value)
{
    const char *token;
    size_t length, k, n;
    int r;
    if (c->problem != NULL || c->misaligned || c->out_of_memory) {
        return;
    }
    switch (json_object_get_type(value)) {
    case json_type_object: {
        struct json_object_iterator it = json_object_iter_begin(value);
        struct json_object_iterator end = json_object_iter_end(value);
        while (!json_object_iter_equal(&it, &end)) {
            c->keys++;
            walk_tree(c, json_object_iter_peek_value(&it));
            json_object_iter_next(&it);
        }
        break;
    }
    case json_type_array:
        n = json_object_array_length(value);
        if (n == 0) {
            if (c->next_run == c->run_count) {
                c->misaligned = 1;
                return;
            }
            json_object_set_userdata(value, &c->runs[c->next_run++], NULL);
        }
        for (k = 0; k < n; k++) {
            walk_tree(c, json_object_array_get_idx(value, k));
        }
        break;
    case json_type_int:
    case json_type_double:
        r = soma_scan_next_number(&c->scanner, &token, &length, &c->problem);
        if (r < 0) {
            return;
        }
        if (r == 0) {
            c->misaligned = 1;
            return;
        }
        if (json_object_is_type(value, json_type_int)) {
            const char *printed = json_object_get_string(value);
            if (printed == NULL || strlen(printed) != length || memcmp(printed, token, length) != 0) {
                char *copy = malloc(length + 1);
                if (copy == NULL) {
                    c->out_of_memory = 1;
                    return;
                }
                memcpy(copy, token, length);
                copy[length] = '\0';
                json_object_set_serializer(value, json_object_userdata_to_json_string, copy,
                                           json_object_free_userdata);
            }
        }
        break;
    case json_type_null:
    case json_type_boolean:
    case json_type_string:
        break;
    }
}

static soma_status json_error_at(soma_error *error, const char *text, size_t offset,
                                 const char *what)
{
    size_t line, column;
    soma_text_position(text, offset, &line, &column);
    return soma_fail(error, SOMA_E_JSON, "line %zu, column %zu: %s", line, column, what);
}

static soma_status check_text(const char *text, size_t length, json_object *root,
                              soma_number_run *runs, size_t run_count, soma_error *error)
{
    text_check c;
    const char *token;
    size_t token_length, offset;
    char path[PATH_SIZE];
    int r;

    soma_scanner_init(&c.scanner, text, length, runs, run_count);
    c.runs = runs;
    c.run_count = run_count;
    c.next_run = 0;
    c.keys = 0;
    c.problem = NULL;
    c.misaligned = 0;
    c.out_of_memory = 0;
    walk_tree(&c, root);
    /* A walk cut short by the heap says nothing about the text: report that alone. */
    if (c.out_of_memory) {
        return soma_fail(error, SOMA_E_MEMORY,
                         "out of memory keeping a number's original text (%zu bytes of JSON)",
                         length);
    }
    while (c.problem == NULL && (r = soma_scan_next_number(&c.scanner, &token, &token_length,
                                                           &c.problem)) != 0) {
        if (r > 0) {
            c.misaligned = 1;
        }
    }
    if (c.problem != NULL) {
        return json_error_at(error, text, c.scanner.pos, c.problem);
    }
    if (c.scanner.keys != c.keys) {
        if (soma_find_repeated_key(text, length, path, sizeof path, &offset)) {
            size_t line, column;
            soma_text_position(text, offset, &line, &column);
            return soma_fail(error, SOMA_E_FIELD,
                             "%s: the key appears twice in one object (line %zu, column %zu)",
                             path, line, column);
        }
        return soma_fail(error, SOMA_E_FIELD,
                         "a key appears twice in one object (spelled with different escapes)");
    }
    if (c.misaligned || c.next_run != run_count) {
        return soma_fail(error, SOMA_E_JSON, "the numbers in the text do not match the parse");
    }
    return SOMA_OK;
}

/* Appends a run to the list, growing it by doubling. Returns 0 when out of memory. */
static int add_run(soma_document *doc, size_t *capacity, const char *text, size_t open,
                   size_t close, size_t count)
{
    soma_number_run *run;
    if (doc->run_count == *capacity) {
        const size_t grown_capacity = *capacity == 0 ? 64 : 2 * *capacity;
        soma_number_run *grown = realloc(doc->runs, grown_capacity * sizeof *grown);
        if (grown == NULL) {
            return 0;
        }
        doc->runs = grown;
        *capacity = grown_capacity;
    }
    run = &doc->runs[doc->run_count++];
    run->text = text;
    run->open = open;
    run->close = close;
    run->count = count;
    return 1;
}

/*
 * Hands json-c the text in pieces that stop after each array of numbers' '['
 * and resume at its ']', recording the runs in `doc`. Returns json-c's value,
 * with its error and the offset in the whole text where it stopped in *end.
 */
static json_object *parse_around_runs(struct json_tokener *tok, const char *text, size_t length,
                                      soma_document *doc, enum json_tokener_error *jerr,
                                      size_t *end, int *out_of_memory)
{
    json_object *value = NULL;
    size_t scan = 0, fed = 0, capacity = 0;
    for (;;) {
        const size_t open = soma_next_bracket(text, length, scan);
        size_t close = 0, count = 0, upto;
        if (open < length && !soma_run_at(text, length, open, &close, &count)) {
            scan = open + 1;
            continue;
        }
        upto = open < length ? open + 1 : length;
        value = json_tokener_parse_ex(tok, text + fed, (int)(upto - fed));
        *jerr = json_tokener_get_error(tok);
        *end = fed + json_tokener_get_parse_end(tok);
        if (value != NULL || *jerr != json_tokener_continue || open >= length) {
            return value;
        }
        if (!add_run(doc, &capacity, text, open, close, count)) {
            *out_of_memory = 1;
            return NULL;
        }
        fed = scan = close;
    }
}

static soma_status parse_document(const char *text, size_t length, soma_document *doc,
                                  soma_error *error)
{
    struct json_tokener *tok;
    json_object *value;
    enum json_tokener_error jerr = json_tokener_continue;
    const char *problem;
    size_t end = 0, k;
    int out_of_memory = 0;
    soma_status status = SOMA_OK;

    problem = soma_utf8_check(text, length, &end);
    if (problem != NULL) {
        return json_error_at(error, text, end, problem);
    }
    tok = json_tokener_new_ex(JSON_TOKENER_DEFAULT_DEPTH);
    if (tok == NULL) {
        return soma_fail(error, SOMA_E_MEMORY, "out of memory for a JSON parser");
    }
    json_tokener_set_flags(tok, JSON_TOKENER_STRICT | JSON_TOKENER_VALIDATE_UTF8);
    /* json-c 0.16 has no error code for a failed allocation; malloc's ENOMEM tells. */
    errno = 0;
    value = parse_around_runs(tok, text, length, doc, &jerr, &end, &out_of_memory);
    out_of_memory = out_of_memory || errno == ENOMEM;
    json_tokener_free(tok);
    if (out_of_memory) {
        json_object_put(value);
        return soma_fail(error, SOMA_E_MEMORY, "out of memory parsing %zu bytes of JSON", length);
    }
    if (value == NULL && jerr != json_tokener_success) {
        if (jerr == json_tokener_continue) {
            return json_error_at(error, text, length, "unexpected end of the text");
        }
        return json_error_at(error, text, end, json_tokener_error_desc(jerr));
    }
    for (k = end; k < length; k++) {
        if (text[k] != ' ' && text[k] != '\t' && text[k] != '\n' && text[k] != '\r') {
            status = json_error_at(error, text, k, "unexpected text after the JSON value");
            break;
        }
    }
    if (status == SOMA_OK && value == NULL) {
        /* json-c parses the document `null` to NULL, with success. */
        return soma_fail(error, SOMA_E_FORMAT,
                         "document: expected a JSON object (a Soma model), found null");
    }
    if (status == SOMA_OK) {
        status = check_text(text, end, value, doc->runs, doc->run_count, error);
    }
    if (status != SOMA_OK) {
        json_object_put(value);
        return status;
    }
    doc->root = value;
    return SOMA_OK;
}

/* Reads the file at `path` into a heap buffer the caller frees (also on failure). */
static soma_status read_text_file(const char *path, char **out, size_t *out_length,
                                  soma_error *error)
{
    FILE *file;
    char *text = NULL;
    size_t length = 0, capacity = 0;
    soma_status status = SOMA_OK;

    *out = NULL;
    *out_length = 0;
    file = fopen(path, "rb");
    if (file == NULL) {
        return soma_fail(error, errno == ENOMEM ? SOMA_E_MEMORY : SOMA_E_IO,
                         "cannot open the file: %s", strerror(errno));
    }
    for (;;) {
        size_t got;
        if (length == capacity) {
            char *grown;
            if (capacity > SOMA_MAX_FILE_BYTES) {
                break; /* one byte over the limit is enough to refuse the file */
            }
            /* Grow by doubling, to at most one byte over the limit. */
            capacity = capacity == 0 ? 65536 : 2 * capacity;
            if (capacity > (size_t)SOMA_MAX_FILE_BYTES + 1) {
                capacity = (size_t)SOMA_MAX_FILE_BYTES + 1;
            }
            grown = realloc(text, capacity);
            if (grown == NULL) {
                status = soma_fail(error, SOMA_E_MEMORY, "out of memory reading the file (%zu bytes)",
                                   capacity);
                goto done;
            }
            text = grown;
        }
        errno = 0;
        got = fread(text + length, 1, capacity - length, file);
        length += got;
        if (got == 0) {
            break;
        }
    }
    if (ferror(file)) {
        status = soma_fail(error, SOMA_E_IO, "cannot read the file: %s",
                           errno != 0 ? strerror(errno) : "read error");
        goto done;
    }
    if (length == 0) {
        status = soma_fail(error, SOMA_E_JSON, "line 1, column 1: the document is empty");
        goto done;
    }
    if (length > SOMA_MAX_FILE_BYTES) {
        status = soma_fail(error, SOMA_E_IO, "the file is larger than SOMA_MAX_FILE_BYTES (%ld bytes)",
                           (long)SOMA_MAX_FILE_BYTES);
        goto done;
    }

done:
    (void)fclose(file);
    *out = text;
    *out_length = length;
    return status;
}

static void clear_document(soma_document *doc)
{
    doc->root = NULL;
    doc->runs = NULL;
    doc->run_count = 0;
    doc->owned_text = NULL;
}

void soma_document_release(soma_document *doc)
{
    json_object_put(doc->root);
    free(doc->runs);
    free(doc->owned_text);
    clear_document(doc);
}

/* Parses `text` into `doc`; on failure, releases what the document holds. */
static soma_status parse_into(const char *text, size_t length, soma_document *doc,
                              soma_error *error)
{
    const soma_status status = parse_document(text, length, doc, error);
    if (status != SOMA_OK) {
        soma_document_release(doc);
    }
    return status;
}

soma_status soma_document_from_text(const char *text, size_t length, soma_document *doc,
                                    soma_error *error)
{
    clear_document(doc);
    if (length > SOMA_MAX_FILE_BYTES) {
        return soma_fail(error, SOMA_E_ARGUMENT, "length: %zu bytes exceed SOMA_MAX_FILE_BYTES (%ld)",
                         length, (long)SOMA_MAX_FILE_BYTES);
    }
    return parse_into(text, length, doc, error);
}

soma_status soma_document_from_file(const char *path, soma_document *doc, soma_error *error)
{
    char *text = NULL;
    size_t length = 0;
    soma_status status = read_text_file(path, &text, &length, error);
    clear_document(doc);
    doc->owned_text = text; /* the runs point into it */
    if (status != SOMA_OK) {
        soma_document_release(doc);
        return status;
    }
    return parse_into(text, length, doc, error);
}
