import { Link, useRoute } from 'wouter-preact';
import { NAV_PAGES, mayOpen, type Role } from '../access';
import { useMessages } from '../i18n/language';

function NavLink({ page, label }: { page: string; label: string }) {
  const [active] = useRoute(`/${page}/*?`);
  return (
    <li>
      <Link href={`/${page}`} aria-current={active ? 'page' : undefined}>{label}</Link>
    </li>
  );
}

/** Only the pages the role may open. */
export function MainNav({ role }: { role: Role }) {
  const t = useMessages();
  return (
    <nav aria-label={t.common.mainNav}>
      <ul>
        {NAV_PAGES.filter((p) => mayOpen(role, p)).map((p) => (
          <NavLink key={p} page={p} label={t.common.nav[p] ?? p} />
        ))}
      </ul>
    </nav>
  );
}
