// Residents land on the cards of their village (亮身份): a resident's home is the members who serve them.
import type { ReactNode } from 'react';
import { Navigate } from 'react-router';
import { strongestRole } from '../../auth/permissions.ts';
import { useCurrentUser } from '../../auth/session.ts';

export function ResidentLanding({ children }: { children: ReactNode }) {
  const me = useCurrentUser();
  if (strongestRole(me) === 'resident') return <Navigate to="/cards" replace />;
  return <>{children}</>;
}
