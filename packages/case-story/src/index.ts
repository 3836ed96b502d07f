export {
  addOnDraft,
  placementDraft,
  placementLines,
  schoolSupportLine,
  visitationDraft,
  visitationLine,
  type AgreementParties,
  type DraftOf,
} from './agreements';
export { kroner, MONTHLY, perWeekAllowance, PRICES, prorate, roundHalfUp } from './amounts';
export {
  addDays,
  daysInMonth,
  firstDayOfThisMonth,
  firstSundayFrom,
  lastDayOfMonths,
  month,
  monthDay,
  StoryCalendar,
  storyStart,
  visitsBetween,
  visitsInMonth,
} from './calendar';
export { documentHash, STATUS_REPORT } from './reports';
