// Pure rules of the people registry: vocabularies, normalisation of what people type into
// rosters, and enrolment status transitions.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace xiaoan::people {

const std::vector<std::string>& special_tags();  // left_behind, poor, disabled, single_parent, medical_family
const std::vector<std::string>& staff_roles();   // teacher, head_teacher, doctor, guard, canteen, …
bool valid_status(std::string_view kind, std::string_view status);

// "男", "女", "M", "F", "male", "female" → "M" / "F".
std::optional<std::string> parse_gender(std::string_view s);
// "2015-03-04", "2015/3/4", "20150304", "2015.3.4", or an Excel date serial (e.g. "42067").
std::optional<std::string> parse_date(std::string_view s);
// Grade names as schools write them: "一年级", "1年级", "初一", "七年级", "高三", "小班", "7" → level.
std::optional<int> parse_grade(std::string_view s);
// Class names: "1班", "(1)班", "（2）班", "3", "三年级2班", "二班" → number.
std::optional<int> parse_class_number(std::string_view s);
// "是/否", "住校/走读", "Y/N", "true/false", "1/0" → bool.
std::optional<bool> parse_yes_no(std::string_view s);
// Special-group tags from "留守儿童、困难家庭" or "left_behind,poor" → canonical tags.
Result<std::vector<std::string>> parse_tags(std::string_view s);
bool valid_mobile(std::string_view phone);
std::string join_tags(const std::vector<std::string>& tags);
std::vector<std::string> split_tags(std::string_view stored);

}  // namespace xiaoan::people
