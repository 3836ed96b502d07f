import { api } from '../api/client';
import { must } from '../api/refusal';
import { useTexts } from '../i18n/language';
import { useLoad } from './use-load';
import { useRegistry } from './use-registry';

/** Who did something, as a signature or an access-log entry records it (no enrolment id on older records). */
export interface Someone {
  readonly mspId: string;
  readonly role: string;
  readonly enrollmentId?: string;
}

type Directory = Awaited<ReturnType<typeof loadPeople>>;

let directory: Promise<Directory> | undefined;

function loadPeople() {
  return must(api.GET('/api/v1/people'));
}

/** The organisation's people, fetched once per page: they change only when the gateway restarts. */
function cachedPeople(): Promise<Directory> {
  directory ??= loadPeople().catch((error: unknown) => {
    directory = undefined;
    throw error;
  });
  return directory;
}

/**
 * Names people: the gateway's own organisation's people by their name (`GET /api/v1/people`), another
 * organisation's by their login with role and organisation, and an older record by role and organisation only.
 */
export function usePeople(): { readonly whoIs: (someone: Someone) => string } {
  const t = useTexts();
  const { nameOf } = useRegistry();
  const { data } = useLoad(cachedPeople, []);
  const whoIs = (someone: Someone): string => {
    const role = t.roles[someone.role] ?? someone.role;
    const organisation = nameOf(someone.mspId);
    if (someone.enrollmentId === undefined) return t.person.roleOnly(role, organisation);
    const known =
      data?.mspId === someone.mspId
        ? data.people.find((person) => person.enrollmentId === someone.enrollmentId)
        : undefined;
    return known === undefined
      ? t.person.login(someone.enrollmentId, role, organisation)
      : t.person.known(known.displayName, role);
  };
  return { whoIs };
}
