#include "core/messages.h"

#include <string_view>
#include <unordered_map>
#include <utility>

namespace xiaoan {
namespace {

struct Texts {
  const char* zh;
  const char* en;
};

const std::unordered_map<std::string_view, Texts>& catalogue() {
  static const std::unordered_map<std::string_view, Texts> k = {
      {"internal", {"服务器内部错误，请稍后重试", "Internal server error, please retry later"}},
      {"not_found", {"未找到{what}", "{what} not found"}},
      {"route_not_found", {"接口不存在", "No such endpoint"}},
      {"method_not_allowed", {"该接口不支持此请求方法", "Method not allowed for this endpoint"}},
      {"forbidden", {"无权访问该资源", "You are not allowed to access this resource"}},
      {"out_of_scope", {"该对象不在您的管辖范围内", "This object is outside your scope"}},
      {"unauthenticated", {"请先登录", "Please sign in"}},
      {"session_expired", {"登录已过期，请重新登录", "Your session has expired, please sign in again"}},
      {"bad_credentials", {"用户名或密码错误", "Wrong username or password"}},
      {"locked",
       {"连续登录失败次数过多，账号已锁定，请在{until}后重试",
        "Too many failed sign-ins; the account is locked until {until}"}},
      {"account_disabled", {"账号已停用", "The account is disabled"}},
      {"csrf", {"缺少或错误的 CSRF 令牌", "Missing or wrong CSRF token"}},
      {"password_change_required",
       {"首次登录或密码被重置，请先修改密码", "Please change your password first"}},
      {"rate_limited", {"请求过于频繁，请稍后再试", "Too many requests, please slow down"}},
      {"too_large",
       {"请求体过大（上限 {limit} 字节）", "Request body too large (limit {limit} bytes)"}},
      {"timeout", {"请求超时", "Request timed out"}},
      {"json_malformed",
       {"请求体不是有效的 JSON：第 {line} 行第 {column} 列附近，{detail}",
        "Malformed JSON at line {line}, column {column}: {detail}"}},
      {"json_not_object", {"请求体必须是 JSON 对象", "The request body must be a JSON object"}},
      {"required", {"{label}为必填项", "{label} is required"}},
      {"must_be_string", {"{label}必须是文本", "{label} must be a string"}},
      {"must_be_integer", {"{label}必须是整数", "{label} must be an integer"}},
      {"must_be_boolean", {"{label}必须是布尔值", "{label} must be true or false"}},
      {"must_be_array", {"{label}必须是数组", "{label} must be an array"}},
      {"must_be_object", {"{label}必须是对象", "{label} must be an object"}},
      {"must_be_id", {"{label}不是有效的编号", "{label} is not a valid id"}},
      {"too_long", {"{label}不能超过 {max} 个字符", "{label} must be at most {max} characters"}},
      {"too_short", {"{label}至少需要 {min} 个字符", "{label} must be at least {min} characters"}},
      {"out_of_range",
       {"{label}超出范围（{min}–{max}）", "{label} is out of range ({min}–{max})"}},
      {"invalid_value", {"{label}的取值无效：{value}", "{label} has an invalid value: {value}"}},
      {"invalid_date", {"{label}不是有效日期（YYYY-MM-DD）", "{label} is not a valid date (YYYY-MM-DD)"}},
      {"invalid_time",
       {"{label}不是有效时间（ISO 8601）", "{label} is not a valid time (ISO 8601)"}},
      {"date_order", {"{label}不能早于{other}", "{label} must not be before {other}"}},
      {"password_weak",
       {"新密码至少 8 位，且须同时包含字母和数字",
        "The new password needs at least 8 characters with letters and digits"}},
      {"password_same", {"新密码不能与旧密码相同", "The new password must differ from the old one"}},
      {"password_wrong", {"原密码不正确", "The current password is wrong"}},
      {"username_format",
       {"用户名只能包含字母、数字、下划线、点和横线（3–64 位）",
        "Username: 3–64 letters, digits, underscore, dot or dash"}},
      {"username_taken", {"用户名 {value} 已被使用", "Username {value} is already taken"}},
      {"phone_format", {"手机号格式不正确", "Not a valid mobile phone number"}},
      {"org_kind_invalid",
       {"不能在{parent}下创建{kind}", "A {kind} cannot be placed under a {parent}"}},
      {"org_code_taken", {"代码 {value} 已被使用", "Code {value} is already in use"}},
      {"org_code_format",
       {"行政区划代码须为 6 位数字（GB/T 2260）", "Region codes are 6 digits (GB/T 2260)"}},
      {"org_cycle", {"不能把节点移动到它自己的下级", "A node cannot move under its own subtree"}},
      {"org_root", {"根节点不能移动", "The root node cannot be moved"}},
      {"role_invalid", {"未知角色：{value}", "Unknown role: {value}"}},
      {"role_org_kind",
       {"角色“{role}”不能授予在{kind}节点上", "Role {role} cannot be granted on a {kind}"}},
      {"role_not_grantable",
       {"您无权授予角色“{role}”", "You may not grant the role {role}"}},
      {"grant_last",
       {"不能删除账号的最后一个授权", "A user must keep at least one grant"}},
      {"self_disable", {"不能停用自己的账号", "You cannot disable your own account"}},
      {"idempotency_mismatch",
       {"该幂等键已用于另一个请求", "This Idempotency-Key was used for a different request"}},
      {"idempotency_key_format",
       {"Idempotency-Key 须为 1–128 个可见字符", "Idempotency-Key must be 1–128 visible characters"}},
      {"conflict_retry",
       {"数据已被同时修改或重复，请刷新后重试", "Conflicting concurrent change, please reload and retry"}},
      {"token_limit", {"令牌数量已达上限", "Too many API tokens"}},
  };
  return k;
}

const std::unordered_map<std::string_view, Texts>& labels() {
  static const std::unordered_map<std::string_view, Texts> k = {
      {"username", {"用户名", "Username"}},
      {"password", {"密码", "Password"}},
      {"old_password", {"原密码", "Current password"}},
      {"new_password", {"新密码", "New password"}},
      {"display_name", {"姓名", "Name"}},
      {"phone", {"手机号", "Phone"}},
      {"name", {"名称", "Name"}},
      {"code", {"代码", "Code"}},
      {"kind", {"类型", "Kind"}},
      {"parent_id", {"上级节点", "Parent node"}},
      {"org_id", {"组织节点", "Org node"}},
      {"role", {"角色", "Role"}},
      {"grants", {"授权", "Grants"}},
      {"disabled", {"停用", "Disabled"}},
      {"from", {"开始时间", "From"}},
      {"to", {"结束时间", "To"}},
      {"limit", {"条数", "Limit"}},
      {"offset", {"偏移", "Offset"}},
      {"before", {"游标", "Cursor"}},
  };
  return k;
}

std::string interpolate(std::string_view tpl, const std::map<std::string, std::string>& params) {
  std::string out;
  out.reserve(tpl.size() + 32);
  for (size_t i = 0; i < tpl.size(); ++i) {
    if (tpl[i] == '{') {
      auto end = tpl.find('}', i);
      if (end != std::string_view::npos) {
        std::string name(tpl.substr(i + 1, end - i - 1));
        auto it = params.find(name);
        if (it != params.end()) {
          out += it->second;
          i = end;
          continue;
        }
      }
    }
    out += tpl[i];
  }
  return out;
}

}  // namespace

Lang parse_accept_language(std::string_view header) {
  // The first language tag wins; anything starting with "en" is English, everything else zh-CN.
  while (!header.empty() && (header.front() == ' ' || header.front() == '\t')) header.remove_prefix(1);
  if (header.size() >= 2 && (header[0] == 'e' || header[0] == 'E') &&
      (header[1] == 'n' || header[1] == 'N'))
    return Lang::kEn;
  return Lang::kZh;
}

std::string field_label(std::string_view field, Lang lang) {
  auto it = labels().find(field);
  if (it == labels().end()) return std::string(field);
  return lang == Lang::kZh ? it->second.zh : it->second.en;
}

std::string localize(const Error& error, Lang lang) {
  auto it = catalogue().find(error.message_key);
  if (it == catalogue().end()) return error.message_key;
  auto params = error.params;
  if (!params.count("label")) params["label"] = field_label(error.field, lang);
  return interpolate(lang == Lang::kZh ? it->second.zh : it->second.en, params);
}

int http_status(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalid: return 400;
    case ErrorCode::kUnauthenticated:
    case ErrorCode::kBadCredentials: return 401;
    case ErrorCode::kForbidden:
    case ErrorCode::kCsrf:
    case ErrorCode::kPasswordChangeRequired: return 403;
    case ErrorCode::kNotFound: return 404;
    case ErrorCode::kConflict: return 409;
    case ErrorCode::kTooLarge: return 413;
    case ErrorCode::kRuleViolation: return 422;
    case ErrorCode::kLocked: return 423;
    case ErrorCode::kRateLimited: return 429;
    case ErrorCode::kInternal: return 500;
  }
  return 500;
}

std::string_view code_name(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalid: return "invalid";
    case ErrorCode::kUnauthenticated: return "unauthenticated";
    case ErrorCode::kBadCredentials: return "bad_credentials";
    case ErrorCode::kForbidden: return "forbidden";
    case ErrorCode::kCsrf: return "csrf";
    case ErrorCode::kPasswordChangeRequired: return "password_change_required";
    case ErrorCode::kNotFound: return "not_found";
    case ErrorCode::kConflict: return "conflict";
    case ErrorCode::kTooLarge: return "too_large";
    case ErrorCode::kRuleViolation: return "rule_violation";
    case ErrorCode::kLocked: return "locked";
    case ErrorCode::kRateLimited: return "rate_limited";
    case ErrorCode::kInternal: return "internal";
  }
  return "internal";
}

}  // namespace xiaoan
