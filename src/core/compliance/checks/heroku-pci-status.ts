import type { CheckResult } from '../types';

/** docs/references.md#compliance: no public statement makes Heroku a PCI DSS service provider; never state a level. */
export const HEROKU_PCI_STATUS: CheckResult = {
  status: 'attention',
  detail:
    'PCI status: check the Salesforce Trust/compliance docs. No public statement found says Heroku is a PCI DSS service provider for customer cardholder data.',
};
