/**
 * Swedish labels for roles and manager scopes, for lists and forms.
 */
import type { SessionUser } from '#lib/auth/session.ts';

export const ROLE_LABELS: Record<SessionUser['role'], string> = {
  learner: 'Deltagare',
  manager: 'Chef',
  trainer: 'Utbildare',
  admin: 'Administratör',
};

/** "Chef (hela myndigheten)", "Deltagare", … */
export function roleLabel(user: Pick<SessionUser, 'role' | 'managerScope'>): string {
  if (user.role !== 'manager') return ROLE_LABELS[user.role];
  return user.managerScope === 'agency' ? 'Chef (hela myndigheten)' : 'Chef (team)';
}
