/* soma_base64.c — strict base64 checking and random-access decoding. */
#include "soma_base64.h"

/* The 6-bit value of each base64 character; 255 for every other byte. */
static const unsigned char sextets[256] = {
    255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255,
    255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255,
    255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 62,  255, 255, 255, 63,
    52,  53,  54,  55,  56,  57,  58,  59,  60,  61,  255, 255, 255, 255, 255, 255,
    255, 0,   1,   2,   3,   4,   5,   6,   7,   8,   9,   10,  11,  12,  13,  14,
    15,  16,  17,  18,  19,  20,  21,  22,  23,  24,  25,  255, 255, 255, 255, 255,
    255, 26,  27,  28,  29,  30,  31,  32,  33,  34,  35,  36,  37,  38,  39,  40,
    41,  42,  43,  44,  45,  46,  47,  48,  49,  50,  51,  255, 255, 255, 255, 255,
    255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255,
    255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255,
    255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255,
    255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255,
    255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255,
    255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255,
    255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255,
    255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255,
};

/* The 6-bit value of a base64 character, or -1. */
static int sextet(char c)
{
    const unsigned char v = sextets[(unsigned char)c];
    return v == 255 ? -1 : (int)v;
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

void soma_base64_decode_quads(const char *text, size_t quads, unsigned char *out)
{
    size_t q;
    for (q = 0; q < quads; q++) {
        const unsigned char *t = (const unsigned char *)text + 4 * q;
        const unsigned long v = (unsigned long)sextets[t[0]] << 18 | (unsigned long)sextets[t[1]] << 12 |
                                (unsigned long)sextets[t[2]] << 6 | (unsigned long)sextets[t[3]];
        out[3 * q] = (unsigned char)(v >> 16);
        out[3 * q + 1] = (unsigned char)((v >> 8) & 0xffu);
        out[3 * q + 2] = (unsigned char)(v & 0xffu);
    }
}
