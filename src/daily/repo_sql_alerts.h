// SQL statements of cluster alerts.
// Services execute them by name with bound values ($1..$n), never with values concatenated;
// keep each text stable (the PostgreSQL driver prepares statements per text).
#pragma once

#include <string_view>

namespace xiaoan::daily::sql {

// An alert's org path.
inline constexpr std::string_view kAlertPath = "SELECT org_path FROM alerts WHERE id = $1";

// An alert of a school by its key.
inline constexpr std::string_view kAlertByKey =
    "SELECT id, n FROM alerts WHERE school_id = $1 AND alert_key = $2";

// Updates an alert's count and evidence.
inline constexpr std::string_view kUpdateAlertCount =
    "UPDATE alerts SET n = $1, evidence = $2 WHERE id = $3";

// Raises an alert; returns its id.
inline constexpr std::string_view kInsertAlert =
    "INSERT INTO alerts (school_id, class_id, org_path, day, rule, alert_key, symptom, n, "
    "threshold, evidence, status, raised_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, "
    "'open', $11)";

// Acknowledges an alert.
inline constexpr std::string_view kAcknowledgeAlert =
    "UPDATE alerts SET status = 'acknowledged', acknowledged_at = $1, acknowledged_by = $2 "
    "WHERE id = $3";

// Closes an alert with a conclusion.
inline constexpr std::string_view kCloseAlert =
    "UPDATE alerts SET status = 'closed', closed_at = $1, closed_by = $2, conclusion = $3 "
    "WHERE id = $4";

// The sick absences of a day ($1) in a class ($2), as an alert's evidence.
inline constexpr std::string_view kSickAbsencesOfClass =
    "SELECT p.name, a.source, a.reason FROM absences a JOIN people p ON p.id = a.person_id "
    "WHERE a.day = $1 AND a.class_id = $2"
    " AND a.reason = 'sick' ORDER BY p.name LIMIT 100";

// The sick absences of a day ($1) in a school ($2), as an alert's evidence.
inline constexpr std::string_view kSickAbsencesOfSchool =
    "SELECT p.name, a.source, a.reason FROM absences a JOIN people p ON p.id = a.person_id "
    "WHERE a.day = $1 AND a.school_id = $2"
    " AND a.reason = 'sick' ORDER BY p.name LIMIT 100";

// Family report readings of days [$1, $3] in a class ($2), as an alert's evidence.
inline constexpr std::string_view kReportReadingsOfClass =
    "SELECT p.name, r.day, r.temperature, r.symptoms, 'report' FROM health_reports r "
    "JOIN people p ON p.id = r.person_id WHERE r.day >= $1 AND r.day <= $3 AND r.class_id = $2"
    " ORDER BY 2, 1";

// Abnormal class-check readings of days [$1, $3] in a class ($2), as an alert's evidence.
inline constexpr std::string_view kAbnormalCheckReadingsOfClass =
    "SELECT p.name, ch.day, m.temperature, m.symptoms, 'check_' || ch.session FROM check_marks m "
    "JOIN class_checks ch ON ch.id = m.check_id JOIN people p ON p.id = m.person_id "
    "WHERE ch.day >= $1 AND ch.day <= $3 AND ch.class_id = $2 AND m.status = 'abnormal'"
    " ORDER BY 2, 1";

// Family report readings of days [$1, $3] in a school ($2), as an alert's evidence.
inline constexpr std::string_view kReportReadingsOfSchool =
    "SELECT p.name, r.day, r.temperature, r.symptoms, 'report' FROM health_reports r "
    "JOIN people p ON p.id = r.person_id WHERE r.day >= $1 AND r.day <= $3 AND r.school_id = $2"
    " ORDER BY 2, 1";

// Abnormal class-check readings of days [$1, $3] in a school ($2), as an alert's evidence.
inline constexpr std::string_view kAbnormalCheckReadingsOfSchool =
    "SELECT p.name, ch.day, m.temperature, m.symptoms, 'check_' || ch.session FROM check_marks m "
    "JOIN class_checks ch ON ch.id = m.check_id JOIN people p ON p.id = m.person_id "
    "WHERE ch.day >= $1 AND ch.day <= $3 AND ch.school_id = $2 AND m.status = 'abnormal'"
    " ORDER BY 2, 1";

// An alert with its school and class names.
inline constexpr std::string_view kAlertById =
    "SELECT a.id, a.school_id, a.class_id, a.day, a.rule, a.symptom, a.n, a.threshold, "
    "a.evidence, a.status, a.raised_at, a.acknowledged_at, a.closed_at, a.conclusion, s.name, "
    "COALESCE(k.name, '') FROM alerts a JOIN org_nodes s ON s.id = a.school_id "
    "LEFT JOIN org_nodes k ON k.id = a.class_id "
    "WHERE a.id = $1";

// The latest 200 alerts in the subtree [$1, $2).
inline constexpr std::string_view kAlertsUnder =
    "SELECT a.id, a.school_id, a.class_id, a.day, a.rule, a.symptom, a.n, a.threshold, "
    "a.evidence, a.status, a.raised_at, a.acknowledged_at, a.closed_at, a.conclusion, s.name, "
    "COALESCE(k.name, '') FROM alerts a JOIN org_nodes s ON s.id = a.school_id "
    "LEFT JOIN org_nodes k ON k.id = a.class_id "
    "WHERE (((a.org_path >= $1 AND a.org_path < $2)))"
    " ORDER BY a.raised_at DESC LIMIT 200";

// The latest 200 alerts in the subtree [$1, $2) with status $3.
inline constexpr std::string_view kAlertsUnderWithStatus =
    "SELECT a.id, a.school_id, a.class_id, a.day, a.rule, a.symptom, a.n, a.threshold, "
    "a.evidence, a.status, a.raised_at, a.acknowledged_at, a.closed_at, a.conclusion, s.name, "
    "COALESCE(k.name, '') FROM alerts a JOIN org_nodes s ON s.id = a.school_id "
    "LEFT JOIN org_nodes k ON k.id = a.class_id "
    "WHERE (((a.org_path >= $1 AND a.org_path < $2)))"
    " AND a.status = $3"
    " ORDER BY a.raised_at DESC LIMIT 200";

}  // namespace xiaoan::daily::sql
