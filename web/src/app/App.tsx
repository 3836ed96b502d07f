import { useEffect, useRef, useState, type ReactNode } from 'react';
import { setCsrfToken } from '../api/client';
import { fetchSession, loginUrl, logout, SessionUnavailable, type Session } from '../api/session';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { useLanguage, useTexts } from '../i18n/language';
import { LiveUpdates, useLive } from '../live/live-updates';
import { AccessLogScreen } from '../screens/guardian/AccessLogScreen';
import { AgreementScreen } from '../screens/agreement/AgreementScreen';
import { AmendmentScreen } from '../screens/agreement/AmendmentScreen';
import { TerminationScreen } from '../screens/agreement/TerminationScreen';
import { ChildOverviewScreen } from '../screens/caseworker/ChildOverviewScreen';
import { DraftScreen } from '../screens/caseworker/DraftScreen';
import { HomeScreen } from '../screens/caseworker/HomeScreen';
import { FinanceScreen } from '../screens/finance/FinanceScreen';
import { InvoiceScreen } from '../screens/provider/InvoiceScreen';
import { ProviderHomeScreen } from '../screens/provider/ProviderHomeScreen';
import { StatusReportScreen } from '../screens/provider/StatusReportScreen';
import { DelegationRuleScreen } from '../screens/director/DelegationRuleScreen';
import { InboxScreen } from '../screens/signing/InboxScreen';
// E-invoicing (issue 15)
import { ReceivedDocumentsScreen } from '../screens/agreement/ReceivedDocumentsScreen';
import { PaymentExportScreen } from '../screens/finance/PaymentExportScreen';
import { SendDocumentScreen } from '../screens/provider/SendDocumentScreen';
import { href, useRoute } from './router';
import { MUNICIPAL_STAFF, PROVIDER_ROLES, SessionContext, SIGNING_ROLES } from './session-context';

/** The application: the session, then the screens of the person's role. */
export function App() {
  const t = useTexts();
  const [session, setSession] = useState<Session | null | undefined>(undefined);
  const [failed, setFailed] = useState<'NETWORK' | 'IDENTITY_PROVIDER_UNAVAILABLE' | undefined>(undefined);
  useEffect(() => {
    fetchSession().then(
      (value) => {
        setCsrfToken(value?.csrfToken);
        setSession(value);
      },
      (error: unknown) => {
        // The login service being down is not the person's network: say which it is (the session is kept).
        setFailed(
          error instanceof SessionUnavailable && error.code === 'IDENTITY_PROVIDER_UNAVAILABLE'
            ? 'IDENTITY_PROVIDER_UNAVAILABLE'
            : 'NETWORK',
        );
      },
    );
  }, []);
  if (session === undefined) {
    return (
      <Frame>
        <p role="status">{failed === undefined ? t.app.loading : t.errors[failed]}</p>
      </Frame>
    );
  }
  if (session === null) {
    return (
      <Frame>
        <h1>{t.app.title}</h1>
        <p className="font-lead">{t.app.loginIntro}</p>
        <a className="button button-primary" href={loginUrl(`/${window.location.hash}`)}>
          {t.app.login}
        </a>
      </Frame>
    );
  }
  const domain = session.domains[0] ?? 'placements';
  return (
    <SessionContext.Provider value={{ session, domain }}>
      <LiveUpdates domain={domain}>
        <Frame session={session}>
          <Screen role={session.person.role} />
        </Frame>
      </LiveUpdates>
    </SessionContext.Provider>
  );
}

interface NavItem {
  readonly route: string;
  readonly text: string;
}

function navFor(role: string, t: ReturnType<typeof useTexts>): NavItem[] {
  const items: NavItem[] = [];
  if (role === 'caseworker') {
    items.push({ route: '', text: t.nav.home }, { route: 'new', text: t.nav.draft });
  } else if (MUNICIPAL_STAFF.includes(role)) {
    items.push({ route: '', text: t.nav.home });
  }
  if (PROVIDER_ROLES.includes(role)) {
    items.push({ route: '', text: t.nav.provider });
  }
  if (SIGNING_ROLES.includes(role)) {
    items.push({ route: 'inbox', text: t.nav.inbox });
  }
  if (MUNICIPAL_STAFF.includes(role)) {
    items.push({ route: 'finance', text: t.nav.finance });
  }
  // E-invoicing (issue 15): payment files for the finance system.
  if (MUNICIPAL_STAFF.includes(role)) {
    items.push({ route: 'payments', text: t.payments.nav });
  }
  if (role === 'guardian') {
    items.push({ route: '', text: t.nav.accessLog });
  }
  // People (issue 12): the director adopts the delegation rule.
  if (role === 'director') {
    items.push({ route: 'delegation', text: t.delegation.nav });
  }
  return items;
}

/** Header (title, person, language, logout), navigation, the main landmark and the footer. */
function Frame({ session, children }: { session?: Session; children: React.ReactNode }) {
  const t = useTexts();
  const route = useRoute();
  const main = useRef<HTMLElement>(null);
  const shown = useRef(route.join('/'));
  // On a new screen, focus moves to the main content so a screen reader starts there (WCAG 2.4.3).
  useEffect(() => {
    const now = route.join('/');
    if (shown.current !== now) {
      shown.current = now;
      main.current?.focus();
    }
  }, [route]);
  const nav = session === undefined ? [] : navFor(session.person.role, t);
  const current = route[0] ?? '';
  return (
    <>
      <a
        className="skipnav"
        href="#main-content"
        onClick={(event) => {
          event.preventDefault();
          main.current?.focus();
        }}
      >
        {t.app.skipToContent}
      </a>
      <header className="app-header">
        <div className="container">
          <a className="app-title" href="#/">
            {t.app.title}
          </a>
          <div className="app-user">
            {session !== undefined && (
              <p className="m-0">
                <span className="sr-only">{t.app.loggedInAs} </span>
                <strong>{session.person.displayName}</strong>,{' '}
                {t.roles[session.person.role] ?? session.person.role}
                {' · '}
                {session.person.organisationName ?? session.person.organisation}
              </p>
            )}
            <LanguageSwitch />
            {session !== undefined && <LogoutButton />}
          </div>
        </div>
      </header>
      {nav.length > 0 && (
        <nav className="app-nav" aria-label={t.app.mainNavigation}>
          <div className="container">
            <ul>
              {nav.map((item) => (
                <li key={item.route}>
                  <a
                    href={href(...(item.route === '' ? [] : [item.route]))}
                    aria-current={current === item.route ? 'page' : undefined}
                  >
                    {item.text}
                  </a>
                </li>
              ))}
            </ul>
          </div>
        </nav>
      )}
      <main id="main-content" className="app-main container" ref={main} tabIndex={-1}>
        {session !== undefined && <LiveStatus />}
        {children}
      </main>
      <footer className="app-footer">
        <div className="container">
          <p className="m-0">{t.app.footer}</p>
        </div>
      </footer>
    </>
  );
}

function LogoutButton() {
  const t = useTexts();
  return (
    <button
      type="button"
      className="button button-secondary"
      onClick={() => {
        void logout().finally(() => {
          window.location.assign('/');
        });
      }}
    >
      {t.app.logout}
    </button>
  );
}

/** Announces (politely) what the event stream just reported. */
function LiveStatus() {
  const t = useTexts();
  const { lastEvent } = useLive();
  return (
    <p className="live-status sr-only" role="status" aria-live="polite">
      {lastEvent === undefined ? '' : t.app.liveUpdated(lastEvent)}
    </p>
  );
}

/** The start screen of a role. */
function homeScreen(role: string): ReactNode {
  if (PROVIDER_ROLES.includes(role)) return <ProviderHomeScreen />;
  if (role === 'guardian') return <AccessLogScreen />;
  if (MUNICIPAL_STAFF.includes(role)) return <HomeScreen />;
  return undefined;
}

/** A screen for the rest of the route (after its first part), or `undefined` when the rest names none. */
type ScreenOf = (rest: readonly (string | undefined)[], language: string) => ReactNode;

const SCREEN_ENTRIES: readonly (readonly [string, ScreenOf])[] = [
  ['new', ([child], language) => <DraftScreen key={language} childPseudonym={child} />],
  ['inbox', () => <InboxScreen />],
  ['finance', () => <FinanceScreen />],
  // E-invoicing (issue 15): payment files per provider and month.
  ['payments', ([provider, month]) => <PaymentExportScreen providerMspId={provider} month={month} />],
  ['guardian', ([child]) => <AccessLogScreen childPseudonym={child} />],
  [
    'children',
    ([child]) => (child === undefined ? undefined : <ChildOverviewScreen childPseudonym={child} />),
  ],
  ['agreements', ([id, action]) => (id === undefined ? undefined : agreementScreen(id, action))],
  // People (issue 12): the director's delegation rule.
  ['delegation', () => <DelegationRuleScreen />],
];

/** Screens by the route's first part. */
const SCREENS = new Map(SCREEN_ENTRIES);

/** An agreement's screens by the route's third part (its page without one). */
const AGREEMENT_SCREENS: Readonly<Record<string, (agreementId: string) => ReactNode>> = {
  amend: (id) => <AmendmentScreen agreementId={id} />,
  terminate: (id) => <TerminationScreen agreementId={id} />,
  report: (id) => <StatusReportScreen agreementId={id} />,
  invoice: (id) => <InvoiceScreen agreementId={id} />,
  // E-invoicing (issue 15): sending an OIOUBL document, and the documents received with their answers.
  einvoice: (id) => <SendDocumentScreen agreementId={id} />,
  documents: (id) => <ReceivedDocumentsScreen agreementId={id} />,
};

function agreementScreen(agreementId: string, action: string | undefined): ReactNode {
  const screen = action === undefined ? undefined : AGREEMENT_SCREENS[action];
  return screen === undefined ? <AgreementScreen agreementId={agreementId} /> : screen(agreementId);
}

/** The screen the route names, for the person's role. */
function Screen({ role }: { role: string }) {
  const t = useTexts();
  const [first = '', ...rest] = useRoute();
  const { language } = useLanguage();
  const screen = first === '' ? homeScreen(role) : SCREENS.get(first)?.(rest, language);
  return screen ?? <p>{t.app.notFound}</p>;
}
