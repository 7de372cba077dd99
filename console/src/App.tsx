import type { ComponentChildren } from 'preact';
import { Redirect, Route, Router, Switch } from 'wouter-preact';
import { homeOf, mayOpen, type PageName } from './access';
import { useMessages } from './i18n/language';
import { useSession } from './session/session';
import { AppHeader } from './components/AppHeader';
import { MainNav } from './components/MainNav';
import { NotAllowed } from './components/NotAllowed';
import { SignInPage } from './pages/sign-in/SignInPage';
import { ReviewsPage } from './pages/reviews/ReviewsPage';
import { ClaimPage } from './pages/claims/ClaimPage';
import { SearchPage } from './pages/search/SearchPage';
import { SettlementPage } from './pages/settlement/SettlementPage';
import { RulesPage } from './pages/rules/RulesPage';
import { BacktestsPage } from './pages/backtests/BacktestsPage';
import { PreCheckPage } from './pages/pre-check/PreCheckPage';
import { CampaignsPage } from './pages/campaigns/CampaignsPage';
import { ReturnsPage } from './pages/returns/ReturnsPage';
import { OldPartsPage } from './pages/old-parts/OldPartsPage';
import { ServiceLevelsPage } from './pages/service-levels/ServiceLevelsPage';

/** A page the role may open, or the "not allowed" message. */
function Guarded({ page, children }: { page: PageName; children: ComponentChildren }) {
  const { session } = useSession();
  if (!session) return null;
  return mayOpen(session.role, page) ? <>{children}</> : <NotAllowed role={session.role} />;
}

function Pages() {
  const t = useMessages();
  const { session } = useSession();
  if (!session) return null;
  return (
    <Switch>
      <Route path="/">
        <Redirect to={homeOf(session.role)} replace />
      </Route>
      <Route path="/reviews"><Guarded page="reviews"><ReviewsPage /></Guarded></Route>
      <Route path="/claims/:claimNumber">
        {(params: { claimNumber: string }) => <Guarded page="claim"><ClaimPage claimNumber={decodeURIComponent(params.claimNumber)} /></Guarded>}
      </Route>
      <Route path="/search"><Guarded page="search"><SearchPage /></Guarded></Route>
      <Route path="/settlement"><Guarded page="settlement"><SettlementPage /></Guarded></Route>
      <Route path="/rules"><Guarded page="rules"><RulesPage /></Guarded></Route>
      <Route path="/backtests"><Guarded page="backtests"><BacktestsPage /></Guarded></Route>
      <Route path="/campaigns"><Guarded page="campaigns"><CampaignsPage /></Guarded></Route>
      <Route path="/campaigns/:code">
        {(params: { code: string }) => <Guarded page="campaigns"><CampaignsPage code={decodeURIComponent(params.code)} /></Guarded>}
      </Route>
      <Route path="/pre-check"><Guarded page="pre-check"><PreCheckPage /></Guarded></Route>
      <Route path="/returns"><Guarded page="returns"><ReturnsPage /></Guarded></Route>
      <Route path="/old-parts"><Guarded page="old-parts"><OldPartsPage /></Guarded></Route>
      <Route path="/service-levels"><Guarded page="service-levels"><ServiceLevelsPage /></Guarded></Route>
      <Route><p>{t.common.notFound}</p></Route>
    </Switch>
  );
}

/** The shell: header, the role's navigation and the page; the sign-in page until there is a session. */
export function App() {
  const t = useMessages();
  const { session, signOut } = useSession();
  if (session === undefined) return <p class="loading">{t.common.loading}</p>;
  return (
    <Router base="/console">
      <AppHeader session={session} onSignOut={signOut} />
      {session === null ? (
        <SignInPage />
      ) : (
        <div class="layout">
          <MainNav role={session.role} />
          <main class="page">
            <Pages />
          </main>
        </div>
      )}
    </Router>
  );
}
