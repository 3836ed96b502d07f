/** What a domain (channel) name may look like in a path or a header: Fabric's channel name rule. */
export const DOMAIN_PATTERN = '^[a-z][a-z0-9.-]{0,248}$';
