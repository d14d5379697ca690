// Types derived from the generated OpenAPI schema (src/api/schema.d.ts, made by `npm run gen:api`).
// Derived from the paths rather than component names so they follow the server's document.
import type { paths } from './schema';

type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never;
type Ok<Op> = Op extends { responses: infer R }
  ? R extends { 200: infer A }
    ? Json<A>
    : R extends { 201: infer B }
      ? Json<B>
      : never
  : never;
type Body<Op> = Op extends { requestBody?: infer B } ? Json<NonNullable<B>> : never;

export type Session = Ok<paths['/api/auth/me']['get']>;
export type Me = Session['user'];
export type Grant = Me['grants'][number];
export type Role = Grant['role'];
export type OrgNode = Ok<paths['/api/org/nodes/{id}']['get']>;
export type OrgKind = OrgNode['kind'];
export type User = Ok<paths['/api/users/{id}']['get']>;
export type UserList = Ok<paths['/api/users']['get']>;
export type CreateUserBody = Body<paths['/api/users']['post']>;
export type RoleInfo = Ok<paths['/api/roles']['get']>['roles'][number];
export type AuditEntry = Ok<paths['/api/audit']['get']>['items'][number];
export type AuditPage = Ok<paths['/api/audit']['get']>;
export type ApiToken = Ok<paths['/api/tokens']['get']>['items'][number];
export type ApiTokenCreated = Ok<paths['/api/tokens']['post']>;
export type Health = Ok<paths['/api/health']['get']>;
export type School = Ok<paths['/api/schools/{id}']['get']>;
export type SchoolDetails = School['details'];
export type Grade = School['grades'][number];
export type SchoolClass = Grade['classes'][number];
export type Gate = School['gates'][number];
export type Place = School['places'][number];
export type StatusPeriod = School['status_periods'][number];
export type DayVerdict = School['today'];
export type PersonPage = Ok<paths['/api/people']['get']>;
export type Person = PersonPage['items'][number];
export type PersonDetail = Ok<paths['/api/people/{id}']['get']>;
export type PersonInput = Body<paths['/api/people']['post']>;
export type Guardian = Person['guardians'][number];
export type ImportReport = Ok<paths['/api/schools/{id}/roster-import']['post']>;
/** An entry of PersonDetail.history (the schema only says "object"). */
export interface HistoryEvent {
  at: string;
  kind: string;
  from: { id: string; name: string } | null;
  to: { id: string; name: string } | null;
  from_status: string | null;
  to_status: string | null;
  note: string;
  actor: string;
}

// --- return to school (tag "reopen") ---
export type RiskAreaList = Ok<paths['/api/risk-areas']['get']>;
export type RiskArea = RiskAreaList['areas'][number];
export type RiskLevel = RiskArea['level'];
export type RiskAreaInput = Body<paths['/api/risk-areas']['post']>;
export type RiskAreaImport = Ok<paths['/api/risk-areas/import']['post']>;
export type RiskAreaPreviewInput = Body<paths['/api/risk-areas/preview']['post']>;
export type ReturnImpact = Ok<paths['/api/risk-areas/preview']['post']>;
export type DeclarationForm = Ok<paths['/api/me/declaration']['get']>;
export type DeclarationPerson = DeclarationForm['person'];
export type Declaration = NonNullable<DeclarationForm['declaration']>;
export type DeclarationDay = Declaration['daily'][number];
export type DeclarationInput = Body<paths['/api/me/declaration']['put']>;
export type DeclarationSaved = Ok<paths['/api/me/declaration']['put']>;
export type ReturnDecision = DeclarationForm['decision'];
export type DecisionStatus = ReturnDecision['status'];
export type ReturnReason = ReturnDecision['reasons'][number];
export type DocumentNeeded = ReturnDecision['documents_needed'][number];
export type ReopenDocument = Ok<paths['/api/me/documents']['post']>;
export type DocumentKind = ReopenDocument['kind'];
export type SchoolDocument = Ok<paths['/api/schools/{id}/documents']['get']>[number];
export type ReviewedDocument = Ok<paths['/api/documents/{id}/review']['post']>;
export type PersonReturnPlan = NonNullable<DeclarationForm['return_plan']>;
export type KeyPersonResult = Ok<paths['/api/people/{id}/key-person']['put']>;
export type ClassEligibility = Ok<paths['/api/classes/{id}/eligibility']['get']>;
export type SchoolEligibility = Ok<paths['/api/schools/{id}/eligibility']['get']>;
export type EligibilityRow = ClassEligibility['pupils'][number];
export type EligibilityCounts = ClassEligibility['counts'];
export type ReturnPlan = Ok<paths['/api/schools/{id}/return-plan']['get']>;
export type ReturnPlanInput = Body<paths['/api/schools/{id}/return-plan']['put']>;
export type ReopenApplication = Ok<paths['/api/reopen/applications/{id}']['get']>;
export type ReopenCheck = ReopenApplication['checks'][number];
export type ReopenStep = ReopenApplication['steps'][number];
export type ReopenApplyInput = Body<paths['/api/schools/{id}/reopen-applications']['post']>;
export type ReopenReviewInput = Body<paths['/api/reopen/applications/{id}/review']['post']>;
export type LetterTemplate = Ok<paths['/api/letters/templates']['get']>[number];
export type LetterTemplateInput = Body<paths['/api/letters/templates']['post']>;
export type Letter = Ok<paths['/api/me/letters']['get']>[number];
export type LetterSignature = Ok<paths['/api/me/letters/{template_id}/sign']['post']>;
export type SchoolLetters = Ok<paths['/api/schools/{id}/letters']['get']>;
export type ClassLetters = Ok<paths['/api/classes/{id}/letters']['get']>;
export type NotReturned = Ok<paths['/api/schools/{id}/not-returned']['get']>;
export type NotReturnedPerson = NotReturned['people'][number];
export type ReturnFigures = NotReturned['counts'];
export type ReturnCounts = ReturnFigures['students'];
export type ReturnStatusInput = Body<paths['/api/people/{id}/return-status']['put']>;
export type ReturnStatus = Ok<paths['/api/people/{id}/return-status']['put']>;
export type ReopenSummary = Ok<paths['/api/reopen/summary']['get']>;
export type ReturnSummaryRow = ReopenSummary['rows'][number];
// --- policy ---
export type PolicyView = Ok<paths['/api/policy']['get']>;
export type PolicySetting = PolicyView['schema'][string];
export type PolicyEffectiveValue = PolicyView['effective'][string];
export type PolicyValue = PolicySetting['value'];
export type PolicyVersion = PolicyView['history'][number];
export type PolicyInput = Body<paths['/api/policy']['put']>;
export type PolicyPreview = Ok<paths['/api/policy/preview']['post']>;
export type PolicyImpact = NonNullable<PolicyPreview['impact']>;
// --- notifications ---
export type NotificationList = Ok<paths['/api/notifications']['get']>;
export type Notification = NotificationList['items'][number];
export type WebhookList = Ok<paths['/api/webhooks']['get']>;
export type Webhook = WebhookList['items'][number];
export type WebhookTestResult = Ok<paths['/api/webhooks/{id}/test']['post']>;
// Daily health loop (src/daily): morning reports, checks, gate, observation, absences, daily
// report, roll-up, alerts.
export type MorningReportForm = Ok<paths['/api/me/report']['get']>;
export type MorningReportInput = Body<paths['/api/me/report']['put']>;
export type MorningReportSaved = Ok<paths['/api/me/report']['put']>;
export type MorningReport = NonNullable<MorningReportForm['report']>;
export type MorningReportValues = NonNullable<MorningReportForm['prefill']>;
export type ReportAdvice = NonNullable<MorningReportForm['advice']>;
export type DailyPerson = MorningReportForm['person'];
export type ClassCheck = Ok<paths['/api/classes/{id}/check']['get']>;
export type ClassCheckPupil = ClassCheck['roster'][number];
export type ClassCheckReport = NonNullable<ClassCheckPupil['report']>;
export type CheckMark = NonNullable<ClassCheckPupil['mark']>;
export type ClassCheckInput = Body<paths['/api/classes/{id}/check']['put']>;
export type CheckMarkInput = ClassCheckInput['marks'][number];
export type ClassCheckSaved = Ok<paths['/api/classes/{id}/check']['put']>;
export type StaffCheckList = Ok<paths['/api/schools/{id}/staff-checks']['get']>;
export type StaffCheckRow = StaffCheckList['items'][number];
export type StaffReading = StaffCheckRow['checks'][number];
export type StaffCheck = Ok<paths['/api/schools/{id}/staff-checks']['post']>;
export type PassCardList = Ok<paths['/api/classes/{id}/passes']['get']>;
export type GateLookup = Ok<paths['/api/schools/{id}/gate/lookup']['get']>;
export type GateCandidate = GateLookup['items'][number];
export type GateHomeReport = NonNullable<GateCandidate['report']>;
export type GateRef = GateLookup['gates'][number];
export type GatePassInput = Body<paths['/api/schools/{id}/gate/passes']['post']>;
export type GatePass = Ok<paths['/api/schools/{id}/gate/passes']['post']>;
export type VisitorList = Ok<paths['/api/schools/{id}/visitors']['get']>;
export type Visitor = VisitorList['items'][number];
export type VisitorInput = Body<paths['/api/schools/{id}/visitors']['post']>;
export type VisitorEntry = Ok<paths['/api/visitors/{id}/entry']['post']>;
export type ObservationBoard = Ok<paths['/api/schools/{id}/observations']['get']>;
export type ObservationEpisode = Ok<paths['/api/observations/{id}']['get']>;
export type ObservationStepInput = Body<paths['/api/observations/{id}/steps']['post']>;
export type AbsenceList = Ok<paths['/api/absences']['get']>;
export type Absence = AbsenceList['items'][number];
export type AbsenceTraceInput = Body<paths['/api/absences/{id}/trace']['post']>;
export type DropoutCaseList = Ok<paths['/api/dropout-cases']['get']>;
export type DropoutCase = DropoutCaseList['items'][number];
export type DropoutAttemptInput = Body<paths['/api/dropout-cases/{id}/attempts']['post']>;
export type DropoutAttemptResult = Ok<paths['/api/dropout-cases/{id}/attempts']['post']>;
export type SchoolDailyReport = Ok<paths['/api/schools/{id}/daily-reports/{day}']['get']>;
export type DailyReportRecord = SchoolDailyReport['report'];
export type DailyFigures = DailyReportRecord['figures'];
export type Rollup = Ok<paths['/api/rollup']['get']>;
export type RollupChild = Rollup['children'][number];
export type RollupTrend = Ok<paths['/api/rollup/trend']['get']>;
export type RollupTrendPoint = RollupTrend['series'][number];
export type RemindPreview = Ok<paths['/api/rollup/remind']['get']>;
export type RemindResult = Ok<paths['/api/rollup/remind']['post']>;
export type SchoolDay = Ok<paths['/api/schools/{id}/day']['get']>;
export type AlertList = Ok<paths['/api/alerts']['get']>;
export type Alert = AlertList['items'][number];
export type AlertEvidence = Alert['evidence'][number];
// --- return to school, family side and school pages (w2) ---
export type FamilyHome = Ok<paths['/api/family/me']['get']>;
export type FamilyChild = FamilyHome['children'][number];
export type DocumentReviewInput = Body<paths['/api/documents/{id}/review']['post']>;
export type SchoolDocumentQuery = NonNullable<paths['/api/schools/{id}/documents']['get']['parameters']['query']>;
export type SchoolEligibilityClass = SchoolEligibility['classes'][number];
export type PlanGrade = ReturnPlan['grades'][number];
export type PlanGate = ReturnPlan['gates'][number];
export type PlanBatch = ReturnPlan['batches'][number];
export type PlanSlot = ReturnPlan['slots'][number];
// Parts of the daily schemas the pages name (issue 17: no hand-kept server shapes).
export type ObservationItem = ObservationBoard['items'][number];
export type ObservationReason = ObservationItem['reasons'][number];
export type ObservationReturnBlock = ObservationItem['return_blocks'][number];
export type ObservationStep = NonNullable<ObservationItem['steps']>[number];
export type ObservationNext = NonNullable<ObservationItem['next']>;
export type ObservationStage = ObservationItem['stage'];
export type PersonHistoryEntry = PersonDetail['history'][number];
export type ObservationStartInput = Body<paths['/api/schools/{id}/observations']['post']>;
export type ClassFamilyLetters = Ok<paths['/api/classes/{id}/family-letters']['post']>;
