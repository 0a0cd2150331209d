import { propertiesOf } from '../criteria/evaluate';
import type { RoutingConfig } from './config-schema';
import type { RoutedObjectType } from './decision';
import { ROUTING_PROPERTY_NAMES } from './properties';

/**
 * The properties the caller must read for `decideRoute`: on the record (for a card, its `propertiesToSend`) and
 * on the primary company (contacts only). Includes what the tiers' extra criteria read.
 */
export function routingPropertiesToRead(objectType: RoutedObjectType, config: RoutingConfig): { record: string[]; company: string[] } {
  const record = new Set<string>(['hubspot_owner_id', ...Object.values(ROUTING_PROPERTY_NAMES)]);
  const company = new Set<string>();
  if (objectType === 'companies') record.add(config.companySize.companyProperty);
  else {
    record.add(config.companySize.contactProperty);
    record.add('associatedcompanyid');
    company.add(config.companySize.companyProperty);
    company.add('hubspot_owner_id');
  }
  for (const tier of config.tiers) {
    if (!tier.when) continue;
    const used = propertiesOf(tier.when);
    used.record.forEach((p) => record.add(p));
    // A company's "company" criteria read the company record itself.
    used.company.forEach((p) => (objectType === 'companies' ? record.add(p) : company.add(p)));
  }
  return { record: [...record].sort(), company: [...company].sort() };
}
