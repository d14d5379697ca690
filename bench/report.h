// The figures of a run: the summary line, its text form, and docs/benchmarks.md.
#pragma once

#include <string>

#include "core/json_input.h"

namespace xiaoan::bench {

// The one-line summary of a run result (the keys the issue asks for and a few more).
Json summary(const Json& result);
// The figures as a few lines of text, with the targets beside them.
std::string format_summary(const Json& result);
// Rewrites the generated part of `doc` (between the bench markers) from every
// results/*.json: the latest run of each engine, scale and label.
int write_report(const std::string& results_dir, const std::string& doc);

}  // namespace xiaoan::bench
