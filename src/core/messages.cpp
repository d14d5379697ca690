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
      {"idempotency_secret_replay",
       {"该操作已完成。它的结果含有只显示一次的机密信息（身份证号、令牌或家长链接），不会重放；如需再次查看，请重新操作",
        "This request was already done. Its answer held a secret that is shown only once (an ID "
        "number, a token or a family link) and is not replayed; repeat the action to see it again"}},
      {"bad_request", {"请求格式错误", "Malformed HTTP request"}},
      {"uri_too_long", {"请求地址过长", "The request URL is too long"}},
      {"control_character",
       {"{label}含有不允许的控制字符（如换行、制表符或空字符）",
        "{label} contains a control character (line break, tab or NUL) that is not allowed"}},
      {"utf8_invalid", {"{label}不是有效的 UTF-8 文本", "{label} is not valid UTF-8 text"}},
      {"number_out_of_range", {"{label}的数值超出范围", "{label} is a number out of range"}},
      {"headers_too_large", {"请求头过大", "The request headers are too large"}},
      {"bad_transfer_encoding",
       {"不支持的 Transfer-Encoding（仅支持 chunked，且不能与 Content-Length 同时出现）",
        "Unsupported Transfer-Encoding (only chunked, and not together with Content-Length)"}},
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
      {"must_be_number", {"{label}必须是数字", "{label} must be a number"}},
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
       {"密码至少 8 位，须同时包含字母和数字，不能是常见密码（如 password1、admin123、演示密码）或包含用户名",
        "The password needs at least 8 characters with letters and digits, and must not be a common "
        "password (such as password1, admin123 or the demo password) or contain the username"}},
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
      // org: schools, grades, classes, calendars
      {"org_kind_use_school",
       {"年级和班级请在学校页面中添加", "Grades and classes are added on the school's page"}},
      {"region_unknown",
       {"{value} 不是 GB/T 2260 中的行政区划代码", "{value} is not a GB/T 2260 region code"}},
      {"grade_not_in_school",
       {"该学校没有“{value}”这一年级", "This school has no grade “{value}”"}},
      {"grade_exists", {"{value}已存在", "{value} already exists"}},
      {"class_exists", {"该年级已有 {value} 班", "Class {value} already exists in this grade"}},
      {"not_school_staff",
       {"班主任须是本校教职工账号", "The head teacher must be a staff account of this school"}},
      {"day_outside_term",
       {"{value} 不在学期起止日期之内", "{value} is outside the term dates"}},
      {"duplicate_day", {"日期 {value} 重复", "The date {value} appears twice"}},
      {"range_too_long", {"日期范围不能超过一年", "The date range may not exceed one year"}},
      // people: registry
      {"id_birth_mismatch",
       {"出生日期与身份证号不符（身份证为 {value}）",
        "The birth date does not match the ID number ({value})"}},
      {"id_gender_mismatch", {"性别与身份证号不符", "The gender does not match the ID number"}},
      {"id_number_taken",
       {"该证件号码已登记（{value}）", "This ID number is already registered ({value})"}},
      {"id_number_registered",
       {"该证件号码已登记，请核对后再填写", "This ID number is already registered; please check it"}},
      {"id_conflicts_rate_limited",
       {"一小时内证件号码重复次数过多（最多 {max} 次），本次请求未处理，请稍后再试",
        "Too many already-registered ID numbers within an hour (at most {max}); nothing was done, "
        "please try again later"}},
      {"date_in_future", {"{label}不能晚于今天", "{label} cannot be in the future"}},
      {"student_no_or_id",
       {"学号和身份证号至少填写一项", "Give a student number or an ID number"}},
      {"student_no_taken",
       {"学号 {value} 在本校已被使用", "Student number {value} is already used in this school"}},
      {"too_many", {"{label}最多 {max} 个", "At most {max} {label}"}},
      {"guardian_name_required", {"监护人姓名为必填项", "Each guardian needs a name"}},
      {"guardian_phone",
       {"监护人电话 {value} 不是有效的手机号", "Guardian phone {value} is not a mobile number"}},
      {"kind_immutable", {"不能更改人员类别", "The kind of a person cannot change"}},
      {"use_transfer", {"更换学校请使用转学", "Use a transfer to change school"}},
      {"transfer_to_class", {"学生只能转入班级", "Students transfer into a class"}},
      {"transfer_to_school", {"教职工只能调入学校", "Staff transfer to a school"}},
      {"transfer_same", {"已在该班级或学校", "Already there"}},
      {"import_column_missing",
       {"文件缺少必需的列：{column}", "The file lacks a required column: {column}"}},
      {"import_duplicate",
       {"与文件中前面的行重复：{value}", "Repeats an earlier row of the file: {value}"}},
      {"family_link_invalid",
       {"该链接无效或已被学校收回，请联系班主任获取新的告知书",
        "This link is not valid or was revoked; ask the head teacher for a new letter"}},
      // The daily health loop and policy.
      {"temperature_range",
       {"{label}超出可接受范围（{min}–{max} ℃），请复测后重新填写",
        "{label} is outside the accepted range ({min}–{max} °C); measure again"}},
      {"symptom_unknown", {"{label}不是可选症状：{value}", "{label} is not a known symptom: {value}"}},
      {"code_color_invalid", {"健康码颜色只能是绿码、黄码或红码", "The health code colour must be green, yellow or red"}},
      {"absence_reason_invalid",
       {"缺勤原因只能是病假、事假或其他", "The absence reason must be sick, personal or other"}},
      {"duplicate", {"{label}重复：{value}", "{label} is repeated: {value}"}},
      {"abnormal_needs_reading",
       {"标记异常时请填写体温或至少一个症状", "An abnormal mark needs a temperature or a symptom"}},
      {"home_report_undecided",
       {"{name}的家长今早报告了发热或症状：请查看后标记（异常、缺勤，或确认正常）",
        "{name}'s family reported a fever or symptom this morning: look at the pupil and mark abnormal, absent or confirmed normal"}},
      {"normal_with_fever",
       {"体温已达发热标准，不能确认为正常，请标记异常", "A fever reading cannot be confirmed normal; mark the pupil abnormal"}},
      {"normal_with_symptoms",
       {"有症状时不能确认为正常，请标记异常", "A pupil with symptoms cannot be confirmed normal; mark abnormal"}},
      {"follow_up_not_future",
       {"{label}须晚于当前时间", "{label} must be later than now"}},
      {"policy_type", {"{label}的取值类型不正确（应为 {type}）", "{label} has the wrong type (expected {type})"}},
      {"policy_unknown_key", {"未知的策略项：{key}", "Unknown policy key: {key}"}},
      {"policy_range", {"{label}应在 {min} 到 {max} 之间", "{label} must be between {min} and {max}"}},
      {"policy_loosens",
       {"{label}不能比上级的规定（{parent}）更宽松", "{label} cannot be looser than the parent's value ({parent})"}},
      {"report_wrong_day", {"只能填报今天（{today}）的健康打卡", "Only today's report ({today}) can be sent"}},
      {"report_window_not_open",
       {"今日健康打卡 {opens} 开始，请稍后再填", "Today's report opens at {opens}"}},
      {"report_window_closed",
       {"打卡时段已于 {end} 结束，今天的记录不能再修改；如有变化请联系班主任",
        "The report window closed at {end}; today's report can no longer be changed — tell the head teacher"}},
      {"observation_step_not_allowed",
       {"当前阶段（{stage}）不能进行该操作（{step}）", "Step {step} is not allowed in stage {stage}"}},
      {"temperature_source_not_allowed",
       {"本校政策未允许以红外测温门读数登记体温，请用手持体温计测量",
        "The policy does not allow infrared-gate readings here; measure with a handheld thermometer"}},
      {"return_code_not_green",
       {"健康码仍非绿码，暂不能核验返校", "The health code is not green yet; the return cannot be verified"}},
      {"certificate_required",
       {"返校须提供医疗机构出具的证明", "Returning needs a medical certificate"}},
      {"fever_free_period",
       {"退热未满 {hours} 小时，最早 {until}（北京时间）后可返校", "Fewer than {hours} hours without fever; return possible after {until}"}},
      {"no_staff_record",
       {"此账号未关联教职工档案，请联系学校管理员", "This account is not linked to a staff record; ask the school admin"}},
      {"check_not_today", {"只能登记今天的晨午检", "Only today's check can be recorded"}},
      {"evening_check_boarders_only",
       {"晚检只适用于寄宿制学校", "Evening checks are for boarding schools only"}},
      {"not_in_class", {"{label}不是本班在读学生", "{label} is not an enrolled pupil of this class"}},
      {"not_staff_of_school", {"{label}不是本校教职工", "{label} is not a staff member of this school"}},
      {"not_of_school", {"{label}不属于本校", "{label} does not belong to this school"}},
      {"observation_open", {"此人已在观察/隔离流程中", "This person already has an open observation"}},
      {"pass_code_invalid", {"无法识别的通行码", "Unrecognised pass code"}},
      {"pass_other_school", {"此人不是本校师生", "This person does not belong to this school"}},
      {"phone_invalid", {"{label}格式不正确", "{label} is not a valid phone number"}},
      {"date_in_past", {"{label}不能早于今天", "{label} cannot be in the past"}},
      {"visitor_not_approved_today",
       {"该访客预约日期为 {date}，今日未获批准，不得入校", "This visitor is approved for {date}, not today: no entry"}},
      {"visitor_already_registered", {"该访客今日已登记", "This visitor has already been registered"}},
      {"already_returned", {"已完成复课检查", "The return check is already recorded"}},
      {"return_with_fever", {"体温仍偏高，暂不能复课", "Still feverish: cannot return yet"}},
      {"case_closed", {"该案例已结案", "The case is closed"}},
      {"report_already_submitted",
       {"日报告已提交；如需修改请联系县区教育局退回", "The report is already submitted; the county can reopen it"}},
      {"report_not_submitted", {"日报告尚未提交，无需退回", "The report has not been submitted"}},
      {"zero_report_not_clear",
       {"今日有发热、症状、因病缺勤或隔离等情况，不能提交零报告", "Fevers, symptoms, sick absences or isolation today: this cannot be a zero report"}},
      {"unchecked_classes",
       {"还有 {count} 个班级未完成晨检（{classes}），完成晨检后才能提交日报告",
        "{count} classes have no morning check yet ({classes}): the report can be submitted once they are checked"}},
      {"rollup_needs_school_or_above",
       {"请选择学校或以上的组织节点", "Choose a school or a node above it"}},
      {"alert_not_open", {"该预警不是待处理状态", "The alert is not open"}},
      {"alert_closed", {"该预警已关闭", "The alert is closed"}},
      {"url_invalid", {"{label}必须以 http:// 或 https:// 开头", "{label} must start with http:// or https://"}},
      // group-robot webhooks (daily/webhook.h)
      {"webhook_url_malformed",
       {"{label}不是有效的网址（不能含空格、反斜杠或 # 片段）",
        "{label} is not a valid address (no spaces, backslashes or # fragment)"}},
      {"webhook_url_scheme", {"{label}必须以 https:// 开头", "{label} must start with https://"}},
      {"webhook_https_required",
       {"{label}必须使用 https://", "{label} must use https://"}},
      {"webhook_url_userinfo",
       {"{label}不能包含用户名或密码（@ 之前的部分）",
        "{label} must not contain a user name or password (the part before @)"}},
      {"webhook_host_not_allowed",
       {"{label}的主机 {host} 不被允许：应为 https://{expected}/…；其他地址需由运维人员用 --webhook-allow 添加",
        "{label} host {host} is not allowed: use https://{expected}/…; an operator can add other "
        "hosts with --webhook-allow"}},
      {"webhook_address_private",
       {"{label}的主机 {host} 解析到内网、本机或保留地址，不能使用",
        "{label} host {host} resolves to a private, loopback or reserved address"}},
      {"webhook_unresolvable",
       {"{label}的主机 {host} 无法解析", "{label} host {host} does not resolve"}},
      {"webhook_allow_invalid",
       {"{label}的取值无效：{value}（格式为 主机[:端口][,…]）",
        "{label} has an invalid entry: {value} (HOST[:PORT][,...])"}},
      {"webhook_secret_invalid",
       {"{label}应为钉钉机器人“加签”页面上以 SEC 开头的一串字符",
        "{label} must be the SEC… string from the DingTalk robot's signature setting"}},
      {"webhook_secret_dingtalk_only",
       {"只有钉钉机器人需要{label}", "Only DingTalk robots take a {label}"}},
      {"accounts_staff_only",
       {"只有教职工名单可以同时创建账号", "Accounts are created from staff rosters only"}},
      {"import_class_out_of_scope",
       {"无权向该班级导入", "You may not import into this class"}},
      // people: ID numbers and imports
      {"id_length",
       {"{label}应为 18 位（当前 {length} 位）", "{label} must have 18 characters (got {length})"}},
      {"id_legacy_15",
       {"15 位旧身份证号已停用，请填写 18 位号码",
        "15-digit legacy ID numbers are no longer valid; enter the 18-digit number"}},
      {"id_characters",
       {"{label}只能由数字组成，最后一位可以是 X",
        "{label} may contain only digits, with X allowed as the last character"}},
      {"id_check_digit",
       {"{label}校验位错误（最后一位应为 {expected}），请核对号码",
        "{label} has a wrong check digit (the last character should be {expected}); check the "
        "number"}},
      {"id_birth_invalid",
       {"{label}中的出生日期 {date} 不是有效日期", "{label} contains an impossible birth date {date}"}},
      {"id_birth_future",
       {"{label}中的出生日期 {date} 晚于今天", "{label} contains a birth date {date} in the future"}},
      {"id_birth_too_early",
       {"{label}中的出生日期 {date} 早于 1900 年", "{label} contains a birth date {date} before 1900"}},
      {"id_region_unknown",
       {"{label}前 6 位 {region} 不是已知的行政区划代码",
        "The first six digits of {label} ({region}) are not a known region code"}},
      {"document_type_invalid", {"未知的证件类型：{value}", "Unknown document type: {value}"}},
      {"document_number_format",
       {"{label}应为 5–30 位字母或数字", "{label} must be 5–30 letters or digits"}},
      {"id_vault_key_io",
       {"无法读取或创建身份证号密钥文件 {path}：{detail}",
        "Cannot read or create the ID number key file {path}: {detail}"}},
      {"id_vault_key_mode",
       {"身份证号密钥文件 {path} 的权限 {mode} 过宽，须为 0600 且只属于服务账号",
        "The ID number key file {path} has mode {mode}; it must be 0600, owned by the service "
        "account"}},
      {"id_vault_key_size",
       {"身份证号密钥文件 {path} 大小为 {size} 字节，应为 {expected} 字节",
        "The ID number key file {path} has {size} bytes instead of {expected}"}},
      {"id_vault_corrupt",
       {"加密的证件号码已损坏或密钥不匹配", "An encrypted ID number is damaged or the key is wrong"}},
      {"encoding_invalid",
       {"文件第 {offset} 字节处的编码无效，请保存为 UTF-8 或 GBK 编码的 CSV",
        "Invalid text encoding at byte {offset}; save the file as CSV in UTF-8 or GBK"}},
      {"table_empty", {"文件中没有表头和数据", "The file has no header row and no data"}},
      {"table_unterminated_quote",
       {"第 {line} 行的引号没有闭合", "The quote opened on line {line} is never closed"}},
      {"table_too_many_rows",
       {"数据超过 {max} 行（第 {row} 行起），请分批导入",
        "More than {max} data rows (from row {row}); import the file in parts"}},
      {"table_cell_too_long",
       {"第 {row} 行第 {column} 列超过 {max} 个字符",
        "Row {row}, column {column} is longer than {max} characters"}},
      {"table_xls_unsupported",
       {"不支持旧版 Excel（.xls）或加密的 Excel 文件，请另存为 .xlsx 或 CSV 后上传",
        "Old Excel (.xls) and password-protected workbooks cannot be read; save the file as "
        ".xlsx or CSV and upload it again"}},
      {"table_xlsx_invalid",
       {"无法读取该 Excel 文件（{detail}），请用 Excel 或 WPS 另存为 .xlsx 后重试",
        "Cannot read this Excel file ({detail}); save it again as .xlsx and retry"}},
      // Return to school (§3): the engine's reasons and the module's errors.
      {"reason_risk_area",
       {"{left} 离开{region}（{level}风险地区），须满 {days} 天，{until} 起方可返校",
        "Left {region} (a {level}-risk area) on {left}; back no earlier than {until}, {days} days after"}},
      {"reason_risk_area_lives",
       {"现居住在{region}（{level}风险地区），该地区解除后满 {days} 天方可返校",
        "Lives in {region} (a {level}-risk area); back {days} days after the area is lifted"}},
      {"reason_risk_area_lives_until",
       {"现居住在{region}（{level}风险地区），该地区 {end} 解除，满 {days} 天后即 {until} 起方可返校",
        "Lives in {region} (a {level}-risk area), lifted on {end}; back no earlier than {until}, {days} days after"}},
      {"reason_isolation",
       {"{status}中，解除日期 {end}", "{status} until {end}"}},
      {"reason_outside_city",
       {"近 {days} 天内到过外市（{region}，至 {to}），须提交行程报告并经学校审核",
        "Was outside the city within {days} days ({region}, until {to}); a trajectory report "
        "approved by the school is needed"}},
      {"reason_key_person",
       {"属于重点监管人员，须提交医院出具的健康证明",
        "Listed for key supervision; a health certificate from a hospital is needed"}},
      {"reason_code_red", {"健康码为红码，暂不能返校", "Red health code: may not return"}},
      {"reason_code_yellow", {"健康码为黄码，转绿码后方可返校", "Yellow health code: back once it is green"}},
      {"reason_symptoms",
       {"近 {days} 天内有发热或症状（{day}），须提交医院证明",
        "Fever or symptoms within {days} days ({day}); a medical certificate is needed"}},
      {"reason_abroad",
       {"{entry} 从境外（{country}）入境，须隔离满 {days} 天（至 {until}）并提交隔离证明",
        "Entered from abroad ({country}) on {entry}; {days} days of quarantine (until {until}) "
        "and its certificate are needed"}},
      {"reason_declaration_gap",
       {"健康申报缺 {count} 天：{days}", "The declaration misses {count} days: {days}"}},
      {"one_of", {"{label}只能是：{values}", "{label} must be one of: {values}"}},
      {"time_order", {"{label}必须晚于{other}", "{label} must be after {other}"}},
      {"file_type",
       {"文件类型不支持，请上传 {types}", "Unsupported file type; upload {types}"}},
      {"document_reviewed",
       {"该材料已审核（{status}），不能重复审核", "This document was already reviewed ({status})"}},
      {"application_decided",
       {"该申请已有结论（{status}）", "This application has already been decided ({status})"}},
      {"reopen_not_your_stage",
       {"该申请当前不在您这一级审批", "This application is not at your stage of approval"}},
      {"reopen_pending",
       {"学校已有待审批的开学申请", "The school already has an application under review"}},
      {"reopen_approved",
       {"学校 {day} 开学的申请已获批准，无需重复申请", "The school is already approved to reopen on {day}"}},
      {"reopen_check_failed",
       {"未通过开学条件核验，不能同意：{detail}", "A reopening condition fails, so it cannot be approved: {detail}"}},
      {"check_risk_area_ok", {"{region}不在中高风险地区", "{region} is not in a medium- or high-risk area"}},
      {"check_risk_area_high",
       {"学校所在地 {region} 自 {from} 起为高风险地区", "The school lies in {region}, a high-risk area since {from}"}},
      {"check_risk_area_medium",
       {"学校所在地 {region} 自 {from} 起为中风险地区", "The school lies in {region}, a medium-risk area since {from}"}},
      {"check_risk_area_low",
       {"学校所在地 {region} 自 {from} 起为低风险地区（现行政策不得开学）",
        "The school lies in {region}, a low-risk area since {from} (the policy keeps it closed)"}},
      {"check_planned_date_ok", {"计划开学日期 {day} 未过", "The planned date {day} is not past"}},
      {"check_planned_date_past", {"计划开学日期 {day} 已过", "The planned date {day} has passed"}},
      {"check_return_plan_ok", {"已保存错峰返校方案（{first} 至 {last}）", "A return plan is saved ({first} to {last})"}},
      {"check_return_plan_missing", {"学校尚未保存错峰返校方案", "The school has not saved a return plan"}},
      {"check_return_plan_past",
       {"错峰返校方案的首批返校日期 {first} 已过，请更新方案", "The return plan's first batch date {first} has passed: update the plan"}},
      {"reopen_no_chain", {"未配置开学审批链", "No approval chain is configured"}},
      {"reopen_blocked_high",
       {"学校所在地 {region} 自 {from} 起为高风险地区，暂不能申请开学",
        "The school lies in {region}, a high-risk area since {from}; it cannot apply to reopen"}},
      {"reopen_blocked_medium",
       {"学校所在地 {region} 自 {from} 起为中风险地区，暂不能申请开学",
        "The school lies in {region}, a medium-risk area since {from}; it cannot apply to reopen"}},
      {"reopen_blocked_low",
       {"学校所在地 {region} 自 {from} 起为低风险地区，按现行政策暂不能申请开学",
        "The school lies in {region}, a low-risk area since {from}; the policy keeps it from applying"}},
      {"grade_missing", {"年级 {value} 未安排返校批次", "Grade {value} is in no return batch"}},
      {"gate_unknown", {"校门 {value} 不属于本校", "Gate {value} is not one of the school's gates"}},
      {"slot_overlap",
       {"{label}与{other}同一天同一校门时段重叠", "{label} overlaps {other} at the same gate on the same day"}},
  };
  return k;
}

const std::unordered_map<std::string_view, Texts>& labels() {
  static const std::unordered_map<std::string_view, Texts> k = {
      {"username", {"用户名", "Username"}},
      {"temperature", {"体温", "Temperature"}},
      // Policy keys (policy/defaults.json).
      {"report_window_start", {"打卡开始时间", "Report window opens"}},
      {"report_window_end", {"打卡截止时间", "Report window closes"}},
      {"reminder_at", {"未打卡提醒时间", "Reminder time"}},
      {"fever_threshold", {"发热阈值（腋温）", "Fever threshold (axillary)"}},
      {"screening_recheck", {"门岗复测阈值", "Gate recheck threshold"}},
      {"gate_divert_home_report",
       {"晨报发热或有症状者门岗分流复测", "Divert at the gate after a morning-report fever or symptom"}},
      {"gate_infrared_source",
       {"门岗可登记红外测温门读数", "The gate may record infrared-gate readings"}},
      {"temperature_source", {"体温来源", "Temperature source"}},
      {"observation_recheck_minutes", {"观察复测间隔（分钟）", "Observation recheck (minutes)"}},
      {"fever_free_hours", {"退热后返校间隔（小时）", "Fever-free hours before return"}},
      {"trace_within_minutes", {"缺勤追踪时限（分钟）", "Absence tracing within (minutes)"}},
      {"dropout_days", {"连续缺勤天数（控辍）", "Consecutive absent days (dropout risk)"}},
      {"dropout_escalate_after", {"劝返失败升级次数", "Failed persuasions before escalation"}},
      {"compile_at", {"日报告自动汇总时间", "Daily report compiled at"}},
      {"report_deadline", {"日报告截止时间", "Daily report deadline"}},
      {"staff_checks_min", {"食堂门卫每日晨检次数", "Daily checks of canteen and gate staff"}},
      {"alert_class_fever", {"班级发热预警人数", "Class fever alert"}},
      {"alert_class_symptom", {"班级同症状预警人数", "Class symptom cluster alert"}},
      {"alert_school_symptom", {"学校同症状预警人数", "School symptom cluster alert"}},
      {"alert_school_symptom_days", {"学校症状聚集天数", "School symptom cluster days"}},
      {"alert_class_sick_primary", {"班级因病缺勤预警（小学）", "Class sick absences alert (primary)"}},
      {"alert_class_sick_secondary", {"班级因病缺勤预警（中学）", "Class sick absences alert (secondary)"}},
      {"alert_school_sick_primary", {"学校因病缺勤预警（小学）", "School sick absences alert (primary)"}},
      {"alert_school_sick_secondary", {"学校因病缺勤预警（中学）", "School sick absences alert (secondary)"}},
      // Things that may not be found (Error::not_found).
      {"user", {"账号", "account"}},
      {"school", {"学校", "school"}},
      {"pupil", {"学生", "pupil"}},
      {"student", {"学生", "student"}},
      {"person", {"人员", "person"}},
      {"org node", {"组织节点", "org node"}},
      {"observation", {"观察记录", "observation"}},
      {"absence", {"缺勤记录", "absence"}},
      {"webhook", {"群机器人", "webhook"}},
      {"visitor", {"访客", "visitor"}},
      {"token", {"令牌", "token"}},
      {"notification", {"消息", "notification"}},
      {"grant", {"授权", "grant"}},
      {"dropout case", {"控辍案例", "dropout case"}},
      {"alert", {"预警", "alert"}},
      {"ID number", {"证件号码", "ID number"}},
      {"gate", {"校门", "gate"}},
      {"symptoms", {"症状", "Symptoms"}},
      {"code_color", {"健康码", "Health code"}},
      {"absence_reason", {"缺勤原因", "Absence reason"}},
      {"absence_note", {"缺勤说明", "Absence note"}},
      {"attending", {"是否到校", "Attending"}},
      {"person_id", {"人员", "Person"}},
      {"session", {"检查时段", "Check session"}},
      {"marks", {"异常名单", "Marked pupils"}},
      {"step", {"处置步骤", "Step"}},
      {"diagnosis", {"诊断", "Diagnosis"}},
      {"clinic", {"就诊机构", "Clinic"}},
      {"clinic_visit", {"是否就诊", "Clinic visit"}},
      {"follow_up_at", {"复核时间", "Follow-up due"}},
      {"certificate", {"医疗证明", "Medical certificate"}},
      {"reason", {"原因", "Reason"}},
      {"visit_date", {"来访日期", "Visit date"}},
      {"host", {"接待人", "Host"}},
      {"zero", {"零报告", "Zero report"}},
      {"conclusion", {"结论", "Conclusion"}},
      {"flavor", {"机器人类型", "Robot type"}},
      {"url", {"地址", "URL"}},
      {"secret", {"加签密钥", "signing secret"}},
      {"webhook-allow", {"--webhook-allow", "--webhook-allow"}},
      {"day", {"日期", "Date"}},
      {"values", {"策略值", "Policy values"}},
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
      {"school_type", {"学校类型", "School type"}},
      // `level` names a grade's level, a risk area's level and a letter's level: errors of the
      // first two say which (label_of: "grade" / "risk_level").
      {"level", {"级别", "Level"}},
      {"risk_level", {"风险等级", "Risk level"}},
      {"grade", {"年级", "Grade"}},
      // Codes that appear inside messages (reasons of the return-to-school engine).
      {"level_high", {"高", "high"}},
      {"level_medium", {"中", "medium"}},
      {"level_low", {"低", "low"}},
      {"status_home", {"居家隔离", "Home quarantine"}},
      {"status_central", {"集中隔离", "Central quarantine"}},
      {"status_medical", {"医学观察", "Medical observation"}},
      {"grade_id", {"年级", "Grade"}},
      {"class", {"班级", "Class"}},
      {"class_id", {"班级", "Class"}},
      {"number", {"班号", "Class number"}},
      {"head_teacher_id", {"班主任", "Head teacher"}},
      {"status", {"状态", "Status"}},
      {"start_date", {"开始日期", "Start date"}},
      {"end_date", {"结束日期", "End date"}},
      {"days", {"日期", "Days"}},
      {"capacity", {"容量", "Capacity"}},
      {"gender", {"性别", "Gender"}},
      {"birth_date", {"出生日期", "Birth date"}},
      {"student_no", {"学号", "Student number"}},
      {"staff_role", {"岗位", "Role"}},
      {"guardians", {"监护人", "Guardians"}},
      {"tags", {"特殊群体", "Special groups"}},
      {"boarding", {"住宿", "Boarding"}},
      {"outsourced", {"外包", "Outsourced"}},
      {"bus_route", {"校车路线", "Bus route"}},
      {"dorm_room", {"宿舍", "Dorm room"}},
      {"to_id", {"转入班级或学校", "Destination"}},
      {"school_id", {"学校", "School"}},
      // people: ID numbers and imports
      {"id_number", {"身份证号", "ID number"}},
      {"document_type", {"证件类型", "Document type"}},
      {"document_number", {"证件号码", "Document number"}},
      {"file", {"文件", "File"}},
      // what was not found
      {"page", {"页面", "Page"}},
  };
  return k;
}

// User-visible texts that are not errors: notifications (title and body), group-robot messages,
// notes the server writes into a record. zh-CN first, English beside it.
const std::unordered_map<std::string_view, Texts>& ui_texts() {
  static const std::unordered_map<std::string_view, Texts> k = {
      // Pieces shared by several texts.
      {"text.temperature", {"体温 {value}℃", "temperature {value} °C"}},
      {"text.in_class", {"（{class}）", " ({class})"}},
      {"text.has_symptoms", {"有症状", "with symptoms"}},
      {"text.list_sep", {"，", ", "}},
      {"text.reason_sep", {"；", "; "}},
      {"text.reason", {"：{reason}", ": {reason}"}},
      // Daily reports.
      {"notify.report_reopened.title", {"{day} 日报告已被退回", "The daily report of {day} was sent back"}},
      {"notify.report_reopened.body",
       {"退回原因：{reason}。请修改后重新提交。", "Reason: {reason}. Please correct it and submit it again."}},
      {"notify.report_missing.title", {"{day} 日报告尚未提交", "The daily report of {day} is not submitted yet"}},
      {"notify.report_missing.body_late",
       {"{node}提醒：今日日报告已过截止时间 {deadline}，请尽快核对并提交（无异常请提交零报告）。",
        "A reminder from {node}: today's daily report is past its deadline {deadline}; please check "
        "and submit it soon (a zero report when nothing happened)."}},
      {"notify.report_missing.body",
       {"{node}提醒：请在 {deadline} 前核对并提交今日日报告（无异常请提交零报告）。",
        "A reminder from {node}: please check and submit today's daily report before {deadline} (a "
        "zero report when nothing happened)."}},
      {"notify.report_late.title", {"{day} 日报告已逾期", "The daily report of {day} is overdue"}},
      {"notify.report_late.body",
       {"已过提交截止时间，请立即提交（逾期将记入考核）。",
        "The deadline has passed; please submit it now (late reports count in the assessment)."}},
      {"notify.report_reminder.class.title",
       {"{class} 还有 {count} 名学生未健康打卡", "{class}: {count} pupils have not sent their health report"}},
      {"notify.report_reminder.class.body",
       {"请提醒家长尽快完成今日健康打卡。", "Please remind the families to send today's health report."}},
      {"notify.report_reminder.school.title",
       {"{school} 还有 {count} 名学生未健康打卡", "{school}: {count} pupils have not sent their health report"}},
      {"notify.report_reminder.school.body",
       {"已提醒各班班主任。", "The head teachers have been reminded."}},
      // Health reports, checks and the gate.
      {"notify.unwell.title.pupil",
       {"家长报告{what}：{who} 仍选择到校", "A family reports {what}: {who} still comes to school"}},
      {"notify.unwell.title.staff",
       {"教职工自报{what}：{who} 仍选择到校", "A staff member reports {what}: {who} still comes to school"}},
      {"notify.unwell.body.head_teacher",
       {"已建议家长不送孩子到校并就医；晨检时请查看该生并逐一确认。",
        "The family was advised to keep the child at home and see a doctor; look at the pupil in "
        "the morning check and confirm each point."}},
      {"notify.unwell.body.doctor",
       {"已建议居家并就医；如已到校，请在晨检或门岗复测。",
        "Advised to stay at home and see a doctor; if they came to school, recheck them in the "
        "morning check or at the gate."}},
      {"notify.staff_fever.title", {"{name} 体温 {value}℃", "{name}: temperature {value} °C"}},
      {"notify.staff_fever.body",
       {"教职工晨检发热，请立即复测并按流程处置。",
        "A staff member has a fever in the morning check; recheck at once and follow the procedure."}},
      {"notify.gate_refused.title", {"门岗拒绝入校：{who}", "Refused at the gate: {who}"}},
      {"notify.gate_refused.body.refused",
       {"今日暂不能返校{why}。已劝返，请联系家庭。",
        "May not come back to school today{why}. Sent home; please contact the family."}},
      {"notify.gate_refused.body.diverted",
       {"今日暂不能返校{why}。已分流至临时观察点。",
        "May not come back to school today{why}. Taken to the observation point."}},
      {"gate.note.code", {"健康码 {color}。", "Health code {color}. "}},
      {"gate.note.home_report", {"家庭晨报（{time}）", "Home report ({time}) "}},
      {"gate.note.symptoms", {" 症状 {symptoms}", " symptoms {symptoms}"}},
      {"gate.note.recheck", {"，门岗复测。", ", rechecked at the gate."}},
      // Observation and isolation.
      {"notify.observation.title", {"临时观察：{who}", "Observation: {who}"}},
      {"notify.observation.body.gate", {"门岗分流。{reading}", "Diverted at the gate. {reading}"}},
      {"notify.observation.body.check", {"晨午检发现异常。{reading}", "Found unwell in a check. {reading}"}},
      {"isolation.note.certificate", {"凭医疗机构证明返校。", "Back with a medical certificate. "}},
      // Absences and dropout risk.
      {"notify.trace_overdue.title",
       {"{count} 条缺勤尚未追踪（已超时）", "{count} absences not traced yet (overdue)"}},
      {"notify.trace_overdue.body",
       {"请尽快联系家长，登记缺勤原因、症状与就诊情况。",
        "Please contact the families soon and record the reason, symptoms and any doctor's visit."}},
      {"notify.dropout_risk.title",
       {"控辍保学：{name} 已连续 {days} 个上学日无故缺勤",
        "Dropout risk: {name} has been absent without reason for {days} school days in a row"}},
      {"notify.dropout_risk.body.head_teacher",
       {"请联系家庭劝返并记录。", "Please contact the family, persuade them to come back and record it."}},
      {"notify.dropout_risk.body.school",
       {"请督促班主任劝返。", "Please see that the head teacher persuades the family."}},
      {"notify.dropout_escalated.title",
       {"控辍保学升级：{name} 劝返 {count} 次未果",
        "Dropout risk escalated: {name}, {count} attempts to persuade failed"}},
      {"notify.dropout_escalated.body",
       {"学校劝返未果，请乡镇（街道）协同劝返。",
        "The school could not persuade the family; the township (street) office is asked to help."}},
      // Alerts.
      {"alert.rule.class_fever", {"班级发热", "Class fever"}},
      {"alert.rule.class_symptom", {"班级症状聚集", "Class symptom cluster"}},
      {"alert.rule.school_symptom", {"学校症状聚集", "School symptom cluster"}},
      {"alert.rule.class_sick_absence", {"班级因病缺勤", "Class sick absence"}},
      {"alert.rule.school_sick_absence", {"学校因病缺勤", "School sick absence"}},
      {"notify.alert.title",
       {"{rule}预警：{where} {count} 人（阈值 {threshold}）",
        "{rule} alert: {where} {count} people (threshold {threshold})"}},
      {"notify.alert.body", {"请立即核实并处置。", "Please check and act at once."}},
      // Return to school.
      {"notify.document.title",
       {"{name} 上传了返校证明材料", "{name} uploaded a document for the return to school"}},
      {"notify.document.body", {"请审核。", "Please review it."}},
      {"notify.reopen_apply.title", {"{school} 申请 {date} 开学", "{school} applies to reopen on {date}"}},
      {"notify.reopen_apply.body", {"请审核开学申请。", "Please review the application."}},
      {"notify.reopen_advanced.body",
       {"下级已审核通过，请审批。", "The level below approved it; please decide."}},
      {"notify.reopen_rejected.title", {"开学申请被退回", "The reopening application was sent back"}},
      {"notify.reopen_approved.title",
       {"开学申请已批准：{date} 开学", "The reopening application was approved: reopening on {date}"}},
      {"notify.reopen_approved.body",
       {"请按返校方案组织返校。", "Please organise the return as the return plan says."}},
      {"plan.batch", {"第{seq}批", "Batch {seq}"}},
      // Group robots (DingTalk, WeCom).
      {"webhook.details", {"\n\n[查看详情]({link})", "\n\n[Details]({link})"}},
      {"webhook.truncated",
       {"\n\n……（内容过长，已截断，请登录校安查看全文）",
        "\n\n… (too long, cut short; sign in to xiaoan to read all of it)"}},
      {"webhook.test.title", {"校安测试消息", "xiaoan test message"}},
      {"webhook.test.body",
       {"这是一条来自校安平台的测试消息（{org}）。收到这条消息，说明群机器人已配置正确。",
        "This is a test message from the xiaoan platform ({org}). If it arrived, the group robot "
        "is set up correctly."}},
      {"webhook.refused", {"已拒绝：{reason}", "refused: {reason}"}},
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
  if (it == labels().end()) {
    // "values.fever_threshold" → the label of "fever_threshold"; "marks[3].temperature" → the
    // label of "temperature" with the path after it.
    std::string_view last = field.substr(field.find_last_of('.') == std::string_view::npos
                                             ? 0
                                             : field.find_last_of('.') + 1);
    last = last.substr(0, last.find('['));
    auto base = labels().find(last);
    if (last == field || base == labels().end()) return std::string(field);
    std::string label = lang == Lang::kZh ? base->second.zh : base->second.en;
    // An index says which row: keep the path ("体温 (marks[3].temperature)").
    if (field.find('[') != std::string_view::npos) label += " (" + std::string(field) + ")";
    return label;
  }
  return lang == Lang::kZh ? it->second.zh : it->second.en;
}

std::string ui_text(std::string_view key, const std::map<std::string, std::string>& params,
                    Lang lang) {
  auto it = ui_texts().find(key);
  if (it == ui_texts().end()) return std::string(key);
  return interpolate(lang == Lang::kZh ? it->second.zh : it->second.en, params);
}

bool has_ui_text(std::string_view key) { return ui_texts().count(key) > 0; }

std::string localize(const Error& error, Lang lang) {
  auto it = catalogue().find(error.message_key);
  if (it == catalogue().end()) return error.message_key;
  auto params = error.params;
  // label_of: the field is named in the error, but its label is another field's (see labels()).
  std::string labelled = error.field;
  if (auto l = params.find("label_of"); l != params.end()) {
    labelled = l->second;
    params.erase(l);
  }
  if (!params.count("label")) {
    params["label"] = field_label(labelled, lang);
    if (labelled != error.field && error.field.find('[') != std::string::npos)
      params["label"] += " (" + error.field + ")";  // which row, as field_label does
  }
  // "what was not found" names a thing, localised like a field label.
  if (auto w = params.find("what"); w != params.end()) w->second = field_label(w->second, lang);
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
