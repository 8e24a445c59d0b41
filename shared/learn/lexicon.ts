/**
 * Small word lists the models use as features (and the GUM span derivation as rules), each a
 * closed class that GUM's 100,000 words cannot teach from examples alone: a word's list is one
 * feature (`lex=…`), so what the model learns for "police" or "government" carries over to
 * "militia" or "rebels", which GUM hardly has.
 */
const words = (s: string) => new Set(s.split(/\s+/).filter(Boolean));

/** Titles before a name: not part of a named person's span ("President", "spokesman"). */
export const TITLES = words(`
  president vice prime minister secretary general gen. gen mr. mr mrs. mrs ms. ms dr. dr spokesman spokeswoman spokesperson
  ambassador senator sen. governor gov. king queen prince princess chief colonel col. major captain capt. lieutenant lt.
  sergeant sgt. judge justice sheikh pope sir lord lady mayor chancellor commander director professor prof. rev. reverend
  father brother sister saint st. emperor empress chairman chairwoman representative rep. ceo founder leader coach member
  officer premier archbishop bishop cardinal emeritus envoy foreign defence defense interior`);

/** Nationality and group adjectives: actors only before an agentive noun ("Russian forces"). */
export const DEMONYMS = words(`
  afghan african american arab armenian asian australian austrian azerbaijani bangladeshi belgian brazilian british
  canadian chinese colombian cuban danish dutch egyptian emirati english ethiopian european filipino finnish french
  georgian german greek indian indonesian iranian iraqi irish israeli italian japanese jordanian kenyan korean kurdish
  lebanese libyan malaysian mexican moroccan nigerian norwegian pakistani palestinian polish portuguese qatari russian
  saudi scottish serbian somali spanish sudanese swedish swiss syrian taiwanese thai tunisian turkish ukrainian venezuelan
  vietnamese welsh western yemeni sunni shia shiite alawite islamist jihadist kurd soviet nato allied federal`);

/** Nouns for bodies that act: states, armed groups, institutions, officials. */
export const GROUP_NOUNS = words(`
  forces force troops army armies military militaries government governments authorities authority officials official
  regime regimes opposition rebels rebel fighters fighter militia militias militants militant insurgents insurgent
  jihadists navy soldiers soldier command commanders commander leaders leadership diplomats police intelligence ministry
  ministries administration parliament congress senate council committee agency agencies court courts party parties
  coalition alliance group groups faction factions brigade brigades battalion battalions division units unit
  reinforcements guard guards observatory organisation organization organizations organisations company companies
  firm union sources source spokesman spokesperson media outlet newspaper channel agency state states cabinet junta
  delegation delegations mission team staff board corps squad cell network movement front`);

/** Civilians and victims: not actors under the guidelines. */
export const VICTIMS = words(`
  civilian civilians victim victims casualty casualties individual individuals people person persons resident residents
  inhabitant inhabitants refugee refugees migrant migrants evacuee evacuees hostage hostages population populations
  family families passenger passengers patient patients bystander bystanders`);

/** Months and weekdays (never actors; dates are numbers). */
export const TIME_WORDS = words(`
  january february march april may june july august september october november december jan. feb. mar. apr. jun. jul.
  aug. sep. sept. oct. nov. dec. monday tuesday wednesday thursday friday saturday sunday`);

/** The lists a word belongs to, as a feature value ("title", "demonym", …) or null. */
export function lexClass(lower: string): string | null {
  if (TITLES.has(lower)) return 'title';
  if (DEMONYMS.has(lower)) return 'demonym';
  if (GROUP_NOUNS.has(lower)) return 'group';
  if (VICTIMS.has(lower)) return 'victim';
  if (TIME_WORDS.has(lower)) return 'time';
  return null;
}
