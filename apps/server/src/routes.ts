// Every API route of the application, by capability. The authorization test walks this list.
import type { RouteSpec } from './core/http.ts';
import { systemRoutes } from './modules/system/routes.ts';
import { authRoutes } from './modules/auth/routes.ts';
import { homeRoutes } from './modules/home/routes.ts';
import { unitRoutes } from './modules/units/routes.ts';
import { memberRoutes } from './modules/members/routes.ts';
import { rollRoutes } from './modules/rolls/routes.ts';
import { userRoutes } from './modules/users/routes.ts';
import { auditRoutes } from './modules/audit/routes.ts';
import { pointsRoutes } from './modules/points/routes.ts';
import { starRoutes } from './modules/stars/routes.ts';
import { commitmentRoutes } from './modules/commitments/routes.ts';
import { noticeRoutes } from './modules/campaigns/routes-notice.ts';
import { campaignRoutes } from './modules/campaigns/routes.ts';
import { warningRoutes } from './modules/warnings/routes.ts';
import { householdRoutes } from './modules/households/routes.ts';
import { evacuationRoutes } from './modules/evacuation/routes.ts';
import { alarmRoutes } from './modules/alarms/routes.ts';
import { recoveryRoutes } from './modules/recovery/routes.ts';
import { notificationRoutes } from './modules/notifications/routes.ts';
import { deliberationRoutes } from './modules/deliberation/routes.ts';
import { hazardRoutes } from './modules/hazards/routes.ts';
import { householdImportRoutes } from './modules/rolls/households-routes.ts';
import { open311Routes } from './modules/open311/routes.ts';
import { helpRoutes } from './modules/help/routes.ts';
import { mediationRoutes } from './modules/mediation/routes.ts';

export function allRoutes(): RouteSpec[] {
  // Export before /api/members/:id so the static path wins (Fastify also prefers it; listed for readers).
  return [...systemRoutes, ...authRoutes, ...homeRoutes, ...unitRoutes, ...rollRoutes, ...memberRoutes, ...userRoutes, ...auditRoutes, ...pointsRoutes, ...starRoutes, ...commitmentRoutes, ...noticeRoutes, ...campaignRoutes, ...warningRoutes, ...notificationRoutes, ...householdRoutes, ...evacuationRoutes, ...alarmRoutes, ...recoveryRoutes, ...deliberationRoutes, ...hazardRoutes, ...householdImportRoutes, ...open311Routes, ...helpRoutes, ...mediationRoutes];
}
