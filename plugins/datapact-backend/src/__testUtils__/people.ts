/**
 * The example world's people the backend tests act as, with what each one is
 * (see catalog-info/org/*.yaml and catalog-info/stewards/).
 */
/** Northbridge University; steward priya-raman. */
export const priya = 'user:default/priya.raman';
/** Northbridge University; no steward. */
export const tomas = 'user:default/tomas.novak';
/** St Mary Hospital; steward ana-ruiz (delegate: ben-okafor). */
export const ana = 'user:default/ana.ruiz';
/** St Mary Hospital; steward ben-okafor (delegate: ana-ruiz), approver of the travel times. */
export const ben = 'user:default/ben.okafor';
/** St Mary Hospital; steward mei-tanaka. */
export const mei = 'user:default/mei.tanaka';
/** St Mary Hospital; no steward. */
export const rahul = 'user:default/rahul.mehta';
/** St Mary Hospital, Legal and Privacy Office (`group:default/legal`); no steward. */
export const sofia = 'user:default/sofia.lindqvist';
/** Riverside Mobility Cooperative; steward. */
export const fatima = 'user:default/fatima.haddad';
/** Member of the group that holds community-council. */
export const aroha = 'user:default/aroha.ngata';
/** Member of the group that holds community-council, like Aroha. */
export const wiremu = 'user:default/wiremu.tane';
/** Ngāti Example Enterprises; steward hemi-walker (delegate: community-council). */
export const hemi = 'user:default/hemi.walker';
/** Northbridge University; steward amara-nwosu, approver of the whānau wellbeing indicators. */
export const amara = 'user:default/amara.nwosu';
/** Riverside Mobility Cooperative; steward lucia-ferreira, approver of the OD travel times. */
export const lucia = 'user:default/lucia.ferreira';

/** A request St Mary staff may make: the outpatient travel times, for service planning. */
export function travelTimesRequest(justification: string) {
  return {
    dataset: 'dataset:default/st-mary-outpatient-travel-times',
    purpose: 'service-planning',
    justification,
    duration: 'P14D',
  };
}
