/* soma_base64.h — private to CRuntime/: strict RFC 4648 §4 base64 for packed arrays. */
#ifndef SOMA_BASE64_H
#define SOMA_BASE64_H

#include <stddef.h>

/*
 * Checks that the `length` characters at `text` are canonical base64 (length a
 * multiple of 4, alphabet A-Z a-z 0-9 + /, at most two '=' only at the end,
 * unused bits zero). Returns NULL and sets *bytes to the decoded length, or
 * returns what is wrong and sets *where to the offending character's index.
 */
const char *soma_base64_check(const char *text, size_t length, size_t *bytes, size_t *where);

/* Byte `index` of the decoded data of text that soma_base64_check accepted. */
unsigned char soma_base64_byte(const char *text, size_t index);

/*
 * Decodes `quads` groups of 4 characters (no padding among them) of text that
 * soma_base64_check accepted into 3 * quads bytes at `out`.
 */
void soma_base64_decode_quads(const char *text, size_t quads, unsigned char *out);

#endif /* SOMA_BASE64_H */
