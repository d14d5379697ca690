// Helpers shared by the daily loop's service files, private to the module (src/modules.txt); the
// ones the modules above daily use too are in helpers.h.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "daily/helpers.h"

namespace xiaoan::daily {

// Body fields shared by several forms: a temperature (checked against the accepted range) and a
// list of symptom codes; errors name the field.
Result<std::optional<double>> temperature_of(const Json& body, bool required);
Result<std::vector<std::string>> symptoms_of(const Json& body);

Json opt_num(std::optional<double> v);
std::optional<double> opt_double(const store::Row& r, size_t i);

}  // namespace xiaoan::daily
