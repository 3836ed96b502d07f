import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Namespace } from 'kubernetes-models/v1/Namespace';
import { PersistentVolumeClaim } from 'kubernetes-models/v1/PersistentVolumeClaim';
import { Secret } from 'kubernetes-models/v1/Secret';
import { Service } from 'kubernetes-models/v1/Service';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { StatefulSet } from 'kubernetes-models/apps/v1/StatefulSet';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';

/**
 * Validates an object against the Kubernetes OpenAPI schema of its apiVersion and kind, offline: kubernetes-models
 * ships the schemas compiled to ajv validators (types, required fields, enums, formats, quantities). They let unknown
 * fields through; `unknownFieldErrors` (kubernetes-types.ts) catches those.
 * @throws when the object does not match its schema, or its kind is not one this project uses.
 */
export function validateAgainstSchema(object: { apiVersion: string; kind: string }): void {
  const Model = MODELS[`${object.apiVersion}/${object.kind}`];
  if (Model === undefined) {
    throw new Error(`no schema for ${object.apiVersion} ${object.kind}`);
  }
  new Model(object as never).validate();
}

type Validating = new (data: never) => { validate(): void };

const MODELS: Readonly<Record<string, Validating>> = {
  'v1/ConfigMap': ConfigMap,
  'v1/Namespace': Namespace,
  'v1/PersistentVolumeClaim': PersistentVolumeClaim,
  'v1/Secret': Secret,
  'v1/Service': Service,
  'apps/v1/Deployment': Deployment,
  'apps/v1/StatefulSet': StatefulSet,
  'networking.k8s.io/v1/NetworkPolicy': NetworkPolicy,
};
