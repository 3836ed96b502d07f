import { useEffect, useRef, useState } from 'react';
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

/** The screen the route names, for the person's role. */
function Screen({ role }: { role: string }) {
  const t = useTexts();
  const route = useRoute();
  const { language } = useLanguage();
  const [first = '', second, third] = route;
  if (first === '') {
    if (PROVIDER_ROLES.includes(role)) return <ProviderHomeScreen />;
    if (role === 'guardian') return <AccessLogScreen />;
    if (role === 'caseworker') return <HomeScreen />;
    if (MUNICIPAL_STAFF.includes(role)) return <HomeScreen />;
    return <p>{t.app.notFound}</p>;
  }
  if (first === 'new') return <DraftScreen key={language} childPseudonym={second} />;
  if (first === 'inbox') return <InboxScreen />;
  if (first === 'finance') return <FinanceScreen />;
  if (first === 'payments') return <PaymentExportScreen providerMspId={second} month={third} />;
  if (first === 'guardian') return <AccessLogScreen childPseudonym={second} />;
  if (first === 'children' && second !== undefined) return <ChildOverviewScreen childPseudonym={second} />;
  if (first === 'agreements' && second !== undefined) {
    if (third === 'amend') return <AmendmentScreen agreementId={second} />;
    if (third === 'terminate') return <TerminationScreen agreementId={second} />;
    if (third === 'report') return <StatusReportScreen agreementId={second} />;
    if (third === 'invoice') return <InvoiceScreen agreementId={second} />;
    if (third === 'einvoice') return <SendDocumentScreen agreementId={second} />;
    if (third === 'documents') return <ReceivedDocumentsScreen agreementId={second} />;
    return <AgreementScreen agreementId={second} />;
  }
  return <p>{t.app.notFound}</p>;
}
