// header_test.cpp — include/soma.h from C++11 (-Wall -Wextra -Wpedantic): the
// extern "C" guards, the macros and the structs compile, and the C library
// links and runs: load a model, run it, check requirements and self-test.
//
//   build/header_test MODEL.json   (make test-cpp: the XOR fixture)
#include <cstdio>
#include <cstring>
#include <vector>

#include "soma.h"

static soma_model model; // a few hundred bytes; the parameters live in `storage` below

int main(int argc, char **argv)
{
    if (argc != 2) {
        std::fprintf(stderr, "usage: header_test MODEL.json\n");
        return 2;
    }
    soma_error error;
    soma_requirements req;
    if (soma_requirements_file(argv[1], &req, &error) != SOMA_OK || !req.fits) {
        std::fprintf(stderr, "requirements: %s\n", error.message);
        return 1;
    }
    // Storage sized from the requirements, owned by a C++ container.
    std::vector<float> storage(req.params);
    soma_verify_report report;
    if (soma_verify_file(&model, storage.data(), storage.size(), argv[1], &report, &error) !=
        SOMA_OK) {
        std::fprintf(stderr, "load: %s\n", error.message);
        return 1;
    }
    const float inputs[4][2] = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
    const float xor_truth[4] = {0, 1, 1, 0};
    int failures = 0;
    for (int k = 0; k < 4; k++) {
        float y = -1.0f;
        if (soma_run(&model, inputs[k], soma_input_count(&model), &y, soma_output_count(&model),
                     &error) != SOMA_OK) {
            std::fprintf(stderr, "run: %s\n", error.message);
            return 1;
        }
        failures += y != xor_truth[k];
    }
    failures += req.params != soma_param_count(&model);
    failures += soma_storage_bytes(&model) != storage.size() * sizeof(float);
    failures += std::strcmp(soma_status_string(SOMA_E_SELFTEST), "self-test mismatch") != 0;
    std::printf("C++11: %s (%zu params, %s): %s\n", soma_model_name(&model), req.params,
                report.message, failures == 0 ? "ok" : "FAILED");
    return failures == 0 ? 0 : 1;
}
