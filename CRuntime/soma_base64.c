/* soma_base64.c — strict base64 checking and random-access decoding. */
#include "soma_base64.h"

/* The 6-bit value of a base64 character, or -1. */
static int sextet(char c)
{
    if (c >= 'A' && c <= 'Z') {
        return c - 'A';
    }
    if (c >= 'a' && c <= 'z') {
        return c - 'a' + 26;
    }
    if (c >= '0' && c <= '9') {
        return c - '0' + 52;
    }
    if (c == '+') {
        return 62;
    }
    if (c == '/') {
        return 63;
    }
    return -1;
}

const char *soma_base64_check(const char *text, size_t length, size_t *bytes, size_t *where)
{
    size_t k, padding = 0;
    *bytes = 0;
    *where = 0;
    if (length % 4 != 0) {
        *where = length;
        return "length is not a multiple of 4";
    }
    if (length >= 4 && text[length - 1] == '=') {
        padding = text[length - 2] == '=' ? 2 : 1;
    }
    for (k = 0; k < length - padding; k++) {
        if (sextet(text[k]) < 0) {
            *where = k;
            return text[k] == '=' ? "'=' before the end" : "a character outside the base64 alphabet";
        }
    }
    /* The last data character's unused low bits must be zero (canonical form). */
    if (padding == 1 && (sextet(text[length - 2]) & 0x3) != 0) {
        *where = length - 2;
        return "non-zero bits before the padding";
    }
    if (padding == 2 && (sextet(text[length - 3]) & 0xf) != 0) {
        *where = length - 3;
        return "non-zero bits before the padding";
    }
    *bytes = length / 4 * 3 - padding;
    return NULL;
}

unsigned char soma_base64_byte(const char *text, size_t index)
{
    /* Byte j (0..2) of a quad takes the low bits of char j and the high bits of char j+1. */
    const size_t quad = index / 3 * 4;
    const unsigned j = (unsigned)(index % 3);
    const unsigned hi = (unsigned)sextet(text[quad + j]);
    const unsigned lo = (unsigned)sextet(text[quad + j + 1]);
    return (unsigned char)(((hi << (2 + 2 * j)) | (lo >> (4 - 2 * j))) & 0xffu);
}
