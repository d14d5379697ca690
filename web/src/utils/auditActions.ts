/**
 * The action codes the server writes to the audit log, grouped by area (the part before the dot),
 * so the audit page shows and filters them by localised name (auditActions.<code> and
 * auditAreas.<area> in src/i18n/audit-policy.*.ts). auditActions.test.ts reads the server sources
 * and fails when the server writes a code this list does not have.
 */
/** The observation steps: each a fixed action and a dynamic "observation." + step code. */
const OBSERVATION_STEPS = [
  'observation.recheck',
  'observation.isolate',
  'observation.notify_guardian',
  'observation.sent_to_clinic',
  'observation.picked_up',
  'observation.outcome',
  'observation.return',
  'observation.close',
] as const;

export const AUDIT_ACTIONS = [
  'auth.login',
  'auth.login_failed',
  'auth.locked',
  'auth.logout',
  'auth.password_change',
  'user.create',
  'user.update',
  'user.password_reset',
  'user.grant_add',
  'user.grant_remove',
  'token.create',
  'token.revoke',
  'org.create',
  'org.update',
  'org.move',
  'school.update',
  'school.grade_add',
  'school.class_add',
  'school.head_teacher',
  'school.gate_add',
  'school.place_add',
  'school.gates_remove',
  'school.places_remove',
  'school.status_add',
  'school.school_status_periods_remove',
  'calendar.create',
  'policy.save',
  'idempotency.secret_replay',
  'family.sign_in',
  'family.link_issue',
  'family.link_revoke',
  'family.letters',
  'person.create',
  'person.update',
  'person.transfer',
  'person.status',
  'person.id_reveal',
  'person.id_conflict',
  'person.id_conflict_refused',
  'person.import',
  'person.key_person',
  'people.export',
  'declaration.create',
  'declaration.update',
  'document.upload',
  'document.read',
  'document.approved',
  'document.rejected',
  'reopen.apply',
  'reopen.approve',
  'reopen.reject',
  'letter.sign',
  'letter_template.create',
  'risk_area.create',
  'risk_area.end',
  'risk_area.import',
  'return_plan.save',
  'return_status.set',
  'daily_report.compile',
  'daily_report.submit',
  'daily_report.reopen',
  'daily_report.remind',
  'report.create',
  'report.update',
  'webhook.create',
  'webhook.test',
  'webhook.delete',
  'observation.open',
  ...OBSERVATION_STEPS,
  'gate.pass',
  'visitor.approve',
  'visitor.entry',
  'check.save',
  'staff_check.create',
  'alert.acknowledge',
  'alert.close',
  'absence.trace',
  'absence.return',
  'dropout.attempt',
] as const;

/**
 * Codes the server builds from a prefix and a value ("document." + decision): the values it can
 * take, so the test can tell a new dynamic code from a known one.
 */
export const AUDIT_DYNAMIC_PREFIXES: Record<string, readonly string[]> = {
  'school.': ['school.gates_remove', 'school.places_remove', 'school.school_status_periods_remove'],
  'document.': ['document.approved', 'document.rejected'],
  'reopen.': ['reopen.approve', 'reopen.reject'],
  'observation.': OBSERVATION_STEPS,
};

export function actionArea(code: string): string {
  const i = code.indexOf('.');
  return i < 0 ? code : code.slice(0, i);
}

/** The codes grouped by area, areas in first-appearance order. */
export function actionGroups(): { area: string; codes: string[] }[] {
  const out: { area: string; codes: string[] }[] = [];
  for (const code of AUDIT_ACTIONS) {
    const area = actionArea(code);
    const g = out.find((x) => x.area === area);
    if (g) g.codes.push(code);
    else out.push({ area, codes: [code] });
  }
  return out;
}
