import type { ChaincodeStub } from '../stub';
import { AgreementStore } from './agreement-store';
import { DeadlineStore } from './deadline-store';
import { EInvoiceStore } from './einvoice-store';
import { InvoiceStore } from './invoice-store';
import { PersonalDataStore } from './personal-data-store';
import { RegistryStore } from './registry-store';
import { ReportStore } from './report-store';
import { SettlementStore } from './settlement-store';
import { LedgerState } from './state';

/**
 * Typed ledger access for one transaction: one store per aggregate over one {@link LedgerState}. Key layout:
 * `keys.ts`; generic reads, writes, pages and endorsement policies: `state.ts`.
 */
export class Repository {
  readonly registry: RegistryStore;
  readonly agreements: AgreementStore;
  readonly reports: ReportStore;
  readonly invoices: InvoiceStore;
  readonly settlements: SettlementStore;
  readonly deadlines: DeadlineStore;
  readonly personalData: PersonalDataStore;
  readonly einvoices: EInvoiceStore;

  constructor(stub: ChaincodeStub) {
    const state = new LedgerState(stub);
    this.registry = new RegistryStore(state);
    this.agreements = new AgreementStore(state);
    this.reports = new ReportStore(state);
    this.invoices = new InvoiceStore(state);
    this.settlements = new SettlementStore(state);
    this.deadlines = new DeadlineStore(state);
    this.personalData = new PersonalDataStore(state);
    this.einvoices = new EInvoiceStore(state);
  }
}
