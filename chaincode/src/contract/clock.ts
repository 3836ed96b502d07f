import type { ChaincodeStub } from './stub';
import type { Moment } from '../core/calendar-date';

const HOUR_MS = 3_600_000;

/**
 * The transaction's time, the only clock the chaincode reads: the timestamp the client put in the proposal header,
 * identical on every endorser. The instant is UTC with milliseconds; the date is the calendar date in Denmark
 * (Europe/Copenhagen), the day a caseworker would call "today", computed with the EU summer-time rule instead of
 * the runtime's time-zone database so that endorsers on different Node builds can never disagree.
 */
export function txMoment(stub: ChaincodeStub): Moment {
  const timestamp = stub.getTxTimestamp();
  const epochMs = epochMillis(timestamp.seconds, timestamp.nanos);
  return { instant: new Date(epochMs).toISOString(), date: copenhagenDate(epochMs) };
}

/**
 * Converts a protobuf timestamp to epoch milliseconds. The shim's own timestamps carry a `Long`, history entries a
 * plain number, despite both being typed as `Long`.
 */
export function epochMillis(seconds: unknown, nanos: number): number {
  const wholeSeconds =
    typeof seconds === 'number'
      ? seconds
      : typeof seconds === 'object' && seconds !== null && 'toNumber' in seconds
        ? (seconds as { toNumber(): number }).toNumber()
        : Number(seconds);
  return wholeSeconds * 1000 + Math.floor(nanos / 1_000_000);
}

/** ISO instant of a protobuf timestamp. */
export function isoInstant(seconds: unknown, nanos: number): string {
  return new Date(epochMillis(seconds, nanos)).toISOString();
}

/** `YYYY-MM-DD` in Europe/Copenhagen: CET (UTC+1), CEST (UTC+2) from the last Sunday of March to that of October. */
export function copenhagenDate(epochMs: number): string {
  const offset = isEuSummerTime(epochMs) ? 2 * HOUR_MS : HOUR_MS;
  return new Date(epochMs + offset).toISOString().slice(0, 10);
}

function isEuSummerTime(epochMs: number): boolean {
  const year = new Date(epochMs).getUTCFullYear();
  // Summer time starts and ends at 01:00 UTC on the last Sunday of March and of October.
  const start = Date.UTC(year, 2, lastSunday(year, 2), 1);
  const end = Date.UTC(year, 9, lastSunday(year, 9), 1);
  return epochMs >= start && epochMs < end;
}

function lastSunday(year: number, month: number): number {
  const lastDay = new Date(Date.UTC(year, month + 1, 0));
  return lastDay.getUTCDate() - lastDay.getUTCDay();
}
