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
