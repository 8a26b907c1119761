/**
 * The navigation links a signed-in user gets, by role and scope. Pure; used by
 * the header on on-demand pages.
 * Showing a link grants nothing: every target page authorizes itself.
 */
import type { SessionUser } from './session.ts';

export interface NavLink {
  href: string;
  label: string;
}

/** Links for `user`, in header order. */
export function accountLinks(user: Pick<SessionUser, 'role' | 'managerScope'>): NavLink[] {
  const links: NavLink[] = [
    { href: '/mina-kurser/', label: 'Mina kurser' },
    { href: '/konto', label: 'Mitt konto' },
  ];
  if (user.role === 'manager') {
    links.push({ href: '/team', label: user.managerScope === 'agency' ? 'Myndighetens team' : 'Mitt team' });
    if (user.managerScope === 'agency') links.push({ href: '/admin/anvandare', label: 'Användare' });
  }
  if (user.role === 'trainer' || user.role === 'admin') links.push({ href: '/statistik', label: 'Statistik' });
  if (user.role === 'admin') links.push({ href: '/admin', label: 'Administration' });
  return links;
}
