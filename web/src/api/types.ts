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
