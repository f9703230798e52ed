/*
 * soma_document.c — model text to a json-c document: reads the file, parses
 * it, and checks the text for what json-c lets through (soma_scan.c).
 */
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
    size_t keys;         /* members in json-c's tree */
    const char *problem; /* set when the scanner refused the text */
    int misaligned;      /* the tree's numbers and the text's disagree */
} text_check;

/*
 * Walks json-c's tree in document order (objects keep insertion order) with
 * the scanner alongside: counts members and gives every integer its original
 * text where json-c's differs ("-0", integers beyond 64 bits).
 */
static void walk_tree(text_check *c, json_object *value)
{
    const char *token;
    size_t length, k, n;
    int r;
    if (c->problem != NULL || c->misaligned) {
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
                    c->misaligned = 1;
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
                              soma_error *error)
{
    text_check c;
    const char *token;
    size_t token_length, offset;
    char path[PATH_SIZE];
    int r;

    soma_scanner_init(&c.scanner, text, length);
    c.keys = 0;
    c.problem = NULL;
    c.misaligned = 0;
    walk_tree(&c, root);
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
    if (c.misaligned) {
        return soma_fail(error, SOMA_E_JSON, "the numbers in the text do not match the parse");
    }
    return SOMA_OK;
}

static soma_status parse_document(const char *text, size_t length, json_object **root,
                                  soma_error *error)
{
    struct json_tokener *tok;
    json_object *value;
    enum json_tokener_error jerr;
    const char *problem;
    size_t end, k;
    soma_status status = SOMA_OK;

    *root = NULL;
    problem = soma_utf8_check(text, length, &end);
    if (problem != NULL) {
        return json_error_at(error, text, end, problem);
    }
    tok = json_tokener_new_ex(JSON_TOKENER_DEFAULT_DEPTH);
    if (tok == NULL) {
        return soma_fail(error, SOMA_E_JSON, "cannot allocate a JSON parser");
    }
    json_tokener_set_flags(tok, JSON_TOKENER_STRICT | JSON_TOKENER_VALIDATE_UTF8);
    value = json_tokener_parse_ex(tok, text, (int)length);
    jerr = json_tokener_get_error(tok);
    end = json_tokener_get_parse_end(tok);
    json_tokener_free(tok);
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
        status = check_text(text, end, value, error);
    }
    if (status != SOMA_OK) {
        json_object_put(value);
        return status;
    }
    *root = value;
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
        return soma_fail(error, SOMA_E_IO, "cannot open the file: %s", strerror(errno));
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
                status = soma_fail(error, SOMA_E_IO, "out of memory reading the file (%zu bytes)",
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
        status = soma_fail(error, SOMA_E_IO, "the file is empty");
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

soma_status soma_document_from_text(const char *text, size_t length, json_object **root,
                                   soma_error *error)
{
    *root = NULL;
    if (length > SOMA_MAX_FILE_BYTES) {
        return soma_fail(error, SOMA_E_ARGUMENT, "length: %zu bytes exceed SOMA_MAX_FILE_BYTES (%ld)",
                         length, (long)SOMA_MAX_FILE_BYTES);
    }
    return parse_document(text, length, root, error);
}

soma_status soma_document_from_file(const char *path, json_object **root, soma_error *error)
{
    char *text = NULL;
    size_t length = 0;
    soma_status status = read_text_file(path, &text, &length, error);
    *root = NULL;
    if (status == SOMA_OK) {
        status = parse_document(text, length, root, error);
    }
    free(text);
    return status;
}
