/** Types of network/topology.json as scripts/lib/topology-reader.cjs checks and returns it. */
export interface Endpoint {
  readonly port: number;
  readonly operationsPort: number;
}

export interface OrdererNode {
  readonly name: string;
  readonly port: number;
  readonly adminPort: number;
  readonly operationsPort: number;
}

export interface OrdererOrganisation {
  readonly key: string;
  readonly mspId: string;
  readonly domain: string;
  readonly host?: string;
  readonly ca: Endpoint;
  readonly nodes: readonly OrdererNode[];
}

export interface Organisation {
  readonly key: string;
  readonly mspId: string;
  readonly kind: 'municipality' | 'provider';
  readonly providerKind?: string;
  readonly displayName: string;
  readonly domain: string;
  /** Where the organisation's nodes listen and are dialled; the topology's `host` when absent. */
  readonly host?: string;
  readonly peer: {
    readonly name: string;
    readonly port: number;
    readonly chaincodePort: number;
    readonly operationsPort: number;
  };
  readonly ca: Endpoint;
  readonly gatewayPort: number;
}

/** A purchasing area: one channel and its member organisations' keys. */
export interface Domain {
  readonly channel: string;
  readonly description?: string;
  readonly members: readonly string[];
}

export interface ChaincodeSpec {
  readonly name: string;
  readonly path: string;
  readonly language: string;
  readonly version: string;
  readonly sequence: number;
  readonly ccaasBasePort: number;
}

export interface Topology {
  readonly host: string;
  readonly ordererOrg: OrdererOrganisation;
  readonly organisations: readonly Organisation[];
  readonly domains: readonly Domain[];
  readonly chaincode: ChaincodeSpec;
  readonly batchTimeout: string;
  /** BatchSize.MaxMessageCount (default 10). */
  readonly batchMaxMessageCount?: number;
  /** BatchSize.PreferredMaxBytes, e.g. `2 MB` (default `512 KB`). */
  readonly batchPreferredMaxBytes?: string;
}

/** A person of the case story (network/users.json). */
export interface StoryUser {
  readonly name: string;
  readonly org: string;
  readonly role: string;
}

export declare const ROOT: string;
export declare function checkTopology(raw: unknown): Topology;
/** network/topology.json with the providers that joined the network at `home` (`network.sh addOrg`) merged in. */
export declare function readTopology(root?: string, home?: string): Topology;
/** The topology the organisation file `file` would make by joining the network at `home`; throws if it cannot. */
export declare function topologyWithJoining(file: string, root?: string, home?: string): Topology;
export declare function readUsers(root?: string): readonly StoryUser[];
export declare function hostOf(topology: Topology, org: Organisation): string;
export declare function ordererHost(topology: Topology): string;
/** @throws {Error} for a key the topology does not declare. */
export declare function organisation(topology: Topology, key: string): Organisation;
export declare function channelMembers(topology: Topology, channel: string): Organisation[];
export declare function channelsOf(topology: Topology, key: string): string[];
export declare function gatewayUrl(topology: Topology, key: string): string;
