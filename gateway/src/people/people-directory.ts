import { readFileSync } from 'node:fs';
import type { PeopleDirectoryView } from '@fabric-agreements/api';

type DirectoryPerson = PeopleDirectoryView['people'][number];

/** Guardians log in at the municipality too, but are never staff to be named to others. */
const GUARDIAN_ROLE = 'guardian';

/**
 * Who the gateway's own organisation's people are: enrolment id (the certificate CN the ledger records on
 * signatures and access-log entries), the name screens show, the role. Read once at start from a file in the
 * format of network/users.json (`{"users": [{"name", "org", "role", "displayName"?}]}`); only the entries of this
 * organisation are kept, so a gateway never describes another organisation's people, and never a guardian (the
 * directory is readable by everyone of the organisation, guardians included).
 */
export class PeopleDirectory {
  readonly #mspId: string;
  readonly #people: readonly DirectoryPerson[];

  private constructor(mspId: string, people: readonly DirectoryPerson[]) {
    this.#mspId = mspId;
    this.#people = people;
  }

  /** A directory that knows nobody (no file configured). */
  static empty(mspId: string): PeopleDirectory {
    return new PeopleDirectory(mspId, []);
  }

  /**
   * The people of organisation `orgKey` in `file`. Without `displayName`, the login with a capital letter (what the
   * development identity provider puts into its `name` claim).
   * @throws Error if the file cannot be read or is not in that format.
   */
  static fromFile(file: string, org: { readonly key: string; readonly mspId: string }): PeopleDirectory {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as { users?: unknown };
    if (!Array.isArray(parsed.users)) {
      throw new Error(`${file} has no "users" array`);
    }
    const people = parsed.users.flatMap((entry: unknown): DirectoryPerson[] => {
      const { name, org: key, role, displayName } = (entry ?? {}) as Record<string, unknown>;
      if (key !== org.key || typeof name !== 'string' || typeof role !== 'string' || name === '') {
        return [];
      }
      if (role === GUARDIAN_ROLE) {
        return []; // That someone is a guardian says a family has a child in care: never listed.
      }
      const shown = typeof displayName === 'string' && displayName !== '' ? displayName : capitalised(name);
      return [{ enrollmentId: name, displayName: shown, role }];
    });
    return new PeopleDirectory(org.mspId, people);
  }

  list(): PeopleDirectoryView {
    return { mspId: this.#mspId, people: this.#people };
  }
}

function capitalised(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}
