/*
 * soma.h — the Soma inference runtime: load a Soma model file (JSON, format
 * version SOMA_FORMAT_VERSION, docs/model-format.md) and run its forward pass.
 *
 * Two libraries, one header. The core (build/libsoma_core.a, CRuntime/core/)
 * holds the model, the forward pass and the statuses: it needs libm and
 * nothing else, no json-c, no allocator, no file system. The loader
 * (build/libsoma.a adds CRuntime/loader/) reads model files with json-c:
 * soma_load_*, soma_verify_* and soma_requirements_*.
 *
 * Ownership and memory. The caller owns every byte. A model is two pieces:
 * the soma_model struct (counts, the layer table and the name; a few hundred
 * bytes, typically `static soma_model m;`) and the parameters it refers to
 * (soma_param_count() binary32 values). A load writes the parameters into
 * storage the caller passes in — a static array, or sized from
 * soma_requirements_*() (req.params floats) on the caller's heap or stack —
 * and points the model at it. The storage must stay alive and unwritten for
 * as long as the model is loaded; soma_unload() or a failed load drops the
 * model's reference to it (a failed load leaves the model unloaded, referring
 * to nothing, whatever it wrote into the storage). Generated C (soma export-c)
 * instead defines a `const soma_model` that refers to `const` parameters in
 * read-only memory, ready with no load and no copy.
 * Loading reads the file into a heap buffer and parses it with json-c, which
 * allocates on the heap too; both are freed before the load returns, and
 * nothing is allocated, kept or freed after that. The forward pass (soma_run,
 * soma_run_batch, soma_run_layers) never touches the heap, writes no global
 * state (on x86-64 it reads which kernel clone to run, chosen once before
 * main: docs/embedding.md, SOMA_ISA) and writes neither to the model nor to
 * its parameters, so one loaded model may be run by any number of threads at
 * once. It uses stack scratch of
 * about 2 * SOMA_MAX_WIDTH floats (soma_run_batch: SOMA_BATCH_TILE times
 * that); soma_run_with_scratch uses the caller's array instead, sized by the
 * model (soma_scratch_floats: 4 floats for a 2-2-1 network). Nothing the
 * runtime returns points into memory it owns, except soma_model_name() and
 * soma_status_string(), whose strings live as long as the model and the
 * program respectively.
 *
 * Errors. Every call that can fail returns a soma_status; SOMA_OK is 0. When
 * the caller passes a soma_error, it receives the status and a message that
 * names the place (a JSON path such as "layers[1].bias[2]") and the figures.
 * There is no global error state.
 *
 * Limits. The layer table, the name and the forward pass's stack scratch are
 * sized at compile time by the SOMA_MAX_* macros below; a model over a limit,
 * or larger than the storage given, is refused with SOMA_E_CAPACITY and a
 * message naming the limit and the model's figure.
 */
#ifndef SOMA_H
#define SOMA_H

#include <stddef.h>
#include <stdint.h>

/*
 * Limits: the one place they are set. The C library, the example, the C tests
 * and SwiftPM's build of the runtime all read them from here. To shrink the
 * runtime for a microcontroller, edit these values (or define them with -D for
 * every translation unit that includes soma.h, and for the Swift build too;
 * units that disagree on them cannot share a soma_model). sizeof(soma_model)
 * is about 40 + 36 * SOMA_MAX_LAYERS + SOMA_MAX_NAME bytes; the parameters
 * live apart, in storage the caller sizes.
 * Code size is chosen apart, by SOMA_SMALL_CODE when the core is compiled
 * (CRuntime/core/soma_kernels.h): 1, the default on microcontrollers, runs
 * dense layers as one fmaf chain per output (a few dozen instructions); 0,
 * the default elsewhere, through register tiles (tens of kilobytes, faster).
 * The same bits either way, and it need not agree across a program.
 */
/* Layers in a model (dense and batch norm each count as one). */
#ifndef SOMA_MAX_LAYERS
#define SOMA_MAX_LAYERS 16
#endif

/* The widest vector anywhere: the inputs, every layer's outputs, and a maxout layer's
   outputs * pieces (its pieces before the maximum). Sets stack scratch. */
#ifndef SOMA_MAX_WIDTH
#define SOMA_MAX_WIDTH 1024
#endif

/* Bytes of the model's name, including the terminating NUL. */
#ifndef SOMA_MAX_NAME
#define SOMA_MAX_NAME 64
#endif

/* Rows soma_run_batch carries through the layers together. */
#ifndef SOMA_BATCH_TILE
#define SOMA_BATCH_TILE 8
#endif

/* Bytes of model text soma_load_file and soma_load_string accept (64 MiB). */
#ifndef SOMA_MAX_FILE_BYTES
#define SOMA_MAX_FILE_BYTES (64L * 1024 * 1024)
#endif


/*
 * SOMA_NONBLOCKING marks the forward pass (soma_run, soma_run_batch,
 * soma_run_layers) as real-time safe for clang's function-effect analysis and
 * its RealtimeSanitizer (-fsanitize=realtime), which then aborts if they ever
 * allocate, lock or make a system call. Empty for other compilers.
 */
#ifndef SOMA_NONBLOCKING
#if defined(__clang__) && defined(__has_attribute)
#if __has_attribute(nonblocking)
#define SOMA_NONBLOCKING __attribute__((nonblocking))
#endif
#endif
#endif
#ifndef SOMA_NONBLOCKING
#define SOMA_NONBLOCKING
#endif

#ifdef __cplusplus
extern "C" {
#endif

/**
 * The `format` string of model files, the `version` this runtime's format
 * document describes, and the oldest version it still reads (version 1 is
 * version 2 without output_scaling, feature_names and label_column; version 2
 * is version 3 without maxout layers).
 */
#define SOMA_FORMAT_NAME "soma-model"
#define SOMA_FORMAT_VERSION 3
#define SOMA_FORMAT_VERSION_OLDEST 1

/** Outcome of a call. Stable values: they appear in logs and tests. */
typedef enum soma_status {
    SOMA_OK = 0,
    SOMA_E_ARGUMENT = 1,   /* a NULL pointer, a wrong count, a non-finite input, or an unloaded model */
    SOMA_E_IO = 2,         /* the file is missing, unreadable, a directory, or too large */
    SOMA_E_JSON = 3,       /* the text is not valid JSON (message gives line and column) */
    SOMA_E_FORMAT = 4,     /* wrong `format` name or unsupported `version` */
    SOMA_E_FIELD = 5,      /* a required member is missing, has the wrong JSON type, or appears twice */
    SOMA_E_VALUE = 6,      /* a value out of range: non-finite, beyond binary32, size < 1, std <= 0, ... */
    SOMA_E_SHAPE = 7,      /* layers do not chain, or an array's length disagrees with the sizes */
    SOMA_E_UNSUPPORTED = 8,/* an unknown layer type or activation name */
    SOMA_E_CAPACITY = 9,   /* the model exceeds a compile-time limit (SOMA_MAX_*) or the storage or scratch given */
    SOMA_E_CHECKSUM = 10,  /* the weights do not match the file's checksum */
    SOMA_E_SELFTEST = 11,  /* the model's self-test vectors disagree with this runtime */
    SOMA_E_MEMORY = 12     /* the heap ran out while loading (reading, parsing, a self-test) */
} soma_status;

/** A short fixed description of a status; never NULL, also for unknown values. */
const char *soma_status_string(soma_status status);

/** Where a call reports what went wrong; pass NULL when only the status matters. */
typedef struct soma_error {
    soma_status status;
    char message[256];
} soma_error;

/** Layer kinds and activations, numbered as the enums in the Swift wrapper expect. */
typedef enum soma_layer_kind {
    SOMA_LAYER_DENSE = 0,
    SOMA_LAYER_BATCHNORM = 1,
    SOMA_LAYER_MAXOUT = 2   /* format 3: the largest of `pieces` dense pieces per output */
} soma_layer_kind;

/*
 * The activations, one row each, the one list C keeps of them: the enum, the
 * names, the loader's lookup and its parameter rules, and the kernels'
 * dispatch are all made from it. X(ID, name, number, parameter):
 *   ID         the enum constant's suffix (SOMA_ACT_ID);
 *   name       as written in model files; the kernel's formula is act_<name>;
 *   number     the enum's value: stable, numbered in row order, append only;
 *   parameter  what the activation object holds besides its name: NONE,
 *              ALPHA or BETA (one number), ALPHAS (one number per output).
 * Adding one: a row here, its act_<name> in CRuntime/core/soma_kernels.c, and
 * the Swift side (Sources/Soma, the parity tests).
 */
#define SOMA_ACTIVATIONS(X)                     \
    X(STEP, step, 0, NONE)                      \
    X(IDENTITY, identity, 1, NONE)              \
    X(SIGMOID, sigmoid, 2, NONE)                \
    X(TANH, tanh, 3, NONE)                      \
    X(RELU, relu, 4, NONE)                      \
    X(LEAKY_RELU, leaky_relu, 5, ALPHA)         \
    X(PRELU, prelu, 6, ALPHAS)                  \
    X(ELU, elu, 7, ALPHA)                       \
    X(SELU, selu, 8, NONE)                      \
    X(SWISH, swish, 9, BETA)                    \
    X(SOFTMAX, softmax, 10, NONE)

#define SOMA_ACTIVATION_ENUM_(ID, name, number, parameter) SOMA_ACT_##ID = number,
typedef enum soma_activation { SOMA_ACTIVATIONS(SOMA_ACTIVATION_ENUM_) } soma_activation;

/* How many rows: valid activations are 0 .. SOMA_ACTIVATION_COUNT - 1. */
#define SOMA_ACTIVATION_ONE_(ID, name, number, parameter) +1
#define SOMA_ACTIVATION_COUNT (0 SOMA_ACTIVATIONS(SOMA_ACTIVATION_ONE_))

/** The activation's name as written in model files ("leaky_relu"); never NULL. */
const char *soma_activation_name(soma_activation activation);

/*
 * The model's layout. Private to the runtime and to generated C: read a
 * model through the accessors below. Only two writers ever set these fields:
 * the loader, and the C that `soma export-c` generates as a `const soma_model`
 * initializer. SOMA_MODEL_LAYOUT_VERSION changes whenever they change, so
 * generated code can refuse a header it was not written for:
 *   #if SOMA_MODEL_LAYOUT_VERSION != 3
 *   #error "generated for soma_model layout 3"
 *   #endif
 *
 * The parameters are binary32 values at `params`, in this order (offsets are
 * in floats from `params`; CRuntime/core/soma_layout.h computes them for the
 * loader and reads them for the forward pass):
 *   the input scaling, if has_scaling: mean at scale_mean (0), std at
 *     scale_std (inputs);
 *   then per layer, in order:
 *     dense:     weights input-major (w[o][i] at weights + i * outputs + o),
 *                then bias at `bias` (weights + inputs * outputs);
 *     batchnorm: mean at `weights`, scale = gamma / sqrtf(variance + epsilon)
 *                at weights + outputs, beta at `bias` (weights + 2 * outputs);
 *     maxout:    a dense layer of rows = outputs * pieces (row r = o * pieces
 *                + p is piece p of output o): weights input-major (w[r][i] at
 *                weights + i * rows + r), bias at `bias` (weights + inputs *
 *                rows, `rows` values); the layer gives `outputs` maxima;
 *     prelu:     one alpha per output at `alpha` (right after the bias/beta);
 *                0 for other activations;
 *   then the output scaling, if has_output_scaling: mean at out_mean (right
 *     after the last layer), std at out_std (out_mean + outputs); applied
 *     after the last layer as y = fmaf(y, std, mean).
 * act_param holds the leaky_relu/elu alpha or the swish beta (else 0).
 * Layout 2 added the output scaling fields at the end of soma_model; a
 * layout-1 initializer that leaves them out (zero) has no output scaling.
 * Layout 3 added `pieces` at the end of soma_layer_desc (maxout only; 0 for
 * the other kinds, which a layout-2 initializer leaves it at).
 */
#define SOMA_MODEL_LAYOUT_VERSION 3

typedef struct soma_layer_desc {
    uint32_t kind;        /* soma_layer_kind */
    uint32_t activation;  /* soma_activation */
    uint32_t inputs;
    uint32_t outputs;
    uint32_t weights;     /* offsets into soma_model.params */
    uint32_t bias;
    uint32_t alpha;       /* prelu: offset of one alpha per output */
    float act_param;      /* leaky_relu/elu alpha, swish beta */
    uint32_t pieces;      /* maxout: pieces per output, >= 2 (layout 3); else 0 */
} soma_layer_desc;

typedef struct soma_model {
    uint32_t loaded;       /* 1 when the model may run; 0 after soma_unload or a failed load */
    uint32_t inputs;
    uint32_t outputs;
    uint32_t layer_count;  /* entries of layers[] in use */
    uint32_t param_count;  /* binary32 values at params */
    uint32_t widest;       /* the inputs, the widest layer output or maxout pieces row, <= SOMA_MAX_WIDTH */
    uint32_t has_scaling;
    uint32_t scale_mean;   /* offsets into params */
    uint32_t scale_std;
    const float *params;   /* the caller's storage, or const data; NULL when unloaded */
    char name[SOMA_MAX_NAME];
    soma_layer_desc layers[SOMA_MAX_LAYERS];
    uint32_t has_output_scaling; /* format 2: outputs in the data's units */
    uint32_t out_mean;           /* offsets into params */
    uint32_t out_std;
} soma_model;

/**
 * Checks that a soma_model built by generated C (or by hand) is one the
 * forward pass can run: loaded, within every SOMA_MAX_* limit, layers that
 * chain, known kinds and activations, every parameter run inside param_count,
 * `widest` exactly what the inputs and layers give, a NUL-terminated name. Reads only; core, no allocation. The loader's models
 * always pass. The message names the field and the figures.
 */
soma_status soma_model_check(const soma_model *model, soma_error *error);

/**
 * Loads the model file at `path` into `model`, replacing what it held, with
 * its parameters in `storage` (room for `storage_floats` binary32 values:
 * soma_requirements_file's req.params, or more). The model then refers to
 * `storage`, which must outlive it. On any failure `model` is left unloaded,
 * referring to nothing (never half-loaded); a model larger than the storage
 * is refused with SOMA_E_CAPACITY and both figures. Messages name the place in
 * the document ("layers[1].bias[2]: ..."), not `path`.
 */
soma_status soma_load_file(soma_model *model, float *storage, size_t storage_floats,
                           const char *path, soma_error *error);

/** Loads a model from `length` bytes of JSON text (need not be NUL-terminated). */
soma_status soma_load_string(soma_model *model, float *storage, size_t storage_floats,
                             const char *json, size_t length, soma_error *error);

/**
 * Marks `model` empty and drops its reference to its parameters; runs on it
 * then fail with SOMA_E_ARGUMENT, and the storage is the caller's to reuse.
 * Never allocates.
 */
void soma_unload(soma_model *model);

/** Input and output vector lengths of a loaded model (0 if not loaded). */
size_t soma_input_count(const soma_model *model);
size_t soma_output_count(const soma_model *model);

/** Number of layers, and their kind, activation and sizes (index < count). */
size_t soma_layer_count(const soma_model *model);
soma_layer_kind soma_layer_kind_at(const soma_model *model, size_t index);
soma_activation soma_layer_activation(const soma_model *model, size_t index);
size_t soma_layer_inputs(const soma_model *model, size_t index);
size_t soma_layer_outputs(const soma_model *model, size_t index);
/** A maxout layer's pieces per output (format 3); 1 for the other kinds and past the count. */
size_t soma_layer_pieces(const soma_model *model, size_t index);

/** The model's `name`; valid while `model` is neither reloaded nor unloaded. */
const char *soma_model_name(const soma_model *model);

/**
 * Parameters the model refers to, and the bytes of storage they take
 * (param_count * 4; the soma_model struct itself is sizeof(soma_model)).
 */
size_t soma_param_count(const soma_model *model);
size_t soma_storage_bytes(const soma_model *model);

/**
 * Runs one input vector: `input` has `input_count` finite values, `output`
 * room for `output_count`; both counts must equal the model's. No allocation;
 * 2 * SOMA_MAX_WIDTH floats of scratch on the stack (soma_run_with_scratch
 * takes the caller's instead).
 */
soma_status soma_run(const soma_model *model, const float *input, size_t input_count,
                     float *output, size_t output_count, soma_error *error) SOMA_NONBLOCKING;

/**
 * Floats of scratch soma_run_with_scratch needs for a model whose widest
 * vector (the inputs, or any layer's outputs) is `widest`: two vectors that
 * the layers pass between them. Generated C defines NAME_SCRATCH_FLOATS with it.
 */
#define SOMA_SCRATCH_FLOATS(widest) (2 * (widest))

/** soma_run_with_scratch's scratch for `model`: SOMA_SCRATCH_FLOATS of its widest vector (0 if not loaded). */
size_t soma_scratch_floats(const soma_model *model);

/**
 * soma_run, the same bits, with its scratch in `scratch` (room for
 * `scratch_floats`: soma_scratch_floats(model) or more) instead of the
 * stack, so a small model needs a few floats of RAM rather than
 * 2 * SOMA_MAX_WIDTH. The scratch must not overlap `input` or `output`, and
 * is the caller's again when the call returns (one per thread running at
 * once). Too little is refused with SOMA_E_CAPACITY and both figures. No
 * allocation.
 */
soma_status soma_run_with_scratch(const soma_model *model, const float *input, size_t input_count,
                                  float *output, size_t output_count, float *scratch,
                                  size_t scratch_floats, soma_error *error) SOMA_NONBLOCKING;

/**
 * Runs `rows` input vectors stored one after another (rows * input_count
 * floats) into rows * output_count floats; each row's result equals
 * soma_run's bit for bit. No allocation.
 */
soma_status soma_run_batch(const soma_model *model, const float *inputs, size_t rows,
                           size_t input_count, float *outputs, size_t output_count,
                           soma_error *error) SOMA_NONBLOCKING;

/**
 * Runs one input and stores every layer's output, layer after layer, in
 * `layer_outputs` (room for `capacity` floats: the sum of all layers' outputs).
 * For debugging and self-tests. No allocation.
 */
soma_status soma_run_layers(const soma_model *model, const float *input, size_t input_count,
                            float *layer_outputs, size_t capacity,
                            soma_error *error) SOMA_NONBLOCKING;

/**
 * Units in the last place between two binary32 values: 0 when their bits are
 * equal (and for +0 against -0), UINT32_MAX when either is NaN; saturates.
 * Part of the core; soma_verify_* compare self-tests with it.
 */
uint32_t soma_ulp_distance(float a, float b);

/** What a model file needs, measured before loading it (soma_requirements_file). */
typedef struct soma_requirements {
    size_t inputs;       /* input vector length */
    size_t outputs;      /* output vector length */
    size_t layers;       /* layers in the model */
    size_t widest;       /* the widest vector: the inputs, any layer's outputs, maxout's outputs * pieces */
    size_t params;       /* floats the storage must hold: storage_floats for a load */
    size_t bytes;        /* params * 4, the storage's bytes (soma_storage_bytes after load) */
    int fits;            /* 1 if the model is within every SOMA_MAX_* limit of this build */
    const char *exceeds; /* "" if it fits, else the first limit it exceeds ("SOMA_MAX_WIDTH") */
} soma_requirements;

/**
 * Measures the model file at `path` without loading it: checks its JSON, its
 * structure and its sizes (not its values, so a load may still refuse one) and
 * fills `req`, also when the model exceeds a limit (then req->fits is 0 and
 * the status SOMA_OK). Allocates while it parses, like a load; frees it all.
 */
soma_status soma_requirements_file(const char *path, soma_requirements *req, soma_error *error);

/** soma_requirements_file on `length` bytes of JSON text. */
soma_status soma_requirements_string(const char *json, size_t length, soma_requirements *req,
                                     soma_error *error);

/** soma_verify_report.layer for a divergence in self_test.outputs rather than a layer. */
#define SOMA_VERIFY_OUTPUT (-1L)

/** What a verification found: the counts, and the first value that differed. */
typedef struct soma_verify_report {
    size_t vectors;       /* self-test vectors checked; 0 if the model has none */
    size_t layers;        /* layers compared per vector (0 without layer_outputs) */
    size_t values;        /* values compared in all */
    int passed;           /* 1 if every value agreed bit for bit (also with no vectors) */
    uint32_t max_ulps;    /* the largest ULP distance seen over all values */
    /* The first divergence, when passed is 0: */
    size_t vector;        /* index into self_test.inputs */
    long layer;           /* layer index, or SOMA_VERIFY_OUTPUT for self_test.outputs */
    size_t element;       /* index in that vector */
    float expected;       /* the file's value */
    float got;            /* this runtime's value */
    uint32_t ulps;        /* distance in units in the last place (saturates) */
    double difference;    /* |got - expected| */
    char message[256];    /* "self-test passed (4 vectors, 2 layers)", the divergence, or
                             "no self-test vectors" */
} soma_verify_report;

/**
 * Loads the model file at `path` into `model` (parameters in `storage`, as
 * soma_load_file) and checks it against its own `self_test` vectors:
 * recomputes every layer output (soma_run_layers) and compares bits
 * (soma_ulp_distance). SOMA_OK if all agree or there are none
 * (report->vectors 0); SOMA_E_SELFTEST at a divergence, with the model left
 * loaded so the caller may still decide (report->max_ulps against the
 * format's parity bound). Any other failure, a malformed self_test included,
 * leaves the model unloaded. Allocates while loading, like soma_load_file,
 * and frees it all.
 */
soma_status soma_verify_file(soma_model *model, float *storage, size_t storage_floats,
                             const char *path, soma_verify_report *report, soma_error *error);

/** soma_verify_file on `length` bytes of JSON text. */
soma_status soma_verify_string(soma_model *model, float *storage, size_t storage_floats,
                               const char *json, size_t length, soma_verify_report *report,
                               soma_error *error);

#ifdef __cplusplus
}
#endif

#endif /* SOMA_H */
