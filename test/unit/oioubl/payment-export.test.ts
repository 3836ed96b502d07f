import { expect } from 'chai';
import { danishAmount, paymentExport, type PayableItem } from '@fabric-agreements/oioubl';
import { PLACEMENT_SITE_CVR, PLACEMENT_SITE_GLN } from './fixtures';

const CONSULTANCY_CVR = '31415926';

const february: PayableItem = {
  agreementId: 'placement-1',
  invoiceId: 'OV-2026-0217',
  providerCvr: PLACEMENT_SITE_CVR,
  providerGln: PLACEMENT_SITE_GLN,
  month: '2026-02',
  amount: 12_850_000,
  dueDate: '2026-03-31',
};
const visits: PayableItem = {
  agreementId: 'visitation-1',
  invoiceId: 'K-88',
  providerCvr: CONSULTANCY_CVR,
  month: '2026-02',
  amount: 1_030_200,
  dueDate: '2026-03-31',
};
const addOn: PayableItem = {
  ...february,
  agreementId: 'addon-1',
  invoiceId: 'OV-2026-0218',
  amount: 1_065_600,
};

describe('oioubl: the payment export for the finance system', () => {
  it('writes one row per payable invoice with Danish decimals, sorted by creditor, agreement, month, invoice', () => {
    const file = paymentExport([visits, february, addOn]);
    expect(file.csv.startsWith('\uFEFF')).to.be.true;
    const rows = file.csv.slice(1).split('\r\n');
    expect(rows).to.deep.equal([
      'Kreditor CVR;Kreditor EAN;Fakturanummer;Aftale;Periode;Beløb;Valuta;Forfaldsdato;Tekst til kreditor;Posterings-ID',
      '29876543;5790000123456;OV-2026-0218;addon-1;2026-02;10656,00;DKK;2026-03-31;Faktura OV-2026-0218 2026-02;addon-1/OV-2026-0218',
      '29876543;5790000123456;OV-2026-0217;placement-1;2026-02;128500,00;DKK;2026-03-31;Faktura OV-2026-0217 2026-02;placement-1/OV-2026-0217',
      '31415926;;K-88;visitation-1;2026-02;10302,00;DKK;2026-03-31;Faktura K-88 2026-02;visitation-1/K-88',
      '',
    ]);
    expect(file).to.include({ rows: 3, totalOre: 14_945_800, total: '149458,00' });
  });

  it('writes øre with a decimal comma and no thousands separator', () => {
    expect(danishAmount(1)).to.equal('0,01');
    expect(danishAmount(761_460)).to.equal('7614,60');
    expect(danishAmount(9_500_000)).to.equal('95000,00');
  });

  it('never lets a spreadsheet read a field as a formula', () => {
    const file = paymentExport([{ ...february, invoiceId: '-A1' }]);
    expect(file.csv).to.contain(";'-A1;");
  });

  it('refuses an invoice listed twice, and items that are not valid', () => {
    expect(() => paymentExport([february, { ...february }])).to.throw(TypeError, /twice/);
    expect(() => paymentExport([{ ...february, amount: 0 }])).to.throw(TypeError);
    expect(() => paymentExport([{ ...february, amount: 1.5 }])).to.throw(TypeError);
    expect(() => paymentExport([{ ...february, providerCvr: 'DK29876543' }])).to.throw(TypeError);
    expect(() => paymentExport([{ ...february, month: '2026-13' }])).to.throw(TypeError);
    expect(() => paymentExport([{ ...february, invoiceId: 'a;b' }])).to.throw(TypeError);
  });

  it('writes only the header for nothing payable', () => {
    expect(paymentExport([])).to.include({ rows: 0, totalOre: 0, total: '0,00' });
  });
});
