import { readFileSync } from 'node:fs';

/** A person of the case story who can obtain tokens from the development identity provider. */
export interface DevUser {
  /** Login name; becomes the token's `sub` and the person's enrolment id at their organisation's CA. */
  readonly name: string;
  /** How screens address the person (the `name` claim): the login name with a capital letter. */
  readonly displayName: string;
  /** Organisation key, as in network/topology.json. */
  readonly org: string;
  readonly role: string;
}

/**
 * Reads the story's people from network/users.json, the same list the network scripts register at the Fabric CAs,
 * so that the identity provider and the CAs never disagree about who exists.
 * @throws Error if the file is missing or malformed.
 */
export function readDevUsers(file: string): readonly DevUser[] {
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as { users?: unknown };
  if (!Array.isArray(parsed.users)) {
    throw new Error(`${file} has no "users" array`);
  }
  return parsed.users.map((entry: unknown, index) => {
    const { name, org, role } = (entry ?? {}) as Record<string, unknown>;
    if (typeof name !== 'string' || typeof org !== 'string' || typeof role !== 'string') {
      throw new Error(`${file}: users[${index}] needs string name, org and role`);
    }
    return { name, displayName: name.charAt(0).toUpperCase() + name.slice(1), org, role };
  });
}

/**
 * The development secret of a user: `<name>-dev-secret`, both their client secret (client-credentials grant) and
 * their password on the login page. Development only; the provider refuses to start on anything but a loopback
 * address unless told otherwise.
 */
export function devClientSecret(user: Pick<DevUser, 'name'>): string {
  return `${user.name}-dev-secret`;
}
