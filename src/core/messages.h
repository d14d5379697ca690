// Localised error messages: a catalogue of keys with zh-CN and English templates.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "core/result.h"

namespace xiaoan {

enum class Lang { kZh, kEn };

// Picks the language from an Accept-Language header value (zh-CN is the default).
Lang parse_accept_language(std::string_view header);

// The localised message for an error, its {params} interpolated. Unknown keys fall back to the key.
std::string localize(const Error& error, Lang lang);

// Localised display name of a field ("password" → "密码"); the field itself when unknown.
std::string field_label(std::string_view field, Lang lang);

// A user-visible text that is not an error (a notification, a group-robot message, a note the
// server writes): the catalogue's template for `key` in `lang`, its {params} interpolated; the
// key itself when unknown. Notifications are written in zh-CN (the default): users keep no
// language of their own yet.
std::string ui_text(std::string_view key, const std::map<std::string, std::string>& params = {},
                    Lang lang = Lang::kZh);
bool has_ui_text(std::string_view key);

int http_status(ErrorCode code);
std::string_view code_name(ErrorCode code);

}  // namespace xiaoan
