/* Lets SwiftPM see json-c as a module; only the C runtime's loader uses it. */
#include <json-c/json.h>
